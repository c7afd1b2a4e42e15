"""Report writers that take the audit frame in chunks: CSV and JSON stream to disk, Excel uses
openpyxl's write-only mode, HTML keeps the first rows for its table. Each writes to a temporary
file beside the target and renames it at the end, so a failed audit never leaves half a report."""
from __future__ import annotations

import io
import json
from pathlib import Path

import pandas as pd

from .files import _FileTarget
from .safe import defuse_frame

MAX_HTML_ROWS = 2000


def _records(frame: pd.DataFrame) -> list[dict]:
    return json.loads(frame.to_json(orient="records", force_ascii=False))


class CSVWriter:
    """UTF-8 with BOM (so Excel opens Chinese text by double-click); formula-like cells defused."""

    def __init__(self, path: Path | None = None, stream=None):
        # pandas imports its CSV formatter on the first to_csv; importing it here, before an audit holds a chunk,
        # spares the audit a full collector pass (see ``auditing.iter_audit``)
        import pandas.io.formats.csvs  # noqa: F401

        self.target = _FileTarget(path, stream, encoding="utf-8-sig")
        self.header = True

    def add(self, frame: pd.DataFrame, notes: list[str] | None = None) -> None:
        defuse_frame(frame).to_csv(self.target.fh, index=False, header=self.header, lineterminator="\n")
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
