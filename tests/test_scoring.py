"""End-of-cycle scores: reading a score cell, traffic lights, objective means, the SCORE5xx rules,
the audit's score columns, the per-owner review table and chart."""
from __future__ import annotations

import math

import pandas as pd
import pytest

from okrcoach.auditing import run_audit
from okrcoach.auditing.cycle_review import REVIEW_COLUMNS, score_chart, score_table
from okrcoach.auditing.table import SCORE_COLUMNS
from okrcoach.classifier.judge import LexiconJudge
from okrcoach.cli import main
from okrcoach.cycle.scoring import mean_score, read_score, traffic_light
from conftest import DATA

# Score rules do not depend on how lines are judged: the lexicon judge keeps these audits fast
# and independent of the shipped model.
JUDGE = LexiconJudge()


def audit_frame(rows: list[dict]):
    return run_audit(pd.DataFrame(rows), judge=JUDGE)


def codes(frame: pd.DataFrame, prefix: str = "SCORE") -> list[str]:
    return sorted(c for cell in frame["findings"] for c in cell.split(";") if c.startswith(prefix))


def rows_with(frame: pd.DataFrame, code: str) -> pd.DataFrame:
    return frame[frame["findings"].str.split(";").map(lambda cs: code in cs)]


@pytest.fixture(scope="module")
def sample_cycles():
    return run_audit(DATA / "sample_cycles.csv", judge=JUDGE)


# ------------------------------------------------------------------------------------ read_score
S = pytest.param


@pytest.mark.parametrize("raw,value,scale,problem", [
    S(0.7, 0.7, "unit", "", id="float-0.7"),
    S("0.7", 0.7, "unit", "", id="text-0.7"),
    S("0", 0.0, "unit", "", id="zero-is-a-score"),
    S("1.0", 1.0, "unit", "", id="one"),
    S("1", 1.0, "unit", "", id="one-is-unit-not-hundred"),
    S(" 0.45 ", 0.45, "unit", "", id="spaces-around"),
    S("70", 0.7, "hundred", "", id="hundred-scale"),
    S(70, 0.7, "hundred", "", id="int-hundred-scale"),
    S("100", 1.0, "hundred", "", id="hundred-is-full-score"),
    S("10", 0.1, "hundred", "", id="ten-is-lowest-hundred"),
    S("70 分", 0.7, "hundred", "", id="zh-fen-suffix"),
    S("70%", 0.7, "percent", "", id="percent"),
    S("100%", 1.0, "percent", "", id="percent-full"),
    S("0%", 0.0, "percent", "", id="percent-zero"),
    S("７０％", 0.7, "percent", "", id="fullwidth-percent"),
    S("０.７", 0.7, "unit", "", id="fullwidth-digits"),
    S("1.3", None, "", "out_of_range", id="unit-score-gone-over"),
    S("5", None, "", "out_of_range", id="between-1-and-10-unknown-scale"),
    S("9.5", None, "", "out_of_range", id="just-below-ten"),
    S("-0.2", None, "", "out_of_range", id="negative"),
    S("150", None, "", "out_of_range", id="above-hundred"),
    S("120%", None, "percent", "out_of_range", id="percent-above-hundred"),
    S("已完成", None, "", "unreadable", id="zh-done-text"),
    S("done", None, "", "unreadable", id="en-done-text"),
    S("0,7", None, "", "unreadable", id="decimal-comma-is-not-guessed"),
    S("", None, "", "", id="blank"),
    S("   ", None, "", "", id="whitespace-is-blank"),
    S(None, None, "", "", id="none"),
    S(float("nan"), None, "", "", id="pandas-nan"),
])
def test_read_score_puts_every_scale_on_zero_to_one(raw, value, scale, problem):
    reading = read_score(raw)
    assert (reading.value, reading.scale, reading.problem) == (value, scale, problem)


def test_read_score_keeps_the_raw_cell_and_says_when_it_rescaled():
    assert read_score("７０％").raw == "７０％"
    assert read_score("70").rescaled and read_score("70%").rescaled
    assert not read_score("0.7").rescaled and not read_score("").rescaled


# --------------------------------------------------------------------------------- traffic lights
@pytest.mark.parametrize("score,light", [
    (0, "red"), (0.3, "red"), (0.35, "red"), (0.3994, "red"),
    (0.4, "yellow"), (0.6, "yellow"), (0.65, "yellow"), (0.6994, "yellow"),
    (0.7, "green"), (0.85, "green"), (1.0, "green"),
])
def test_traffic_light_boundaries(score, light):
    assert traffic_light(score) == light


@pytest.mark.parametrize("score,light", [
    (0.3999, "red"),  # has not reached 0.4
    (0.6999, "yellow"),  # has not reached 0.7
    (0.69999999999, "green"),  # 0.7 up to floating-point noise is green, not yellow
    (sum([0.7, 0.7, 0.7]) / 3, "green"),  # 0.6999999999999998
])
def test_traffic_light_absorbs_float_noise_but_not_real_shortfalls(score, light):
    assert traffic_light(score) == light


@pytest.mark.parametrize("score", [None, float("nan")])
def test_traffic_light_is_empty_without_a_score(score):
    assert traffic_light(score) == ""


# ----------------------------------------------------------------------------- objective score
def test_objective_score_is_the_mean_of_scored_krs_only():
    assert mean_score([0.5, None, 1.0, float("nan")]) == 0.75
    assert mean_score([0.6, 0.5, 1.0]) == 0.7


def test_objective_score_is_none_when_no_kr_is_scored():
    assert mean_score([None, float("nan")]) is None
    assert mean_score([]) is None


def test_audit_objective_score_leaves_out_blank_and_unreadable_krs():
    frame = audit_frame([
        {"owner": "许文静", "objective": "继续推进 CRM 系统建设", "key_result": "完成 CRM 需求调研", "score": "0.9"},
        {"owner": "许文静", "objective": "继续推进 CRM 系统建设", "key_result": "CRM 与合同系统打通", "score": "已完成"},
        {"owner": "许文静", "objective": "继续推进 CRM 系统建设", "key_result": "销售使用 CRM 录入商机", "score": "0.6"},
        {"owner": "许文静", "objective": "继续推进 CRM 系统建设", "key_result": "CRM 商机必填字段完整率达到 90%", "score": ""},
    ]).frame
    assert frame["objective_score"].tolist() == [0.75] * 4
    assert frame["objective_light"].tolist() == ["green"] * 4
    assert frame["kr_light"].tolist() == ["green", "", "yellow", ""]
    assert math.isnan(frame["kr_score"][1]) and math.isnan(frame["kr_score"][3])


# ------------------------------------------------------------------------------ SCORE501 / 502
@pytest.mark.parametrize("raw,message", [
    ("1.3", "Score '1.3' is out of range"),
    ("-0.2", "Score '-0.2' is out of range"),
    ("done", "Score 'done' is not a number"),
])
def test_score501_flags_unreadable_and_out_of_range_scores_en(raw, message):
    frame = audit_frame([{"owner": "Hannah Weiss", "objective": "Get POCs to a decision in under a month",
                          "key_result": "POC-to-close conversion from 40% to 55%", "score": raw}]).frame
    assert codes(frame) == ["SCORE501"]
    assert message in frame["messages"][0]


def test_score501_message_is_chinese_for_a_chinese_kr():
    frame = audit_frame([{"owner": "许文静", "objective": "继续推进 CRM 系统建设",
                          "key_result": "CRM 与合同系统打通", "score": "已完成"}]).frame
    assert "评分「已完成」不是数字" in frame["messages"][0]


@pytest.mark.parametrize("raw", ["0.7", "", "0", "1.0"])
def test_score501_is_silent_for_readable_or_blank_scores(raw):
    frame = audit_frame([{"owner": "Ravi Menon", "objective": "Make integrations boring (no surprises after go-live)",
                          "key_result": "Integration incidents in the first 30 days from 11 to 3", "score": raw}]).frame
    assert "SCORE501" not in codes(frame)


@pytest.mark.parametrize("raw,message", [
    ("70", "按 0–100 分制换算为 0.7"),
    ("70%", "按 百分比换算为 0.7"),
    ("８５％", "换算为 0.85"),
])
def test_score502_reports_rescaled_scores(raw, message):
    frame = audit_frame([{"owner": "张磊", "objective": "让华东连锁餐饮客户从试点变成全量签约",
                          "key_result": "全量签约门店数从 260 家增加到 900 家", "score": raw}]).frame
    assert codes(frame) == ["SCORE502"]
    assert message in frame["messages"][0]


@pytest.mark.parametrize("raw", ["0.7", "1.3", ""])
def test_score502_is_silent_when_nothing_was_rescaled(raw):
    frame = audit_frame([{"owner": "张磊", "objective": "让华东连锁餐饮客户从试点变成全量签约",
                          "key_result": "全量签约门店数从 260 家增加到 900 家", "score": raw}]).frame
    assert "SCORE502" not in codes(frame)


# ----------------------------------------------------------------------------------- SCORE503
DEMO_O = "Make the demo environment something reps can rely on"
DEMO_KRS = ["Demo environment available during business hours at least 95% of the time",
            "Nightly reset of demo data in place",
            "2 industry demo scripts (restaurant, retail) ready by May 31"]


def demo_objective(scores: list[str]) -> list[dict]:
    return [{"owner": "Hannah Weiss", "objective": DEMO_O, "key_result": kr, "score": s}
            for kr, s in zip(DEMO_KRS, scores)]


@pytest.mark.parametrize("scores", [["1.0", "1.0", "1.0"], ["100", "100%", "1"]], ids=["unit", "mixed-scales"])
def test_score503_flags_an_objective_whose_krs_all_scored_one(scores):
    frame = audit_frame(demo_objective(scores)).frame
    hits = rows_with(frame, "SCORE503")
    assert hits.index.tolist() == [0]  # once, on the objective's first row
    assert "All 3 KRs of this objective scored 1.0" in hits["messages"][0]


@pytest.mark.parametrize("scores", [
    ["1.0", "0.9", "1.0"],
    ["1.0", "", "1.0"],
    ["1.0", "已完成", "1.0"],
], ids=["one-kr-at-0.9", "one-kr-unscored", "one-kr-unreadable"])
def test_score503_is_silent_unless_every_kr_scored_one(scores):
    assert "SCORE503" not in codes(audit_frame(demo_objective(scores)).frame)


def test_score503_is_silent_for_a_single_kr_objective():
    assert "SCORE503" not in codes(audit_frame(demo_objective(["1.0"])).frame)


# ----------------------------------------------------------------------------------- SCORE504
def cycle_rows(owner: str, cycle: str, objective: str, scores: list[str]) -> list[dict]:
    krs = ["Hold QBRs with all 20 strategic accounts", "Respond to every escalation within 24h",
           "Send monthly usage reports to strategic accounts"]
    return [{"owner": owner, "cycle": cycle, "objective": objective, "key_result": kr, "score": s}
            for kr, s in zip(krs, scores)]


def test_score504_flags_an_owner_near_one_in_every_cycle():
    frame = audit_frame(cycle_rows("Daniel Okafor", "2026-Q1", "Keep our top accounts happy", ["1.0", "0.95", "0.95"])
                        + cycle_rows("Daniel Okafor", "2026-Q2", "Strategic accounts stay with us", ["1.0", "1.0", "0.9"])
                        ).frame
    hits = rows_with(frame, "SCORE504")
    assert len(hits) == 1
    assert hits["cycle"].tolist() == ["2026-Q2"]  # on the latest cycle's first objective
    assert "Daniel Okafor averaged ≥ 0.95 in 2 cycles" in hits["messages"].iloc[0]


def test_score504_is_silent_with_a_single_cycle():
    frame = audit_frame(cycle_rows("Daniel Okafor", "2026-Q1", "Keep our top accounts happy", ["1.0", "1.0", "1.0"])
                        ).frame
    assert "SCORE504" not in codes(frame)


def test_score504_is_silent_when_each_owner_has_one_high_cycle():
    frame = audit_frame(cycle_rows("Daniel Okafor", "2026-Q1", "Keep our top accounts happy", ["1.0", "1.0", "1.0"])
                        + cycle_rows("Hannah Weiss", "2026-Q2", "Keep our top accounts happy", ["1.0", "1.0", "1.0"])
                        ).frame
    assert "SCORE504" not in codes(frame)


def test_score504_is_silent_when_one_cycle_is_below_the_threshold():
    frame = audit_frame(cycle_rows("Daniel Okafor", "2026-Q1", "Keep our top accounts happy", ["1.0", "1.0", "1.0"])
                        + cycle_rows("Daniel Okafor", "2026-Q2", "Strategic accounts stay with us", ["1.0", "0.9", "0.9"])
                        + cycle_rows("Daniel Okafor", "2026-Q3", "Scale onboarding", ["1.0", "1.0", "1.0"])
                        ).frame
    assert "SCORE504" not in codes(frame)


# ----------------------------------------------------------------------------------- SCORE505
CRM_KRS = ["完成 CRM 需求调研", "每周登录并更新商机的销售占比从 45% 提升到 80%"]


def crm_rows(owner: str, cycle: str, objective: str) -> list[dict]:
    return [{"owner": owner, "cycle": cycle, "objective": objective, "key_result": kr, "score": "0.5"}
            for kr in CRM_KRS]


def test_score505_flags_an_objective_carried_forward_by_the_same_owner():
    frame = audit_frame(crm_rows("许文静", "2026-Q1", "继续推进 CRM 系统建设")
                        + crm_rows("许文静", "2026-Q2", "继续推进 CRM 系统建设")).frame
    hits = rows_with(frame, "SCORE505")
    assert hits["cycle"].tolist() == ["2026-Q2"]
    assert "这个目标在 2026-Q1 已经出现过" in hits["messages"].iloc[0]
    assert "“继续…”要写清楚这个周期的阶段目标" in hits["messages"].iloc[0]


def test_score505_flags_a_repeated_english_objective():
    rows = [{"owner": "Ravi Menon", "cycle": c, "objective": "Continue the CRM project",
             "key_result": "Partners with live production traffic from 3 to 10", "score": "0.5"}
            for c in ("2026-Q1", "2026-Q2")]
    hits = rows_with(audit_frame(rows).frame, "SCORE505")
    assert hits["cycle"].tolist() == ["2026-Q2"]
    assert "already appeared in 2026-Q1" in hits["messages"].iloc[0]


def test_score505_is_silent_for_different_owners_with_the_same_objective():
    frame = audit_frame(crm_rows("许文静", "2026-Q1", "继续推进 CRM 系统建设")
                        + crm_rows("张磊", "2026-Q2", "继续推进 CRM 系统建设")).frame
    assert "SCORE505" not in codes(frame)


def test_score505_is_silent_when_the_objective_names_a_new_stage():
    frame = audit_frame(crm_rows("许文静", "2026-Q1", "继续推进 CRM 系统建设")
                        + crm_rows("许文静", "2026-Q2", "让一线销售每天在 CRM 里完成跟进,不再用表格")).frame
    assert "SCORE505" not in codes(frame)


# ----------------------------------------------------------------------------- bundled sample
def test_sample_cycles_raise_each_score_rule_where_the_data_says(sample_cycles):
    f = sample_cycles.frame
    assert sorted(rows_with(f, "SCORE501")["score"]) == sorted(["1.3", "-0.2", "已完成"])
    assert set(rows_with(f, "SCORE502")["score"]) == {"70%", "40", "55", "30", "70", "20", "90", "85", "95", "40%",
                                                     "85%", "60%", "75%"}
    assert rows_with(f, "SCORE503")["objective"].tolist() == [DEMO_O]
    assert rows_with(f, "SCORE504")["owner"].tolist() == ["Daniel Okafor"]
    repeated = rows_with(f, "SCORE505")
    assert set(repeated["owner"]) == {"许文静"}
    assert "继续推进 CRM 系统建设" in set(repeated["objective"])


def test_sample_cycles_audit_keeps_every_row_and_adds_score_columns(sample_cycles):
    source = pd.read_csv(DATA / "sample_cycles.csv", dtype=str, keep_default_na=False)
    f = sample_cycles.frame
    assert len(f) == len(source)
    assert f["id"].tolist() == source["id"].tolist()
    assert set(SCORE_COLUMNS) <= set(f.columns)
    assert f.loc[f["score"] == "70%", "kr_score"].tolist() == [0.7]


# ------------------------------------------------------------------ audits without a score column
def test_audit_without_score_column_has_no_score_columns_or_findings():
    rows = [{"owner": "陈思琪", "objective": "让续约不再靠季度最后一周冲刺",
             "key_result": "9 月到期客户中 80% 在到期前 30 天完成续约（Q2 为 52%）"},
            {"owner": "陈思琪", "objective": "让续约不再靠季度最后一周冲刺", "key_result": "续约率（按 ARR）从 88% 提升到 93%"},
            {"owner": "Ravi Menon", "objective": "Make integrations boring",
             "key_result": "Post-go-live support tickets per integration from 7 to 3"}]
    result = audit_frame(rows)
    assert len(result.frame) == 3
    assert result.frame["key_result"].tolist() == [r["key_result"] for r in rows]
    assert not set(SCORE_COLUMNS) & set(result.frame.columns)
    assert codes(result.frame) == []
    assert list(score_table(result).columns) == REVIEW_COLUMNS and score_table(result).empty


def test_audit_of_department_file_without_score_column_keeps_every_row(tmp_path, data_dir):
    source = pd.read_csv(data_dir / "sample_department.csv", dtype=str, keep_default_na=False)
    path = tmp_path / "no_scores.csv"
    source.drop(columns=["score"]).to_csv(path, index=False)
    frame = run_audit(path, judge=JUDGE).frame
    assert len(frame) == len(source)
    assert frame["key_result"].tolist() == source["key_result"].tolist()
    assert not set(SCORE_COLUMNS) & set(frame.columns)


# --------------------------------------------------------------------------- cycle review table
def test_owner_cycle_score_averages_objectives_not_krs():
    rows = [{"owner": "Hannah Weiss", "cycle": "2026-Q2", "objective": "Win the integration-heavy deals",
             "key_result": "Deals lost because of a missing integration from 9 to 3 per quarter", "score": "1.0"}]
    rows += [{"owner": "Hannah Weiss", "cycle": "2026-Q2", "objective": "Scale proposal writing", "key_result": kr,
              "score": "0.1"} for kr in ("RFP first-draft turnaround from 8 to 4 business days",
                                         "RFP answer library covers 80% of our standard questions",
                                         "Win rate on RFP deals from 20% to 30%")]
    table = score_table(audit_frame(rows))
    rec = table.to_dict("records")[0]
    assert rec["score"] == 0.55 and rec["light"] == "yellow"  # the KR mean, 0.325, would be red
    assert (rec["objectives"], rec["scored_krs"], rec["red"], rec["green"]) == (2, 4, 3, 1)


def test_score_table_has_one_row_per_owner_and_cycle(sample_cycles):
    table = score_table(sample_cycles)
    assert len(table) == 18
    daniel = table[table["owner"] == "Daniel Okafor"]
    assert daniel["cycle"].tolist() == ["2026-Q1", "2026-Q2", "2026-Q3"]
    assert set(daniel["light"]) == {"green"}
    hannah_q3 = table[(table["owner"] == "Hannah Weiss") & (table["cycle"] == "2026-Q3")].iloc[0]
    assert hannah_q3["unscored_krs"] == 2  # "1.3" and the blank score


def test_score_chart_renders_png(sample_cycles):
    png = score_chart(score_table(sample_cycles))
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) > 5000


def test_cli_audit_prints_per_owner_score_table(runner, data_dir):
    result = runner.invoke(main, ["audit", str(data_dir / "sample_cycles.csv"), "--no-model"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    header = next(line for line in lines if line.split()[:3] == ["owner", "cycle", "score"])
    table = lines[lines.index(header) + 1:]
    assert len(table) == 18
    assert table[0].split() == ["Daniel", "Okafor", "2026-Q1", "0.97", "green", "0", "0", "7"]
    assert any(line.split()[:4] == ["许文静", "2026-Q2", "0.46", "yellow"] for line in table)
    assert "SCORE504 1" in result.output and "SCORE503 1" in result.output
