"""Deadlines and time bounds: 2 月底前, 截止 3 月中旬, Q1 结束前, 本季度, 双月内, by May 15, end of Q3, within 2 weeks."""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..core.frozen import quick_init
from .normalize import CaselessPattern

_MONTHS_EN = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
              r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_CN_DIGIT = "一二三四五六七八九十"
_ZH_SUFFIX = r"(?:\s*(?:(?:结束|完成)\s*)?(?:前|之前|以前|内|之内|以内|为止|底|末|初|中旬|上旬|下旬|中))*"
_EN_ANCHOR = (rf"(?:(?:the\s+)?(?:end|start|beginning|middle|close)\s+of\s+(?:the\s+)?)?"
              rf"(?:Q[1-4](?:\s*(?:20)?\d\d)?|H[12](?:\s*(?:20)?\d\d)?|FY\s?\d{{2,4}}|EO[QYMW]|year[-\s]end|quarter[-\s]end|month[-\s]end|"
              rf"fiscal\s+year[-\s]end|(?:this|next|the)\s+(?:quarter|half|month|year|sprint|cycle|fiscal\s+year)|"
              rf"{_MONTHS_EN}(?:\s+\d{{1,2}}(?:st|nd|rd|th)?)?(?:,?\s+20\d\d)?|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTHS_EN}(?:,?\s+20\d\d)?|"
              rf"20\d\d-\d{{1,2}}-\d{{1,2}}|(?<![\d.])\d{{1,2}}/\d{{1,2}}(?:/\d{{2,4}})?|20\d\d|"
              rf"black\s+friday|cyber\s+monday|christmas|chinese\s+new\s+year|launch|go-live|(?:mon|tues|wednes|thurs|fri)day)")

# The zh patterns that can match without a Chinese character ("2026-06-30", "Q1", "2026 Q3"), named for
# the ASCII-line pattern below
_ZH_DATE = (r"截到于在2",
            rf"(?:(?:截止|截至|到|于|在)\s*)?20\d\d\s*[-/.年]\s*\d{{1,2}}\s*[-/.月]\s*\d{{1,2}}\s*[日号]?{_ZH_SUFFIX}")
_ZH_PERIOD = (rf"截到在2QH第1-4{_CN_DIGIT[:4]}上下",
              rf"(?:(?:截止|截至|到|在)\s*)?(?:20\d\d\s*年\s*)?(?:Q[1-4]|第?[{_CN_DIGIT[:4]}1-4一二三四]\s*季度|[上下]半年|H[12]){_ZH_SUFFIX}")
_ZH_YEAR_QUARTER = ("2", rf"20\d\d\s*[-/]?\s*Q[1-4]")
# "3 个月内" and "两个月后" open alike; in the compiled alternation they are one pattern (see _merged)
_ZH_COUNT = rf"(?:(?<!\d)\d+|(?<![{_CN_DIGIT}两半])[{_CN_DIGIT}两半]+)\s*个?"
_ZH_WITHIN_UNITS = r"(?:天|日|周|星期|月|工作日|季度)\s*(?:内|之内|以内)"
_ZH_FROM_NOW_UNITS = r"(?:周|星期|月|季度|年)\s*(?:后|之后|以后)"
_ZH_WITHIN = (rf"\d{_CN_DIGIT}两半", _ZH_COUNT + _ZH_WITHIN_UNITS)
_ZH_FROM_NOW = (rf"\d{_CN_DIGIT}两半", _ZH_COUNT + _ZH_FROM_NOW_UNITS)

# (the characters a match can start with, pattern): in the alternation each pattern is guarded by a
# lookahead of its first characters, so at a position where it cannot start the engine leaves it after
# one class test instead of walking its optional prefixes (a tenth less time per line on the
# benchmark; tests/test_analysis_fast_paths.py checks the classes against every match of each pattern)
_ZH_PATTERNS = [
    # zh: absolute dates and months
    (rf"截到于在\d{_CN_DIGIT}xX",
     rf"(?:(?:截止|截至|截止到|截至到|到|于|在)\s*)?(?:20\d\d\s*年\s*)?(?:\d{{1,2}}|[{_CN_DIGIT}]{{1,3}}|[xX]{{1,2}})\s*月(?:\s*(?:\d{{1,2}}|[{_CN_DIGIT}]{{1,3}})\s*[日号])?{_ZH_SUFFIX}"),
    _ZH_DATE,
    _ZH_PERIOD,
    ("本这下当今",
     rf"(?:本|这个|下个|当|今)(?:季度|季|月|周|双月|年度|财年|年|期|周期|半年|迭代|学期){_ZH_SUFFIX}"),
    ("2年全季月财双半学",
     rf"(?:20\d\d\s*)?(?:年底|年末|年中|年初|年内|全年|季末|季度末|月底|月末|财年末|双月内|半年内|学期末|学年内){_ZH_SUFFIX}"),
    ("2",
     rf"20\d\d\s*年{_ZH_SUFFIX}"),
    _ZH_WITHIN,
    # "两个月后，能够以 9km/h 配速跑 5 公里": a time bound counted from now
    _ZH_FROM_NOW,
    _ZH_YEAR_QUARTER,
    ("春国双6年中大开上发",
     rf"(?:春节|国庆|双十一|双11|双十二|618|年会|中秋|大促|开学|上市|发布会)(?:前|之前)"),
]
_EN_PATTERNS = [
    (r"\dabcdefghijlmnoqstuwy",
     rf"\b(?:(?:by|before|until|till|no\s+later\s+than|ahead\s+of|in|during|for|through|within|at|end\s+of|EO)\s*)?{_EN_ANCHOR}\b"),
    ("wi",
     rf"\b(?:within|in)\s+(?:the\s+)?(?:next\s+|coming\s+|first\s+)?(?:(?<!\d)\d+|a|one|two|three|four|five|six|eight|nine|twelve)\s+(?:business\s+)?(?:days?|weeks?|months?|quarters?|sprints?)\b"),
    ("dwbm",
     r"\b(?:during|within)\s+(?:the\s+)?(?:quarter|half|month|year|sprint|cycle)\b|\b(?:by\s+)?mid-?year\b"),
    ("esm",
     rf"\b(?:end|start|middle)\s+of\s+(?:Q[1-4]|H[12]|the\s+(?:quarter|year|month|half|sprint)|{_MONTHS_EN})"),
    ("tn",
     r"\b(?:this|next)\s+(?:quarter|half|month|year|sprint|cycle)\b"),
]
# Every pattern above starts with one of these characters (a digit, a Chinese numeral or time word, a
# zh/en prefix such as 截止/本/by/in/end, a period label or the first letter of an English time word).
# The lookahead lets the engine skip every other position before it tries the long alternation:
# 40% less time per line, the same matches (tests/test_analysis_table.py pins them).
# The English patterns open with ``\b``, so their first letter never follows a Latin letter: only Q, H and
# X (Q1, H2 and XX 月 inside the zh patterns) may start a match after one (half the time on English lines).
_FIRST = (r"(?:[\d一二三四五六七八九十两半本这下当今截到于在第上春国双年中大开发全季月财学QHXqhx]"
          r"|(?<![A-Za-z])[FEBUTNAIDWMSJOCLGYfebutnaidwmsjoclgy])")
_PATTERNS = _ZH_PATTERNS + _EN_PATTERNS


def _guarded(patterns: list[tuple[str, str]]) -> str:
    """The patterns as one alternation, each behind the lookahead of its first characters, and the whole
    behind the union of those: at a position none of them can start from (an English word start for the
    zh patterns, a Chinese character for the en ones) the engine leaves after one class test instead of
    one per pattern. The order of the alternatives, which decides the match, is kept."""
    alternatives = "|".join(f"(?=[{first}])(?:{p})" for first, p in patterns)
    if len(patterns) == 1:
        return alternatives
    return f"(?=[{''.join(first for first, _ in patterns)}])(?:{alternatives})"


def _merged(patterns: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """``patterns`` with "N 个月内" and "N 个月后" as one pattern that reads the count once and then either
    ending. The same matches in the same order: a count is followed by a unit only where it ends (a
    digit or numeral run, white space and 个 cannot stop short of a unit), so each pattern can match in
    one way only, and the first ending is tried first as before (a sixth less time on Chinese lines)."""
    out = []
    for pattern in patterns:
        if pattern is _ZH_FROM_NOW and out and out[-1] is _ZH_WITHIN:
            out[-1] = (_ZH_WITHIN[0], f"{_ZH_COUNT}(?:{_ZH_WITHIN_UNITS}|{_ZH_FROM_NOW_UNITS})")
        else:
            out.append(pattern)
    return out


# Three groups: the zh patterns, the long English one (its union would be its own class) and the other
# English ones (which need a word, so a digit or Chinese character skips them at once): a sixth less time
# on English lines than one guard per pattern, the same on Chinese lines.
_DEADLINE_RE = CaselessPattern(f"(?={_FIRST})(?:{_guarded(_merged(_ZH_PATTERNS))}|{_guarded(_EN_PATTERNS[:1])}"
                               f"|{_guarded(_EN_PATTERNS[1:])})")
# The zh patterns that can match without a Chinese character: "2026-06-30", "Q1", "2026 Q3". Each of the
# others needs one (月, 年, 本, 天, 前 …), so on a line of ASCII characters they are left out, the rest kept
# in their order: the same matches, a quarter less time on English lines.
_ZH_PATTERNS_ASCII = [_ZH_DATE, _ZH_PERIOD, _ZH_YEAR_QUARTER]
_DEADLINE_ASCII_RE = CaselessPattern(f"(?={_FIRST})(?:{_guarded(_ZH_PATTERNS_ASCII)}|{_guarded(_EN_PATTERNS[:1])}"
                                     f"|{_guarded(_EN_PATTERNS[1:])})")
# A bare four-digit year or month name inside a word or a quantity ("2026 users") is not a time bound.
_NOT_ALONE = re.compile(r"^(?:20\d\d|may|march|mar|launch|go-live)$", re.IGNORECASE)


_WEAK_PREP = re.compile(r"(?:in|for|at|during)\s+(?:may|march|20\d\d)", re.IGNORECASE)
_IN_MONTH = re.compile(r"(?:in|during)\s+(?:may|march)", re.IGNORECASE)
_IN_YEAR = re.compile(r"(?:in|during)\s+20\d\d", re.IGNORECASE)
# after "in 2026": the end of the line, punctuation or a function word, not a noun it counts
_YEAR_END = re.compile(r"\s*(?:$|[,.;:!?)）。，；、]|(?:and|or|to|with|across|by|for|via|through|at|on|in|from|while|as|so|"
                       r"than|vs)\b|[\u4e00-\u9fff])", re.IGNORECASE)
_PERIOD_LABEL = re.compile(r"Q[1-4]|H[12]", re.IGNORECASE)
_NOTE_BEFORE = re.compile(r"[(（]\s*$")
_NOTE_AFTER = re.compile(r"\s*[:：]")


@quick_init
@dataclass(frozen=True)
class Deadline:
    text: str
    start: int
    end: int


def extract_deadlines(shadow_text: str, original: str | None = None) -> list[Deadline]:
    """Time bounds in a line.

    >>> [d.text for d in extract_deadlines("Q1 结束前将 NPS 提升至 50")]
    ['Q1 结束前']
    >>> [d.text for d in extract_deadlines("Ship SSO by May 15 and migrate within 2 weeks")]
    ['by May 15', 'within 2 weeks']
    >>> [d.text for d in extract_deadlines("Launch in March; reach 2026 users; CSAT 4.5/5 (Q2: 3.9)")]
    ['in March']
    """
    original = shadow_text if original is None else original
    found: list[Deadline] = []
    for m in (_DEADLINE_ASCII_RE if shadow_text.isascii() else _DEADLINE_RE).finditer(shadow_text):
        start, end = m.start(), m.end()
        while start < end and shadow_text[start].isspace():
            start += 1
        while end > start and shadow_text[end - 1].isspace():
            end -= 1
        raw = shadow_text[start:end]
        if not raw or _NOT_ALONE.match(raw):
            continue
        if raw.lower() in {"in", "by", "at", "for", "during", "through", "before"}:
            continue
        # "may" as a modal verb and "march" as a verb never follow "in"/"during" ("launch in May" is a
        # deadline), but "for may", "at 2026" and "in 2026 users" (a count) are not time bounds.
        if _WEAK_PREP.fullmatch(raw) and not (
                _IN_MONTH.fullmatch(raw) or (_IN_YEAR.fullmatch(raw) and _YEAR_END.match(shadow_text, end))):
            continue
        # "(Q2: 3.9)": a period that labels a baseline figure is not a deadline
        if _PERIOD_LABEL.fullmatch(raw) and _NOTE_BEFORE.search(shadow_text, 0, start) and _NOTE_AFTER.match(shadow_text, end):
            continue
        found.append(Deadline(original[start:end], start, end))
    return found
