"""Checked weekly updates → CSV, JSON or Excel (every input row, in order, the check-in columns added).

Spreadsheet outputs defuse formula-like text, as the audit reports do: a progress note that starts
with ``=`` stays text.
"""
from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from ..core.errors import OKRInputError
from .safe import defuse, for_workbook

CHECKIN_FORMATS = (".csv", ".xlsx", ".json")
_FILLS = {"red": "F8CBAD", "yellow": "FFE699", "green": "C6EFCE"}


def _defused(frame: pd.DataFrame, guard=defuse) -> pd.DataFrame:
    """Every text cell through ``guard`` (:func:`defuse`; :func:`for_workbook` for an .xlsx)."""
    out = frame.copy()
    for col in out.columns:
        if out[col].dtype == object or str(out[col].dtype).startswith("str"):
            out[col] = out[col].map(lambda v: guard(v) if isinstance(v, str) else v).astype(object)
    return out


def write_checkins(result, path: str | Path) -> Path:
    """Write ``result`` (a :class:`~okrcoach.auditing.checkins.CheckinResult`) by extension."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in CHECKIN_FORMATS:
        raise OKRInputError(f"unknown format {suffix or '(none)'}; use one of {', '.join(CHECKIN_FORMATS)}",
                            path=str(path))
    if not path.parent.exists():
        raise OKRInputError("its folder does not exist", path=str(path))
    frame = result.frame
    if suffix == ".csv":
        # a BOM, as in the audit CSV, so Excel opens Chinese text correctly on double-click
        _defused(frame).to_csv(path, index=False, lineterminator="\n", encoding="utf-8-sig")
    elif suffix == ".json":
        records = json.loads(frame.to_json(orient="records", force_ascii=False))
        path.write_text(json.dumps({"source": result.source, "summary": result.summary(), "updates": records},
                                   ensure_ascii=False, indent=2, sort_keys=False) + "\n", encoding="utf-8")
    else:
        from openpyxl.styles import Alignment, Font, PatternFill

        with pd.ExcelWriter(path, engine="openpyxl") as xw:
            _defused(frame, for_workbook).to_excel(xw, index=False, sheet_name="check-ins")
            ws = xw.sheets["check-ins"]
            ws.freeze_panes = "A2"
            ws.auto_filter.ref = ws.dimensions
            headers = [c.value for c in ws[1]]
            for cell in ws[1]:
                cell.font = Font(bold=True)
            light_col = headers.index("light") + 1 if "light" in headers else None
            for row in ws.iter_rows(min_row=2):
                for cell in row:
                    cell.alignment = Alignment(wrap_text=True, vertical="top")
                if light_col and row[light_col - 1].value in _FILLS:
                    row[light_col - 1].fill = PatternFill("solid", fgColor=_FILLS[row[light_col - 1].value])
    return path
