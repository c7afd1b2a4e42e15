"""Property tests: analyse() takes any input a spreadsheet cell can hold and never breaks.

Whatever the text — emoji, right-to-left scripts, control characters, NUL, only whitespace,
a 100,000-character cell — analyse() returns an Analysis whose every span lies inside the
line, and it stays fast enough for the hot path.
"""
from __future__ import annotations

import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from okrcoach.analysis import Analysis, analyse

SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

OKR_PIECES = [
    "将客户首次响应时间从 4 小时缩短至 2 小时以内", "付費轉化率達到 １２％", "3 月底前上线新版会员中心",
    "@产品部", "提升至 xx%", "百分之二十", "五成", "翻倍", "（当前 62%）", "Q1 结束前", "双月内",
    "Grow weekly active teams from 1,200 to 2,000", "Cut p95 checkout latency below 300 ms",
    "by May 15", "within 2 weeks", "Reduce churn by 20%", "(Q2: 3.9)", "TBD", "N%", "$2.5M",
    "¥300万", "90-92%", "4.5/5", "NPS 45+", "v3.2", "k8s", "H2", "[目标]", "___", "a@b.com",
]
EMOJI = st.sampled_from(["🚀", "📈", "👍🏽", "👨‍👩‍👧", "🇨🇳", "✅", "🔥", "\u200d", "\ufe0f"])
RTL = st.text(alphabet=st.characters(min_codepoint=0x0590, max_codepoint=0x06FF), max_size=20)  # Hebrew, Arabic
CONTROL = st.text(alphabet=st.characters(categories=["Cc", "Cf", "Zl", "Zp"]), max_size=20)  # NUL, bidi marks …
WHITESPACE = st.text(alphabet=" \t\n\r\x0b\x0c\u3000\u00a0\u2009\u202f\u2028", max_size=20)
FULLWIDTH = st.text(alphabet=st.characters(min_codepoint=0xFF01, max_codepoint=0xFF5E), max_size=20)
PIECES = st.sampled_from(OKR_PIECES)

LINES = st.one_of(
    st.text(),  # every category except surrogates
    st.text(alphabet=st.characters(codec="utf-8"), max_size=200),
    st.lists(st.one_of(PIECES, EMOJI, RTL, CONTROL, WHITESPACE, FULLWIDTH, st.text(max_size=5)), max_size=12)
      .map("".join),
    WHITESPACE,
    st.just(""),
)


def assert_well_formed(text: str, a: Analysis) -> None:
    assert isinstance(a, Analysis)
    assert a.text == text
    assert a.lang in ("zh", "en")
    n = len(text)
    groups = {
        "quantities": a.quantities, "changes": a.changes, "deadlines": a.deadlines,
        "placeholders": a.placeholders, "mentions": a.mentions,
        "cues": [c for cues in a.cues.values() for c in cues], "activity_counts": a.activity_counts,
    }
    for name, items in groups.items():
        for item in items:
            assert 0 <= item.start <= item.end <= n, (name, item)
            assert isinstance(text[item.start:item.end], str)
    for q in a.quantities:
        assert q.text == text[q.start:q.end]
    for s, e in a.zero_targets:
        assert 0 <= s <= e <= n
    assert 0 <= a.lead <= n
    # the derived facts are computed without raising, too
    assert isinstance(a.has_metric, bool) and isinstance(a.has_placeholder, bool)
    assert isinstance(a.has_deadline, bool) and isinstance(a.has_baseline, bool)
    assert a.leading_task is None or a.leading_task.category == "task"
    assert isinstance(a.masked_text, str)
    assert isinstance(a.to_dict(), dict)


@SETTINGS
@given(LINES)
def test_any_text_gives_an_analysis_with_spans_in_bounds(text):
    assert_well_formed(text, analyse(text))


@SETTINGS
@given(st.lists(st.one_of(PIECES, EMOJI, RTL, CONTROL, WHITESPACE), min_size=1, max_size=8).map("".join))
def test_tokens_lie_inside_the_line(text):
    a = analyse(text)
    for t in a.tokens:
        assert 0 <= t.start <= t.end <= len(text)
        assert text[t.start:t.end] == t.text


@pytest.mark.parametrize("text", [
    "", " ", "\x00", "\x00" * 50, "\u3000\t\n", "\u202e反向文本\u202c", "\ufeff完成 8 次访谈", "🚀" * 100,
    "مرحبا بالعالم 50%", "שלום 3 months", "\ud7ff\ue000\uffff", "%" * 1000, "@" * 1000, "从" * 500 + "到",
    "x" * 1000 + "%", "1" * 5000, "1," * 3000, "百分之" * 300, "(" * 500 + "Q2:", "by " * 1000 + "May",
], ids=lambda t: repr(t[:12]))
def test_edge_strings(text):
    assert_well_formed(text, analyse(text))


@pytest.mark.parametrize("value", [None, 42, 3.5, b"\xe5\xae\x8c\xe6\x88\x90", ["完成"], {"kr": 1}, float("nan"), True])
def test_non_string_input_does_not_raise(value):
    a = analyse(value)
    assert isinstance(a, Analysis)
    assert isinstance(a.text, str)
    assert_well_formed(a.text, a)


def test_none_is_an_empty_line():
    a = analyse(None)
    assert a.text == ""
    assert not (a.has_metric or a.has_deadline or a.has_placeholder or a.has_baseline)


def _timed(text: str) -> float:
    start = time.perf_counter()
    a = analyse(text)
    elapsed = time.perf_counter() - start
    assert_well_formed(text, a)  # outside the timing: the derived properties are not analyse()'s cost
    return elapsed


def _repeated_okr_text() -> str:
    unit = " ".join(OKR_PIECES) + " "
    return (unit * (100_000 // len(unit) + 1))[:100_000]


def _random_text() -> str:
    import random

    rng = random.Random(20261)
    alphabet = "0123456789,.%xXN@ -~/年月日前内从到至提升 Qqbyofthe万亿个次天" + "".join(chr(c) for c in range(0x4E00, 0x4E80))
    return "".join(rng.choice(alphabet) for _ in range(100_000))


# Runs of one character used to make some patterns rescan the rest of the line from every
# position (quadratic or worse): blank runs between two numbers took minutes.
LONG_LINES = {
    "repeated-okr": _repeated_okr_text,
    "random": _random_text,
    "spaces": lambda: " " * 100_000,
    "newlines-tabs": lambda: "\n\t" * 50_000,
    "ideographic-spaces": lambda: "\u3000" * 100_000,
    "digits": lambda: "1" * 100_000,
    "chinese-numerals": lambda: "一" * 100_000,
    "question-marks": lambda: "?" * 100_000,
    "underscores": lambda: "_" * 100_000,
    "blank-gap-between-numbers": lambda: "从 1" + " " * 99_990 + "到 2",
    "blank-after-baseline-word": lambda: "当前" + " " * 99_998,
    "blank-in-baseline-note": lambda: "(Q2" + " " * 99_997,
    "blank-after-month": lambda: "3月" + " " * 99_998,
    "digit-commas": lambda: "1," * 50_000,
    "months": lambda: "1月" * 50_000,
}


@pytest.mark.parametrize("kind", list(LONG_LINES))
def test_a_100k_character_line_is_fast(kind):
    text = LONG_LINES[kind]()
    assert len(text) >= 100_000 - 10
    assert _timed(text) < 5.0
