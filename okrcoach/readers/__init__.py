"""Readers: CSV/TSV, Excel, Markdown/plain-text drafts, Feishu/Lark OKR JSON and DataFrames → :class:`OKRTable`.

One entry point, :func:`read_okrs`, so the CLI, the widgets and the Python API read inputs
the same way and fail with the same one-line :class:`~okrcoach.core.errors.OKRInputError`.
"""
from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

from typing import TYPE_CHECKING

from ..core.errors import OKRInputError
from .headers import ColumnMap, map_columns
from .markdown import DraftLine, parse_draft
from .rows import OKRRow, RowIssue, clean_cell, frame_to_rows, records_to_rows

if TYPE_CHECKING:  # pandas and the table readers load on first use: 'okrcoach check' needs neither
    import pandas as pd

    from .tables import RawTable

__all__ = ["OKRTable", "OKRRow", "RowIssue", "DraftLine", "read_okrs", "read_draft", "table_from_frame", "parse_draft",
           "read_okrs_bytes"]

DRAFT_SUFFIXES = {".md", ".markdown", ".txt"}


@dataclass
class OKRTable:
    """A source read into rows: ``frame`` holds the user's columns untouched (as strings), and
    ``rows[i]`` is the normalised reading of ``frame.iloc[i]`` — same length, same order."""

    frame: pd.DataFrame
    rows: list[OKRRow]
    source: str = ""
    columns: ColumnMap = field(default_factory=ColumnMap)
    notes: list[str] = field(default_factory=list)
    draft: list[DraftLine] | None = None  # drafts only: every objective and KR with its line and column

    def __len__(self) -> int:
        return len(self.rows)


class _DraftTable(OKRTable):
    """A draft's table, whose ``frame`` is built on first use (checking a draft needs no pandas)."""

    def __init__(self, records: list[dict], *args, **kwargs):
        self._records = records
        super().__init__(None, *args, **kwargs)

    @property
    def frame(self) -> "pd.DataFrame":
        if self.__dict__.get("_frame") is None:
            import pandas as pd

            self.__dict__["_frame"] = pd.DataFrame(self._records, columns=["objective", "key_result", "line"], dtype=object)
        return self.__dict__["_frame"]

    @frame.setter
    def frame(self, value) -> None:
        self.__dict__["_frame"] = value


def _as_strings(frame: "pd.DataFrame") -> "pd.DataFrame":
    out = frame.copy()
    out.columns = [str(c) for c in out.columns]
    for col in out.columns:
        out[col] = out[col].map(lambda v: "" if v is None or (isinstance(v, float) and v != v) else
                                (str(int(v)) if isinstance(v, float) and v.is_integer() else str(v))).astype(object)
    return out


def table_from_frame(frame: "pd.DataFrame", source: str = "<DataFrame>") -> OKRTable:
    """Read a DataFrame (for example one a notebook already loaded); row numbers are 1-based positions."""
    import pandas as pd

    if not isinstance(frame, pd.DataFrame):
        raise OKRInputError(f"expected a pandas DataFrame, got {type(frame).__name__}", path=source)
    frame = _as_strings(frame.reset_index(drop=True))
    cmap = map_columns(list(frame.columns))
    rows = frame_to_rows(frame, cmap, first_row=1, path=source)
    return OKRTable(frame, rows, source, cmap)


def read_draft(text: str, source: str = "<draft>") -> OKRTable:
    """A pasted Markdown/plain-text draft as a table with ``objective``/``key_result`` columns."""
    lines = parse_draft(text)
    records = []
    current = ""
    has_kr = {}
    types = {}  # objective text → its tag (the first tagged line wins)
    for d in lines:
        if d.kind == "objective":
            current = d.text
            has_kr[current] = False
            if d.okr_type:
                types.setdefault(current, d.okr_type)
        else:
            has_kr[current] = True
    for d in lines:
        if d.kind == "objective":
            current = d.text
            if not has_kr.get(current):
                records.append({"objective": d.text, "key_result": "", "line": d.line})
        else:
            records.append({"objective": current, "key_result": d.text, "line": d.line})
    cmap = map_columns(["objective", "key_result"])
    rows = records_to_rows(["objective", "key_result"], [{"objective": r["objective"], "key_result": r["key_result"]}
                                                         for r in records], cmap, first_row=1, path=source) if records else []
    for r, rec in zip(rows, records):
        r.row = int(rec["line"])
        r.okr_type = types.get(r.objective, "")
    return _DraftTable(records, rows, source, cmap, draft=lines)


def read_okrs(source: "str | Path | pd.DataFrame", sheet: str | int | None = None) -> OKRTable:
    """Read OKRs from a path (.csv/.tsv/.xlsx/.md/.txt, Feishu/Lark .json/.jsonl) or a DataFrame.

    Raises :class:`OKRInputError` with a one-line message naming the file (and row/column
    where there is one) for anything it cannot read.
    """
    pandas = sys.modules.get("pandas")  # a DataFrame means pandas is loaded; a path must not load it
    if pandas is not None and isinstance(source, pandas.DataFrame):
        return table_from_frame(source)
    from .feishu import JSON_SUFFIXES, read_export  # both load pandas: only for files, never for a pasted draft
    from .tables import read_csv_table, read_excel_table

    path = Path(source)
    if not path.exists():
        raise OKRInputError("no such file", path=str(path))
    if path.is_dir():
        raise OKRInputError("is a directory, not a file", path=str(path))
    suffix = path.suffix.lower()
    if suffix == ".xls":
        raise OKRInputError("is an old .xls workbook; save it as .xlsx or CSV", path=str(path))
    if suffix in JSON_SUFFIXES:
        return read_feishu_table(read_export(path))
    if suffix in (".xlsx", ".xlsm"):
        raw = read_excel_table(path, sheet)
    elif suffix in DRAFT_SUFFIXES and not _looks_tabular(path):
        from .encoding import decode_bytes

        data = path.read_bytes()
        if not data.strip():
            raise OKRInputError("is empty", path=str(path))
        text, _ = decode_bytes(data, str(path))
        table = read_draft(text.lstrip("\ufeff"), str(path))
        if not table.rows:
            raise OKRInputError("has no objective or key result lines (expected lines such as 'O1: …' and "
                                "'KR1: …' or '目标一：…' and '关键结果 1：…')", path=str(path))
        return table
    else:
        raw = read_csv_table(path)
    return _from_raw(raw)


def read_okrs_bytes(data: bytes, source: str = "<stdin>") -> OKRTable:
    """Read OKRs from bytes (standard input): Feishu/Lark JSON when it starts like JSON, else a CSV/TSV table."""
    from .feishu import looks_like_json, read_export
    from .tables import read_csv_table

    if looks_like_json(data):
        return read_feishu_table(read_export(source, data))
    return _from_raw(read_csv_table(source, data))


def read_feishu_table(export) -> OKRTable:
    """A parsed Feishu/Lark export as a table. Row numbers are those of the written report (header on
    row 1, first objective on row 2), the same as for a CSV holding the same rows."""
    from .feishu import okr_frame

    frame = okr_frame(export)
    cmap = map_columns(list(frame.columns))
    rows = frame_to_rows(frame, cmap, first_row=2, path=export.source)
    for row, rec in zip(rows, export.okr_records):
        # the JSON says which objective and owner each KR has: nothing is inherited from the row above
        row.objective, row.owner, row.cycle, row.objective_parent = (
            clean_cell(rec[c], c, []) for c in ("objective", "owner", "cycle", "superior_objective"))
        if row.key_result and not row.objective and not any(i.code == "IN004" for i in row.issues):
            row.issues.append(RowIssue("IN004", "objective"))
    return OKRTable(frame, rows, export.source, cmap, list(export.notes))


def _looks_tabular(path: Path) -> bool:
    """A .txt export with tab- or comma-separated OKR headers is a table, not a draft."""
    if path.suffix.lower() in (".md", ".markdown"):
        return False
    try:
        head = path.read_bytes()[:4096]
        from .encoding import decode_bytes

        first = decode_bytes(head, str(path))[0].lstrip("\ufeff").splitlines()[0]
    except (OKRInputError, IndexError, UnicodeDecodeError):
        return False
    cells = [c for c in first.replace("\t", ",").split(",") if c.strip()]
    return len(cells) >= 2 and map_columns(cells).usable


def _from_raw(raw: "RawTable") -> OKRTable:
    rows = frame_to_rows(raw.frame, raw.columns, raw.first_row, raw.path)
    return OKRTable(raw.frame, rows, raw.path, raw.columns, raw.notes)
