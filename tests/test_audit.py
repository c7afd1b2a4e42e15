"""The audit output contract, the summary and health score, reports, determinism and injection safety."""
from __future__ import annotations

import json

import openpyxl
import pandas as pd
import pytest

from okrcoach.auditing import CONTRACT_COLUMNS, audit, health_score, run_audit
from okrcoach.classifier.judge import LexiconJudge
from okrcoach.reports import csv_text, json_text, render_html, write_report

JUDGE = LexiconJudge()


def test_contract_columns_rows_and_order(data_dir):
    src = pd.read_csv(data_dir / "sample_department.csv", dtype=str, keep_default_na=False)
    out = audit(data_dir / "sample_department.csv", judge=JUDGE)
    assert len(out) == len(src)
    assert list(out.columns[:len(src.columns)]) == list(src.columns)
    assert out[src.columns].values.tolist() == src.values.tolist()  # every input cell kept, in order
    for col in CONTRACT_COLUMNS:
        assert col in out.columns
    assert out["okr_row"].tolist() == list(range(2, len(src) + 2))
    krs = out[src["key_result"] != ""]
    assert set(krs["kr_label"]) <= {"outcome", "todo"} and (out[src["key_result"] == ""]["kr_label"] == "").all()
    assert set(out["objective_label"]) <= {"ok", "vague", "task", "metric", "routine"}
    assert krs["kr_confidence"].between(0, 1).all()
    assert set(out["has_metric"]) <= {0, 1}


def test_just_objective_and_key_result_columns_work():
    df = pd.DataFrame({"objective": ["提升续费体验", "提升续费体验"], "key_result": ["上线新版会员中心", "续费率从 78% 提升至 85%"]})
    out = audit(df, judge=JUDGE)
    assert out["kr_label"].tolist() == ["todo", "outcome"]
    assert "KR101" in out["findings"][0].split(";")
    assert out["messages"][0].startswith("KR101: 这条 KR")


def test_user_columns_named_like_ours_are_not_overwritten():
    df = pd.DataFrame({"objective": ["Grow"], "key_result": ["Hit 10%"], "findings": ["my own notes"]})
    out = audit(df, judge=JUDGE)
    assert out["findings"][0] == "my own notes" and "okrcoach_findings" in out.columns


def test_summary_per_team_and_health(data_dir):
    result = run_audit(data_dir / "sample_department.csv", judge=JUDGE)
    teams = result.summary.groups["team"]
    assert len(teams) == 7 and teams["key_results"].sum() == result.summary.overall["key_results"]
    assert 0 <= result.summary.overall["health"] <= 100
    assert {"owner", "department"} <= set(result.summary.groups)
    assert sum(result.summary.kr_counts) == result.summary.overall["key_results"]


@pytest.mark.parametrize("shares,expected", [((1, 1, 1, 1, 1), 100.0), ((0, 0, 0, 0, 0), 0.0),
                                              ((1, 0, 0, 0, 0), 35.0), ((0.5, 1, 0.25, 0, 1), 57.5)])
def test_health_formula(shares, expected):
    assert health_score(*shares) == expected


def test_health_reacts_to_todo_krs():
    good = pd.DataFrame({"objective": ["Grow"] * 3, "key_result": ["NPS 从 30 提升至 45,Q3 前", "续费率 Q3 前从 78% 提升至 85%",
                                                                     "9 月底前流失率从 5% 降至 3%"]})
    bad = pd.DataFrame({"objective": ["Grow"] * 3, "key_result": ["开展用户访谈", "上线新版会员中心", "完成 8 次客户访谈"]})
    assert run_audit(good, judge=JUDGE).summary.overall["health"] > run_audit(bad, judge=JUDGE).summary.overall["health"] + 30


def test_same_input_gives_byte_identical_csv_and_json(data_dir):
    a = run_audit(data_dir / "sample_department.csv", judge=JUDGE)
    b = run_audit(data_dir / "sample_department.csv", judge=JUDGE)
    assert csv_text(a) == csv_text(b) and json_text(a) == json_text(b)


def test_json_report_round_trips(data_dir):
    doc = json.loads(json_text(run_audit(data_dir / "sample_department.csv", judge=JUDGE)))
    assert len(doc["rows"]) == 94 and doc["summary"]["overall"]["key_results"] == 92


PAYLOADS = ["=cmd|' /C calc'!A0", "+SUM(1,2)", "-2+3+cmd|' /C calc'!A0", "@SUM(1+1)*cmd|' /C calc'!A0"]


@pytest.fixture
def injection_result(tmp_path):
    df = pd.DataFrame({"objective": ["<script>alert('o')</script>"] * 5, "key_result": PAYLOADS + ["<img src=x onerror=alert(1)> 90%"],
                       "owner": ["=HYPERLINK(\"http://x\")"] * 5})
    return run_audit(df, judge=JUDGE)


def test_excel_cells_never_become_formulas(injection_result, tmp_path):
    path = write_report(injection_result, tmp_path / "r.xlsx")
    wb = openpyxl.load_workbook(path)
    ws = wb["Rows"]
    values = [c.value for row in ws.iter_rows() for c in row]
    assert all(c.data_type != "f" for row in ws.iter_rows() for c in row)
    for p in PAYLOADS:
        assert "'" + p in values
    assert {"Summary", "By owner", "Rows", "Legend"} <= set(wb.sheetnames)
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref and ws.conditional_formatting


def test_csv_defuses_formula_cells(injection_result):
    text = csv_text(injection_result)
    for p in PAYLOADS:
        assert "'" + p.split(",")[0] in text
    assert "\n=" not in text and ",=" not in text


def test_html_report_escapes_user_text_and_needs_no_network(injection_result):
    html = render_html(injection_result)
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "http://" not in html.replace('"http://x"', "").split("<body>")[0]
    assert "src=\"http" not in html and "href=\"http" not in html


def test_excel_report_sheets_for_demo(data_dir, tmp_path):
    result = run_audit(data_dir / "sample_department.csv", judge=JUDGE)
    wb = openpyxl.load_workbook(write_report(result, tmp_path / "demo.xlsx"))
    assert wb["逐行结果"].max_row == 95 and wb["按团队"].max_row == 8  # a mostly Chinese input: Chinese names
    wb = openpyxl.load_workbook(write_report(result, tmp_path / "demo-en.xlsx", lang="en"))
    assert wb["Rows"].max_row == 95 and wb["By team"].max_row == 8


@pytest.mark.parametrize("chunk_rows", [1, 7, 40])
def test_streamed_audit_equals_the_in_memory_one(data_dir, tmp_path, chunk_rows):
    """Large files are audited in chunks; the CSV and the summary must not depend on where chunks end."""
    from okrcoach.auditing import audit_to_file

    whole = run_audit(data_dir / "sample_department.csv", judge=JUDGE)
    out = tmp_path / "streamed.csv"
    summary, n, _, _ = audit_to_file(data_dir / "sample_department.csv", out, judge=JUDGE, chunk_rows=chunk_rows,
                                     stream_min_bytes=0)
    assert n == len(whole.frame)
    assert out.read_text(encoding="utf-8-sig") == csv_text(whole)
    assert summary.overall == whole.summary.overall
    for level, df in whole.summary.groups.items():
        assert summary.groups[level].to_dict("records") == df.to_dict("records")


def test_outline_layout_survives_chunk_edges(tmp_path):
    from okrcoach.auditing import audit_to_file

    rows = ["O,KR,owner"] + [line for i in range(30) for line in (f"目标 {i},,负责人{i % 4}", f",续费率达到 {i}%,", f",上线模块 {i},")]
    src = tmp_path / "outline.csv"
    src.write_text("\n".join(rows) + "\n", encoding="utf-8")
    out = tmp_path / "o.csv"
    audit_to_file(src, out, judge=JUDGE, chunk_rows=4, stream_min_bytes=0)
    got = pd.read_csv(out, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    assert len(got) == 90 and (got["objective_label"] != "").all()
    assert got["kr_label"].tolist()[:3] == ["", "outcome", "todo"]
