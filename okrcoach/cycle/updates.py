"""Weekly updates as people write them: a table (CSV/XLSX, Feishu/Lark progress records) or the
Markdown weekly template, read into one frame with the columns mapped; and next week's to-dos
split into items, each with or without an owner.

The weekly update per KR is *progress – risks/support needed – next week's to-dos*. Judging it is
the CHECKIN rules' job (:mod:`okrcoach.rules.checkin_rules`, which use the item helpers here);
running them over a table is :mod:`okrcoach.auditing.checkins`.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from ..analysis.mentions import extract_mentions
from ..analysis.normalize import shadow
from ..core.errors import OKRInputError
from ..readers import read_okrs, table_from_frame
from ..readers.headers import normalise_header

if TYPE_CHECKING:
    import pandas as pd

# columns a weekly update table may have beyond the OKR ones (matched like every header: any case, zh/en)
UPDATE_SYNONYMS = {
    "risks": ("risks", "risk", "风险", "风险与支持", "风险和支持", "需要的支持", "需要支持", "risksandsupport",
              "risksupport", "blockers", "support", "问题与风险", "困难与支持"),
    "next": ("next", "nextweek", "nextsteps", "下周计划", "下周", "下周待办", "下周工作", "下周安排", "plan", "todo",
             "nextweekplan"),
    "week": ("week", "周", "周次", "周报周期", "weekof", "date", "日期"),
}
_UPDATE_LOOKUP = {syn: canon for canon, syns in UPDATE_SYNONYMS.items() for syn in syns}

# The Markdown weekly template (see okrcoach.reports.weekly_template): "### KR1.2: …" then "- 进展 / Progress: …".
_MD_OBJECTIVE = re.compile(r"^\s*#{1,3}\s*(?:O|目标|objective)\s*[\d一二三四五六七八九十]*\s*[:：.、\-—]\s*(.*)$",
                           re.IGNORECASE)
_MD_KR = re.compile(r"^\s*#{2,4}\s*KR\s*[\d.]*\s*[:：.、]\s*(.*)$", re.IGNORECASE)
_MD_TITLE = re.compile(r"^\s*#\s+.*(?:周报|weekly\s+update)(.*)$", re.IGNORECASE)
_WEEK = re.compile(r"^\d{4}\s*-?\s*W\d{1,2}$|^W\d{1,2}$|^第\s*\d+\s*周$", re.IGNORECASE)
_MD_FIELD = re.compile(r"^\s*[-*]\s*([^:：]{1,40}?)\s*[:：]\s*(.*)$")
_MD_FIELDS = {"score": ("得分", "score", "得分 / score", "评分", "信心", "confidence"),
              "progress": ("进展", "progress", "进展 / progress", "本周进展"),
              "risks": ("风险与支持", "risks & support", "风险与支持 / risks & support", "风险", "risks"),
              "next": ("下周计划", "next week", "下周计划 / next week", "下周", "next")}
_MD_LOOKUP = {normalise_header(s): canon for canon, syns in _MD_FIELDS.items() for s in syns}
# Next-week items: split on ；; 、 newlines and "1." / "2)" numbering.
_ITEM_SPLIT = re.compile(r"[;；\n]+|(?:^|\s)\d+[.)、]\s*")
_OWNER_IN_ITEM = re.compile(r"(?:负责人|owner|by)\s*[:：]\s*\S|[(（][^()（）]{1,20}负责[)）]", re.IGNORECASE)


def next_items(text: str) -> list[str]:
    """Next week's to-dos as separate items.

    >>> next_items("@张磊 约客户；整理纪要; 2) @Priya review the contract")
    ['@张磊 约客户', '整理纪要', '@Priya review the contract']
    """
    return [p.strip(" ,，、-—") for p in _ITEM_SPLIT.split(text or "") if p and p.strip(" ,，、-—")]


def item_has_owner(item: str) -> bool:
    """An item names who does it: an @mention (full-width ＠ too; an e-mail address is not one),
    "负责人: X", "owner: X", or "(X 负责)".

    >>> item_has_owner("＠许文静 准备报价"), item_has_owner("mail sam@example.com the deck")
    (True, False)
    """
    text = shadow(item)
    return bool(_OWNER_IN_ITEM.search(text)) or bool(extract_mentions(text))


def parse_weekly_markdown(text: str, source: str = "<weekly update>") -> pd.DataFrame:
    """The Markdown weekly template → one row per KR (objective, key_result, score, progress, risks, next, line).

    Lines outside a KR block (titles, notes) are ignored; a KR block without any field is kept
    with empty fields, so no KR is lost.
    """
    rows: list[dict] = []
    objective = owner = week = ""
    current: dict | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        if m := _MD_KR.match(line):
            current = {"week": week, "owner": owner, "objective": objective, "key_result": m.group(1).strip(),
                       "score": "", "progress": "", "risks": "", "next": "", "line": number}
            rows.append(current)
        elif m := _MD_OBJECTIVE.match(line):  # before the title: "# O1: 让周报真正有用" is an objective
            objective, current = m.group(1).strip(), None
        elif m := _MD_TITLE.match(line):  # "# 周报 · Weekly update — 2026-W37 — 陈思琪"
            parts = [p.strip() for p in re.split(r"\s+[—–-]\s+", m.group(1)) if p.strip()]
            week = next((p for p in parts if _WEEK.match(p)), "")
            owner = next((p for p in reversed(parts) if not _WEEK.match(p)), "")
            objective, current = "", None
        elif current is not None and (m := _MD_FIELD.match(line)):
            key = _MD_LOOKUP.get(normalise_header(m.group(1)))
            if key:
                current[key] = m.group(2).strip()
    if not rows:
        raise OKRInputError("has no KR blocks ('### KR1.1: …' followed by '- 进展 / Progress: …' lines)", path=source)
    import pandas as pd

    frame = pd.DataFrame(rows, columns=["week", "owner", "objective", "key_result", "score", "progress", "risks",
                                        "next", "line"])
    return frame.drop(columns=[c for c in ("week", "owner") if not frame[c].any()])


def read_updates(source, sheet: str | int | None = None) -> tuple[pd.DataFrame, list[int], dict[str, str], str]:
    """Read updates from a path (CSV/XLSX/MD) or a DataFrame.

    Returns the user's frame (strings, untouched), the source row numbers, the column map
    (canonical → user header) and the source name.
    """
    import pandas as pd  # here, not at import: the CHECKIN rules import this module, and 'check' needs no pandas

    if isinstance(source, (list, tuple)):
        return _read_several(list(source), sheet)
    if isinstance(source, pd.DataFrame):
        table, name = table_from_frame(source), "<DataFrame>"
    else:
        from ..readers.feishu import JSON_SUFFIXES, read_export, updates_frame  # pandas: not at import (see above)

        path = Path(source)
        name = str(source)
        if path.suffix.lower() in JSON_SUFFIXES:  # Feishu/Lark progress records (okr +progress-list)
            if not path.is_file():
                raise OKRInputError("no such file", path=name)
            return _from_frame(updates_frame(read_export(path)), name)
        if path.suffix.lower() in (".md", ".markdown"):
            if not path.is_file():
                raise OKRInputError("no such file", path=name)
            try:
                text = path.read_text(encoding="utf-8-sig")
            except UnicodeDecodeError:
                raise OKRInputError("is not UTF-8 text", path=name) from None
            frame = parse_weekly_markdown(text, name)
            rows = frame.pop("line").tolist()
            table = table_from_frame(frame, source=name)
            return table.frame, rows, _column_map(table.frame.columns, table.columns), name
        table = read_okrs(path, sheet=sheet)
    cmap = _column_map(table.frame.columns, table.columns)
    if "key_result" not in cmap:
        raise OKRInputError("has no key-result column (key_result / kr / 关键结果)", path=name)
    if "progress" not in cmap:
        raise OKRInputError("has no progress column (progress / 进展 / 本周进展)", path=name, column="progress")
    return table.frame, [r.row for r in table.rows], cmap, name


def read_updates_bytes(data: bytes, source: str = "<stdin>") -> tuple[pd.DataFrame, list[int], dict[str, str], str]:
    """Updates from bytes (standard input): Feishu/Lark progress records as JSON, else a CSV table."""
    from ..readers.feishu import looks_like_json, read_export, updates_frame
    from ..readers.tables import read_csv_table

    if looks_like_json(data):
        return _from_frame(updates_frame(read_export(source, data)), source)
    raw = read_csv_table(source, data)
    frame, _, cmap, _ = read_updates(raw.frame)
    return frame, [raw.first_row + i for i in range(len(frame))], cmap, source


def _from_frame(frame: pd.DataFrame, name: str) -> tuple[pd.DataFrame, list[int], dict[str, str], str]:
    """A parsed update table (one row per record); row numbers are the report's (header on row 1)."""
    table = table_from_frame(frame, source=name)
    return table.frame, [i + 2 for i in range(len(table.frame))], _column_map(table.frame.columns, table.columns), name

def _read_several(sources: list, sheet: str | int | None) -> tuple[pd.DataFrame, list[int], dict[str, str], str]:
    """Several weekly files as one table, in the order given: a ``source_file`` column says where each row came
    from, and a file without a week column (or week in its title) is that week, named by its file name."""
    import pandas as pd
    if not sources:
        raise OKRInputError("no weekly update files given", path="")
    if len(sources) == 1:
        return read_updates(sources[0], sheet)
    frames, rows, names = [], [], []
    for src in sources:
        frame, src_rows, cmap, name = read_updates(src, sheet)
        frame = frame.copy()
        if "week" not in cmap:
            frame["week"] = Path(name).stem
        else:
            frame = frame.rename(columns={cmap["week"]: "week"})
        frame.insert(0, "source_file", Path(name).name)
        frames.append(frame)
        rows.extend(src_rows)
        names.append(name)
    frame = pd.concat(frames, ignore_index=True).fillna("").astype(object)
    from ..readers.headers import map_columns

    return frame, rows, _column_map(frame.columns, map_columns(list(frame.columns))), " + ".join(names)


def _column_map(headers, okr_columns) -> dict[str, str]:
    cmap = {c: okr_columns.get(c) for c in ("objective", "key_result", "owner", "score", "progress", "team")
            if okr_columns.get(c)}
    for header in headers:
        canon = _UPDATE_LOOKUP.get(normalise_header(header))
        if canon and canon not in cmap:
            cmap[canon] = header
    return cmap
