"""Placeholders: a target that is not yet a number (xx, XX%, xxxx 万, TBD, N, ?, [目标])."""
from __future__ import annotations

import re
from dataclasses import dataclass

from .normalize import CaselessPattern

_UNIT_AFTER = r"(?=\s?(?:%|％|万|亿|千|k\b|K\b|M\b|个|人|家|元|天|小时|分钟|秒|ms|次|条|单|倍|分|位|名|users?|customers?|days?|hours?|ms\b|x\b))"
_TARGET_BEFORE = "|".join(
    [r"(?<=[至到为达超从由于过])"]
    + [rf"(?<=\b{w}\s)" for w in ("to", "by", "of", "at", "reach", "hit", "from", "than", "above", "below", "under", "over")]
)
_PATTERNS = [
    r"(?<![A-Za-z])[xX]{2,}(?![A-Za-z])" + _UNIT_AFTER,
    r"(?:" + _TARGET_BEFORE + r")\s?[xX]{2,}(?![A-Za-z])",
    r"(?<![A-Za-z])[xX]{3,}(?![A-Za-z])",  # xxxx alone is always a placeholder, not a name
    r"(?<![A-Za-z])[xXnN](?![A-Za-z0-9])" + r"(?=\s?(?:%|％|万|个百分点|倍))",
    r"(?:" + _TARGET_BEFORE + r")\s?[nNX](?![A-Za-z0-9])",
    r"(?<![A-Za-z])N(?![A-Za-z0-9])(?=\s?(?:个|人|家|场|次|条|(?:(?:new|more|additional|paying|active|qualified|enterprise)\s)?"
    r"(?:users?|customers?|leads?|deals?|accounts?|clients?|partners?|teams?|logos?)\b))",
    r"\b(?:TBD|TBC|TBA)\b|待定|待补充|待确认|待填写|待设定|待定义|待商定",
    # a single X / x / N standing for a count, an amount or a month: "X 家客户", "x 人", "X 月底前"
    r"(?<![A-Za-z0-9])[xXN](?![A-Za-z0-9])(?=\s?(?:个|人|家|场|次|条|名|位|元|块|万|亿|千|月|天|周|单|笔|项|款|篇|所|门|本|台|件|套))",
    r"[$¥￥€£]\s?(?:[xX]+|N)(?![A-Za-z0-9])\s?[kKmMwW万]?",  # $N, $XXk, ¥xx万
    r"(?<![A-Za-z])[zZ]{3,}(?![A-Za-z])",  # ZZZ: a filler some templates use
    r"(?i:\b(?:undefined|not\s+(?:yet\s+)?defined|to\s+be\s+(?:defined|decided|set|confirmed|determined))\b"
    r"|\bneeds?\s+(?:a\s+)?(?:baselines?|targets?)(?:\s+and\s+(?:baselines?|targets?))?\b)",
    r"(?:" + _TARGET_BEFORE + r")\s?[?？]+|(?<![?？])[?？]+(?=\s?(?:%|％|万|个|人))",
    r"[\[【〔]\s*(?:目标|基线|日期|数值|数字|指标|target|baseline|date|number|value|x+|X+|n|N)\s*(?:值)?[\]】〕]",
    r"(?<!_)_{2,}(?:\s?%)?",
]
# A match opens with white space (before a target after 至/to), a filler letter, a currency sign, a
# bracket, an underscore, a question mark, 待 or the first letter of TBD/undefined/not/to be/needs:
# the lookahead skips every other position before the alternation is tried.
_PLACEHOLDER_RE = re.compile(r"(?=[\sxXnNzZtTuU待$¥￥€£\[【〔_?？])(?:" + "|".join(f"(?:{p})" for p in _PATTERNS) + ")")
# Cheap screen: most lines hold none of these, and the full pattern is costly. Every alternative opens
# with a literal character, so sre skips to those characters in one C scan (a lookahead in front would
# enter the engine at every position). A lone x or n (not after a letter: the lookbehind reads the
# character before it) may be a placeholder, a bracket only around a placeholder word.
_MAYBE = CaselessPattern(r"x(?<![A-Za-z]x)(?![A-Za-z])|n(?<![A-Za-z]n)(?![A-Za-z])|xx|\?|？|_|TB[DCA]|待|zzz|defined|to be|"
                         r"needs? (?:a )?(?:baseline|target)|" + "|".join(
                             re.escape(b) + r"\s*(?:目标|基线|日期|数值|数字|指标|target|baseline|date|number|value|x|n)" for b in "[【〔"))
# The screen once passed every line with a bracket, and the full pattern then also found "to  be decided"
# or "needs\ta target" (white space other than the screen's one space) on it: such a line still goes on.
_BRACKET = re.compile(r"[\[【〔]")
_SPACED_WORDS = CaselessPattern(r"to\s+be|needs?\s")


@dataclass(frozen=True)
class Placeholder:
    text: str
    start: int
    end: int


def extract_placeholders(shadow_text: str, original: str | None = None) -> list[Placeholder]:
    """
    >>> [p.text for p in extract_placeholders("转化率提升至 xx%,新增 xxxx 万用户")]
    ['xx', 'xxxx']
    >>> extract_placeholders("Launch XX product page")
    []
    """
    if not _MAYBE.search(shadow_text) and not (_BRACKET.search(shadow_text) and _SPACED_WORDS.search(shadow_text)):
        return []
    original = shadow_text if original is None else original
    out = []
    for m in _PLACEHOLDER_RE.finditer(shadow_text):
        s, e = m.start(), m.end()
        while s < e and shadow_text[s].isspace():
            s += 1
        if s < e:
            out.append(Placeholder(original[s:e], s, e))
    return out
