"""Baseline → target statements: 从 35 提升至 50, from 80,000 to 140,000, reduce X by 20%, 翻倍 / double."""
from __future__ import annotations

import re
from dataclasses import dataclass
from operator import attrgetter

from ..core.frozen import quick_init
from .normalize import CaselessPattern
from .quantities import Quantity

# Text allowed between the baseline and the target quantity ("提升至", " to ", "→").
_BETWEEN = re.compile(
    r"^\s*(?:[\u4e00-\u9fffA-Za-z ]{0,6}?)?\s*(?:提升|提高|降低|减少|增长|增加|缩短|下降|上升|压缩|优化|扩大|升|降|增|减|缩减|"
    r"improve[sd]?|increase[sd]?|reduce[sd]?|grow|cut|lift|raise|lower|drop)?\s*"
    r"(?:到|至|为|成|->|→|=>|to)\s*$",
    re.IGNORECASE,
)
# "到", " to ", "提升至", "降低到" with a few words around: never longer than this.
_MAX_BETWEEN = 40
# What every match of _BETWEEN ends with before its trailing white space: a text that ends otherwise (most
# pairs of quantities) is not matched against the pattern's nested optional parts.
_BETWEEN_ENDS = ("到", "至", "为", "成", "->", "→", "=>")
# Each pattern below starts with a lookahead of the characters its matches can start with, so the
# engine skips every other position before trying the alternation (the same matches, less time).
_BASE_CUE = re.compile(r"(?=[从由fF])(?:从|由|from)\s*(?:[\u4e00-\u9fffA-Za-z%\s]{0,12}?)?\s*$", re.IGNORECASE)
_RELATIVE_ZH = ("提升", "提高", "降低", "减少", "增长", "增加", "缩短", "下降", "上升", "压缩", "扩大", "缩减", "同比增长",
                "环比增长", "同比提升", "增幅", "降幅")
_RELATIVE_VERB = CaselessPattern(
    r"(?=[提降减增缩下上压扩同环irdgclbseIRDGCLBSE])(?:"
    r"(?:" + "|".join(_RELATIVE_ZH) + r")\s*$|"
    r"(?:improve[sd]?|increase[sd]?|reduce[sd]?|decrease[sd]?|grow(?:s|n)?|cut|lift|boost|raise|lower|drop|shrink|expand)\b[^.;,]{0,60}?\bby\s*$)",
)
# Every match of _RELATIVE_VERB ends, before white space, with a Chinese verb or "by" (its ``$``): a window
# that ends otherwise is not searched (most quantities), which spares a scan of up to 80 positions.
_RELATIVE_ENDINGS = _RELATIVE_ZH + ("by", "bY", "By", "BY")
_MULTIPLIER = CaselessPattern(
    r"(?=[翻减砍dthcDTHC])(?:翻倍|翻番|翻一番|翻两番|减半|砍半|\bdoubl(?:e|ed|es|ing)\b|\btripl(?:e|ed|es|ing)\b|\bhalv(?:e|ed|es|ing)\b|\bcut\s+in\s+half\b)",
)

# What a match of each pattern above cannot do without, as alternatives that open with a literal: sre then
# skips to their first characters in one C scan, where a pattern opening with a lookahead enters the engine
# at every position of the line. Most lines hold none, and the pattern is tried only on a line that passes
# (the same matches; a test holds every match to its screen).
_MULTIPLIER_SCREEN = CaselessPattern(r"翻|减半|砍半|doubl|tripl|halv|cut\s+in\s+half")


# A baseline given as a note: "(Q2: 3.9)", "(0 today)", "(today roughly half do)", "当前 62%", "（去年 45%）".
_BASELINE_NOTE = CaselessPattern(
    r"(?=[(（当目现基bcudvBCUDV])(?:"
    r"[(（]\s*(?:Q[1-4]|H[12]|FY\s?\d+|today|now|currently|current|baseline|was|last\s+(?:quarter|year|month)|"
    r"当前|目前|现为|现在|基线|去年(?:同期)?|上季度?|上月|上半年|Q[1-4]\s*实际)\s*(?:[:：]\s*)?[^)）]{0,40}[)）]"
    r"|[(（][^)）]{0,25}\b(?:today|now|currently|at\s+baseline)\s*[)）]"
    r"|(?:当前|目前|现为|基线为?|baseline(?:\s+is)?|currently|up\s+from|down\s+from|vs\.?)\s*(?:[:：]\s*)?(?:(?:约|~|≈)\s*)?[$¥€£]?\d+(?:,\d{3})*(?:\.\d+)?%?)",
)
_BASELINE_NOTE_SCREEN = CaselessPattern(r"\(|（|当前|目前|现为|基线|baseline|currently|up\s+from|down\s+from|vs")
_ANY_NOTE_OR_MULTIPLIER = CaselessPattern(f"{_BASELINE_NOTE_SCREEN.pattern}|{_MULTIPLIER_SCREEN.pattern}")


@quick_init
@dataclass(frozen=True)
class Change:
    """A stated change: ``baseline_target`` (from A to B), ``relative`` (by 20%), ``multiplier`` (double),
    or ``baseline_note`` (the baseline given aside: "(Q2: 3.9)", "当前 62%")."""

    kind: str
    start: int
    end: int
    baseline: Quantity | None = None
    target: Quantity | None = None


def extract_changes(shadow_text: str, quantities: list[Quantity]) -> list[Change]:
    """Find baseline→target pairs among the quantities already found, plus relative and multiplier changes.

    >>> from .quantities import extract_quantities
    >>> t = "由 45 天缩短到 30 天"
    >>> [(c.kind, c.baseline.value, c.target.value) for c in extract_changes(t, extract_quantities(t))]
    [('baseline_target', 45.0, 30.0)]
    """
    changes: list[Change] = []
    used: set[int] = set()
    for i in range(len(quantities) - 1):
        a, b = quantities[i], quantities[i + 1]
        between = shadow_text[a.end:b.start]
        if len(between) > _MAX_BETWEEN:  # also keeps _BETWEEN's nested \s* off long blank runs
            continue
        before = shadow_text[max(0, a.start - 14):a.start]
        if _links_baseline_and_target(between) and _BASE_CUE.search(before):
            cue = _BASE_CUE.search(before)
            start = a.start - (len(before) - cue.start())
            changes.append(Change("baseline_target", start, b.end, a, b))
            used.update((i, i + 1))
    for i, q in enumerate(quantities):
        if i in used or q.kind not in ("percent", "number", "multiplier", "money", "duration"):
            continue
        # the 80 characters before the quantity, searched in place (``$`` is the quantity's start): the
        # same match as over a slice, and the line's lower-case copy is reused instead of one per slice
        m = _relative_verb_before(shadow_text, q.start)
        if m:
            changes.append(Change("relative", m.start(), q.end, None, q))
    if _ANY_NOTE_OR_MULTIPLIER.search(shadow_text):  # nearly every line passes neither screen: one search
        if not any(c.kind == "baseline_target" for c in changes) and _BASELINE_NOTE_SCREEN.search(shadow_text):
            for m in _BASELINE_NOTE.finditer(shadow_text):
                changes.append(Change("baseline_note", m.start(), m.end()))
        if _MULTIPLIER_SCREEN.search(shadow_text):
            for m in _MULTIPLIER.finditer(shadow_text):
                changes.append(Change("multiplier", m.start(), m.end()))
    if len(changes) > 1:
        changes.sort(key=_START)
    return changes


_START = attrgetter("start")


def _links_baseline_and_target(between: str) -> bool:
    """Whether the text between two quantities links a baseline to a target (``_BETWEEN``), tried only when
    it ends, past white space (``\\s*$``), with one of the words every match ends with."""
    tail = between.rstrip()
    if not (tail.endswith(_BETWEEN_ENDS) or tail[-2:].lower() == "to"):  # (IGNORECASE's "to" is lower() "to")
        return False
    return _BETWEEN.match(between) is not None


def _relative_verb_before(text: str, end: int) -> re.Match[str] | None:
    """``_RELATIVE_VERB`` searched in the 80 characters before ``end``, tried only where the text before
    ``end`` ends (past white space, as ``\\s*$`` skips it) with one of the verbs or "by" that every match ends with."""
    start = max(0, end - 80)
    stop = end
    while stop > start and text[stop - 1].isspace():
        stop -= 1
    if not text.endswith(_RELATIVE_ENDINGS, start, stop):
        return None
    return _RELATIVE_VERB.search(text, start, end)
