"""The widgets' behaviour, headless: type, check, apply, compare, switch language, filter, export.

Labels depend on the judge, so these tests judge with the lexicon rules (a trained model in
``models/default`` must not change what they assert); one smoke test uses the default judge.
"""
from __future__ import annotations

import asyncio
import base64
import io
import re
import time
from datetime import datetime, timezone

import pandas as pd
import pytest

ipywidgets = pytest.importorskip("ipywidgets")

from okrcoach.classifier.judge import LexiconJudge  # noqa: E402
from okrcoach.core.errors import OKRInputError  # noqa: E402
from okrcoach.widgets import AuditExplorer, CoachPanel, CoachSession  # noqa: E402
from okrcoach.widgets.render import mark_spans  # noqa: E402
from okrcoach.widgets.sessions import AuditSession, example_text, replace_in_draft  # noqa: E402

XSS = "<img src=x onerror=alert(1)>"
TODO_DRAFT = "O1: 提升续费体验\nKR1: 开展用户访谈和竞品分析\nKR2: 续费率从 70% 提升至 85%"


@pytest.fixture
def judge():
    return LexiconJudge()


@pytest.fixture
def panel(judge):
    return CoachPanel(judge=judge, debounce=0.05)


def shown(widget) -> str:
    return "\n".join(widget.html_values())


def texts_of(widget) -> list[str]:
    """Every plain value the user can read (HTML, Text boxes), for "is it shown" assertions."""
    from okrcoach.widgets.coach import _walk

    return [w.value for w in _walk(widget) if isinstance(w, (ipywidgets.HTML, ipywidgets.Text))]


# -- the coach panel -------------------------------------------------------------------------

def test_typing_schedules_a_check_that_shows_labels_and_marked_findings(panel):
    panel.textarea.value = TODO_DRAFT
    assert panel.debouncer.pending and panel.session.report is None  # not checked while typing
    panel.debouncer.flush()
    html = shown(panel)
    assert "待办型" in html and "结果型" in html
    assert "<mark>开展</mark>" in html or "<mark>开展用户访谈和竞品分析</mark>" in html
    assert "KR101" in html and "没有说明做成后什么可衡量的结果会改变" in html
    assert any(v.endswith("[目标]") for v in texts_of(panel))  # the rewrite box holds the suggestion


def test_check_runs_about_200ms_after_typing_pauses_on_the_kernel_loop(judge):
    async def type_then_pause():
        panel = CoachPanel(judge=judge, debounce=0.2)
        panel.textarea.value = "O1: 提升续费体验\nKR1: 上线"
        await asyncio.sleep(0.05)
        panel.textarea.value = TODO_DRAFT  # still typing: the countdown restarts
        await asyncio.sleep(0.1)
        assert panel.session.report is None
        await asyncio.sleep(0.35)
        return panel

    panel = asyncio.run(type_then_pause())
    assert panel.session.checked_text == TODO_DRAFT
    assert "KR101" in shown(panel)


def test_debounce_without_an_event_loop_uses_a_timer(panel):
    panel.textarea.value = TODO_DRAFT
    deadline = time.monotonic() + 10
    while "KR101" not in shown(panel) and time.monotonic() < deadline:  # the timer thread renders
        time.sleep(0.05)
    assert "KR101" in shown(panel)


def test_check_button_checks_at_once(panel):
    panel.textarea.value = TODO_DRAFT
    panel.check_button.click()
    assert not panel.debouncer.pending
    assert panel.session.checked_text == TODO_DRAFT


def test_apply_replaces_only_that_kr_and_the_finding_goes(panel):
    panel.load_text("O1: 提升续费体验\nKR1: 续费率从 70% 提升至 85%  KR2: 开展用户访谈和竞品分析")
    i = panel.session.line_index("开展用户访谈和竞品分析")
    assert "KR101" in [f.code for f in panel.session.lines[i].findings]
    apply_buttons = [b for b in _buttons(panel) if "okrc-apply-KR101" in b._dom_classes]
    assert len(apply_buttons) == 1
    apply_buttons[0].click()
    assert panel.textarea.value.startswith("O1: 提升续费体验\nKR1: 续费率从 70% 提升至 85%  KR2: 开展用户访谈和竞品分析，使")
    line = panel.session.lines[i]
    assert line.text.startswith("开展用户访谈和竞品分析，使") and "KR101" not in [f.code for f in line.findings]
    assert "okrc-apply-KR101" not in {c for b in _buttons(panel) for c in b._dom_classes}


def test_apply_uses_the_edited_rewrite_box(panel):
    panel.load_text(TODO_DRAFT)
    better = "Q3 结束前,用户访谈得出的 3 个改进点上线后续费率提升 5 个百分点"
    box, button = _rewrite_row(panel, "KR101")
    box.value = better
    button.click()
    assert better in panel.textarea.value and "开展用户访谈和竞品分析" not in panel.textarea.value


def test_before_after_score_shows_the_improvement(panel):
    panel.load_text("O1: 社群\nKR1: 新建 20 个门店社群\nKR2: 社群转化率提升至 xx%")
    before = panel.session.before
    assert panel.session.after == before and panel.session.delta == 0
    panel.apply(panel.session.line_index("社群转化率提升至 xx%"), 0, "9 月底前社群转化率从 4% 提升至 8%")
    assert panel.session.before == before and panel.session.after > before
    assert f"{before:.1f}" in panel.score.value and f"+{panel.session.delta:.1f}" in panel.score.value
    panel.reset_button.click()
    assert panel.session.before == panel.session.after


def test_empty_draft_shows_how_to_start_and_sets_no_before_score(panel):
    panel.check_now()
    assert panel.session.before is None and "KR1：" in shown(panel) and 'class="okrc-error"' not in shown(panel)
    panel.load_text(TODO_DRAFT)
    assert panel.session.before == panel.session.after
    panel.load_text("")  # cleared: the hint again, the scores kept
    assert "KR1：" in shown(panel) and panel.session.before is not None and 'class="okrc-error"' not in shown(panel)


def test_ui_language_toggle_switches_captions_and_labels(panel):
    panel.load_text(TODO_DRAFT)
    panel.ui_lang.value = "en"
    assert panel.check_button.description == "Check"
    assert "to-do" in shown(panel) and "待办型" not in shown(panel)
    panel.ui_lang.value = "zh"
    assert panel.check_button.description == "检查" and "待办型" in shown(panel)


def test_messages_follow_each_lines_language_unless_chosen(panel):
    panel.load_text("O1: Grow renewals\nKR1: Do QBRs with all my accounts\nKR2: 开展用户访谈和竞品分析")
    html = shown(panel)
    assert "not the measurable result" in html and "没有说明做成后什么可衡量的结果会改变" in html
    panel.message_lang.value = "en"
    html = shown(panel)
    assert "没有说明做成后" not in html and html.count("not the measurable result") >= 2


def test_user_text_is_escaped_in_every_html_widget(panel):
    panel.load_text(f"O1: {XSS}\nKR1: 上线 {XSS} 功能\nKR2: 开展用户访谈 {XSS}")
    values = panel.html_values()
    assert panel.session.lines and all("<img" not in v for v in values)
    assert any("&lt;img src=x onerror=alert(1)&gt;" in v for v in values)


def test_example_dropdown_loads_a_bundled_draft(panel):
    panel.example.value = "draft_en_bad.md"
    assert panel.textarea.value == example_text("draft_en_bad.md")
    assert panel.session.before is not None and len(panel.session.lines) >= 8


def test_default_judge_works_whatever_model_is_installed():
    panel = CoachPanel(TODO_DRAFT)
    assert [line.kind for line in panel.session.lines] == ["objective", "kr", "kr"]
    assert all(line.label for line in panel.session.lines)


def test_mark_spans_escapes_and_merges():
    assert mark_spans("a<b>c", [(0, 1), (1, 3)]) == "<mark>a&lt;b</mark>&gt;c"
    assert mark_spans("abc", [(None, None)]) == "abc"


def test_replace_in_draft_uses_line_and_column():
    draft = "O1: x\r\nKR1: 上线 A  KR2: 上线 A\n"
    assert replace_in_draft(draft, 2, 16, "上线 A", "B") == "O1: x\r\nKR1: 上线 A  KR2: B\n"
    assert replace_in_draft(draft, 2, 14, "上线 A", "B") == "O1: x\r\nKR1: 上线 A  KR2: B\n"  # moved a little
    assert replace_in_draft(draft, 2, 99, "上线 A", "B") == "O1: x\r\nKR1: B  KR2: 上线 A\n"
    with pytest.raises(OKRInputError):
        replace_in_draft(draft, 2, 5, "gone", "B")


def test_session_apply_rejects_a_stale_index(judge):
    session = CoachSession(judge=judge)
    session.check(TODO_DRAFT)
    with pytest.raises(OKRInputError):
        session.apply(9, 0)


# -- the audit explorer ----------------------------------------------------------------------

@pytest.fixture
def explorer(data_dir, judge, tmp_path):
    return AuditExplorer(data_dir / "sample_department.csv", judge=judge, folder=tmp_path)


def test_explorer_summarises_per_level_and_draws_charts(explorer):
    assert [v for _, v in explorer.level.options] == ["department", "team", "owner"]
    assert explorer.level.value == "team"
    assert "会员增长组" in explorer.summary_html.value and "<table" in explorer.summary_html.value
    explorer.level.value = "owner"
    assert "王晓雯" in explorer.summary_html.value and "会员增长组" not in explorer.summary_html.value
    for image in explorer.chart_images.values():
        assert image.value[:8] == b"\x89PNG\r\n\x1a\n"
    assert "sample_department.csv" in explorer.status.value


def test_filters_narrow_the_drill_down(explorer):
    total = len(explorer.session.result.frame)
    team = explorer.teams.options[0]
    explorer.codes.value = ("KR101",)
    explorer.teams.value = (team,)
    rows = explorer.session.drill_down()
    assert 0 < len(rows) < total
    assert set(rows["team"]) == {team} and all("KR101" in f.split(";") for f in rows["findings"])
    assert re.search(rf"{len(rows)} / {len(rows)} ", explorer.rows_html.value)
    explorer.clear_button.click()
    assert len(explorer.session.drill_down()) == total


def test_severity_filter_keeps_rows_with_a_finding_of_that_severity(explorer):
    explorer.severity.value = "info"
    rows = explorer.session.drill_down()
    assert len(rows) and all({"KR104", "KR105", "KR106", "O204", "O205", "SET301", "ALIGN402", "IN001", "IN003",
                              "IN005"} & set(f.split(";")) for f in rows["findings"])


def test_filtered_download_link_holds_the_filtered_rows(explorer):
    explorer.set_filters(codes=["KR103"])
    m = re.search(r'href="data:text/csv;base64,([^"]+)"', explorer.rows_html.value)
    frame = pd.read_csv(io.BytesIO(base64.b64decode(m.group(1))), encoding="utf-8-sig")
    assert len(frame) == len(explorer.session.drill_down()) and frame["findings"].str.contains("KR103").all()


@pytest.mark.parametrize("fmt, button", [("xlsx", "Excel"), ("html", "HTML"), ("csv", "CSV")])
def test_export_buttons_write_reports_next_to_the_notebook(explorer, tmp_path, fmt, button):
    [b for b in _buttons(explorer) if b.description == button][0].click()
    path = tmp_path / f"sample_department-audit.{fmt}"
    assert path.is_file() and path.stat().st_size > 1000
    assert str(path) in explorer.export_html.value and 'download="sample_department-audit.' in explorer.export_html.value


def test_export_to_a_missing_folder_is_one_line(explorer, tmp_path):
    explorer.folder.value = str(tmp_path / "nope")
    assert explorer.export("xlsx") is None
    assert "okrc-error" in explorer.export_html.value and "folder does not exist" in explorer.export_html.value


def test_upload_runs_the_audit_under_the_uploads_name(judge, data_dir, tmp_path):
    explorer = AuditExplorer(judge=judge, folder=tmp_path)
    assert explorer.body.layout.display == "none"
    content = (data_dir / "sample_department.csv").read_bytes()
    explorer.upload.value = ({"name": "团队 OKR.csv", "type": "text/csv", "size": len(content),
                              "content": memoryview(content),
                              "last_modified": datetime.now(timezone.utc)},)
    assert explorer.session.loaded and explorer.body.layout.display is None
    assert "团队 OKR.csv" in explorer.status.value
    assert explorer.level.value == "team" and "会员增长组" in explorer.summary_html.value
    assert all(image.value[:4] == b"\x89PNG" for image in explorer.chart_images.values())
    assert explorer.export("csv").name == "团队 OKR-audit.csv"


def test_xlsx_upload_is_read_as_a_workbook(judge, tmp_path):
    buf = io.BytesIO()
    pd.DataFrame({"目标": ["提升续费体验", "提升续费体验"], "关键结果": ["续费率从 70% 提升至 85%", "上线新版会员中心"],
                  "团队": ["会员组", "会员组"]}).to_excel(buf, index=False)
    session = AuditSession(judge=judge)
    assert session.load_upload("okrs.xlsx", buf.getvalue()) is not None
    assert session.teams() == ["会员组"]


@pytest.mark.parametrize("name, content, words", [
    ("notes.csv", b"foo\nbar\n", "no objective or key-result column"),
    ("empty.csv", b"", "is empty"),
    ("broken.xlsx", b"PK\x03\x04 not really a workbook", "not a readable .xlsx"),
])
def test_bad_upload_shows_a_one_line_error(judge, name, content, words):
    explorer = AuditExplorer(judge=judge)
    explorer.load_upload(name, content)
    status = explorer.status.value
    assert "okrc-error" in status and words in status
    assert status.startswith(f'<div class="okrc-error">{name}: ') and "\n" not in status
    assert "Traceback" not in status and "okrcoach-upload-" not in status
    assert not explorer.session.loaded


def test_explorer_escapes_user_text(judge):
    frame = pd.DataFrame({"team": [XSS, XSS], "owner": [XSS, "李想"], "objective": [f"提升 {XSS}", "提升续费体验"],
                          "key_result": [f"上线 {XSS}", "续费率从 70% 提升至 85%"]})
    explorer = AuditExplorer(frame, judge=judge)
    explorer.level.value = "team"
    explorer.set_filters(teams=[explorer.teams.options[0]])
    values = explorer.html_values()
    assert explorer.session.loaded and all("<img" not in v for v in values)
    assert any("&lt;img src=x onerror=alert(1)&gt;" in v for v in values)


def test_explorer_takes_an_audit_result(judge, data_dir):
    from okrcoach.auditing import run_audit

    result = run_audit(data_dir / "sample_department.csv", judge=judge)
    explorer = AuditExplorer(result, ui_lang="en")
    assert explorer.session.result is result and "Read sample_department.csv" in explorer.status.value
    assert explorer.level.options[0] == ("Department", "department")


def _buttons(widget):
    from okrcoach.widgets.coach import _walk

    return [w for w in _walk(widget) if isinstance(w, ipywidgets.Button)]


def _rewrite_row(panel, code):
    from okrcoach.widgets.coach import _walk

    for w in _walk(panel):
        if isinstance(w, ipywidgets.HBox) and len(w.children) == 2 and f"okrc-apply-{code}" in w.children[1]._dom_classes:
            return w.children
    raise LookupError(code)
