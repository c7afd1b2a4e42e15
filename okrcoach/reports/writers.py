"""Report writers that take the audit frame in chunks: CSV and JSON stream to disk, Excel uses
openpyxl's write-only mode, HTML keeps the first rows for its table. Each writes to a temporary
file beside the target and renames it at the end, so a failed audit never leaves half a report."""
from __future__ import annotations

import io
import json
import os
import tempfile
from pathlib import Path

import pandas as pd

from .safe import defuse

MAX_HTML_ROWS = 2000


class _FileTarget:
    def __init__(self, path: Path | None, stream=None, encoding: str = "utf-8", binary: bool = False):
        self.path = path
        if stream is not None:
            self.fh, self.tmp = stream, None
        else:
            fd, self.tmp = tempfile.mkstemp(prefix=".okrcoach-", suffix=path.suffix, dir=str(path.parent))
            os.close(fd)
            self.fh = None if binary else open(self.tmp, "w", encoding=encoding, newline="")

    def commit(self) -> Path | None:
        if self.tmp is None:
            return None
        if self.fh is not None:
            self.fh.close()
        os.replace(self.tmp, self.path)
        return self.path

    def abort(self) -> None:
        if self.tmp is not None:
            if self.fh is not None:
                self.fh.close()
            if os.path.exists(self.tmp):
                os.unlink(self.tmp)


def _records(frame: pd.DataFrame) -> list[dict]:
    return json.loads(frame.to_json(orient="records", force_ascii=False))


class CSVWriter:
    """UTF-8 with BOM (so Excel opens Chinese text by double-click); formula-like cells defused."""

    def __init__(self, path: Path | None = None, stream=None):
        self.target = _FileTarget(path, stream, encoding="utf-8-sig")
        self.header = True

    def add(self, frame: pd.DataFrame, notes: list[str] | None = None) -> None:
        frame.map(defuse).to_csv(self.target.fh, index=False, header=self.header, lineterminator="\n")
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
    def __init__(self, path: Path):
        self.path = path
        self.frames: list[pd.DataFrame] = []
        self.kept = 0
        self.total = 0

    def add(self, frame: pd.DataFrame, notes: list[str] | None = None) -> None:
        self.total += len(frame)
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
        target.fh.write(render_html_parts(frame, summary, source, notes + extra))
        return target.commit()

    def abort(self):
        pass


def make_writer(path: Path):
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        from .excel import ExcelWriter  # openpyxl only for Excel output

        return ExcelWriter(path)
    return {".csv": CSVWriter, ".json": JSONWriter, ".html": HTMLWriter}[suffix](path)


def text_of(writer_cls, frame: pd.DataFrame, summary, source: str, notes: list[str]) -> str:
    buf = io.StringIO()
    w = writer_cls(stream=buf)
    w.add(frame, notes)
    w.finish(summary, source, notes)
    return buf.getvalue()
