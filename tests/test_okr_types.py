"""OKR types (committed 承诺型 / aspirational 挑战型 / learning 学习型): read from a type column or a draft
tag, inferred only as a hint, and the rules that follow a given type — in Chinese and English."""
from __future__ import annotations

import pandas as pd
import pytest
from openpyxl import Workbook

import okrcoach
from okrcoach.analysis import analyse
from okrcoach.auditing import run_audit
from okrcoach.classifier.model import REPO_MODEL_DIR, load_model
from okrcoach.cli import main
from okrcoach.core.model import Judgement
from okrcoach.cycle.scoring import committed_status, read_score, score_light
from okrcoach.readers import parse_draft, read_okrs
from okrcoach.rules.config import Config
from okrcoach.rules.context import KRContext, ObjectiveContext
from okrcoach.rules.okr_types import infer_okr_type, parse_okr_type
from okrcoach.rules.registry import get_rule
from conftest import DATA, write_text

CFG = Config()


@pytest.fixture(scope="module")
def judge():
    """The shipped model, named explicitly so $OKRCOACH_MODEL cannot change what these tests see."""
    return load_model(REPO_MODEL_DIR)


def audit_frame(rows: list[dict], judge, **kwargs) -> pd.DataFrame:
    return run_audit(pd.DataFrame(rows), judge=judge, **kwargs).frame


def codes(frame: pd.DataFrame, i: int) -> set[str]:
    return set(filter(None, frame.loc[i, "findings"].split(";")))


# ------------------------------------------------------------------------------------ reading
@pytest.mark.parametrize("cell,expected", [
    ("承诺型", "committed"), ("承诺", "committed"), ("Committed", "committed"), ("COMMIT", "committed"),
    ("挑战型", "aspirational"), ("stretch", "aspirational"), ("Moonshot", "aspirational"), ("aspirational", "aspirational"),
    ("学习型", "learning"), ("探索型", "learning"), ("Learning", "learning"), ("exploratory", "learning"),
    ("  学习型 ", "learning"), ("Committed OKR", "committed"), ("", ""), ("KR", ""), ("O", ""),
    ("重要", None), ("important", None),
])
def test_type_cells_in_both_languages_and_any_case(cell, expected):
    assert parse_okr_type(cell) == expected


def test_audit_of_a_csv_with_a_chinese_type_column_fills_okr_type(tmp_path, judge):
    path = write_text(tmp_path / "types.csv", "负责人,类型,目标,关键结果\n"
                      "孙悦,承诺型,保障支付系统稳定运行,支付接口可用性保持 99.9% 以上\n"
                      "孙悦,学习型,评估进军东南亚市场的可行性,8 月 31 日前访谈 20 位商户，决定是否进入\n"
                      "孙悦,挑战型,让华东商家把我们当作首选,华东新签商家从 1200 家提升到 2000 家\n"
                      "孙悦,,让门店更好用,门店月活从 30% 提升至 45%\n")
    frame = run_audit(str(path), judge=judge).frame
    assert frame["okr_type"].tolist() == ["committed", "learning", "aspirational", ""]
    assert frame["okr_type_source"].tolist() == ["given", "given", "given", ""]
    assert frame["类型"].tolist() == ["承诺型", "学习型", "挑战型", ""]  # the user's column is kept as written


def test_audit_of_an_english_type_column_and_an_xlsx_okr_type_header(tmp_path, judge):
    wb = Workbook()
    ws = wb.active
    ws.append(["Owner", "OKR Type", "Objective", "Key Result"])
    ws.append(["Dan", "Committed", "Keep checkout available", "Maintain 99.95% checkout uptime through Q3"])
    ws.append(["Dan", "stretch", "Make self-serve our growth engine", "Self-serve share of new ARR from 22% to 40%"])
    ws.append(["Dan", "Exploratory", "Validate whether SMB teams will pay for analytics",
               "By Aug 31, interview 15 admins to decide whether to build the tier"])
    wb.save(tmp_path / "types.xlsx")
    frame = run_audit(str(tmp_path / "types.xlsx"), judge=judge).frame
    assert frame["okr_type"].tolist() == ["committed", "aspirational", "learning"]


def test_an_unknown_type_is_an_input_finding_and_the_row_is_kept(judge):
    frame = audit_frame([{"type": "重要", "objective": "让门店更好用", "key_result": "门店月活从 30% 提升至 45%"},
                         {"type": "important", "objective": "Win the mid-market", "key_result": "Grow ARR from $1M to $2M"},
                         {"type": "承诺型", "objective": "保障支付稳定", "key_result": "可用性保持 99.9%"}], judge)
    assert len(frame) == 3 and "IN007" in codes(frame, 0) and "IN007" in codes(frame, 1)
    assert frame["okr_type"].tolist() == ["", "", "committed"]
    assert "重要" in frame.loc[0, "messages"] and "important" in frame.loc[1, "messages"]


def test_a_typed_layout_keeps_its_o_kr_type_column_and_reads_an_okr_type_column(judge):
    frame = audit_frame([{"type": "O", "OKR 类型": "学习型", "text": "评估进军东南亚市场的可行性"},
                         {"type": "KR", "OKR 类型": "", "text": "8 月 31 日前访谈 20 位商户，决定是否进入"}], judge)
    assert frame["okr_type"].tolist() == ["learning", "learning"]
    assert "IN006" not in frame.loc[0, "findings"] and "IN007" not in frame.loc[0, "findings"]


@pytest.mark.parametrize("line,okr_type,text", [
    ("O1 [承诺型]: 保障支付系统稳定运行", "committed", "保障支付系统稳定运行"),
    ("O2 (learning): Assess whether SMB teams will pay", "learning", "Assess whether SMB teams will pay"),
    ("目标二（学习型）：评估进军东南亚市场的可行性", "learning", "评估进军东南亚市场的可行性"),
    ("O3: Make self-serve our growth engine [stretch]", "aspirational", "Make self-serve our growth engine"),
    ("O4: 让门店更好用 (Q3)", "", "让门店更好用 (Q3)"),
])
def test_draft_tags_set_the_type_and_leave_the_text(line, okr_type, text):
    d = parse_draft(line + "\nKR1: 门店月活从 30% 提升至 45%")[0]
    assert (d.kind, d.okr_type, d.text) == ("objective", okr_type, text)
    assert line[d.column:d.column + len(text)] == text  # spans still point at the user's characters


def test_draft_tag_reaches_every_kr_of_the_objective(tmp_path):
    table = read_okrs(write_text(tmp_path / "draft.md", "O1 [承诺型]: 保障支付系统稳定运行\nKR1: 可用性保持 99.9%\n"
                                 "KR2: 故障恢复不超过 30 分钟\nO2: 让门店更好用\nKR1: 门店月活从 30% 提升至 45%\n"))
    assert [r.okr_type for r in table.rows] == ["committed", "committed", ""]


# ---------------------------------------------------------------------------------- inference
@pytest.mark.parametrize("objective,krs,expected", [
    ("评估进军东南亚市场的可行性", (), "learning"),
    ("测试新的内容营销模式", (), "learning"),
    ("验证会员订阅的付费假设", (), "learning"),
    ("Validate whether SMB teams will pay for a self-serve tier", (), "learning"),
    ("Assess the feasibility of entering Brazil", (), "learning"),
    ("保障系统 99.9% 的运行时间", (), "committed"),
    ("保持支付系统稳定", (), "committed"),
    ("Maintain payments API availability", (), "committed"),
    ("让支付更可靠", ("支付接口可用性保持 99.95%",), "committed"),
    ("让 A 产品成为中小商家开店的首选工具", (), ""),
    ("Make self-serve the main engine of new-customer growth", (), ""),
    ("提升作者留存", (), ""),
])
def test_a_type_is_inferred_only_from_clear_wording(objective, krs, expected):
    assert infer_okr_type(objective, krs).okr_type == expected


@pytest.mark.parametrize("objective,kr", [
    ("评估进军东南亚市场的可行性", "开展 20 位东南亚商户访谈"),
    ("Validate whether SMB teams will pay for a self-serve tier", "Run 12 customer interviews about pricing"),
])
def test_an_inferred_type_is_a_hint_and_changes_no_judgement(objective, kr, judge):
    frame = audit_frame([{"objective": objective, "key_result": kr}], judge)
    assert frame.loc[0, "okr_type"] == "learning" and frame.loc[0, "okr_type_source"] == "inferred"
    assert "O206" in codes(frame, 0)  # the hint …
    assert "KR101" in codes(frame, 0) and "KR108" not in codes(frame, 0)  # … and the judgement is today's
    assert ("学习型" in frame.loc[0, "messages"]) or ("learning" in frame.loc[0, "messages"])


# ------------------------------------------------------------------------------ learning OKRs
@pytest.mark.parametrize("objective,kr", [
    ("评估进军东南亚市场的可行性", "开展 20 位东南亚商户访谈"),
    ("Validate whether SMB teams will pay for a self-serve tier", "Run 12 customer interviews about pricing"),
])
def test_the_same_knowledge_kr_is_a_todo_under_committed_and_not_under_learning(objective, kr, judge):
    frame = audit_frame([{"owner": "A", "type": "committed", "objective": objective, "key_result": kr},
                         {"owner": "B", "type": "learning", "objective": objective, "key_result": kr}], judge)
    assert frame.loc[0, "kr_label"] == frame.loc[1, "kr_label"] == "todo"  # the classifier's label is kept
    assert "KR101" in codes(frame, 0) and "KR101" not in codes(frame, 1)
    assert "KR108" in codes(frame, 1)  # instead: what will be decided, and by when?


@pytest.mark.parametrize("kr", ["本季度写 6 篇东南亚市场研究报告", "Publish 4 research reports on the Brazil market"])
def test_kr107_does_not_count_activities_of_a_learning_kr(kr, judge):
    committed = audit_frame([{"type": "挑战型", "objective": "O", "key_result": kr}], judge)
    learning = audit_frame([{"type": "学习型", "objective": "O", "key_result": kr}], judge)
    assert "KR107" in codes(committed, 0) and "KR107" not in codes(learning, 0)


@pytest.mark.parametrize("kr", ["上线新版会员中心", "Ship the new onboarding flow"])
def test_a_plain_todo_under_a_learning_objective_is_still_a_todo(kr, judge):
    frame = audit_frame([{"type": "learning", "objective": "评估新市场的可行性", "key_result": kr}], judge)
    assert "KR101" in codes(frame, 0) and "KR108" not in codes(frame, 0)


def kr_ctx(text: str, okr_type: str = "", label: str = "todo", score: str | None = None) -> KRContext:
    return KRContext(text, analyse(text), Judgement(label, 0.9), CFG, "O", 2, "",
                     read_score(score) if score is not None else None, okr_type)


def obj_ctx(text: str, okr_type: str = "", label: str = "ok", krs=()) -> ObjectiveContext:
    return ObjectiveContext(text, analyse(text), Judgement(label, 0.9), CFG, list(krs), 1, "", okr_type)


@pytest.mark.parametrize("text,fires,missing", [
    ("写一份东南亚市场调研报告", True, ("决定", "何时")),
    ("8 月底前完成东南亚市场调研报告", True, ("决定",)),
    ("完成 20 位商户访谈，决定是否进入东南亚", True, ("何时",)),
    ("8 月 31 日前完成东南亚 3 国市场调研,给出是否进入及首发国家的决策建议", False, ()),
    ("Run pricing experiments with trial users", True, ("decided", "by when")),
    ("By June 30, run 3 pricing experiments to decide whether to launch a team tier", False, ()),
])
def test_kr108_a_learning_kr_names_the_decision_and_the_deadline(text, fires, missing):
    hits = list(get_rule("KR108").check(kr_ctx(text, "learning")))
    assert bool(hits) is fires
    for word in missing:
        assert word in hits[0].message_zh + hits[0].message_en
    assert list(get_rule("KR108").check(kr_ctx(text, "aspirational"))) == []
    assert list(get_rule("KR108").check(kr_ctx(text, ""))) == []


# ----------------------------------------------------------------------------- committed OKRs
def test_committed_status_reads_met_or_missed():
    assert [committed_status(v) for v in (1.0, 0.95, 0.7, 0.0, None)] == ["met", "missed", "missed", "missed", ""]
    assert score_light(0.7, "committed") == "missed" and score_light(0.7, "aspirational") == "green"
    assert score_light(0.7, "") == "green" and score_light(0.7, "learning") == "green"


@pytest.mark.parametrize("type_cell,objective,kr", [
    ("承诺型", "保障支付系统稳定运行", "支付接口可用性保持 99.9% 以上"),
    ("committed", "Keep checkout available", "Maintain 99.95% checkout uptime through Q3"),
])
def test_committed_scores_read_as_met_or_missed(type_cell, objective, kr, judge):
    rows = [{"owner": owner, "type": t, "objective": objective, "key_result": kr, "score": s}
            for owner, t, s in (("A", type_cell, "0.7"), ("B", type_cell, "1.0"), ("C", "", "0.7"))]
    frame = audit_frame(rows, judge)
    assert frame["kr_light"].tolist() == ["missed", "met", "green"]
    assert frame["objective_light"].tolist() == ["missed", "met", "green"]
    assert "SCORE506" in codes(frame, 0) and "SCORE506" not in codes(frame, 1) and "SCORE506" not in codes(frame, 2)
    msg = frame.loc[0, "messages"]
    assert ("未达成" in msg and "原因" in msg) or ("missed" in msg and "cause" in msg)


def test_an_inferred_committed_type_keeps_the_traffic_light(judge):
    frame = audit_frame([{"objective": "保障支付系统稳定运行", "key_result": "支付接口可用性保持 99.9% 以上",
                          "score": "0.7"}], judge)
    assert frame.loc[0, "okr_type_source"] == "inferred" and frame.loc[0, "kr_light"] == "green"
    assert "SCORE506" not in codes(frame, 0)


@pytest.mark.parametrize("type_cell,fires", [("承诺型", False), ("committed", False), ("挑战型", True), ("", True)])
def test_committed_perfect_scores_are_not_sandbagging(type_cell, fires, judge):
    rows = []
    for cycle in ("2026-Q1", "2026-Q2"):
        for kr in ("支付接口可用性保持 99.9% 以上", "P0 故障恢复时间不超过 30 分钟"):
            rows.append({"owner": "孙悦", "cycle": cycle, "type": type_cell, "objective": f"保障支付系统稳定运行 {cycle}",
                         "key_result": kr, "score": "1.0"})
    frame = audit_frame(rows, judge)
    found = set().union(*(codes(frame, i) for i in range(len(frame))))
    assert ("SCORE503" in found) is fires and ("SCORE504" in found) is fires


def test_routine_is_what_a_committed_objective_is_for(judge):
    text = "Keep the lights on"
    assert list(get_rule("O204").check(obj_ctx(text, "committed", "routine")))  # the rule itself still fires …
    frame = audit_frame([{"owner": "A", "type": "committed", "objective": text, "key_result": "Maintain 99.95% uptime"},
                         {"owner": "B", "type": "stretch", "objective": text, "key_result": "Maintain 99.95% uptime"}],
                        judge)
    if frame.loc[1, "objective_label"] == "routine":  # … but the engine skips it for a committed objective
        assert "O204" in codes(frame, 1)
    assert "O204" not in codes(frame, 0)


# --------------------------------------------------------------------------- absolute targets
@pytest.mark.parametrize("text,okr_type,fires", [
    ("实现零缺陷生产", "", True), ("实现零缺陷生产", "aspirational", True), ("全年 0 投诉", "", True),
    ("客户满意度达到 100%", "", True), ("Zero customer complaints", "", True), ("Never miss a release date", "", True),
    ("续费金额不低于去年的 100%", "", False), ("Renewed at >= 100% of prior contract value", "", False),
    ("不良品率从 2% 降到 1%", "", False), ("自动化测试覆盖率从 60% 提升到 100%", "", False),
    ("Cut customer complaints from 40 to 25 a month", "", False),
    ("实现零缺陷生产", "committed", False), ("支付接口可用性保持 99.9%", "", False),
    ("Maintain 99.9% availability", "aspirational", False), ("Zero customer complaints", "learning", False),
])
def test_kr109_absolute_target_hint(text, okr_type, fires):
    hits = list(get_rule("KR109").check(kr_ctx(text, okr_type, "outcome")))
    assert bool(hits) is fires
    if fires:
        assert hits[0].start is not None and hits[0].suggestion
        assert "提示" in hits[0].message_zh and "Hint" in hits[0].message_en


@pytest.mark.parametrize("text,okr_type,fires", [
    ("实现零缺陷生产", "", True), ("Never miss a release date", "aspirational", True),
    ("保障系统 100% 可用", "", False), ("实现零缺陷生产", "committed", False),
    ("让产线质量稳定到客户不再为质量投诉", "", False),
])
def test_o207_objective_absolute_target_hint(text, okr_type, fires):
    assert bool(list(get_rule("O207").check(obj_ctx(text, okr_type)))) is fires


# --------------------------------------------------------- the new rules' documented examples
# bad must fire, better must not; the context a rule needs (the objective's type, a score) sits beside it
TYPE_RULE_FIXTURES = {
    "KR108": lambda text: kr_ctx(text, "learning"),
    "KR109": lambda text: kr_ctx(text, "aspirational", "outcome"),
    "O206": lambda text: obj_ctx(text.split(":", 1)[-1].split("]: ", 1)[-1].strip() if "]" in text else text),
    "O207": lambda text: obj_ctx(text, "aspirational"),
}


@pytest.mark.parametrize("code", list(TYPE_RULE_FIXTURES))
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_documented_examples_of_the_type_rules(code, lang):
    r = get_rule(code)
    bad, better = (r.doc.bad_zh, r.doc.better_zh) if lang == "zh" else (r.doc.bad_en, r.doc.better_en)
    assert list(r.check(TYPE_RULE_FIXTURES[code](bad))), (code, lang, bad)
    if code == "O206":  # the better form is the tagged line: a given type, no hint
        better_ctx = obj_ctx(TYPE_RULE_FIXTURES[code](better).text, parse_draft(better)[0].okr_type)
        assert parse_draft(better)[0].okr_type
    else:
        better_ctx = TYPE_RULE_FIXTURES[code](better)
    assert not list(r.check(better_ctx)), (code, lang, better)


@pytest.mark.parametrize("score,fires", [("0.8", True), ("80%", True), ("1.0", False), ("100", False), ("", False)])
def test_score506_documented_scores(score, fires):
    r = get_rule("SCORE506")
    assert bool(list(r.check(kr_ctx("支付接口可用性保持 99.9%", "committed", "outcome", score)))) is fires
    assert not list(r.check(kr_ctx("Maintain 99.9% availability", "aspirational", "outcome", score)))


# ------------------------------------------------------------------------------- everywhere
def test_summary_per_type(judge):
    result = run_audit(str(DATA / "sample_types.csv"), judge=judge)
    by_type = result.summary.by_type.set_index("okr_type")
    assert list(by_type.index) == ["committed", "aspirational", "learning"]
    assert by_type.loc["committed", "committed_missed"] == 2  # 0.8 (zh) and 0.7 (en)
    assert by_type.loc["learning", "learning_no_decision"] == 2  # the report (zh), the experiments (en)
    assert by_type.loc["learning", "inferred_objectives"] == 1  # 测试新的内容营销模式 …
    assert by_type.loc["aspirational", "absolute_targets"] == 2  # 零客诉, zero churn
    assert int(by_type["key_results"].sum()) == 14
    assert result.summary.to_dict()["by_type"][0]["okr_type"] == "committed"


def test_cli_check_shows_the_type_and_audit_prints_per_type(runner, tmp_path, no_model_env):
    draft = write_text(tmp_path / "d.md", "O1 [学习型]: 评估进军东南亚市场的可行性\nKR1: 写一份东南亚市场调研报告\n"
                                          "O2: Validate whether SMB teams will pay for analytics\nKR1: Run pricing experiments\n")
    res = runner.invoke(main, ["check", str(draft), "--no-model"])
    assert res.exit_code == 1, res.output
    assert "学习型" in res.output and "KR108" in res.output and "O206" in res.output
    res = runner.invoke(main, ["check", str(draft), "--no-model", "--format", "json"])
    import json

    lines = json.loads(res.output)["lines"]
    assert [(l["okr_type"], l["okr_type_source"]) for l in lines if l["kind"] == "objective"] == [
        ("learning", "given"), ("learning", "inferred")]
    res = runner.invoke(main, ["audit", str(DATA / "sample_types.csv"), "--no-model"])
    assert res.exit_code == 0, res.output
    assert "committed" in res.output and "learning" in res.output and "missed" in res.output
    out = tmp_path / "types.csv"
    res = runner.invoke(main, ["audit", str(DATA / "sample_types.csv"), "--no-model", "-o", str(out)])
    assert res.exit_code == 0, res.output
    written = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert {"okr_type", "okr_type_source"} <= set(written.columns)
    assert written["okr_type"].iloc[0] == "committed"


def test_python_api_check_draft_reports_the_type():
    report = okrcoach.check_draft("O1 [承诺型]: 保障支付系统稳定运行\nKR1: 支付接口可用性保持 99.9% 以上")
    assert [(l.kind, l.okr_type) for l in report.lines] == [("objective", "committed"), ("kr", "committed")]


def test_a_type_column_that_names_no_okr_type_is_left_alone(judge):
    frame = audit_frame([{"类型": "个人", "objective": "让门店更好用", "key_result": "门店月活从 30% 提升至 45%"},
                         {"类型": "团队", "objective": "让门店更好用", "key_result": "续费率从 80% 提升至 90%"}], judge)
    assert frame["okr_type"].tolist() == ["", ""] and not frame["findings"].str.contains("IN007").any()
    frame = audit_frame([{"OKR 类型": "个人", "objective": "让门店更好用", "key_result": "门店月活从 30% 提升至 45%"}], judge)
    assert "IN007" in codes(frame, 0)  # a column named for OKR types is always read


def test_the_absolute_pattern_lookahead_names_every_first_character():
    # okr_types.tsv opens the absolute pattern with a lookahead of first characters (a speed-up); a new
    # alternative whose first character is missing there would silently never match
    import re

    from okrcoach.rules.okr_types import _patterns

    source = _patterns()["absolute"].pattern
    lookahead, body = re.match(r"\(\?=(\[[^\]]+\])\)\(\?:(.*)\)$", source).groups()
    lines = ["实现零缺陷生产", "0 投诉", "客户 0 起客诉", "达成率 100%", "百分之百准时", "杜绝客诉", "永不宕机", "从不延误", "绝不返工",
             "全部达标", "Zero critical defects", "never miss a release", "Always on time", "without exception",
             "a flawless launch", "a PERFECT record", "NPS 提升至 50"]
    plain = re.compile(body, re.IGNORECASE)
    for line in lines:
        assert [m.span() for m in _patterns()["absolute"].finditer(line)] == [m.span() for m in plain.finditer(line)], line
    firsts = re.compile(lookahead, re.IGNORECASE)
    for alternative in re.split(r"\|(?![^()]*\))", body):
        first = alternative.removeprefix(r"\b")[0]
        assert firsts.match(first), alternative


def test_service_level_numbers_all_hold_99():
    """_infer skips the service_level_number search on a KR without "99": the pattern must need those digits."""
    from okrcoach.rules.okr_types import _patterns

    source = _patterns()["service_level_number"].pattern
    assert source.startswith("99") and "|" not in source
    assert infer_okr_type("提升客户体验", ["核心服务可用性保持 99.95% 以上"]).okr_type == "committed"
    assert infer_okr_type("提升客户体验", ["核心服务可用性保持 98% 以上"]).okr_type == ""
    # a KR is not even shadowed without a "99" or a character shadow() turns into "9": the full-width form must
    # still count, and every character that shadows into a "9" must be one _infer looks for
    assert infer_okr_type("提升客户体验", ["核心服务可用性保持 ９９.９５% 以上"]).okr_type == "committed"
    assert infer_okr_type("提升客户体验", ["核心服务可用性保持 9９.95% 以上"]).okr_type == "committed"
    from okrcoach.analysis.normalize import shadow
    from okrcoach.rules.okr_types import _nine_forms

    assert {chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000 and "9" in shadow(chr(c))} == {"9", *_nine_forms()}


@pytest.mark.parametrize("text", ["实现零缺陷生产", "客戶投訴０起", "Zero customer complaints", "NEVER miss a release",
                                  "renewed at >= 100% of prior contract value", "不低于 100% 的续约率", "NPS 从 35 提升至 50",
                                  "全部满意", "", "  "])
def test_absolute_target_reads_the_analysis_shadow_as_its_own(text):
    """KR109/O207 pass the analysis's shadow text instead of shadowing the line again: the same span either way,
    and an Analysis without one (built by hand) still gets the line's own shadow."""
    from dataclasses import replace

    from okrcoach.rules.okr_types import absolute_target
    from okrcoach.rules.type_rules import kr_absolute_target

    a = analyse(text)
    assert absolute_target(text, a.shadow_text or None) == absolute_target(text)
    j = Judgement("outcome", 0.9)
    hits = [(h.start, h.end, h.message_zh) for h in kr_absolute_target(KRContext(text, a, j, CFG))]
    bare = [(h.start, h.end, h.message_zh) for h in kr_absolute_target(KRContext(text, replace(a, shadow_text=""), j, CFG))]
    assert hits == bare
