"""Feishu/Lark OKR exports: the reader, its mapping, and every place a table goes (audit, check-ins,
cycle review, label, widgets, stdin). Fixtures in tests/data/feishu/ were written from the public API
schemas (Open API v1 okr_list, lark-cli okr +cycle-detail / +progress-list); no tenant data."""
from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from okrcoach.auditing import run_audit
from okrcoach.auditing.checkins import check_updates, check_weekly_text
from okrcoach.auditing.cycle_review import score_table
from okrcoach.auditing.table import CONTRACT_COLUMNS, SCORE_COLUMNS
from okrcoach.classifier.judge import LexiconJudge
from okrcoach.cli import main
from okrcoach.core.errors import OKRInputError
from okrcoach.readers import read_okrs
from okrcoach.readers.feishu import date_text, read_export, score_text, status_name
from okrcoach.readers.richtext import IMAGE_ONLY, flatten

FIX = Path(__file__).parent / "data" / "feishu"
SAMPLE = Path(__file__).resolve().parents[1] / "okrcoach" / "data" / "sample_feishu_okrs.json"
COMPARED = ["okr_row", *CONTRACT_COLUMNS[1:], *SCORE_COLUMNS]


@pytest.fixture(scope="module")
def judge():
    return LexiconJudge()


def _rows(table):
    return [(r.row, r.owner, r.cycle, r.objective, r.key_result, r.score, r.parent) for r in table.rows]


def _write(path: Path, doc) -> Path:
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


def _v1(objectives, name="2026 Q3", **wrapper):
    return {**wrapper, "code": 0, "msg": "success", "data": {"okr_list": [{"name": name, "objective_list": objectives}]}}


# ------------------------------------------------------------------------------------ rich text
def test_flatten_handles_every_documented_form():
    users = {"ou_a": "张磊"}
    v2 = {"blocks": [{"block_element_type": "paragraph", "paragraph": {"elements": [
        {"paragraph_element_type": "textRun", "text_run": {"text": "见", "style": {"link": {"url": "https://x"}}}},
        {"paragraph_element_type": "docsLink", "docs_link": {"url": "https://x/docx/1", "title": "方案"}},
        {"paragraph_element_type": "mention", "mention": {"user_id": "ou_a"}}]}}]}
    v1 = {"blocks": [{"type": "paragraph", "paragraph": {"elements": [
        {"type": "textRun", "textRun": {"text": "完成 "}}, {"type": "person", "person": {"openId": "ou_a"}}]}}]}
    assert flatten(v2, users) == "见方案@张磊"
    assert flatten(json.dumps(v2), users) == "见方案@张磊"  # lark-cli --style richtext: a JSON string
    assert flatten(v1, users) == "完成 @张磊"
    assert flatten(v1) == "完成 @ou_a"  # no name known: the id, never nothing
    assert flatten({"text": "任务一 @{ou_a} ，任务二", "mention": ["ou_a"]}, users) == "任务一 @张磊 ，任务二"
    assert flatten("需求@刘三") == "需求@刘三"
    assert flatten({"zh_cn": "2026 年 Q3", "en_us": "2026 Q3"}) == "2026 年 Q3"


def test_images_only_becomes_a_visible_placeholder_and_paragraphs_join():
    gallery = {"blocks": [{"block_element_type": "gallery", "gallery": {"images": [{"src": "https://x/1.png"}]}}]}
    assert flatten(gallery) == IMAGE_ONLY
    assert flatten({"text": "", "images": ["https://x/1.png"]}) == IMAGE_ONLY
    two = {"blocks": [{"type": "paragraph", "paragraph": {"elements": [{"type": "textRun", "textRun": {"text": t}}]}}
                      for t in ("进展：a", "下周计划：b")]}
    assert flatten(two) == "进展：a 下周计划：b"
    assert flatten(two, sep="\n") == "进展：a\n下周计划：b"


# ------------------------------------------------------------------------------------ mapping
def test_scores_weights_status_and_deadlines():
    assert score_text(60, True) == "0.6" and score_text(0.6, False) == "0.6" and score_text(100, True) == "1"
    assert [status_name({"status": s}) for s in ("-1", "0", "1", "2")] == ["", "normal", "risk", "delayed"]
    assert [status_name(s) for s in ("normal", "overdue", "done", "extended")] == ["normal", "delayed", "done", "delayed"]
    assert date_text("1790783999000") == "2026-09-30" and date_text("2025-06-30 23:59:59") == "2025-06-30"
    assert date_text("0") == ""


def test_v1_mapping_owner_cycle_weights_lights_and_unscored_krs():
    t = read_okrs(FIX / "okrs_v1.json")
    f = t.frame
    assert list(f["owner"].unique()) == ["陈思琪", "张磊", "许文静"] and set(f["cycle"]) == {"2026 年 Q3"}
    row = f[f["id"] == "7100000000000000203"].iloc[0]
    assert (row["score"], row["weight"], row["progress_percent"], row["status"], row["status_light"], row["deadline"]) == \
        ("0.3", "0.4", "20", "delayed", "red", "2026-09-30")
    assert f[f["id"] == "7100000000000000206"].iloc[0]["status_light"] == "yellow"
    # score 0 with score_last_updated_time "0": nobody scored it, so it is blank, not a red 0
    assert f[f["id"] == "7100000000000000207"].iloc[0]["score"] == ""
    assert f[f["id"] == "7100000000000000202"].iloc[0]["objective_weight"] == "0.6"


def test_alignment_gives_the_parent_from_either_list(tmp_path):
    parent = {"id": "1", "content": "会员复购率从 31% 提升到 38%", "aligned_objective_list": [{"id": "2"}],
              "kr_list": [{"id": "11", "content": "会员 90 日复购率从 31% 提升到 38%（9 月 30 日前）"}]}
    child = {"id": "2", "content": "让老会员更常回来买",
             "kr_list": [{"id": "21", "content": "会员 90 日复购率从 31% 提升到 38%（9 月 30 日前）"}]}
    other = {"id": "3", "content": "新会员首月复购", "aligning_objective_list": [{"id": "1", "okr_id": "9"}],
             "kr_list": [{"id": "31", "content": "新会员 30 日二次下单率从 22% 提升至 30%"}]}
    outside = {"id": "4", "content": "支付成功率提升", "aligning_objective_list": [{"id": "404"}],
               "kr_list": [{"id": "41", "content": "支付成功率从 98.4% 提升到 99.2%"}]}
    path = _write(tmp_path / "align.json", [_v1([parent], user_name="王晓雯"), _v1([child, other, outside], user_name="周嘉航")])
    t = read_okrs(path)
    by_id = {r.id: r for r in t.rows}
    assert by_id["21"].parent == "会员 90 日复购率从 31% 提升到 38%（9 月 30 日前）"  # the superior KR it copies
    assert by_id["31"].objective_parent == "会员复购率从 31% 提升到 38%"
    assert by_id["41"].parent == "" and t.frame.loc[3, "parent_id"] == "404"  # parent not in the file: id kept
    findings = dict(zip(*run_audit(t, judge=LexiconJudge()).frame[["id", "findings"]].T.values))
    assert "ALIGN401" in findings["21"]  # the KR copies its superior's KR
    assert "ALIGN401" not in findings["31"] and "ALIGN401" not in findings["41"]


def test_objective_copying_its_superior_objective_is_found(tmp_path):
    parent = {"id": "1", "content": "让续费客户的门店数继续涨", "kr_list": [{"id": "11", "content": "加购门店新增 400 家"}]}
    child = {"id": "2", "content": "让续费客户的门店数继续涨", "aligning_objective_list": [{"id": "1"}],
             "kr_list": [{"id": "21", "content": "续约客户平均门店数从 12 家提升到 15 家"}]}
    path = _write(tmp_path / "o.json", [_v1([parent], user_name="张磊"), _v1([child], user_name="许文静")])
    frame = run_audit(path, judge=LexiconJudge()).frame
    assert "ALIGN401" in frame.loc[frame["id"] == "21", "findings"].iloc[0]


def test_unknown_fields_are_ignored_and_every_objective_is_a_row(tmp_path):
    objs = [{"id": "1", "content": "提升续费体验", "new_field_2027": {"x": [1, 2]}, "kr_list": []},
            {"id": "2", "permission": 0},  # no access: Feishu returns the id only
            {"id": "3", "content": "Make onboarding effortless", "kr_list": [
                {"id": "31", "content": "Cut time-to-first-value from 14 to 3 days", "surprise": True}]}]
    t = read_okrs(_write(tmp_path / "u.json", _v1(objs, extra_top="ignored")))
    assert [r.objective for r in t.rows] == ["提升续费体验", "", "Make onboarding effortless"]
    assert [i.code for i in t.rows[1].issues] == ["IN001"]
    assert [r.row for r in t.rows] == [2, 3, 4]


# ------------------------------------------------------------------------------------ same rows as the CSV
def _contract(result) -> pd.DataFrame:
    return result.frame[COMPARED].reset_index(drop=True)


def test_v1_plain_text_export_audits_like_the_equivalent_csv(judge):
    csv_result = run_audit(FIX / "okrs_equivalent.csv", judge=judge)
    json_result = run_audit(FIX / "okrs_v1.json", judge=judge)
    assert _rows(json_result.table) == _rows(csv_result.table)
    pd.testing.assert_frame_equal(_contract(json_result), _contract(csv_result))
    assert "ALIGN401" in ";".join(json_result.frame["findings"])  # the alignment reached the rules


def test_v2_contentblock_export_audits_like_the_equivalent_csv(judge, tmp_path):
    # lark-cli +cycle-detail has no alignment lists: the same CSV without its parent column
    csv = pd.read_csv(FIX / "okrs_equivalent.csv", dtype=str, keep_default_na=False).drop(columns=["parent"])
    csv.to_csv(tmp_path / "no-parent.csv", index=False)
    csv_result = run_audit(tmp_path / "no-parent.csv", judge=judge)
    json_result = run_audit(FIX / "okrs_v2_richtext.jsonl", judge=judge)
    assert _rows(json_result.table) == _rows(csv_result.table)
    assert "@许文静 每周整理一份正在扩张的存量客户清单" in json_result.frame["key_result"].tolist()  # mention → @name
    pd.testing.assert_frame_equal(_contract(json_result), _contract(csv_result))


# ------------------------------------------------------------------------------------ check-ins
WEEKLY_MD = """# 周报 · Weekly update — 2026-W36 — 张磊

## O1: 拿下华东前三大连锁火锅品牌中的至少一家

### KR1.1: 与 3 家头部火锅品牌进入商务谈判阶段（已出正式报价），9 月 15 日前
- 得分 / Score: 0.6
- 进展 / Progress: 品牌 B 已收到正式报价并确认进入商务谈判，3 家中已有 2 家出价
- 风险与支持 / Risks & support: 品牌 C 的 IT 负责人 9 月初离职，新负责人还没定
- 下周计划 / Next week: @张磊 约品牌 C 新的 IT 负责人见面；整理前两家的谈判要点

### KR1.2: 至少 1 家签约并完成 50 家门店上线（9 月 30 日前）
- 得分 / Score: 0.3
- 进展 / Progress: 本周和品牌 A 开了 2 次会，发了合同初稿，安排了 1 次门店演示
- 风险与支持 / Risks & support:
- 下周计划 / Next week: 跟进合同修改意见；@陈思琪 准备上线实施排期

## O2: 让续费客户的门店数继续涨

### KR2.1: 存量客户加购门店数 Q3 新增 400 家（Q2 为 210 家）
- 得分 / Score: 0.5
- 进展 / Progress: 累计新增加购门店 198 家，其中本周 36 家 加购客户清单
- 风险与支持 / Risks & support:
- 下周计划 / Next week:
"""
CHECKED = ["key_result", "score_value", "progress_label", "light", "findings", "messages"]


@pytest.mark.parametrize("okrs", ["okrs_v1.json", "okrs_v2_richtext.jsonl"])
def test_progress_records_check_like_the_weekly_template(judge, tmp_path, okrs):
    both = tmp_path / "okrs-and-progress.jsonl"  # the OKR export and the +progress-list pages in one file
    both.write_bytes((FIX / okrs).read_bytes() + b"\n" + (FIX / "progress_v2.jsonl").read_bytes())
    got = check_updates(both, judge=judge)
    want = check_weekly_text(WEEKLY_MD, judge=judge)
    assert got.frame["progress"].tolist() == want.frame["progress"].tolist()
    pd.testing.assert_frame_equal(got.frame[CHECKED].reset_index(drop=True), want.frame[CHECKED].reset_index(drop=True))
    assert got.frame["status_light"].tolist() == ["green", "red", "green"]


def test_v1_records_link_to_their_kr_through_progress_record_list(judge):
    result = check_updates(SAMPLE, judge=judge)
    assert result.frame["key_result"].tolist()[1] == "至少 1 家签约并完成 50 家门店上线（9 月 30 日前）"
    assert result.frame.loc[1, "week"] == "2026-09-04"
    assert "CHECKIN602" in result.frame.loc[1, "findings"]  # red (0.3) with no risk written


def test_checkin_of_an_okr_export_without_records_says_what_is_missing(judge):
    with pytest.raises(OKRInputError, match="no progress records"):
        check_updates(FIX / "okrs_v1.json", judge=judge)


# ------------------------------------------------------------------------------------ everywhere a table goes
def test_readme_example_audits_and_reviews_two_cycles(runner, tmp_path):
    out = tmp_path / "report.xlsx"
    result = runner.invoke(main, ["audit", str(SAMPLE), "--no-model", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "read as a Feishu/Lark OKR export" in result.output and "(11 rows)" in result.output
    shown = runner.invoke(main, ["audit", str(SAMPLE), "--no-model"])  # without -o: the cycle review table too
    assert shown.exit_code == 0 and "2026 年 Q2" in shown.output and "ALIGN401" in shown.output
    review = score_table(run_audit(SAMPLE, judge=LexiconJudge()))
    assert set(review.loc[review["owner"] == "张磊", "cycle"]) == {"2026 年 Q2", "2026 年 Q3"}


def test_stdin_json_is_audited_and_checked(runner):
    data = (FIX / "okrs_v2_richtext.jsonl").read_text(encoding="utf-8")
    result = runner.invoke(main, ["audit", "-", "--no-model"], input=data)
    assert result.exit_code == 0, result.output
    assert "<stdin>" in result.output and "许文静" in result.output
    checked = runner.invoke(main, ["checkin", "-", "--no-model"], input=SAMPLE.read_text(encoding="utf-8"))
    assert checked.exit_code == 0, checked.output
    assert "3 updates" in checked.output
    bad = runner.invoke(main, ["audit", "-", "--no-model"], input='{"code": 99991663, "msg": "Invalid access token"}')
    assert bad.exit_code == 2 and "Invalid access token" in bad.output and "Traceback" not in bad.output


def test_label_reads_a_feishu_export(runner, tmp_path):
    labels = tmp_path / "labels.csv"
    result = runner.invoke(main, ["label", str(FIX / "okrs_v1.json"), "--labels", str(labels), "--no-model"],
                           input="1q")
    assert result.exit_code == 0, result.output
    assert "7 key results to label" in result.output  # 8 KRs, one of them word for word its superior's
    written = pd.read_csv(labels, dtype=str)
    assert len(written) == 1 and written.loc[0, "source"] == "okrs_v1.json"


def test_audit_explorer_upload_reads_json(judge):
    pytest.importorskip("ipywidgets")
    from okrcoach.widgets.sessions import AuditSession

    session = AuditSession(judge=judge)
    assert session.load_upload("团队 OKR.json", (FIX / "okrs_v1.json").read_bytes()) is not None, session.error
    assert len(session.result.frame) == 8 and session.result.table.source == "团队 OKR.json"
    assert session.load_upload("broken.json", b'{"code": 0, "data": {"okr_list": [') is None
    assert session.error.startswith("broken.json:") and "cut off" in session.error


def test_read_export_keeps_records_in_order_and_counts_them():
    export = read_export(SAMPLE)
    assert len(export.okr_records) == 11 and len(export.updates) == 3
    assert [u["progress_id"] for u in export.updates] == sorted(u["progress_id"] for u in export.updates)


def test_an_error_envelope_among_good_responses_is_a_note_not_a_lost_user(tmp_path):
    good = (FIX / "okrs_v1.json").read_text(encoding="utf-8")
    path = tmp_path / "mixed.json"
    path.write_text(good + '\n{"code": 1001002, "msg": "No permission.", "data": {}}\n', encoding="utf-8")
    table = read_okrs(path)
    assert len(table.rows) == 8
    assert any("code 1001002: No permission." in n for n in table.notes)


def test_stdin_csv_still_reads_as_a_table(runner):
    data = (FIX / "okrs_equivalent.csv").read_text(encoding="utf-8")
    result = runner.invoke(main, ["audit", "-", "--no-model"], input=data)
    assert result.exit_code == 0, result.output
    assert "key results 8" in result.output


def test_python_api_audits_a_feishu_file():
    import okrcoach

    frame = okrcoach.audit(str(FIX / "okrs_v1.json"), judge=LexiconJudge())
    assert len(frame) == 8 and frame["okr_row"].tolist() == list(range(2, 10))


def test_without_scores_the_feishu_status_is_the_light(judge):
    result = check_updates(FIX / "progress_v2.jsonl", judge=judge)  # no OKR export in the file: no scores
    assert result.frame["score_value"].isna().all()
    assert result.frame["light"].tolist() == ["green", "red", "green"]
    found = dict(zip(result.frame["progress_id"], result.findings))
    delayed = [f for f in found["7100000000000000302"] if f.code == "CHECKIN602"]
    assert delayed and "status: delayed" in delayed[0].message("en")
    assert result.frame.loc[0, "next"].startswith("@ou_zhanglei")  # no users map in this file: ids, not names
