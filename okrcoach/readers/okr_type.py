"""An OKR type cell or draft tag → ``committed`` / ``aspirational`` / ``learning`` (any case, zh/en).

Kept with the readers, like the header synonyms: reading a cell is the reader's job, and the
rules only ever see the canonical name.

>>> [parse_okr_type(v) for v in ("承诺型", " Stretch ", "Exploratory", "", "KR", "重要")]
['committed', 'aspirational', 'learning', '', '', None]
"""
from __future__ import annotations

import re
import unicodedata

OKR_TYPES = ("committed", "aspirational", "learning")
TYPE_VALUES: dict[str, tuple[str, ...]] = {
    "committed": ("承诺型", "承诺", "承诺类", "必达型", "必达", "committed", "commit", "commitment", "committedokr",
                  "musthave", "mustwin"),
    "aspirational": ("挑战型", "挑战", "挑战类", "愿景型", "登月型", "aspirational", "aspiration", "stretch",
                     "stretchgoal", "moonshot", "ambitious", "roofshot"),
    "learning": ("学习型", "学习", "学习类", "探索型", "探索", "实验型", "learning", "learn", "exploratory",
                 "exploration", "explore", "experimental", "experiment"),
}
_LOOKUP = {v: canon for canon, values in TYPE_VALUES.items() for v in values}
# Cells that name the line's kind in a typed layout (O / KR), not an OKR type: not an error.
_KIND_MARKERS = {"o", "objective", "目标", "obj", "goal", "kr", "keyresult", "关键结果", "关键成果"}
# "[承诺型]" / "(learning)" / "【学习型】" at the start or end of a draft line
TAG = re.compile(r"[\[(（【]\s*([A-Za-z\u4e00-\u9fff][A-Za-z\u4e00-\u9fff \-]{0,20}?)\s*[\])）】]")


def parse_okr_type(value: object) -> str | None:
    """The canonical type; ``""`` when blank (or an O/KR marker); ``None`` when the cell names something else."""
    key = re.sub(r"[\s_\-.:：()（）\[\]【】/#*]+", "", unicodedata.normalize("NFKC", str(value or "")).lower())
    if not key or re.sub(r"[\d.]+$", "", key) in _KIND_MARKERS:
        return ""
    return _LOOKUP.get(key) or _LOOKUP.get(re.sub(r"(?:okrs?|型|类)$", "", key)) or None


def split_type_tag(text: str) -> tuple[str, str, int]:
    """``"[承诺型]: 保障系统稳定"`` → ``("committed", "保障系统稳定", offset of the text)``.

    A tag is read at the start of the line (after the O1 marker) or at its end; a bracket that
    names no type ("(Q3)") is left in the text.
    """
    m = re.match(r"\s*" + TAG.pattern + r"\s*[:：.、\-—]?\s*", text)
    if m and parse_okr_type(m.group(1)):
        return parse_okr_type(m.group(1)) or "", text[m.end():], m.end()
    m = re.search(r"\s*" + TAG.pattern + r"\s*$", text)
    if m and parse_okr_type(m.group(1)):
        return parse_okr_type(m.group(1)) or "", text[:m.start()], 0
    return "", text, 0
