"""The analysis layer's fast paths give what the plain code gives."""
from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from okrcoach.analysis import changes, deadlines, quantities
from okrcoach.analysis.normalize import CaselessPattern, shadow


# ---- first-character guards in front of alternatives -------------------------------------------------
ROOT = Path(__file__).resolve().parents[1]
TEXTS = [shadow(t) for name in ("key_results.csv", "objectives.csv", "progress_notes.csv")
         for t in pd.read_csv(ROOT / "datasets" / name, dtype=str, keep_default_na=False)["text"]]
TEXTS += ["Q1 结束前将 NPS 从 35 提升至 50", "By May 15", "BY MAY 15", "WITHIN 2 WEEKS", "End of Q3", "Shıp wıthın 2 weeks",
          "二〇二六年 3 月底前", "半年内", "两个月后", "xx 月底", "FY26", "EOQ", "618 前", "mid-year", "this quarter"]
ANY_TEXT = st.lists(st.one_of(st.sampled_from(TEXTS[-15:] + ["20", "年", "月", " ", "in ", "by ", "the "]),
                              st.text(max_size=6)), max_size=10).map("".join)
SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.mark.parametrize("first,pattern", deadlines._PATTERNS, ids=range(len(deadlines._PATTERNS)))
def test_each_deadline_pattern_starts_with_a_character_of_its_guard(first: str, pattern: str) -> None:
    # every position where the pattern matches (an overlapping scan), case-insensitively as the analysis runs it
    at_every_position = re.compile(f"(?=({pattern}))", re.IGNORECASE)
    guard = re.compile(f"[{first}]", re.IGNORECASE)
    for text in TEXTS:
        for m in at_every_position.finditer(text):
            if m.end(1) > m.start(1):
                assert guard.match(text, m.start(1)), (text, m.group(1))


def _unguarded_deadline_pattern() -> CaselessPattern:
    return CaselessPattern(f"(?={deadlines._FIRST})(?:" + "|".join(f"(?:{p})" for _, p in deadlines._PATTERNS) + ")")


UNGUARDED = _unguarded_deadline_pattern()


def _same_deadline_spans(text: str) -> None:
    assert [m.span() for m in deadlines._DEADLINE_RE.finditer(text)] == [m.span() for m in UNGUARDED.finditer(text)]


def test_guarded_deadline_pattern_finds_the_same_spans_on_the_datasets() -> None:
    for text in TEXTS:
        _same_deadline_spans(text)


@SETTINGS
@given(ANY_TEXT)
def test_guarded_deadline_pattern_finds_the_same_spans_on_any_text(text: str) -> None:
    _same_deadline_spans(text)


# ---- screens and first-character lookaheads in quantities -------------------------------------------
@pytest.mark.parametrize("kind,pattern", quantities._EXTRA, ids=[k for k, _ in quantities._EXTRA])
def test_every_number_word_or_rank_match_passes_its_screen(kind: str, pattern: CaselessPattern) -> None:
    screen = quantities._EXTRA_SCREENS[kind]
    texts = TEXTS + ["at least five new customers", "AT LEAST FIVE new docs", "a dozen key accounts", "前三", "行业第一名",
                     "No. 1 in NPS", "#1 app", "number one choice", "first place", "ſeven ſeſſions held", "ONE major release"]
    matched = 0
    for text in texts:
        if any(True for _ in pattern.finditer(text)):
            matched += 1
            assert screen.search(text), text
    assert matched >= 8


@SETTINGS
@given(st.lists(st.one_of(st.sampled_from(["one", "seven", "a dozen", "thousand", "at least", "new", "第一名", "前十",
                                           "No.", "#", "1", "number one", "first place", "ſ", "K", " "]),
                          st.text(max_size=4)), max_size=10).map(" ".join))
def test_screens_pass_every_line_a_pattern_matches(text: str) -> None:
    for kind, pattern in quantities._EXTRA:
        if any(True for _ in pattern.finditer(text)):
            assert quantities._EXTRA_SCREENS[kind].search(text), (kind, text)


def _same_chinese_spans(text: str) -> None:
    plain = re.compile(quantities._CHINESE, re.VERBOSE)
    assert [m.span() for m in quantities.CHINESE_RE.finditer(text)] == [m.span() for m in plain.finditer(text)]


def test_chinese_quantities_lookahead_keeps_the_matches_on_the_datasets() -> None:
    for text in TEXTS:
        _same_chinese_spans(text)


@SETTINGS
@given(st.lists(st.one_of(st.sampled_from(list("不超至低高少多百分之成倍个万") + ["不低于", "超过", "百分之", "两", "十"]),
                          st.text(max_size=3)), max_size=12).map("".join))
def test_chinese_quantities_lookahead_keeps_the_matches_on_any_text(text: str) -> None:
    _same_chinese_spans(text)


# ---- searching a window of the line in place of a slice -----------------------------------------------
def _same_window_search(text: str) -> None:
    pattern = changes._RELATIVE_VERB
    for end in range(len(text) + 1):
        start = max(0, end - 80)
        in_place, sliced = pattern.search(text, start, end), pattern.search(text[start:end])
        assert (in_place.span() if in_place else None) == ((start + sliced.start(), start + sliced.end()) if sliced else None)


def test_relative_verb_window_search_is_the_slice_search_on_the_datasets() -> None:
    for text in TEXTS[::7]:
        _same_window_search(text)


@SETTINGS
@given(st.lists(st.one_of(st.sampled_from(["提升", "降低", "Reduce", "increase", "grow", "by", "BY", " ", "\n", ".",
                                           "churn", "20%", "ı", "İ", "ſ"]), st.text(max_size=4)), max_size=12).map(" ".join))
def test_relative_verb_window_search_is_the_slice_search_on_any_text(text: str) -> None:
    _same_window_search(text)
