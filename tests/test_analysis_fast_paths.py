"""The analysis layer's fast paths give what the plain code gives."""
from __future__ import annotations

import pickle
import re
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from okrcoach.analysis import deadlines
from okrcoach.analysis.normalize import CaselessPattern, shadow
from okrcoach.analysis.quantities import Quantity, new_quantity


def test_new_quantity_is_the_quantity_the_constructor_builds() -> None:
    for args in [("50%", 3, 6, 50.0, "percent", "%", "", None), ("≥ 3 万", 0, 5, 30000.0, "number", "", "≥", 5e4),
                 ("x", 0, 1, None, "count")]:
        fast, plain = new_quantity(*args), Quantity(*args)
        assert fast == plain and hash(fast) == hash(plain) and repr(fast) == repr(plain)
        assert list(fast.__dict__.items()) == list(plain.__dict__.items())
        assert pickle.dumps(fast) == pickle.dumps(plain)


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
