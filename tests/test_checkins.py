"""Weekly check-ins: the Markdown weekly update, progress notes judged key progress or activity,
the CHECKIN6xx rules, the weekly template (Markdown and Excel), reports and the CLI."""
from __future__ import annotations

import json

import pandas as pd
import pytest
from openpyxl import load_workbook

from okrcoach.auditing.checkins import (CHECKIN_COLUMNS, check_updates, item_has_owner, next_items, parse_weekly_markdown,
                               read_updates)
from okrcoach.classifier.model import REPO_MODEL_DIR, load_model
from okrcoach.cli import main
from okrcoach.core.errors import OKRInputError
from okrcoach.reports.checkin_report import write_checkins
from okrcoach.reports.weekly_template import HEADERS, template_rows, weekly_markdown, write_weekly_template
from okrcoach.rules.config import Config
from conftest import DATA, write_text

WEEKLY_MD = DATA / "weekly_update_zh.md"
CYCLES = DATA / "sample_cycles.csv"

KEY_PROGRESS_ZH = "3 家客户已成单，累计签约金额 120 万（目标 300 万）"
ACTIVITY_ZH = "本周拜访了 5 家客户，开了 2 次评审会"
KEY_PROGRESS_EN = "Activation up to 41% from 36% after the new checklist"
ACTIVITY_EN = "Met with legal; drafted the FAQ"


@pytest.fixture(scope="module")
def judge():
    """The shipped model, named explicitly so $OKRCOACH_MODEL cannot change what these tests see."""
    return load_model(REPO_MODEL_DIR)


def update(key_result: str, progress: str = "", score: str = "", risks: str = "", next_: str = "") -> dict:
    return {"key_result": key_result, "score": score, "progress": progress, "risks": risks, "next": next_}


def findings_of(result, i: int = 0) -> list[str]:
    return [f.code for f in result.findings[i]]


# ------------------------------------------------------------------------------ check_updates
def test_every_update_row_is_a_row_out_in_order_with_input_columns_kept(judge):
    frame = pd.DataFrame({
        "备注": ["第一行", "第二行", "第三行"],
        "key_result": ["签约 3 家连锁品牌", "Partner portal launched", "续约率从 88% 提升到 93%"],
        "progress": [KEY_PROGRESS_ZH, ACTIVITY_EN, ""],
        "score": ["0.6", "90", "已完成"],
    })
    result = check_updates(frame, judge=judge)
    assert len(result.frame) == 3 and len(result.findings) == 3
    assert list(result.frame.columns) == list(frame.columns) + CHECKIN_COLUMNS
    pd.testing.assert_frame_equal(result.frame[list(frame.columns)], frame, check_dtype=False)
    assert result.frame["score_value"].tolist()[:2] == [0.6, 0.9]
    assert pd.isna(result.frame["score_value"][2]) and result.frame["light"].tolist() == ["yellow", "green", ""]


def test_a_user_column_named_like_ours_is_kept(judge):
    frame = pd.DataFrame({"key_result": ["签约 3 家连锁品牌"], "progress": [KEY_PROGRESS_ZH], "findings": ["我的备注"]})
    result = check_updates(frame, judge=judge)
    assert result.frame["findings"].tolist() == ["我的备注"]
    assert "okrcoach_findings" in result.frame.columns


@pytest.mark.parametrize("note,label", [
    (KEY_PROGRESS_ZH, "key_progress"),
    ("自助解决率升到 29%（上周 26%）", "key_progress"),
    (KEY_PROGRESS_EN, "key_progress"),
    ("Two ISV deals closed this week; partner ARR now at ¥0.62M", "key_progress"),
    (ACTIVITY_ZH, "activity"),
    ("开了一次商机复盘会，梳理了丢单原因", "activity"),
    (ACTIVITY_EN, "activity"),
    ("Held 3 partner pipeline reviews; updated the deal tracker", "activity"),
])
def test_progress_note_is_classified_key_progress_or_activity(judge, note, label):
    result = check_updates(pd.DataFrame([update("KR", note)]), judge=judge)
    assert result.frame["progress_label"][0] == label
    assert result.frame["progress_unsure"][0] == 0


@pytest.mark.parametrize("note,message", [
    (ACTIVITY_ZH, "这条进展列的是做了哪些事"),
    (ACTIVITY_EN, "This progress note lists what was done"),
])
def test_checkin601_flags_an_activity_list_in_the_notes_language(judge, note, message):
    result = check_updates(pd.DataFrame([update("签约 3 家连锁品牌", note, "0.5")]), judge=judge)
    assert findings_of(result) == ["CHECKIN601"]
    assert message in result.frame["messages"][0]
    f = result.findings[0][0]
    assert (f.start, f.end) == (0, len(note))


@pytest.mark.parametrize("note", [KEY_PROGRESS_ZH, KEY_PROGRESS_EN])
def test_checkin601_is_silent_for_key_progress(judge, note):
    assert findings_of(check_updates(pd.DataFrame([update("签约 3 家连锁品牌", note, "0.5")]), judge=judge)) == []


@pytest.mark.parametrize("score", ["0.2", "20", "20%", "0"])
def test_checkin602_flags_a_red_kr_without_risks(judge, score):
    result = check_updates(pd.DataFrame([update("有效商机到成单转化率从 18% 提升到 25%", KEY_PROGRESS_ZH, score)]),
                           judge=judge)
    assert result.frame["light"][0] == "red"
    assert findings_of(result) == ["CHECKIN602"]
    assert "这条 KR 是红灯" in result.frame["messages"][0]


def test_checkin602_is_silent_for_a_red_kr_with_risks(judge):
    result = check_updates(pd.DataFrame([update(
        "有效商机到成单转化率从 18% 提升到 25%", KEY_PROGRESS_ZH, "0.2",
        risks="转化率还在 19% 左右，主要卡在价格，需要区域折扣权限")]), judge=judge)
    assert result.frame["light"][0] == "red" and findings_of(result) == []


@pytest.mark.parametrize("score", ["0.4", "0.7", "", "已完成"])
def test_checkin602_is_silent_unless_the_kr_is_red(judge, score):
    result = check_updates(pd.DataFrame([update("Partner portal launched", KEY_PROGRESS_EN, score)]), judge=judge)
    assert "CHECKIN602" not in findings_of(result)


@pytest.mark.parametrize("next_,orphans", [
    ("整理拜访纪要", ["整理拜访纪要"]),
    ("@张磊 约见 3 家扩张最快的客户；制定加购优惠方案", ["制定加购优惠方案"]),
    ("Launch announcement", ["Launch announcement"]),
    ("@Hannah Weiss join Thursday's call; draft the partner pricing proposal", ["draft the partner pricing proposal"]),
])
def test_checkin603_flags_next_week_items_without_owner(judge, next_, orphans):
    result = check_updates(pd.DataFrame([update("签约 3 家连锁品牌", KEY_PROGRESS_ZH, "0.5", next_=next_)]),
                           judge=judge)
    assert findings_of(result) == ["CHECKIN603"]
    f = result.findings[0][0]
    assert next_[f.start:f.end] == orphans[0]
    assert all(o in result.frame["messages"][0] for o in orphans)


@pytest.mark.parametrize("next_", [
    "@许文静 每周一发布未更新商机清单",
    "@陈思琪 确认实施人员；@张磊 催对方法务审核进度",
    "@Daniel Okafor share the videos with the CSMs",
    "约品牌 C 新的 IT 负责人见面（张磊负责）",
    "",
])
def test_checkin603_is_silent_when_every_item_has_an_owner(judge, next_):
    result = check_updates(pd.DataFrame([update("签约 3 家连锁品牌", KEY_PROGRESS_ZH, "0.5", next_=next_)]),
                           judge=judge)
    assert "CHECKIN603" not in findings_of(result)


def test_checkin604_flags_an_empty_progress_note(judge):
    result = check_updates(pd.DataFrame([update("做 3 场店长线上直播课", "", "0.7"),
                                         update("Partner portal launched", "   ", "0.9")]), judge=judge)
    assert [findings_of(result, i) for i in (0, 1)] == [["CHECKIN604"], ["CHECKIN604"]]
    assert result.frame["progress_label"].tolist() == ["", ""]
    assert result.summary()["no_progress"] == 2


def test_checkin604_is_silent_with_a_progress_note(judge):
    assert "CHECKIN604" not in findings_of(check_updates(pd.DataFrame([update("做 3 场店长线上直播课", KEY_PROGRESS_ZH)]),
                                                         judge=judge))


def test_ignore_applies_to_checkin_rules(judge):
    frame = pd.DataFrame([update("有效商机到成单转化率从 18% 提升到 25%", ACTIVITY_ZH, "0.2", next_="整理拜访纪要")])
    config = Config().with_overrides(ignore=["CHECKIN603", "red-kr-without-risk"])
    assert findings_of(check_updates(frame, config, judge)) == ["CHECKIN601"]


def test_missing_progress_column_is_one_line_naming_the_file(tmp_path):
    path = write_text(tmp_path / "周报.csv", "key_result,score,risks\n签约 3 家连锁品牌,0.5,\n")
    with pytest.raises(OKRInputError) as exc:
        check_updates(path)
    message = str(exc.value)
    assert "\n" not in message
    assert message.startswith(str(path)) and "progress" in message


def test_sample_weekly_updates_csv_checks_every_row(judge):
    source = pd.read_csv(DATA / "sample_weekly_updates.csv", dtype=str, keep_default_na=False)
    result = check_updates(DATA / "sample_weekly_updates.csv", judge=judge)
    assert len(result.frame) == len(source) == 40
    assert result.frame["key_result"].tolist() == source["key_result"].tolist()
    assert result.frame["okr_row"].tolist() == list(range(2, 42))
    empty = source.index[source["progress"] == ""].tolist()
    assert [i for i, f in enumerate(result.findings) if "CHECKIN604" in [x.code for x in f]] == empty


# -------------------------------------------------------------------------------- next items
def test_next_items_split_on_semicolons_newlines_and_numbering():
    assert next_items("@张磊 约客户；整理纪要; 2) @Priya review the contract") == [
        "@张磊 约客户", "整理纪要", "@Priya review the contract"]
    assert next_items("1. 约客户 2. 整理纪要 3. 发报价") == ["约客户", "整理纪要", "发报价"]
    assert next_items("约客户\n整理纪要") == ["约客户", "整理纪要"]
    assert next_items("") == [] and next_items(" ；; ") == []


@pytest.mark.parametrize("item", ["@张磊 约客户", "约客户（张磊负责）", "负责人：许文静", "owner: Priya",
                                  "Review the contract by: Sam", "@Priya review the contract"])
def test_item_names_an_owner(item):
    assert item_has_owner(item)


@pytest.mark.parametrize("item", ["整理纪要", "review the contract", "Ask the team to review"])
def test_item_without_owner(item):
    assert not item_has_owner(item)


def test_fullwidth_at_names_an_owner():
    assert item_has_owner("＠许文静 提交优惠审批")


def test_email_address_is_not_an_owner():
    assert not item_has_owner("send the deck to sam@example.com")


# --------------------------------------------------------------------------- Markdown parser
def test_markdown_title_gives_owner_and_week():
    frame = parse_weekly_markdown(WEEKLY_MD.read_text(encoding="utf-8"))
    assert set(frame["week"]) == {"2026-W37"} and set(frame["owner"]) == {"陈思琪"}
    assert frame["objective"].tolist()[:3] == ["让续约不再靠季度最后一周冲刺"] * 3
    assert frame["line"].tolist() == [5, 11, 17, 25, 31, 39, 45]


def test_markdown_english_title_gives_owner_and_week():
    text = "# Weekly update — W37 — Ravi Menon\n\n## O1: Partners bring in deals\n\n### KR1.1: Partner portal launched\n" \
           "- Progress: Portal live since Sep 8; 11 partners signed in\n"
    frame = parse_weekly_markdown(text)
    assert frame[["week", "owner", "objective"]].iloc[0].tolist() == ["W37", "Ravi Menon", "Partners bring in deals"]
    assert frame["progress"][0] == "Portal live since Sep 8; 11 partners signed in"


def test_markdown_without_title_has_no_owner_or_week_column():
    frame = parse_weekly_markdown("## O1: 让门店店长愿意用会员模块\n### KR1.1: 做 3 场店长线上直播课\n- 进展：第 2 场直播已完成\n")
    assert list(frame.columns) == ["objective", "key_result", "score", "progress", "risks", "next", "line"]


def test_markdown_empty_values_after_the_colon_stay_empty():
    frame = parse_weekly_markdown(WEEKLY_MD.read_text(encoding="utf-8"))
    kr = frame[frame["key_result"] == "做 3 场店长线上直播课"].iloc[0]
    assert (kr["score"], kr["progress"], kr["risks"]) == ("0.7", "", "")
    assert kr["next"].startswith("@陈思琪 9 月 19 日做第 3 场直播")


def test_markdown_field_names_in_either_language_and_colon_width():
    text = "### KR1.1: 帮助中心自助解决率从 22% 提升到 40%\n* 得分：0.35\n- Progress: 自助解决率升到 29%\n" \
           "- 风险: 搜索效果差\n- Next week: @周航 评估搜索优化的排期\n- 备注: 不是字段\n"
    rec = parse_weekly_markdown(text).iloc[0]
    assert (rec["score"], rec["progress"], rec["risks"], rec["next"]) == (
        "0.35", "自助解决率升到 29%", "搜索效果差", "@周航 评估搜索优化的排期")


def test_markdown_kr_block_without_fields_is_kept():
    text = "# 周报 · Weekly update — 2026-W38 — 张磊\n\n## O1: 提升商机转化\n\n" \
           "### KR1.1: 有效商机到成单转化率从 18% 提升到 25%\n\n### KR1.2: CRM 中商机阶段更新及时率提升至 80%\n" \
           "- 进展 / Progress: 更新及时率 64%（上周 57%）\n"
    frame = parse_weekly_markdown(text)
    assert frame["key_result"].tolist() == ["有效商机到成单转化率从 18% 提升到 25%", "CRM 中商机阶段更新及时率提升至 80%"]
    assert frame.iloc[0][["score", "progress", "risks", "next"]].tolist() == ["", "", "", ""]
    assert frame["progress"][1] == "更新及时率 64%（上周 57%）"


def test_markdown_without_kr_blocks_is_an_input_error(tmp_path):
    path = write_text(tmp_path / "notes.md", "# 周报 · Weekly update — 2026-W37 — 陈思琪\n\n本周无更新。\n")
    with pytest.raises(OKRInputError, match="has no KR blocks") as exc:
        check_updates(path)
    assert str(exc.value).startswith(str(path)) and "\n" not in str(exc.value)


@pytest.mark.parametrize("heading,objective", [
    ("# O1: 让周报真正有用", "让周报真正有用"),
    ("# O1: Make the weekly update worth reading", "Make the weekly update worth reading"),
])
def test_markdown_objective_mentioning_weekly_update_is_not_a_title(heading, objective):
    text = f"# 周报 · Weekly update — 2026-W37 — 陈思琪\n\n{heading}\n\n### KR1.1: 周报按时提交率从 60% 提升到 95%\n" \
           "- 进展 / Progress: 按时提交率升到 80%\n"
    rec = parse_weekly_markdown(text).iloc[0]
    assert (rec.get("objective"), rec.get("owner"), rec.get("week")) == (objective, "陈思琪", "2026-W37")


def test_markdown_updates_are_checked_with_source_line_numbers(judge):
    result = check_updates(WEEKLY_MD, judge=judge)
    f = result.frame
    assert f["okr_row"].tolist() == [5, 11, 17, 25, 31, 39, 45]
    assert f.loc[f["okr_row"] == 31, "findings"].item() == "CHECKIN603;CHECKIN604"
    assert "CHECKIN602" in f.loc[f["okr_row"] == 25, "findings"].item()  # red 0.25, no risks
    assert "CHECKIN602" not in f.loc[f["okr_row"] == 5, "findings"].item()
    assert f.loc[f["okr_row"] == 11, "progress_label"].item() == "key_progress"


def test_read_updates_returns_frame_rows_and_column_map():
    frame, rows, cmap, name = read_updates(WEEKLY_MD)
    assert rows == [5, 11, 17, 25, 31, 39, 45] and len(frame) == 7 and name == str(WEEKLY_MD)
    assert {k: cmap[k] for k in ("key_result", "progress", "risks", "next", "score")} == {
        "key_result": "key_result", "progress": "progress", "risks": "risks", "next": "next", "score": "score"}


# ------------------------------------------------------------------------------ weekly template
def test_template_takes_the_latest_cycle_by_default():
    rows = template_rows(CYCLES)
    source = pd.read_csv(CYCLES, dtype=str, keep_default_na=False)
    assert set(rows["cycle"]) == {"2026-Q3"}
    assert rows["key_result"].tolist() == source.loc[source["cycle"] == "2026-Q3", "key_result"].tolist()


def test_template_takes_the_cycle_asked_for():
    rows = template_rows(CYCLES, cycle="2026-Q1")
    assert set(rows["cycle"]) == {"2026-Q1"} and len(rows) == 42
    assert "继续推进 CRM 系统建设" in set(rows["objective"])


def test_template_unknown_cycle_is_one_line_listing_the_cycles():
    with pytest.raises(OKRInputError) as exc:
        template_rows(CYCLES, cycle="2025-Q4")
    message = str(exc.value)
    assert "\n" not in message and "sample_cycles.csv" in message
    assert "2025-Q4" in message and "2026-Q1, 2026-Q2, 2026-Q3" in message


def test_weekly_markdown_has_a_section_per_owner_and_numbered_krs():
    text = weekly_markdown(template_rows(CYCLES), week="2026-W38")
    assert "# 周报 · Weekly update — 2026-W38 — 张磊" in text
    assert "# 周报 · Weekly update — 2026-W38 — Ravi Menon" in text
    assert "## O1: 拿下华东前三大连锁火锅品牌中的至少一家" in text
    assert "### KR1.2: 至少 1 家签约并完成 50 家门店上线（9 月 30 日前）\n- 得分 / Score:\n- 进展 / Progress:" in text


def test_markdown_template_parses_back_to_the_same_krs_owners_and_week():
    rows = template_rows(CYCLES)
    frame = parse_weekly_markdown(weekly_markdown(rows, week="2026-W38"))
    assert frame["key_result"].tolist() == rows["key_result"].tolist()
    assert frame["owner"].tolist() == rows["owner"].tolist()
    assert frame["objective"].tolist() == rows["objective"].tolist()
    assert set(frame["week"]) == {"2026-W38"}


@pytest.mark.parametrize("suffix", [".md", ".xlsx"])
def test_template_round_trip_gives_one_unfilled_update_per_kr(tmp_path, judge, suffix):
    rows = template_rows(CYCLES)
    path = write_weekly_template(CYCLES, tmp_path / f"weekly{suffix}", week="2026-W38")
    result = check_updates(path, judge=judge)
    kr_col = "key_result" if suffix == ".md" else "关键结果"
    assert result.frame[kr_col].tolist() == rows["key_result"].tolist()
    assert [[f.code for f in found] for found in result.findings] == [["CHECKIN604"]] * len(rows)


def test_template_xlsx_for_an_earlier_cycle_reads_back(tmp_path, judge):
    path = write_weekly_template(CYCLES, tmp_path / "q1.xlsx", cycle="2026-Q1")
    result = check_updates(path, judge=judge)
    assert result.frame["关键结果"].tolist() == template_rows(CYCLES, cycle="2026-Q1")["key_result"].tolist()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_template_xlsx_header_is_in_the_chosen_language(tmp_path, lang):
    path = write_weekly_template(CYCLES, tmp_path / "weekly.xlsx", lang=lang)
    ws = load_workbook(path).active
    expected = [HEADERS[lang][c] for c in ("owner", "team", "objective", "key_result", "score", "progress", "risks",
                                           "next")]
    assert [c.value for c in ws[1]] == expected
    assert ws.freeze_panes == "A2" and ws.max_row == 41


def test_template_xlsx_keeps_formula_like_okr_text_as_text(tmp_path):
    frame = pd.DataFrame({"owner": ["Ravi Menon"], "cycle": ["2026-Q3"], "objective": ["=cmd|' /C calc'!A0"],
                          "key_result": ['=HYPERLINK("http://evil.example","Partner portal launched")']})
    ws = load_workbook(write_weekly_template(frame, tmp_path / "weekly.xlsx")).active
    objective, kr = ws.cell(row=2, column=3), ws.cell(row=2, column=4)
    assert (objective.data_type, kr.data_type) == ("s", "s")
    assert objective.value == "'=cmd|' /C calc'!A0"
    assert kr.value == '\'=HYPERLINK("http://evil.example","Partner portal launched")'


@pytest.mark.parametrize("name,message", [("weekly.txt", ".md or .xlsx"), ("no/such/dir/weekly.md", "folder")])
def test_template_output_errors_are_input_errors(tmp_path, name, message):
    with pytest.raises(OKRInputError, match=message):
        write_weekly_template(CYCLES, tmp_path / name)


# ----------------------------------------------------------------------------- check-in reports
@pytest.fixture
def injected_updates(judge):
    return check_updates(pd.DataFrame([
        update("=1+1", "=SUM(A1:A9)", "0.2", risks="@risk", next_="@张磊 约客户"),
        update("续约率（按 ARR）从 88% 提升到 93%", "-5% churn vs Q2", "-5%", next_="整理流失客户原因"),
    ]), judge=judge)


def test_checkin_csv_has_every_row_and_defuses_formulas(tmp_path, injected_updates):
    path = write_checkins(injected_updates, tmp_path / "checkins.csv")
    back = pd.read_csv(path, dtype=str, keep_default_na=False)
    assert len(back) == 2 and list(back.columns) == list(injected_updates.frame.columns)
    assert back["key_result"].tolist() == ["'=1+1", "续约率（按 ARR）从 88% 提升到 93%"]
    assert back["progress"].tolist() == ["'=SUM(A1:A9)", "'-5% churn vs Q2"]
    assert back["risks"][0] == "'@risk" and back["score"][1] == "-5%"  # a plain number stays a number


def test_checkin_xlsx_keeps_formula_like_text_as_text(tmp_path, injected_updates):
    ws = load_workbook(write_checkins(injected_updates, tmp_path / "checkins.xlsx")).active
    headers = [c.value for c in ws[1]]
    kr, progress = ws.cell(row=2, column=headers.index("key_result") + 1), ws.cell(row=2, column=headers.index(
        "progress") + 1)
    assert (kr.value, kr.data_type) == ("'=1+1", "s")
    assert (progress.value, progress.data_type) == ("'=SUM(A1:A9)", "s")
    assert ws.max_row == 3
    assert ws.cell(row=2, column=headers.index("light") + 1).fill.fgColor.rgb.endswith("F8CBAD")  # red


def test_checkin_json_has_summary_and_every_update(tmp_path, injected_updates):
    doc = json.loads(write_checkins(injected_updates, tmp_path / "checkins.json").read_text(encoding="utf-8"))
    assert doc["summary"]["updates"] == 2 and doc["summary"]["red"] == 1
    assert [u["key_result"] for u in doc["updates"]] == ["=1+1", "续约率（按 ARR）从 88% 提升到 93%"]


def test_checkin_report_rejects_an_unknown_format(tmp_path, injected_updates):
    with pytest.raises(OKRInputError, match="unknown format .pdf"):
        write_checkins(injected_updates, tmp_path / "checkins.pdf")


def test_checkin_csv_opens_in_excel_with_chinese_intact(tmp_path, injected_updates):
    assert write_checkins(injected_updates, tmp_path / "checkins.csv").read_bytes().startswith(b"\xef\xbb\xbf")


# --------------------------------------------------------------------------------------- CLI
MODEL = ["--model", str(REPO_MODEL_DIR)]


def test_cli_checkin_prints_findings_per_kr(runner):
    result = runner.invoke(main, ["checkin", str(WEEKLY_MD), *MODEL])
    assert result.exit_code == 0, result.output
    out = result.output
    assert f"{WEEKLY_MD}:25 [red 0.25]" in out
    assert "CHECKIN602 warning 这条 KR 是红灯（得分 0.25）" in out
    assert f"{WEEKLY_MD}:31 [green 0.7] [无进展] 做 3 场店长线上直播课" in out
    assert "CHECKIN604 info 这条 KR 本周没有写进展。" in out
    assert out.rstrip().splitlines()[-1].startswith("7 updates:")


def test_cli_checkin_json_parses(runner):
    result = runner.invoke(main, ["checkin", str(WEEKLY_MD), "--format", "json", *MODEL])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["summary"]["updates"] == 7 and doc["summary"]["no_progress"] == 1
    assert [u["okr_row"] for u in doc["updates"]] == [5, 11, 17, 25, 31, 39, 45]
    assert doc["updates"][4]["findings"] == "CHECKIN603;CHECKIN604"


def test_cli_checkin_writes_every_row(runner, tmp_path):
    out = tmp_path / "out.csv"
    result = runner.invoke(main, ["checkin", str(DATA / "sample_weekly_updates.csv"), "-o", str(out), *MODEL])
    assert result.exit_code == 0, result.output
    assert f"wrote {out} (40 rows)" in result.output
    back = pd.read_csv(out, dtype=str, keep_default_na=False)
    source = pd.read_csv(DATA / "sample_weekly_updates.csv", dtype=str, keep_default_na=False)
    assert back["key_result"].tolist() == source["key_result"].tolist()


@pytest.mark.parametrize("args,message", [
    (["checkin", "nope.md"], "nope.md: no such file"),
    (["checkin", "nope.csv"], "nope.csv: no such file"),
    (["template", str(CYCLES), "-o", "x.md", "--cycle", "2025-Q4"], "has no cycle '2025-Q4'"),
])
def test_cli_input_errors_exit_2_with_one_line(runner, tmp_path, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(main, args)
    assert result.exit_code == 2 and isinstance(result.exception, SystemExit)
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("okrcoach: ") and message in lines[0]


def test_cli_checkin_missing_progress_column_exits_2(runner, tmp_path):
    path = write_text(tmp_path / "updates.csv", "key_result,score\nPartner portal launched,0.9\n")
    result = runner.invoke(main, ["checkin", str(path), "--no-model"])
    assert result.exit_code == 2 and isinstance(result.exception, SystemExit)
    assert len(result.stderr.strip().splitlines()) == 1 and "progress" in result.stderr and str(path) in result.stderr


@pytest.mark.parametrize("extra", [[], ["--cycle", "2026-Q1"]])
def test_cli_template_writes_markdown(runner, tmp_path, extra):
    out = tmp_path / "x.md"
    result = runner.invoke(main, ["template", str(CYCLES), "-o", str(out), "--week", "2026-W38", *extra])
    assert result.exit_code == 0, result.output
    assert f"wrote {out}" in result.output
    frame = parse_weekly_markdown(out.read_text(encoding="utf-8"))
    cycle = extra[1] if extra else "2026-Q3"
    assert frame["key_result"].tolist() == template_rows(CYCLES, cycle=cycle)["key_result"].tolist()


def test_cli_template_xlsx_with_a_dated_week_label(runner, tmp_path):
    out = tmp_path / "weekly.xlsx"
    result = runner.invoke(main, ["template", str(CYCLES), "-o", str(out), "--week", "2026/09/14"])
    assert result.exit_code in (0, 2) and not isinstance(result.exception, ValueError)


def test_cli_checkin_json_stays_parseable_when_also_writing_a_file(runner, tmp_path):
    result = runner.invoke(main, ["checkin", str(WEEKLY_MD), "--format", "json", "-o", str(tmp_path / "o.csv"),
                                  *MODEL])
    assert result.exit_code == 0
    json.loads(result.stdout)


def test_cli_checkin_shows_the_kr_under_a_key_result_header(runner, tmp_path):
    path = write_text(tmp_path / "updates.csv", "Week,Key Result,Score,Progress,Risks,Next\n"
                                                "2026-W37,Partner portal launched,0.9,Fixed the login bugs; wrote 2 guides,,\n")
    result = runner.invoke(main, ["checkin", str(path), *MODEL])
    assert result.exit_code == 0
    first = result.output.splitlines()[0]
    assert first.endswith("Partner portal launched"), first
