"""The okrcoach command line: check, audit, rules — exit codes, formats, spans, one-line errors."""
from __future__ import annotations

import json

import pytest

from okrcoach.cli import main

BAD_ZH = "O1: 社群\nKR1: 开展用户访谈和竞品分析\nKR2: 社群转化率提升至 xx%\nKR3: 完成 8 次客户访谈\n"
GOOD_ZH = ("O1: 让门店社群成为老顾客复购的主渠道\nKR1: 9 月底前社群成员复购率从 18% 提升至 30%\n"
           "KR2: 9 月底前社群转化率从 3% 提升至 6%\nKR3: Q3 结束前通过 20 位老顾客访谈找出 3 个复购障碍,并使流失率从 12% 降至 8%\n")
BAD_EN = "Objective 1: Growth\n- KR 1.1 Run 4 webinars for the partner channel\n- KR 1.2 Increase NRR to XX%\n"
GOOD_EN = ("Objective 1: Make partners our main source of new enterprise deals\n"
           "- KR 1.1 Partner-sourced pipeline grows from $1.2M to $3M by end of Q3\n"
           "- KR 1.2 Increase NRR from 104% to 112% by Sep 30\n"
           "- KR 1.3 Partner-sourced win rate rises from 18% to 25% by end of Q3\n")


def run_check(runner, text, *args):
    return runner.invoke(main, ["check", "-", "--format", "json", "--no-model", *args], input=text)


def codes_of(doc):
    return sorted({f["code"] for line in doc["lines"] for f in line["findings"]})


@pytest.mark.parametrize("bad,good", [(BAD_ZH, GOOD_ZH), (BAD_EN, GOOD_EN)])
def test_findings_disappear_after_a_good_rewrite(runner, bad, good):
    before = run_check(runner, bad)
    after = run_check(runner, good)
    assert before.exit_code == 1, before.output
    assert after.exit_code == 0, after.output
    doc_before, doc_after = json.loads(before.output), json.loads(after.output)
    assert {"KR101", "KR103", "O201"} <= set(codes_of(doc_before))
    severities = {f["code"]: f["severity"] for line in doc_after["lines"] for f in line["findings"]}
    assert [c for c, sev in severities.items() if sev != "info"] == []
    assert not {"KR101", "KR103", "KR107", "O201"} & set(severities)
    assert doc_after["score"] > doc_before["score"]


@pytest.mark.parametrize("draft,line_text,code,span", [
    (BAD_ZH, "开展用户访谈和竞品分析", "KR101", "开展"),
    (BAD_ZH, "社群转化率提升至 xx%", "KR103", "xx"),
    (BAD_ZH, "完成 8 次客户访谈", "KR107", "8 次"),
    (BAD_EN, "Increase NRR to XX%", "KR103", "XX"),
    (BAD_EN, "Run 4 webinars for the partner channel", "KR107", "4"),
])
def test_spans_highlight_the_right_words(runner, draft, line_text, code, span):
    doc = json.loads(run_check(runner, draft).output)
    line = next(l for l in doc["lines"] if l["text"] == line_text)
    f = next(f for f in line["findings"] if f["code"] == code)
    assert line_text[f["start"]:f["end"]] == span == f["span"]
    source_line = draft.splitlines()[line["line"] - 1]
    assert source_line[line["column"]:line["column"] + len(line_text)] == line_text


def test_messages_follow_the_draft_language(runner):
    doc = json.loads(run_check(runner, BAD_ZH).output)
    assert all("\u4e00" <= f["message"][0] <= "\u9fff" or f["message"][0] in "「这" for l in doc["lines"] for f in l["findings"])
    doc = json.loads(run_check(runner, BAD_EN).output)
    assert all(f["message"][0].isascii() for l in doc["lines"] for f in l["findings"])


def test_human_output_shows_carets_under_the_span(runner):
    result = runner.invoke(main, ["check", "-", "--no-model"], input="O1: 社群\nKR1: 开展用户访谈\n")
    assert result.exit_code == 1
    lines = result.output.splitlines()
    i = next(k for k, l in enumerate(lines) if l.strip() == "开展用户访谈")
    assert lines[i + 1].strip() == "^^^^"  # 开展 is two wide characters


@pytest.mark.parametrize("fail_on,code", [("error", 0), ("warning", 1), ("info", 1), ("never", 0)])
def test_fail_on_threshold(runner, fail_on, code):
    assert run_check(runner, BAD_EN, "--fail-on", fail_on).exit_code == code


def test_select_and_ignore_flags(runner):
    doc = json.loads(run_check(runner, BAD_ZH, "--select", "KR103").output)
    assert codes_of(doc) == ["KR103"]
    doc = json.loads(run_check(runner, BAD_ZH, "--ignore", "KR1,O2").output)
    assert not [c for c in codes_of(doc) if c.startswith(("KR1", "O2"))]


def test_check_reads_a_markdown_file(runner, data_dir):
    result = runner.invoke(main, ["check", str(data_dir / "draft_zh_bad.md"), "--no-model", "--format", "json"])
    assert result.exit_code == 1
    assert json.loads(result.output)["source"].endswith("draft_zh_bad.md")


@pytest.mark.parametrize("args,stdin,message", [
    (["check", "-"], "", "empty"),
    (["check", "-"], "   \n", "empty"),
    (["audit", "nope.csv"], None, "no such file"),
    (["audit"], None, "give INPUT or --demo"),
    (["rules", "--explain", "XX999"], None, "no rule"),
])
def test_usage_and_input_errors_exit_2_with_one_line(runner, args, stdin, message):
    result = runner.invoke(main, args, input=stdin)
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output


def test_audit_demo_prints_per_team_summary(runner, tmp_path):
    out = tmp_path / "demo.csv"
    result = runner.invoke(main, ["audit", "--demo", "--no-model", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "Growth Marketing" in result.output and "会员增长组" in result.output and "health" in result.output
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")


@pytest.mark.parametrize("suffix", [".csv", ".json", ".xlsx", ".html"])
def test_audit_writes_every_format(runner, tmp_path, data_dir, suffix):
    out = tmp_path / f"report{suffix}"
    result = runner.invoke(main, ["audit", str(data_dir / "sample_department.csv"), "--no-model", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.stat().st_size > 1000


def test_audit_rejects_unknown_output_format(runner, tmp_path, data_dir):
    result = runner.invoke(main, ["audit", str(data_dir / "sample_department.csv"), "--no-model", "-o", str(tmp_path / "x.pdf")])
    assert result.exit_code == 2 and "unknown report format" in result.output


def test_rules_lists_every_rule_and_explains_one(runner):
    from okrcoach.rules.registry import all_rules

    listing = runner.invoke(main, ["rules"]).output
    for r in all_rules():
        assert r.code in listing and r.title_zh in listing and r.title_en in listing
    explained = runner.invoke(main, ["rules", "--explain", "kr-is-todo"]).output
    assert "Why is this bad?" in explained and "Use instead" in explained and "KR101" in explained


def test_docs_rules_md_is_generated_from_the_registry():
    from pathlib import Path

    from okrcoach.rules.docs import rules_markdown

    doc = Path(__file__).resolve().parents[1] / "docs" / "rules.md"
    assert doc.read_text(encoding="utf-8") == rules_markdown(), "regenerate: okrcoach rules --format markdown > docs/rules.md"


def test_every_command_is_on_the_main_cli(runner):
    from okrcoach.cli import main

    listing = runner.invoke(main, ["--help"]).output
    for command in ("check", "audit", "rules", "train", "label", "checkin", "template", "workshop"):
        assert f"  {command} " in listing, command
    assert "127.0.0.1" in runner.invoke(main, ["workshop", "--help"]).output  # served on localhost only
