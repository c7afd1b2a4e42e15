"""Reports from one audit result: CSV (rows), JSON (machines), Excel and HTML (people)."""
from __future__ import annotations

import json
from pathlib import Path

from ..errors import OKRInputError
from .excel import write_excel
from .html import render_html, write_html
from .safe import defuse

FORMATS = (".csv", ".xlsx", ".json", ".html")


def csv_text(result) -> str:
    """Deterministic CSV of the annotated rows (formula-like cells defused for spreadsheet apps)."""
    frame = result.frame.map(defuse)
    return frame.to_csv(index=False, lineterminator="\n")


def json_text(result) -> str:
    rows = json.loads(result.frame.to_json(orient="records", force_ascii=False))
    doc = {"source": str(result.table.source), "notes": result.table.notes, "summary": result.summary.to_dict(),
           "rows": rows}
    return json.dumps(doc, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def write_report(result, path: str | Path) -> Path:
    """Write by extension: .csv, .xlsx, .json or .html."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise OKRInputError(f"unknown report format {suffix or '(none)'}; use one of {', '.join(FORMATS)}", path=str(path))
    if path.parent and not path.parent.exists():
        raise OKRInputError("its folder does not exist", path=str(path))
    if suffix == ".csv":
        # utf-8-sig so Excel opens Chinese text correctly by double-click
        path.write_text(csv_text(result), encoding="utf-8-sig", newline="")
    elif suffix == ".json":
        path.write_text(json_text(result), encoding="utf-8")
    elif suffix == ".xlsx":
        write_excel(result, path)
    else:
        write_html(result, path)
    return path


__all__ = ["write_report", "write_excel", "write_html", "render_html", "csv_text", "json_text", "defuse", "FORMATS"]
