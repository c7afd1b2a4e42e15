"""Lexicon.scan matches lower-cased lines case-sensitively when it can (faster): the cues must be
exactly the IGNORECASE pattern's, whatever the line or a configured vocabulary holds."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from okrcoach.analysis import normalize
from okrcoach.analysis.frames import frame_lexicon
from okrcoach.analysis.lexicon import default_lexicon
from okrcoach.analysis.normalize import shadow

LINES = [
    "将客户首次响应时间从 4 小时缩短至 2 小时以内", "Grow weekly active teams from 1,200 to 2,000", "IMPROVE Onboarding",
    "Launch the NEW pricing page → 签约 5 家渠道商 · 完成 80%", "Run 3 times a week ①", "Reduce churn × 2 …",
    "The ſystem İstanbul ıs ready", "Kelvin K and µ", "ΣΑΣ straße", "follow-up  FOLLOW UP", "ＩＭＰＲＯＶＥ 提升", "",
    "롤아웃 Roll out ロールアウト", "Ship 100% of committed issues; close 20 bugs.", "ÉLEVER Äpfel ÖL Ürün İyileştir",
]
LEXICONS = [default_lexicon(), frame_lexicon(),
            default_lexicon().extended({"task": ["Äpfel pflücken", "ıyileştir", "ſonder", "straße"], "metric": ["ΣΑΣ"]})]


def _folded_scans(lexicon, texts, monkeypatch) -> list:
    monkeypatch.setattr(normalize, "lowered_line", lambda text: None)  # every line: the IGNORECASE pattern
    try:
        return [lexicon.scan(text) for text in texts]
    finally:
        monkeypatch.undo()


@pytest.mark.parametrize("lexicon", LEXICONS, ids=["cues", "frames", "configured"])
@pytest.mark.parametrize("line", LINES)
def test_lower_cased_scan_finds_what_ignorecase_finds(lexicon, line, monkeypatch):
    texts = (line, shadow(line))
    fast = [lexicon.scan(text) for text in texts]
    assert fast == _folded_scans(lexicon, texts, monkeypatch)


def test_a_vocabulary_with_special_folds_always_folds():
    assert LEXICONS[0]._scanner[0].lower is not None
    assert LEXICONS[2]._scanner[0].lower is None  # ıyileştir, ſonder: lowering the line would miss İYİLEŞTİR


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.lists(st.one_of(st.sampled_from(LINES), st.text(max_size=6)), max_size=6).map(" ".join))
def test_any_line(monkeypatch, text):
    for lexicon in LEXICONS[:2]:
        assert [lexicon.scan(text)] == _folded_scans(lexicon, [text], monkeypatch)
