"""Reports from one audit: CSV (rows), JSON (machines), Excel and HTML (people) — all from the same
frame and summary, written in chunks so large audits stream to disk."""
from __future__ import annotations

from pathlib import Path

from ..core.errors import OKRInputError
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


def _notes(result) -> list[str]:
    """The reader's notes and the summary's warnings (an implausibly large set), shown in every report."""
    return result.table.notes + result.summary.warnings


def csv_text(result) -> str:
    """Deterministic CSV of the annotated rows (formula-like cells defused for spreadsheet apps)."""
    return text_of(CSVWriter, result.frame, result.summary, str(result.table.source), _notes(result))


def json_text(result) -> str:
    return text_of(JSONWriter, result.frame, result.summary, str(result.table.source), _notes(result))


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
        writer.add(result.frame, _notes(result))
        return writer.finish(result.summary, str(result.table.source), _notes(result))
    except BaseException:
        writer.abort()
        raise


__all__ = ["write_report", "write_excel", "write_html", "render_html", "csv_text", "json_text", "defuse", "FORMATS",
           "make_writer", "check_output_path", "ExcelWriter", "CSVWriter", "JSONWriter", "HTMLWriter"]


def __getattr__(name: str):
    """The Excel and HTML writers load on first use: a CSV audit needs neither openpyxl nor jinja2."""
    if name in ("ExcelWriter", "write_excel"):
        from . import excel

        return getattr(excel, name)
    if name == "render_html":
        from .html import render_html

        return render_html
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
