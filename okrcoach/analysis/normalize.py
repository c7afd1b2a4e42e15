"""A same-length "shadow" of a line that the pattern matchers read.

Every matcher runs on the shadow, never on the raw text, so that full-width digits (５０％),
traditional characters (達到) and odd spaces match the same patterns as their plain forms.
The shadow is built with one-to-one character substitutions only, which keeps every
character offset valid in the original text: a span found in the shadow is a span of the line.
"""
from __future__ import annotations

import re
import sys
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Iterator


def _fullwidth_table() -> dict[int, str]:
    table = {cp: chr(cp - 0xFEE0) for cp in range(0xFF01, 0xFF5F)}
    table[0x3000] = " "  # ideographic space
    table[0x00A0] = " "  # no-break space
    table[0x2009] = " "
    table[0x202F] = " "
    table[ord("，")] = ","
    table[ord("：")] = ":"
    table[ord("；")] = ";"
    table[ord("（")] = "("
    table[ord("）")] = ")"
    table[ord("～")] = "~"
    table[ord("－")] = "-"
    table[ord("—")] = "-"
    table[ord("–")] = "-"
    table[ord("〜")] = "~"
    table[ord("＠")] = "@"
    table[ord("％")] = "%"
    table[ord("〇")] = "零"
    return table


def _traditional_table() -> dict[int, str]:
    """Traditional → simplified characters, one to one, from OpenCC's character table.

    We only take single-character mappings so the shadow keeps its length; phrase-level
    conversion is not needed for lexicon matching.
    """
    try:
        import opencc  # opencc-python-reimplemented ships OpenCC's dictionaries
    except ImportError:  # pragma: no cover - declared dependency
        return {}
    path = Path(opencc.__file__).parent / "dictionary" / "TSCharacters.txt"
    table: dict[int, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) != 2 or len(parts[0]) != 1:
            continue
        target = parts[1].split(" ")[0]
        if len(target) == 1 and target != parts[0]:
            table[ord(parts[0])] = target
    return table


@lru_cache(maxsize=1)
def shadow_table() -> dict[int, str]:
    table = _traditional_table()
    table.update(_fullwidth_table())
    return table


def shadow(text: str) -> str:
    """Return the same-length normalised form of ``text`` used for matching.

    >>> shadow("客戶續約率達到９５％")
    '客户续约率达到95%'
    """
    if text.isascii():  # every key of the table is beyond ASCII: an English line is its own shadow
        return text
    return text.translate(shadow_table())


# ---- case-insensitive matching without re.IGNORECASE ------------------------------------------------
# ``re.IGNORECASE`` makes every literal comparison fold case, a third of a long pattern's time. The
# matchers instead run a lower-case copy of their pattern over ``text.lower()``, which gives the same
# spans whenever lowering keeps every character in place. It does not for a few characters: "İ"
# lowers to two, and the non-ASCII characters ``re`` folds together beyond plain lower case (ı ~ i,
# ſ ~ s, µ ~ μ, ϐ ~ β …) compare equal only under IGNORECASE. A line holding one of those is matched
# with the original pattern.
def _special_folds() -> str:
    import re._casefix as casefix  # the folds ``re`` adds to str.lower() (CPython's own table)

    chars = {chr(c) for k, vs in casefix._EXTRA_CASES.items() for c in (k, *vs) if c > 0x7F}
    return "".join(sorted(chars))


_END = sys.maxsize  # re's own default ``endpos``: the end of the text
_SPECIAL_FOLD = re.compile("[" + re.escape(_special_folds()) + "]")
_PATTERN_TOKEN = re.compile(r"\\.|\(\?P<\w+>|\(\?P=\w+\)|[^\W\d_]+")


class CaselessPattern:
    """A pattern matched case-insensitively, as ``re.compile(source, flags | re.IGNORECASE)`` would.

    :meth:`finditer`, :meth:`search` and :meth:`match` take the text as it is; they return matches
    over the lowered text (same spans, lower-case ``group()``) unless the text needs the folded
    pattern. Read spans and groups through the caller's own text when case matters.
    """

    def __init__(self, source: str, flags: int = 0):
        self.pattern, self.flags = source, flags | re.IGNORECASE
        lowered = _PATTERN_TOKEN.sub(_lower_literal, source)
        # a pattern that itself holds a special fold (or a letter whose lower case is longer) always folds
        same = len(lowered) == len(source) and not folds_specially(lowered)
        self.lower = re.compile(lowered, flags & ~re.IGNORECASE) if same else None

    @cached_property
    def folded(self) -> re.Pattern[str]:
        """The IGNORECASE pattern, compiled on the first line that needs it (import time counts)."""
        return re.compile(self.pattern, self.flags)

    def _for(self, text: str) -> tuple[re.Pattern[str], str]:
        """The compiled pattern and the string to run it over: the lower-case pattern over the line's
        lower-case copy (:func:`lowered_line`, kept for the last line) where that is exact, else the
        IGNORECASE pattern over the line."""
        lower = self.lower
        if lower is not None:
            low = lowered_line(text)
            if low is not None:
                return lower, low
        return self.folded, text

    def finditer(self, text: str, pos: int = 0, endpos: int = _END) -> Iterator[re.Match[str]]:
        pattern, subject = self._for(text)
        return pattern.finditer(subject, pos, endpos)

    def search(self, text: str, pos: int = 0, endpos: int = _END) -> re.Match[str] | None:
        pattern, subject = self._for(text)
        return pattern.search(subject, pos, endpos)

    def match(self, text: str, pos: int = 0, endpos: int = _END) -> re.Match[str] | None:
        pattern, subject = self._for(text)
        return pattern.match(subject, pos, endpos)


_last: tuple[str, str | None] = ("", "")


def lowered_line(text: str) -> str | None:
    """``text.lower()`` when a case-sensitive match over it finds what IGNORECASE finds over ``text``:
    every character stays in place and none folds beyond its lower case (ı ~ i, ſ ~ s, final ς ~ σ …).
    None otherwise.

    The analysis runs a dozen patterns over the same line in a row: the last answer is kept (one
    tuple, replaced whole, so threads never see half of it)."""
    global _last
    last = _last
    if last[0] is text:
        return last[1]
    low: str | None = text.lower()
    if len(low) != len(text) or folds_specially(low):
        low = None
    _last = (text, low)
    return low


def folds_specially(text: str) -> bool:
    """Whether ``text`` holds a character IGNORECASE folds beyond its lower case (ı, ſ, ς, µ …)."""
    return _SPECIAL_FOLD.search(text) is not None


def _lower_literal(m: re.Match) -> str:
    """Upper-case letters of a pattern's literals and classes, lowered; escapes (``\\D``, ``\\S``) and
    group names are syntax and stay."""
    token = m.group(0)
    return token if token[0] in "\\(" else token.lower()
