"""Markdown / plain-text drafts as people paste them into a workshop.

Recognises ``O1: …``, ``Objective 2 -``, ``目标一:``, ``KR1.2 …``, ``关键结果 1:``, bullets and
numbered lines under an objective, headings, and several KRs run together on one line
(``KR 1:…KR 2:…``). Each KR keeps the line it came from, and its text keeps its column
offset in that line, so spans point at the user's own characters.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .okr_type import split_type_tag

_CN = "一二三四五六七八九十"
_OBJ_PREFIX = re.compile(
    rf"^\s*(?:#{{1,6}}\s*)?(?:[-*+•]\s*)?(?:\*\*)?"
    rf"(?:O\s*\d+|Objective\s*\d*|OBJ\s*\d*|目标\s*[{_CN}\d]*|O(?=\s*[:：]))\s*(?:\*\*)?\s*[:：.、．)）\-—]?\s*(?:\*\*)?\s*",
    re.IGNORECASE,
)
_KR_MARK = (rf"(?:KR\s*\d+(?:[.．-]\d+)*|Key\s*Results?\s*\d+(?:[.．]\d+)*|关键结果\s*[{_CN}\d]+(?:[.．]\d+)*|"
            rf"KR(?=\s*[:：]))")
_KR_PREFIX = re.compile(rf"^\s*(?:[-*+•]\s*)?(?:\*\*)?{_KR_MARK}\s*(?:\*\*)?\s*[:：.、．)）\-—]?\s*(?:\*\*)?\s*", re.IGNORECASE)
_KR_SPLIT = re.compile(rf"(?<=\S)\s*[;；,，。]?\s*(?={_KR_MARK}\s*[:：.、．)）])", re.IGNORECASE)
_BULLET = re.compile(r"^\s*(?:[-*+•]|\d+(?:\.\d+)*[.、)）]|[（(]\d+[)）]|[a-z][.)])\s+")
_HEADING_ONLY = re.compile(r"^\s*(?:#{1,6}\s*)?(?:OKRs?|key\s*results?|关键结果|目标|objectives?)\s*[:：]?\s*$", re.IGNORECASE)


@dataclass
class DraftLine:
    """One objective or KR from a draft: its text, the 1-based line, and the column it starts at."""

    kind: str  # "objective" | "kr"
    text: str
    line: int
    column: int
    from_heading: bool = False
    okr_type: str = ""  # objectives: committed / aspirational / learning from a tag ("O1 [承诺型]:", "O2 (learning):")


def _objective(text: str, lineno: int, col: int, from_heading: bool = False) -> DraftLine:
    """An objective line with its type tag (if any) taken out of the text; the column follows the text."""
    okr_type, rest, offset = split_type_tag(text)
    lead = len(rest) - len(rest.lstrip())
    return DraftLine("objective", _strip_md(rest), lineno, col + offset + lead, from_heading, okr_type)


def parse_draft(text: str) -> list[DraftLine]:
    """Split a pasted draft into objectives and KRs.

    >>> [(d.kind, d.text) for d in parse_draft("O1: 提升续费体验\\nKR1: 续费率达到 85% KR2: 上线新版会员中心")]
    [('objective', '提升续费体验'), ('kr', '续费率达到 85%'), ('kr', '上线新版会员中心')]
    """
    out: list[DraftLine] = []
    seen_objective = False
    lines = text.splitlines()
    # With explicit "O1:"/"目标一" markers, headings and loose prose are titles and notes, not objectives.
    explicit = any(_OBJ_PREFIX.match(ln) and not _KR_PREFIX.match(ln) and ln[_OBJ_PREFIX.match(ln).end():].strip()
                   and re.match(r"^\s*(?:#{1,6}\s*)?(?:[-*+•]\s*)?(?:\*\*)?(?:O\s*\d|O\s*[:：]|Objective|OBJ|目标)", ln, re.IGNORECASE)
                   for ln in lines)
    for lineno, raw in enumerate(lines, start=1):
        line = raw.rstrip()
        if not line.strip() or _HEADING_ONLY.match(line) or re.match(r"^\s*(?:---+|```|\|[-:| ]+\|)\s*$", line):
            continue
        kr_match = _KR_PREFIX.match(line)
        obj_match = None if kr_match else _OBJ_PREFIX.match(line)
        if obj_match and obj_match.end() > 0 and line[obj_match.end():].strip():
            seen_objective = True
            start = obj_match.end()
            body = line[start:]
            # "O1: … KR1: …" on a single line
            pieces = _split_krs(body, start)
            first_text, first_col = pieces[0]
            out.append(_objective(first_text, lineno, first_col))
            for t, col in pieces[1:]:
                out.extend(_kr_from(t, lineno, col))
            continue
        if kr_match:
            for t, col in _split_krs(line[kr_match.end():], kr_match.end()):
                out.extend(_kr_from(t, lineno, col))
            continue
        bullet = _BULLET.match(line)
        if bullet and seen_objective:
            col = bullet.end()
            for t, c in _split_krs(line[col:], col):
                out.extend(_kr_from(t, lineno, c))
            continue
        if explicit and (re.match(r"^\s*#{1,6}\s+", line) or not seen_objective):
            continue  # a title or a note above the first objective
        if re.match(r"^\s*#{1,6}\s+", line):
            start = re.match(r"^\s*#{1,6}\s+", line).end()
            out.append(_objective(line[start:], lineno, start, from_heading=True))
            seen_objective = True
            continue
        # a plain line: an objective if none yet or if it follows a blank line of prose; else a KR
        col = len(line) - len(line.lstrip())
        out.append(_objective(line.strip(), lineno, col) if not seen_objective
                   else DraftLine("kr", _strip_md(line.strip()), lineno, col))
        seen_objective = True
    # a heading with no KR under it is a title or a section name, not an objective
    kept = []
    for i, d in enumerate(out):
        if d.from_heading and not (i + 1 < len(out) and out[i + 1].kind == "kr"):
            continue
        kept.append(d)
    return [d for d in kept if d.text]


def _split_krs(body: str, offset: int) -> list[tuple[str, int]]:
    parts, pos = [], 0
    for m in _KR_SPLIT.finditer(body):
        parts.append((body[pos:m.start()], offset + pos))
        pos = m.end()
    parts.append((body[pos:], offset + pos))
    return [(t, c) for t, c in parts if t.strip()]


def _kr_from(text: str, lineno: int, col: int) -> list[DraftLine]:
    m = _KR_PREFIX.match(text)
    if m:
        text, col = text[m.end():], col + m.end()
    lead = len(text) - len(text.lstrip())
    return [DraftLine("kr", _strip_md(text.strip()), lineno, col + lead)]


def _strip_md(text: str) -> str:
    text = text.strip()
    if text.startswith("**") and text.endswith("**") and len(text) > 4:
        text = text[2:-2].strip()
    return text.rstrip(" ;；,，").strip()
