"""Large tables in chunks: a 200,000-row export is read, checked and written a few thousand rows at
a time, so memory stays bounded by the chunk, not the file.

Chunks end only where a new objective starts under a different owner/team (or, in files without
owner columns, where a new objective starts), so set rules see whole sets; continuation rows
inherit across chunk edges through :class:`~okrcoach.readers.rows.FillState`.
"""
from __future__ import annotations

import csv
import io
import itertools
from pathlib import Path
from typing import Iterator

import pandas as pd

from ..core.errors import OKRInputError
from .encoding import decode_bytes
from .headers import find_header_row, map_columns
from .rows import FillState, frame_to_rows
from .tables import QuotedSpans, _dedupe_headers, sniff_delimiter

PREFIX_BYTES = 1 << 20


def _detect(path: Path) -> tuple[str, str]:
    """Encoding and delimiter from the first megabyte (cut at a line end so no character is split)."""
    with open(path, "rb") as fh:
        head = fh.read(PREFIX_BYTES)
    if not head.strip():
        raise OKRInputError("is empty (0 bytes of text)", path=str(path))
    more = len(head) == PREFIX_BYTES
    sample = head[: head.rfind(b"\n") + 1] if more and b"\n" in head else head
    if sample.startswith((b"\xff\xfe", b"\xfe\xff")) and len(sample) % 2:
        sample = sample[:-1]
    text, encoding = decode_bytes(sample, str(path))
    return encoding, sniff_delimiter(text.lstrip("\ufeff"), path.suffix.lower())


def iter_csv_records(path: Path, notes: list[str] | None = None) -> tuple[Iterator[list[str]], str]:
    """Records of a CSV file as a stream; notes on quoted cells spanning lines are appended to ``notes``
    when the stream ends (:class:`~okrcoach.readers.tables.QuotedSpans`)."""
    encoding, delimiter = _detect(path)
    if encoding in ("utf-16-le",):
        encoding = "utf-16-le"
    csv.field_size_limit(2**31 - 1)

    def records():
        spans = QuotedSpans(delimiter)
        with open(path, "rb") as raw:
            text = io.TextIOWrapper(raw, encoding=encoding, newline="")
            reader = csv.reader(text, delimiter=delimiter)
            line, n = 1, 0
            try:
                for rec in reader:
                    if rec and rec[0].startswith("\ufeff"):
                        rec[0] = rec[0][1:]
                    n += 1
                    if reader.line_num > line:  # only a record spanning lines has anything to check
                        spans.check(rec, n, line, reader.line_num)
                    line = reader.line_num + 1
                    yield rec
            except UnicodeDecodeError:
                raise OKRInputError(f"is not valid {encoding} after line {reader.line_num} (mixed encodings?); "
                                    "re-save it as UTF-8", path=str(path)) from None
        if notes is not None:
            notes.extend(spans.notes())

    return records(), encoding


def _set_key(rec: list[str], key_idx: list[int]) -> tuple:
    """The record's department/team/owner/cycle cells (positions ``key_idx``; "" past its end)."""
    n = len(rec)
    return tuple([rec[i] if i < n else "" for i in key_idx])


def _blank(rec: list) -> bool:
    """No cell holds anything but whitespace (joined first: one check per record, not per cell)."""
    try:
        return not "".join(rec).strip()
    except TypeError:  # a record that is not all strings
        return not any(str(c).strip() for c in rec)


def iter_record_chunks(records: Iterator[list[str]], path: str, chunk_rows: int, first_line: int = 1):
    """Yield ``(frame, cmap, first_row)`` chunks of a record stream, header found in the first 20 rows."""
    head: list[list[str]] = []
    for rec in records:
        head.append(rec)
        if len(head) >= 20:
            break
    while head and not any(str(c).strip() for c in head[-1]) and len(head) < 20:
        head.pop()
    if not head:
        raise OKRInputError("is empty (no rows)", path=path)
    h = find_header_row(head)
    if h is None:
        seen = ", ".join(repr(str(c)) for c in head[0][:10] if str(c).strip()) or "none"
        raise OKRInputError(f"no objective or key-result column found in the first 20 rows (first row: {seen}); "
                            "name a column objective/目标/O or key_result/KR/关键结果", path=path)
    headers = _dedupe_headers(head[h])
    cmap = map_columns(headers)
    idx = {name: headers.index(col) for name, col in cmap.columns.items()}
    obj_i = idx.get("objective")
    key_idx = [i for name, i in idx.items() if name in ("department", "team", "owner", "cycle")]
    pending = iter(head[h + 1:])
    next_row = first_line + h + 1
    chunk: list[list[str]] = []
    blank_tail: list[list[str]] = []
    last_key, last_obj = None, None

    def emit(rows):
        width = max([len(headers)] + [len(r) for r in rows])
        cols = headers + [f"column_{k + 1}" for k in range(len(headers), width)]
        body = [r if len(r) == width else r + [""] * (width - len(r)) for r in rows]  # short records padded
        return pd.DataFrame(body, columns=cols, dtype=object)

    for rec in itertools.chain(pending, records):
        if _blank(rec):
            blank_tail.append(rec)  # held back: trailing blank rows are formatting, interior ones are kept
            continue
        if blank_tail:
            chunk.extend(blank_tail)
            blank_tail = []
        starts_objective = obj_i is not None and obj_i < len(rec) and rec[obj_i].strip() != ""
        key = _set_key(rec, key_idx) if starts_objective else None  # only an objective row is compared
        obj_text = rec[obj_i].strip() if starts_objective else ""
        boundary = starts_objective and obj_text != last_obj and (key != last_key or not any(key))
        if len(chunk) >= chunk_rows and (boundary or len(chunk) >= max(10 * chunk_rows, 2000)):
            yield emit(chunk), cmap, next_row
            next_row += len(chunk)
            chunk = []
        if starts_objective:
            last_key, last_obj = key, obj_text
        chunk.append(rec)
    if chunk:
        yield emit(chunk), cmap, next_row
    elif next_row == first_line + h + 1:
        raise OKRInputError(f"has a header row (row {first_line + h}) but no data rows", path=path)


STREAM_MIN_BYTES = 2 * 1024 * 1024


def iter_table_chunks(source, sheet=None, chunk_rows: int = 5000, stream_min_bytes: int = STREAM_MIN_BYTES):
    """Yield :class:`~okrcoach.readers.OKRTable` chunks of a path or DataFrame, rows in order.

    CSV/TSV files of ``stream_min_bytes`` or more are streamed; smaller files, Excel workbooks and
    drafts are read whole (one chunk).
    """
    from . import DRAFT_SUFFIXES, OKRTable, _looks_tabular, read_okrs

    if isinstance(source, pd.DataFrame) or not isinstance(source, (str, Path)):
        yield read_okrs(source, sheet=sheet) if not isinstance(source, OKRTable) else source
        return
    path = Path(source)
    suffix = path.suffix.lower()
    if not path.exists() or path.is_dir() or suffix not in (".csv", ".tsv", ".txt") or \
            (suffix in DRAFT_SUFFIXES and not _looks_tabular(path)) or path.stat().st_size < stream_min_bytes:
        yield read_okrs(path, sheet=sheet)  # small files, Excel and drafts: read whole (merged cells etc.)
        return
    notes: list[str] = []  # one list shared by every chunk: notes found while streaming show in the report
    records, encoding = iter_csv_records(path, notes)
    state = FillState()
    if encoding != "utf-8":
        notes.append(f"decoded as {encoding}")
    for frame, cmap, first_row in iter_record_chunks(records, str(path), chunk_rows):
        rows = frame_to_rows(frame, cmap, first_row, str(path), state)
        yield OKRTable(frame, rows, str(path), cmap, notes)
