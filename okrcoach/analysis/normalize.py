"""A same-length "shadow" of a line that the pattern matchers read.

Every matcher runs on the shadow, never on the raw text, so that full-width digits (５０％),
traditional characters (達到) and odd spaces match the same patterns as their plain forms.
The shadow is built with one-to-one character substitutions only, which keeps every
character offset valid in the original text: a span found in the shadow is a span of the line.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path


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
    return text.translate(shadow_table())
