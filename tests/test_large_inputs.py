"""Large inputs the user can see: an implausibly large set gets a one-line warning naming its cause."""
from __future__ import annotations

from pathlib import Path

import pandas as pd

import okrcoach
from okrcoach.auditing.summary import IMPLAUSIBLE_KRS
from okrcoach.classifier.judge import LexiconJudge
from okrcoach.cli import main

DATA = Path(okrcoach.__file__).resolve().parent / "data"


def _krs(n: int) -> list[str]:
    return [f"第 {i} 个门店的复购率从 {i % 40} % 提升至 {i % 40 + 5} %" for i in range(n)]


def test_thousands_of_krs_under_one_objective_are_named():
    frame = pd.DataFrame({"objective": "提升门店复购", "key_result": _krs(IMPLAUSIBLE_KRS + 50)})
    warnings = okrcoach.run_audit(frame, judge=LexiconJudge()).summary.warnings
    assert len(warnings) == 1
    assert "'提升门店复购'" in warnings[0] and f"{IMPLAUSIBLE_KRS + 50:,} key results" in warnings[0]
    assert "no objective column" in warnings[0]


def test_a_file_without_an_objective_column_is_named(tmp_path, runner):
    path = tmp_path / "krs.csv"
    pd.DataFrame({"key_result": _krs(IMPLAUSIBLE_KRS)}).to_csv(path, index=False)
    result = runner.invoke(main, ["audit", str(path), "--no-model"])
    assert result.exit_code == 0, result.output
    warning = [l for l in result.output.splitlines() if "warning:" in l]
    assert len(warning) == 1 and "have no objective" in warning[0] and "no objective column" in warning[0]


def test_normal_sets_get_no_warning():
    summary = okrcoach.run_audit("okrcoach/data/sample_department.csv", judge=LexiconJudge()).summary
    assert summary.warnings == []
    assert summary.to_dict()["warnings"] == []


def test_the_warning_reaches_the_html_report(tmp_path):
    frame = pd.DataFrame({"objective": "提升门店复购", "key_result": _krs(IMPLAUSIBLE_KRS)})
    result = okrcoach.run_audit(frame, judge=LexiconJudge())
    out = okrcoach.write_report(result, tmp_path / "r.html")
    assert "no objective column" in out.read_text(encoding="utf-8")


def test_a_csv_audit_loads_no_workbook_or_chart_code(tmp_path):
    """openpyxl and the chart code cost a large audit time and memory it never uses when writing CSV."""
    import subprocess
    import sys

    out = tmp_path / "audit.csv"
    code = ("import sys; from okrcoach.auditing import audit_to_file; "
            f"audit_to_file({str(DATA / 'sample_department.csv')!r}, {str(out)!r}, progress=False); "
            "print(sorted(m for m in ('openpyxl', 'okrcoach.reports.excel', 'matplotlib') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
    assert out.stat().st_size > 0
