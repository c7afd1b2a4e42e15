"""Screens and literal-first rewrites in the analysis give what the plain patterns give.

Each test holds a fast path to the straightforward code it replaced (kept here as the reference), on
every line of the datasets and on generated text.
"""
from __future__ import annotations

import importlib
import re
from pathlib import Path

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from okrcoach.analysis import changes, deadlines, language, placeholders, quantities
from okrcoach.analysis.normalize import CaselessPattern, shadow
from okrcoach.analysis.numerals import SCALES, parse_number

ROOT = Path(__file__).resolve().parents[1]
TEXTS = [shadow(t) for name in ("key_results.csv", "objectives.csv", "progress_notes.csv")
         for t in pd.read_csv(ROOT / "datasets" / name, dtype=str, keep_default_na=False)["text"]]
_ANALYSE = importlib.import_module("okrcoach.analysis.analyse")  # the package exports the function by that name
SETTINGS = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _text(*pieces: str, size: int = 4) -> st.SearchStrategy[str]:
    """Lines glued from the given pieces, odd white space and short random text."""
    return st.lists(st.one_of(st.sampled_from(list(pieces) + [" ", "  ", "\t", "\n", "ſ", "ı", "K", "İ"]),
                              st.text(max_size=size)), max_size=12).map("".join)


# ---- changes: the relative-verb window and the multiplier / baseline-note screens ---------------------
def _same_relative_search(text: str) -> None:
    for end in range(len(text) + 1):
        plain = changes._RELATIVE_VERB.search(text, max(0, end - 80), end)
        fast = changes._relative_verb_before(text, end)
        assert (fast.span() if fast else None) == (plain.span() if plain else None), (text, end)


def test_relative_verb_gate_keeps_every_match_on_the_datasets() -> None:
    for text in TEXTS[::5]:
        _same_relative_search(text)


@SETTINGS
@given(_text("提升", "同比增长", "降幅", "Reduce", "increase", "cut", "grow", "by", "BY", "bY", "20%", "."))
def test_relative_verb_gate_keeps_every_match_on_any_text(text: str) -> None:
    _same_relative_search(text)


def _screens_pass(text: str) -> None:
    for pattern, screen in ((changes._MULTIPLIER, changes._MULTIPLIER_SCREEN),
                            (changes._BASELINE_NOTE, changes._BASELINE_NOTE_SCREEN)):
        if pattern.search(text):
            assert screen.search(text), (pattern.pattern[:30], text)


def test_change_screens_pass_every_matching_line_of_the_datasets() -> None:
    matched = 0
    for text in TEXTS + ["DOUBLE the pipeline", "cut  in\thalf", "翻一番", "(Q2: 3.9)", "（去年 45%）", "Up  from 30",
                         "vs. 12", "baseline is 40%", "当前 62%"]:
        matched += bool(changes._MULTIPLIER.search(text) or changes._BASELINE_NOTE.search(text))
        _screens_pass(text)
    assert matched >= 9


@SETTINGS
@given(_text("double", "Tripled", "halve", "cut", " in ", "half", "翻倍", "减半", "(", "（", ")", "today", "Q2:",
             "当前", "基线为", "baseline", "currently", "up", "down", " from ", "vs.", "3", "%"))
def test_change_screens_pass_every_matching_line_of_any_text(text: str) -> None:
    _screens_pass(text)


def _same_between(text: str) -> None:
    assert changes._links_baseline_and_target(text) == bool(changes._BETWEEN.match(text)), text
    either = bool(changes._BASELINE_NOTE_SCREEN.search(text) or changes._MULTIPLIER_SCREEN.search(text))
    assert bool(changes._ANY_NOTE_OR_MULTIPLIER.search(text)) == either, text


def test_between_gate_and_joined_screen_on_the_datasets() -> None:
    for text in TEXTS:
        for start in range(0, len(text), 3):  # the text between two quantities is any short piece of a line
            _same_between(text[start:start + 12])
        _same_between(text)


@SETTINGS
@given(_text("提升", "到", "至", "为", "成", "->", "→", "=>", "to", "TO", "tO", "improves", "降低", " ", "\n", "a", "x"))
def test_between_gate_and_joined_screen_on_any_text(text: str) -> None:
    _same_between(text)


# ---- placeholders: the literal-first screen ------------------------------------------------------------
_OLD_MAYBE = CaselessPattern(r"(?=[xXnN?？\[【〔_tT待zZdD])"
                             r"(?:(?<![A-Za-z])[xXnN](?![A-Za-z])|[xX]{2}|[?？\[【〔_]|TB[DCA]|待|[zZ]{3}|defined|to be|"
                             r"needs? (?:a )?(?:baseline|target))")


def _plain_placeholders(text: str) -> list[placeholders.Placeholder]:
    """The function as it was: the old screen (any bracket passes), then the full pattern."""
    if not _OLD_MAYBE.search(text):
        return []
    out = []
    for m in placeholders._PLACEHOLDER_RE.finditer(text):
        s, e = m.start(), m.end()
        while s < e and text[s].isspace():
            s += 1
        if s < e:
            out.append(placeholders.Placeholder(text[s:e], s, e))
    return out


def test_placeholder_screen_keeps_every_placeholder_on_the_datasets() -> None:
    found = 0
    for text in TEXTS + ["[P0] budget to  be decided", "【目标】提升至 xx%", "[ target ] users", "[P0] needs\ta baseline"]:
        expected = _plain_placeholders(text)
        found += bool(expected)
        assert placeholders.extract_placeholders(text) == expected, text
    assert found >= 20


@SETTINGS
@given(_text("x", "X", "xx", "N", "n", "?", "？", "_", "__", "TBD", "待定", "zzz", "[", "【", "〔", "]", "】", "目标",
             "target", "value", "to", " be ", "decided", "needs", "a", "baseline", "defined", "至", "$", "%", "个"))
def test_placeholder_screen_keeps_every_placeholder_on_any_text(text: str) -> None:
    assert placeholders.extract_placeholders(text) == _plain_placeholders(text)


# ---- analyse: the zero-target pattern, rewritten with a literal first ----------------------------------
_OLD_ZERO = CaselessPattern(
    r"(?=[零0清归zZnN])"
    r"(?:(?:零|0\s?)(?=[\u4e00-\u9fff]{0,4}(?:事故|故障|投诉|缺陷|流失|差错|失误|逾期|延误|宕机|泄露|漏洞|事件|发生|违规|伤亡|丢失|遗漏|返工|客诉|错误|退货|超时))"
    r"|清零|归零|\bzero\b|\bno\s+(?:sev|p[0-2]\b|critical|major|repeat|unplanned|lost))",
)


def _same_zero_spans(text: str) -> None:
    assert [m.span() for m in _ANALYSE._ZERO.finditer(text)] == [m.span() for m in _OLD_ZERO.finditer(text)]


def test_zero_pattern_keeps_its_spans_on_the_datasets() -> None:
    for text in TEXTS + ["ZERO sev-1 incidents", "No P1 bugs", "xzero", "零事故", "0 投诉", "0事故", "nozero"]:
        _same_zero_spans(text)


@SETTINGS
@given(_text("零", "0", "0 ", "事故", "投诉", "清零", "归零", "zero", "ZERO", "no", "No ", "sev", "p1", "P2", "critical",
             "a", "_", "-"))
def test_zero_pattern_keeps_its_spans_on_any_text(text: str) -> None:
    _same_zero_spans(text)


# ---- language: Han characters counted by their runs --------------------------------------------------
def _plain_script_counts(text: str) -> tuple[int, int]:
    if "@" in text or "://" in text or "www." in text:
        text = language._ADDRESS.sub(" ", text)
    return (0 if text.isascii() else len(language._HAN.findall(text))), len(language._LATIN_WORD.findall(text))


def _plain_detect(text: str, zh: int, en: int) -> tuple[str, bool]:
    han, latin = _plain_script_counts(text)
    if han == 0:
        return "en", False
    if latin == 0:
        return "zh", False
    if zh != en:
        return ("zh" if zh > en else "en"), True
    return ("zh" if han / 2 >= latin else "en"), True


def _same_language(text: str) -> None:
    assert language.script_counts(text) == _plain_script_counts(text), text
    for zh, en in ((0, 0), (1, 0), (0, 2)):
        assert language.detect_language(text, zh, en) == _plain_detect(text, zh, en), text


def test_language_counts_are_the_plain_counts_on_the_datasets() -> None:
    for text in TEXTS + ["联系 zhang.san@example.com 获取数据", "见 https://例子.cn/路径 文档", "www.中文.com 上线"]:
        _same_language(text)


@SETTINGS
@given(_text("中文", "上线", "㐀", "豈", "Launch", "ab", "a", "@x.com", "https://", "www.", "中", "。", "ａｂ"))
def test_language_counts_are_the_plain_counts_on_any_text(text: str) -> None:
    _same_language(text)


# ---- deadlines: grouped guards, and the pattern for ASCII lines -------------------------------------------
_FLAT_DEADLINES = CaselessPattern(f"(?={deadlines._FIRST})(?:"
                                  + "|".join(f"(?=[{first}])(?:{p})" for first, p in deadlines._PATTERNS) + ")")
_ASCII_TEXT = st.lists(st.one_of(st.sampled_from(["Q1", "q2", "H1", "2026", "2026-06-30", "2026/6/30", "2026 Q3", "6/30",
                                                  "by ", "in ", "within ", "end of ", "the ", "next ", "May", "march",
                                                  " ", "12th", "of", "weeks", "day", "mid-year", "EOQ", "FY26"]),
                                 st.text(st.characters(max_codepoint=127), max_size=4)), max_size=12).map("".join)


def _same_deadline_matches(text: str) -> None:
    expected = [m.span() for m in _FLAT_DEADLINES.finditer(text)]
    assert [m.span() for m in deadlines._DEADLINE_RE.finditer(text)] == expected, text
    if text.isascii():
        assert [m.span() for m in deadlines._DEADLINE_ASCII_RE.finditer(text)] == expected, text


def test_grouped_deadline_patterns_find_the_flat_matches_on_the_datasets() -> None:
    for text in TEXTS:
        _same_deadline_matches(text)


@SETTINGS
@given(st.one_of(_ASCII_TEXT, _text("Q1", "2026", "年", "月", "底", "前", "2026-06-30", "by ", "in ", "本季度", "两个月后",
                                    "within ", "May 15", "618")))
def test_grouped_deadline_patterns_find_the_flat_matches_on_any_text(text: str) -> None:
    _same_deadline_matches(text)


def test_zh_patterns_left_out_of_the_ascii_pattern_never_match_ascii() -> None:
    left_out = [p for first, p in deadlines._ZH_PATTERNS if (first, p) not in deadlines._ZH_PATTERNS_ASCII]
    assert len(left_out) == len(deadlines._ZH_PATTERNS) - 3
    for pattern in left_out:
        compiled = re.compile(pattern, re.IGNORECASE)
        for text in [t for t in TEXTS if t.isascii()] + ["2026-06-30", "Q1 2026", "12 weeks", "xx", "618"]:
            assert compiled.search(text) is None, (pattern, text)


@SETTINGS
@given(_ASCII_TEXT)
def test_zh_patterns_left_out_of_the_ascii_pattern_never_match_any_ascii_text(text: str) -> None:
    for first, pattern in deadlines._ZH_PATTERNS:
        if (first, pattern) not in deadlines._ZH_PATTERNS_ASCII:
            assert re.search(pattern, text, re.IGNORECASE) is None, (pattern, text)


# ---- quantities: the word-start lookahead, the joined screens, the word before a number -------------------
_OLD_ARABIC = CaselessPattern(r"(?=[\d.≥>≤<不超至最低高少多大小$¥￥€£]|(?<![A-Za-z])[anmlfbuourceANMLFBUOURCE])"
                              + quantities._ARABIC, re.VERBOSE)
_NUMBER_TEXT = _text("at least ", "AT MOST ", "no more than", "Over", "under", "up to ", "beyond", "more than", "fewer",
                     "usd", "US$", "RMB ", "$", "¥", "20", "3.5", "1,000", "k", "%", "x", "天", "个", "以上", "不低于", "-", "/",
                     "a", "Recover")


def _same_arabic_matches(text: str) -> None:
    assert [m.regs for m in quantities.ARABIC_RE.finditer(text)] == [m.regs for m in _OLD_ARABIC.finditer(text)], text


def test_arabic_word_start_lookahead_keeps_the_matches_on_the_datasets() -> None:
    for text in TEXTS:
        _same_arabic_matches(text)


@SETTINGS
@given(_NUMBER_TEXT)
def test_arabic_word_start_lookahead_keeps_the_matches_on_any_text(text: str) -> None:
    _same_arabic_matches(text)


_OLD_COUNT_SCREEN = CaselessPattern("|".join(sorted({word.split()[-1] for word in quantities._EN_WORDS})))


def _same_screens(text: str) -> None:
    assert bool(quantities._EXTRA_SCREENS["count"].search(text)) == bool(_OLD_COUNT_SCREEN.search(text)), text
    either = any(screen.search(text) for screen in quantities._EXTRA_SCREENS.values())
    assert bool(quantities._ANY_EXTRA.search(text)) == either, text


def test_number_word_screens_pass_the_same_lines_on_the_datasets() -> None:
    for text in TEXTS:
        _same_screens(text)


@SETTINGS
@given(_text("one", "TEN", "twelve", "thousand", "a dozen", "seven", "前三", "第一", "No. 1", "#1", "number", "first"))
def test_number_word_screens_pass_the_same_lines_on_any_text(text: str) -> None:
    _same_screens(text)


def _walked_word_before(text: str, start: int) -> str:
    end = start - 1 if start > 0 and text[start - 1] == " " else start
    i = end
    while i > 0 and (text[i - 1].isalnum() or text[i - 1] == ".") and end - i < 12:
        i -= 1
    return text[i:end]


@SETTINGS
@given(_text("客服坐席的次日留存率环比提升至", "Rails", "v", "node.js", "版本", "_", ".", "a b"), st.integers(0, 60))
def test_word_before_is_the_backward_walk(text: str, start: int) -> None:
    start = min(start, len(text))
    assert quantities._word_before(text, start) == _walked_word_before(text, start)


def test_word_before_is_the_backward_walk_on_the_datasets() -> None:
    for text in TEXTS[::3]:
        for start in range(len(text) + 1):
            assert quantities._word_before(text, start) == _walked_word_before(text, start)


@SETTINGS
@given(st.from_regex(r"\d+(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+|[\d,.]{0,6}", fullmatch=True),
       st.sampled_from(["", " ", "k", "K", "万", " 万", "million", "bn", "x", "  M "]))
def test_parse_number_is_the_plain_parse(digits: str, scale: str) -> None:
    try:
        expected = float(digits.replace(",", "")) * SCALES.get(scale.strip(), 1.0)
    except ValueError:
        expected = None
    value = parse_number(digits, scale)
    assert value == expected or (value != value and expected != expected)
    assert type(value) is type(expected)
