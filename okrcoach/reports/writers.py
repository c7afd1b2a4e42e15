"""Report writers that take the audit frame in chunks: CSV and JSON stream to disk, Excel uses
openpyxl's write-only mode, HTML keeps the first rows for its table. Each writes to a temporary
file beside the target and renames it at the end, so a failed audit never leaves half a report."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import numpy as np
import pandas as pd

from .files import _FileTarget
from .safe import defuse_frame

MAX_HTML_ROWS = 2000


def _records(frame: pd.DataFrame) -> list[dict]:
    return json.loads(frame.to_json(orient="records", force_ascii=False))


class _Lines(list):
    """What a csv writer writes to: it keeps each line (a csv writer writes one call per row)."""

    write = list.append


def _csv_quoting() -> frozenset[str]:
    """The characters that make this Python's csv module quote a cell, with ``to_csv``'s dialect (comma,
    QUOTE_MINIMAL, double quote doubled, "\\n" line ends): ',', '"' and "\\n" (newer Pythons add "\\r").
    Probed once over ASCII, where every character of the dialect lies."""
    lines = _Lines()
    chars = [chr(i) for i in range(128)]
    csv.writer(lines, lineterminator="\n").writerows([f"a{c}b", ""] for c in chars)
    return frozenset(c for c, line in zip(chars, lines) if line != f"a{c}b,\n")


_QUOTING = _csv_quoting()
# the fast CSV text relies on these being the only ones (else the frame goes to ``to_csv``)
_FAST_CSV = _QUOTING in (frozenset(',"\n'), frozenset(',"\n\r'))
_QUOTES_CR = "\r" in _QUOTING


def _csv_cell(cell: str) -> str:
    """A cell holding a comma, quote or line break as the csv module writes it: in quotes, quotes doubled."""
    if not _QUOTES_CR and "," not in cell and '"' not in cell and "\n" not in cell:
        return cell  # only a "\r", which this Python's csv module leaves as it is
    return '"' + cell.replace('"', '""') + '"'


def _csv_cells(series: pd.Series) -> list[str] | None:
    """One column's cells as ``to_csv`` gives them to the csv module, or None for a kind it formats otherwise.

    Text is written as it is, int64 and float64 as numpy's ``astype(str)`` with NaN as "" (what pandas'
    ``get_values_for_csv`` does for these dtypes without a float format or na_rep). Only numpy dtypes:
    a nullable or string extension column (whose ``to_numpy`` may be float or hold NA) is not covered.
    """
    dtype = series.dtype
    if not isinstance(dtype, np.dtype):
        return None
    column = series.to_numpy()
    if dtype == object:
        return column.tolist() if pd.api.types.infer_dtype(column, skipna=False) == "string" else None
    if dtype == np.int64 or dtype == np.float64:
        return _number_cells(column)
    return None


def _number_cells(column: np.ndarray) -> list[str]:
    """``column.astype(str)``, NaN as "", formatting each distinct value once: an audit chunk's 0/1 flags and
    rounded confidences hold a few hundred values in thousands of rows. Distinct by bit pattern, so 0.0
    and -0.0 are never merged."""
    distinct, inverse = np.unique(column.view(np.int64), return_inverse=True)
    values = distinct.view(column.dtype)
    text = values.astype(str).astype(object)
    if column.dtype.kind == "f":
        text[np.isnan(values)] = ""
    return text[inverse].tolist()


def _quote_cells(cells: list[str]) -> list[str]:
    """Cells as the csv module writes them (most need no quotes: a column without any is given back as it is)."""
    joined = "".join(cells)
    if "," not in joined and '"' not in joined and "\n" not in joined and "\r" not in joined:
        return cells
    return [_csv_cell(c) if ("," in c or '"' in c or "\n" in c or "\r" in c) else c for c in cells]


def csv_text(frame: pd.DataFrame, header: bool = True) -> str | None:
    """``frame.to_csv(index=False, header=header, lineterminator="\\n")``, the same text, for a frame of text,
    int64 and float64 columns (an audit frame); None for any other frame.

    pandas hands every cell to the csv module, which copies it a character at a time: on an audit frame
    (long Chinese and English messages) that was most of the writing time. Here a column is searched for
    the characters that need quoting once, joined; only cells holding one are quoted, the rest joined as
    they are, which is what the csv module writes for them.
    """
    # one column: the csv module writes an empty cell alone on its row as '""'
    if not _FAST_CSV or frame.empty or frame.shape[1] < 2 or not frame.columns.is_unique \
            or isinstance(frame.columns, pd.MultiIndex) or not all(isinstance(c, str) for c in frame.columns):
        return None
    columns = []
    for j in range(frame.shape[1]):
        cells = _csv_cells(frame.iloc[:, j])
        if cells is None:
            return None
        columns.append(_quote_cells(cells))
    lines = map(",".join, zip(*columns))
    if header:
        lines = [",".join(_quote_cells(list(frame.columns))), *lines]
    return "\n".join(lines) + "\n"


class CSVWriter:
    """UTF-8 with BOM (so Excel opens Chinese text by double-click); formula-like cells defused."""

    def __init__(self, path: Path | None = None, stream=None):
        # pandas imports its CSV formatter on the first to_csv; importing it here, before an audit holds a chunk,
        # spares the audit a full collector pass (see ``auditing.iter_audit``)
        import pandas.io.formats.csvs  # noqa: F401

        self.target = _FileTarget(path, stream, encoding="utf-8-sig")
        self.header = True

    def add(self, frame: pd.DataFrame, notes: list[str] | None = None) -> None:
        safe = defuse_frame(frame)
        text = csv_text(safe, self.header)
        if text is None:  # a column of another kind (dates, booleans, mixed objects): pandas formats it
            safe.to_csv(self.target.fh, index=False, header=self.header, lineterminator="\n")
        else:
            self.target.fh.write(text)
        self.header = False

    def finish(self, summary, source: str, notes: list[str]):
        return self.target.commit()

    def abort(self):
        self.target.abort()


class JSONWriter:
    """``{"rows": [...], "source": ..., "notes": [...], "summary": {...}}`` — rows streamed as they come."""

    def __init__(self, path: Path | None = None, stream=None):
        self.target = _FileTarget(path, stream)
        self.first = True
        self.target.fh.write('{"rows": [')

    def add(self, frame: pd.DataFrame, notes: list[str] | None = None) -> None:
        for rec in _records(frame):
            self.target.fh.write(("\n " if self.first else ",\n ") + json.dumps(rec, ensure_ascii=False))
            self.first = False

    def finish(self, summary, source: str, notes: list[str]):
        fh = self.target.fh
        fh.write("\n],\n")
        fh.write(f' "source": {json.dumps(source, ensure_ascii=False)},\n')
        fh.write(f' "notes": {json.dumps(notes, ensure_ascii=False)},\n')
        fh.write(f' "summary": {json.dumps(summary.to_dict(), ensure_ascii=False, sort_keys=True)}\n}}\n')
        return self.target.commit()

    def abort(self):
        self.target.abort()


class HTMLWriter:
    """Keeps the first rows for the table; ``lang`` as for :class:`~okrcoach.reports.excel.ExcelWriter`
    (default: the majority language of all rows)."""

    def __init__(self, path: Path, lang: str | None = None, roles: dict[str, str] | None = None):
        self.path = path
        self.lang, self.roles = lang, dict(roles or {})
        self.langs: dict[str, int] = {}
        self.frames: list[pd.DataFrame] = []
        self.kept = 0
        self.total = 0

    def add(self, frame: pd.DataFrame, notes: list[str] | None = None) -> None:
        self.total += len(frame)
        col = "lang" if "lang" in frame.columns else "okrcoach_lang"
        if col in frame.columns:
            for k, v in frame[col].value_counts().items():
                self.langs[k] = self.langs.get(k, 0) + int(v)
        if self.kept < MAX_HTML_ROWS:
            part = frame.iloc[: MAX_HTML_ROWS - self.kept]
            self.frames.append(part)
            self.kept += len(part)

    def finish(self, summary, source: str, notes: list[str]):
        from .html import render_html_parts

        frame = pd.concat(self.frames, ignore_index=True) if self.frames else pd.DataFrame()
        extra = [] if self.total <= self.kept else [f"the row table shows the first {self.kept:,} of {self.total:,} rows; "
                                                    "the CSV or Excel report has them all"]
        target = _FileTarget(self.path)
        lang = self.lang or ("zh" if self.langs.get("zh", 0) >= self.langs.get("en", 0) else "en")
        target.fh.write(render_html_parts(frame, summary, source, notes + extra, lang=lang, roles=self.roles))
        return target.commit()

    def abort(self):
        pass


def make_writer(path: Path, lang: str | None = None, roles: dict[str, str] | None = None):
    """The writer for ``path``'s extension. ``lang`` and ``roles`` (input role → the user's header) name
    the columns of the reports people read (Excel, HTML); CSV and JSON keep the contract's names."""
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        from .excel import ExcelWriter  # openpyxl and the chart code: only for a workbook

        return ExcelWriter(path, lang=lang, roles=roles)
    if suffix == ".html":
        return HTMLWriter(path, lang=lang, roles=roles)
    return {".csv": CSVWriter, ".json": JSONWriter}[suffix](path)


def text_of(writer_cls, frame: pd.DataFrame, summary, source: str, notes: list[str]) -> str:
    buf = io.StringIO()
    w = writer_cls(stream=buf)
    w.add(frame, notes)
    w.finish(summary, source, notes)
    return buf.getvalue()
