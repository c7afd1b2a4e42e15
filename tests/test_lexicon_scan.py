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
    assert LEXICONS[0]._scanner[0].both.lower is not None
    assert LEXICONS[2]._scanner[0].both.lower is None  # ıyileştir, ſonder: lowering the line would miss İYİLEŞTİR


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.lists(st.one_of(st.sampled_from(LINES), st.text(max_size=6)), max_size=6).map(" ".join))
def test_any_line(monkeypatch, text):
    for lexicon in LEXICONS[:2]:
        assert [lexicon.scan(text)] == _folded_scans(lexicon, [text], monkeypatch)


def _dataset_lines() -> list[str]:
    import csv
    from pathlib import Path

    root = Path(__file__).resolve().parents[1] / "datasets"
    lines = []
    for name in ("key_results.csv", "objectives.csv", "progress_notes.csv"):
        with open(root / name, encoding="utf-8") as fh:
            lines += [row["text"] for row in csv.DictReader(fh)]
    return lines


SCRIPT_LINES = LINES + ["上线新版会员中心", "完成 8 次客户访谈", "提升复购率", "K上线", "ſ提升", "İ完成", "ship 上线",
                        "上线 ONBOARDING 流程", "Run 4 webinars", "ＮＰＳ提升", "降低 churn", "①②③", "1:1 沟通"]


@pytest.mark.parametrize("lexicon", LEXICONS, ids=["cues", "frames", "configured"])
def test_a_line_is_scanned_with_the_half_for_its_scripts_and_finds_the_same(lexicon):
    # a line without a CJK character can match only English terms, one whose lower-case copy has no Latin
    # letter only zh terms: the half-pattern must give exactly the whole pattern's matches
    scanners = lexicon._scanner[0]
    used = set()
    for line in SCRIPT_LINES + _dataset_lines():
        for text in (line, shadow(line)):
            chosen = scanners.for_line(text)
            used.add(id(chosen))
            assert [(m.span(), m.group()) for m in chosen.finditer(text)] == \
                [(m.span(), m.group()) for m in scanners.both.finditer(text)], text
    # every path was taken (the configured vocabulary's "ΣΑΣ" has no Latin letter: its zh half never is)
    assert used == {id(scanners.en), id(scanners.both)} | ({id(scanners.zh)} if scanners.en_all_latin else set())
    assert scanners.en_all_latin == (lexicon is not LEXICONS[2])


def test_the_zh_half_is_never_used_when_an_english_term_has_no_latin_letter():
    lexicon = default_lexicon().extended({"metric": ["1:1"]})
    scanners = lexicon._scanner[0]
    assert not scanners.en_all_latin
    assert scanners.for_line("开 1:1 会") is scanners.both
    assert [c.term for c in lexicon.scan("开 1:1 会")["metric"]] == ["1:1"]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(st.sampled_from(SCRIPT_LINES), st.text(max_size=6),
                          st.text(alphabet="上线提升完成会员中心率KſİıaAz 1-", max_size=8)), max_size=6).map("".join))
def test_any_line_gives_the_whole_patterns_matches(text):
    for lexicon in LEXICONS:
        scanners = lexicon._scanner[0]
        assert [m.span() for m in scanners.for_line(text).finditer(text)] == [m.span() for m in scanners.both.finditer(text)]
