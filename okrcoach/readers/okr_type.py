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


_TAG_NAMES = {"zh": {"committed": "承诺型", "aspirational": "挑战型", "learning": "学习型"},
              "en": {t: t for t in OKR_TYPES}}


def _drop_tags(text: str) -> str:
    return re.sub(TAG.pattern + r"\s*", lambda m: "" if parse_okr_type(m.group(1)) else m.group(0), text)


def retag_draft(draft: str, line: int, column: int, okr_type: str, lang: str = "zh") -> str:
    """The draft with objective line ``line`` (1-based; its text starts at ``column``) tagged ``okr_type``
    (``""`` removes the tag) — what the coach panel's type selector writes.

    >>> retag_draft("O1: 保障支付稳定\\nKR1: 可用性 99.9%", 1, 4, "committed")
    'O1 [承诺型]: 保障支付稳定\\nKR1: 可用性 99.9%'
    >>> retag_draft("O1 [承诺型]: 保障支付稳定", 1, 10, "learning", "en")
    'O1 [learning]: 保障支付稳定'
    >>> retag_draft("O2 (learning): Assess demand", 2 - 1, 15, "")
    'O2: Assess demand'
    """
    if okr_type and okr_type not in OKR_TYPES:
        raise ValueError(f"unknown OKR type {okr_type!r}; use one of {', '.join(OKR_TYPES)}")
    lines = draft.split("\n")
    if not 1 <= line <= len(lines):
        raise ValueError(f"the draft has no line {line}")
    raw = lines[line - 1]
    prefix, body = raw[:column], raw[column:]
    prefix = re.sub(r"\s+([:：.、．)）\-—]\s*)$", r"\1", _drop_tags(prefix))
    tail = re.search(r"\s*" + TAG.pattern + r"\s*$", body)
    if tail and parse_okr_type(tail.group(1)):
        body = body[:tail.start()]
    if okr_type:
        tag = f"[{_TAG_NAMES['zh' if lang == 'zh' else 'en'][okr_type]}]"
        m = re.match(r"^(.*?\S)(\s*[:：.、．)）\-—]\s*)$", prefix)
        prefix = f"{m.group(1)} {tag}{m.group(2)}" if m else f"{prefix}{tag} "
    lines[line - 1] = prefix + body
    return "\n".join(lines)
