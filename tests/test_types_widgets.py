"""Widgets, headless: the coach panel's type selector per objective and the check-in panel's rhythm."""
from __future__ import annotations

import ipywidgets as widgets
import pandas as pd
import pytest

from okrcoach.classifier.judge import LexiconJudge
from okrcoach.readers import parse_draft
from okrcoach.readers.okr_type import retag_draft
from okrcoach.widgets import CheckinPanel, CoachPanel
from okrcoach.widgets.coach import _walk
from conftest import DATA

JUDGE = LexiconJudge()


def selectors(panel) -> list[widgets.Dropdown]:
    return [w for w in _walk(panel) if isinstance(w, widgets.Dropdown) and "okrc-type-select" in w._dom_classes]


@pytest.mark.parametrize("draft,lang,tag", [
    ("O1: 评估进军东南亚市场的可行性\nKR1: 开展 20 位东南亚商户访谈", "zh", "O1 [学习型]:"),
    ("O1: Validate whether SMB teams will pay for analytics\nKR1: Run 12 customer interviews about pricing", "en",
     "O1 [learning]:"),
])
def test_the_type_selector_writes_a_tag_and_the_judgement_follows(draft, lang, tag):
    panel = CoachPanel(draft, ui_lang=lang, debounce=0, judge=JUDGE)
    (select,) = selectors(panel)
    assert select.value == ""  # an inferred type is a hint, not a choice made for the user
    assert any("learning" in label or "学习型" in label for label, _ in select.options[:1])
    select.value = "learning"
    assert panel.textarea.value.startswith(tag)
    kr = panel.session.lines[1]
    assert kr.okr_type_source == "given" and "KR101" not in [f.code for f in kr.findings]
    (select,) = selectors(panel)  # redrawn with the given type selected
    assert select.value == "learning"
    select.value = ""
    assert panel.textarea.value == draft


@pytest.mark.parametrize("line,column", [("目标一：保障支付稳定", 4), ("## 保障支付稳定", 3), ("O3 (stretch): Grow ARR", 14)])
def test_retagging_round_trips(line, column):
    tagged = retag_draft(line, 1, column, "committed")
    d = parse_draft(tagged + "\nKR1: 可用性保持 99.9%")[0]
    assert d.okr_type == "committed" and tagged[d.column:].startswith(d.text)
    assert parse_draft(retag_draft(tagged, 1, d.column, "") + "\nKR1: x")[0].okr_type == ""


def test_retag_refuses_an_unknown_type():
    with pytest.raises(ValueError):
        retag_draft("O1: x", 1, 4, "urgent")


@pytest.mark.parametrize("lang,words", [("zh", ("节奏", "未更新", "缺少中期复盘 1")), ("en", ("Rhythm", "not updated 2",
                                                                                         "no mid-cycle review 1"))])
def test_checkin_panel_shows_the_rhythm(lang, words):
    panel = CheckinPanel(str(DATA / "sample_weekly_cycle.csv"), ui_lang=lang, judge=JUDGE)
    html = panel.summary_html.value
    assert all(w in html for w in words)
    assert len(panel.rhythm_table()) == 6
    assert "CHECKIN605" in panel.results.value and "CHECKIN607" in panel.results.value


def test_rhythm_text_is_escaped():
    frame = pd.DataFrame({"week": ["2026-W30", "2026-W33"], "owner": ["<b>x</b>", "<b>x</b>"],
                          "key_result": ["<script>alert(1)</script>", "y"], "progress": ["a", "b"]})
    panel = CheckinPanel(frame, judge=JUDGE)
    assert "<script>" not in panel.summary_html.value and "&lt;script&gt;" in panel.summary_html.value
