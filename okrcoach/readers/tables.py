"""Read CSV/TSV and Excel files into a string DataFrame whose rows are the file's rows.

Every value stays a string (no "007" → 7, no dates invented), empty cells are "", and the
header row is found even when a title sits above it. ``first_row`` is the spreadsheet row
number of the first data row, so findings can say "row 14" and mean the row a user sees.
"""
from __future__ import annotations

import csv
import io
import os
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..core.errors import OKRInputError
from .encoding import decode_bytes
from .headers import ColumnMap, find_header_row, map_columns

TABLE_SUFFIXES = {".csv", ".tsv", ".txt", ".xlsx", ".xlsm"}


@dataclass
class RawTable:
    frame: pd.DataFrame
    columns: ColumnMap
    first_row: int
    path: str
    notes: list[str] = field(default_factory=list)


def _dedupe_headers(headers: list[str]) -> list[str]:
    """Blank headers become ``column_N``; repeated ones get ``.2``, ``.3`` — nothing is dropped."""
    seen: dict[str, int] = {}
    out = []
    for i, h in enumerate(headers, start=1):
        h = str(h).strip() if h is not None else ""
        if not h:
            h = f"column_{i}"
        if h in seen:
            seen[h] += 1
            h = f"{h}.{seen[h]}"
        else:
            seen[h] = 1
        out.append(h)
    return out


def _frame_from_rows(rows: list[list[str]], path: str, first_line: int = 1) -> RawTable:
    # trailing rows with nothing in them are formatting, not data
    while rows and not any(str(c).strip() for c in rows[-1]):
        rows.pop()
    if not rows:
        raise OKRInputError("is empty (no rows)", path=path)
    header_idx = find_header_row(rows)
    if header_idx is None:
        seen = ", ".join(repr(str(c)) for c in rows[0][:10] if str(c).strip()) or "none"
        raise OKRInputError(
            f"no objective or key-result column found in the first 20 rows (first row: {seen}); "
            "name a column objective/目标/O or key_result/KR/关键结果", path=path)
    headers = _dedupe_headers(rows[header_idx])
    width = len(headers)
    body = []
    for r in rows[header_idx + 1:]:
        r = ["" if c is None else str(c) for c in r]
        if len(r) < width:
            r = r + [""] * (width - len(r))
        elif len(r) > width:
            extra = r[width:]
            if any(x.strip() for x in extra):
                # keep overflow cells instead of dropping them
                for k in range(len(headers), len(r)):
                    headers.append(f"column_{k + 1}")
                width = len(headers)
                body = [b + [""] * (width - len(b)) for b in body]
            else:
                r = r[:width]
        body.append(r + [""] * (width - len(r)))
    if not body:
        raise OKRInputError(f"has a header row (row {first_line + header_idx}) but no data rows", path=path)
    frame = pd.DataFrame(body, columns=headers, dtype=object)
    cmap = map_columns(list(frame.columns))
    notes = []
    if header_idx:
        notes.append(f"header found on row {first_line + header_idx}")
    raw_dups = map_columns([str(c) for c in rows[header_idx]]).duplicates
    if raw_dups:
        notes.append("duplicate columns kept but not analysed: " + ", ".join(raw_dups))
    return RawTable(frame, cmap, first_line + header_idx + 1, path, notes)


def sniff_delimiter(text: str, suffix: str) -> str:
    if suffix == ".tsv":
        return "\t"
    sample = text[:20000]
    try:
        return csv.Sniffer().sniff(sample, delimiters=",\t;|").delimiter
    except csv.Error:
        counts = {d: sample.count(d) for d in ",\t;|"}
        best = max(counts, key=counts.get)
        return best if counts[best] else ","


class QuotedSpans:
    """Notes on quoted cells that run over several lines.

    A quote that is never closed swallows every following line into one cell, and those rows
    vanish from the audit without a word. A cell spanning lines is legitimate (a KR written on
    two lines), so each one is reported with its row and lines; one whose later lines look like
    rows of the file (they hold the delimiter) is called out as a probable unclosed quote.
    """

    MAX_LISTED = 3

    def __init__(self, delimiter: str):
        self.delimiter = delimiter
        self.spans: list[tuple[int, int, int, bool]] = []  # (row, first line, last line, looks like rows)

    def check(self, record: list[str], row: int, first_line: int, last_line: int) -> None:
        if last_line > first_line:
            cells = [c for c in record if "\n" in c or "\r" in c]
            if cells:
                rows_inside = any(self.delimiter in line for c in cells for line in c.splitlines()[1:])
                self.spans.append((row, first_line, last_line, rows_inside))

    def notes(self) -> list[str]:
        out = []
        for row, first, last, rows_inside in self.spans[:self.MAX_LISTED]:
            if rows_inside:
                out.append(f"row {row}: a quoted cell runs from line {first} to line {last} and holds lines that look "
                           "like rows; a quote is probably not closed, so those rows were read into this one cell")
            else:
                out.append(f"row {row}: a quoted cell spans lines {first}–{last} (kept as one cell)")
        if len(self.spans) > self.MAX_LISTED:
            out.append(f"{len(self.spans) - self.MAX_LISTED} more quoted cells span several lines")
        return out


def read_csv_records(text: str, delimiter: str) -> tuple[list[list[str]], list[str]]:
    """All records of a CSV text, and notes on quoted cells that span lines (see :class:`QuotedSpans`)."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    spans = QuotedSpans(delimiter)
    rows: list[list[str]] = []
    line = 1
    for rec in reader:
        rows.append(rec)
        spans.check(rec, len(rows), line, reader.line_num)
        line = reader.line_num + 1
    return rows, spans.notes()


def read_csv_table(path: str | Path, data: bytes | None = None) -> RawTable:
    path = str(path)
    if data is None:
        data = Path(path).read_bytes()
    if not data.strip():
        raise OKRInputError("is empty (0 bytes of text)", path=path)
    text, encoding = decode_bytes(data, path)
    if text.startswith("\ufeff"):
        text = text[1:]
    delimiter = sniff_delimiter(text, Path(path).suffix.lower())
    csv.field_size_limit(2**31 - 1)
    # csv handles quoted newlines and mixed \r\n / \n / \r line endings
    rows, span_notes = read_csv_records(text, delimiter)
    table = _frame_from_rows(rows, path)
    table.notes.extend(span_notes)
    if encoding not in ("utf-8",):
        table.notes.append(f"decoded as {encoding}")
    return table


def _excel_error(path: str, exc: Exception) -> OKRInputError:
    with open(path, "rb") as fh:
        head = fh.read(8)
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return OKRInputError("is password-protected (encrypted) or an old .xls workbook; remove the password or "
                             "save it as .xlsx", path=path)
    return OKRInputError(f"is not a readable .xlsx workbook ({type(exc).__name__}); re-save it from Excel", path=path)


def read_excel_table(path: str | Path, sheet: str | int | None = None) -> RawTable:
    """Read one sheet of an .xlsx file; by default the first visible sheet with OKR headers.

    Merged cells take the value of their top-left cell (as a reader sees them); formulas give
    their cached value, or their text where the workbook has none (a finding notes it).
    """
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    path = str(path)
    if os.path.getsize(path) == 0:
        raise OKRInputError("is empty (0 bytes)", path=path)
    small = os.path.getsize(path) < 15 * 1024 * 1024
    try:
        wb = openpyxl.load_workbook(path, read_only=not small, data_only=True)
        wb_formulas = openpyxl.load_workbook(path, read_only=False, data_only=False) if small else None
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as exc:
        raise _excel_error(path, exc) from None
    notes: list[str] = []
    names = wb.sheetnames
    candidates: list[str]
    if sheet is not None:
        if isinstance(sheet, int) or (isinstance(sheet, str) and sheet.isdigit() and sheet not in names):
            idx = int(sheet)
            if not 0 <= idx < len(names):
                raise OKRInputError(f"has no sheet number {idx} (sheets: {', '.join(names)})", path=path)
            candidates = [names[idx]]
        elif sheet in names:
            candidates = [sheet]
        else:
            raise OKRInputError(f"has no sheet {sheet!r} (sheets: {', '.join(names)})", path=path)
    else:
        visible = [n for n in names if getattr(wb[n], "sheet_state", "visible") == "visible"]
        hidden = [n for n in names if n not in visible]
        if hidden:
            notes.append("hidden sheets skipped: " + ", ".join(hidden))
        candidates = visible or names
    last_error: OKRInputError | None = None
    for name in candidates:
        rows = _sheet_rows(wb[name], wb_formulas[name] if wb_formulas is not None else None)
        try:
            table = _frame_from_rows(rows, f"{path}[{name}]")
        except OKRInputError as exc:
            last_error = exc
            continue
        if len(names) > 1:
            table.notes.insert(0, f"sheet {name!r} of {len(names)} ({', '.join(names)}); choose another with --sheet")
        table.notes.extend(notes)
        return table
    if last_error is not None and len(candidates) == 1:
        raise last_error
    raise OKRInputError("has no sheet with an objective or key-result column (sheets: " + ", ".join(names) + ")",
                        path=path)


def _sheet_rows(ws, ws_formulas) -> list[list[str]]:
    merged: dict[tuple[int, int], object] = {}
    if not getattr(ws, "read_only", True) and hasattr(ws, "merged_cells"):
        for rng in ws.merged_cells.ranges:
            top = ws.cell(rng.min_row, rng.min_col).value
            for r in range(rng.min_row, rng.max_row + 1):
                for c in range(rng.min_col, rng.max_col + 1):
                    merged[(r, c)] = top
    formula_rows = ws_formulas.iter_rows(values_only=True) if ws_formulas is not None else None
    rows = []
    for r_idx, values in enumerate(ws.iter_rows(values_only=True), start=1):
        fvalues = next(formula_rows, None) if formula_rows is not None else None
        row = []
        for c_idx, v in enumerate(values, start=1):
            if v is None and (r_idx, c_idx) in merged:
                v = merged[(r_idx, c_idx)]
            if v is None and fvalues is not None and c_idx <= len(fvalues) and isinstance(fvalues[c_idx - 1], str) \
                    and fvalues[c_idx - 1].startswith("="):
                v = fvalues[c_idx - 1]  # a formula never calculated by Excel: show its text
            row.append(_excel_value(v))
        rows.append(row)
    return rows


def _excel_value(v: object) -> str:
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    if hasattr(v, "isoformat"):
        return v.isoformat()[:10] if getattr(v, "hour", 0) == 0 and getattr(v, "minute", 0) == 0 else v.isoformat()
    return str(v)
