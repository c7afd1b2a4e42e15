"""Reports from one audit: CSV (rows), JSON (machines), Excel and HTML (people) — all from the same
frame and summary, written in chunks so large audits stream to disk."""
from __future__ import annotations

from pathlib import Path

from ..errors import OKRInputError
from .excel import ExcelWriter, write_excel
from .html import render_html
from .safe import defuse
from .writers import CSVWriter, HTMLWriter, JSONWriter, make_writer, text_of

FORMATS = (".csv", ".xlsx", ".json", ".html")


def check_output_path(path: str | Path) -> Path:
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise OKRInputError(f"unknown report format {suffix or '(none)'}; use one of {', '.join(FORMATS)}", path=str(path))
    if not path.parent.exists():
        raise OKRInputError("its folder does not exist", path=str(path))
    return path


def csv_text(result) -> str:
    """Deterministic CSV of the annotated rows (formula-like cells defused for spreadsheet apps)."""
    return text_of(CSVWriter, result.frame, result.summary, str(result.table.source), result.table.notes)


def json_text(result) -> str:
    return text_of(JSONWriter, result.frame, result.summary, str(result.table.source), result.table.notes)


def write_html(result, path: str | Path, lang: str | None = None) -> Path:
    return write_report(result, Path(path).with_suffix(".html"), lang=lang)


def write_report(result, path: str | Path, lang: str | None = None) -> Path:
    """Write an in-memory audit result by extension: .csv, .xlsx, .json or .html.

    ``lang`` ("zh"/"en") is the language of the Excel and HTML column and sheet names (default:
    the majority language of the rows); CSV and JSON always keep the contract's column names.
    """
    path = check_output_path(path)
    writer = make_writer(path, lang=lang, roles=result.table.columns.columns)
    try:
        writer.add(result.frame, result.table.notes)
        return writer.finish(result.summary, str(result.table.source), result.table.notes)
    except BaseException:
        writer.abort()
        raise


__all__ = ["write_report", "write_excel", "write_html", "render_html", "csv_text", "json_text", "defuse", "FORMATS",
           "make_writer", "check_output_path", "ExcelWriter", "CSVWriter", "JSONWriter", "HTMLWriter"]
