"""The Excel report: Summary, per-team sheet, annotated rows (severity colours, frozen header,
filters), and a legend — all text written as text, so no cell can run as a formula."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from .safe import defuse

EXCEL_CELL_LIMIT = 32767
_FILLS = {"error": "F8CBAD", "warning": "FFE699", "info": "DDEBF7"}
_HEADER = PatternFill("solid", fgColor="1F3864")


def _write_frame(ws, frame: pd.DataFrame, widths: dict[str, int] | None = None) -> None:
    ws.append([str(c) for c in frame.columns])
    for cell in ws[1]:
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = _HEADER
        cell.alignment = Alignment(vertical="top", wrap_text=True)
    for rec in frame.itertuples(index=False, name=None):
        row = []
        for v in rec:
            if v is None or (isinstance(v, float) and v != v):
                row.append(None)
            elif isinstance(v, str):
                text = v if len(v) <= EXCEL_CELL_LIMIT else v[:EXCEL_CELL_LIMIT - 30] + " …[truncated by okrcoach]"
                row.append(defuse(text))
            else:
                row.append(v.item() if hasattr(v, "item") else v)
        ws.append(row)
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # never a formula, whatever the text starts with
    ws.freeze_panes = "A2"
    if ws.max_row >= 1 and ws.max_column >= 1:
        ws.auto_filter.ref = f"A1:{get_column_letter(ws.max_column)}{ws.max_row}"
    for i, col in enumerate(frame.columns, start=1):
        width = (widths or {}).get(str(col))
        if width is None:
            sample = [len(str(col))] + [len(str(v)) for v in frame[col].head(200)]
            width = min(60, max(8, int(max(sample) * 1.1)))
        ws.column_dimensions[get_column_letter(i)].width = width


def write_excel(result, path: str | Path) -> Path:
    path = Path(path)
    wb = Workbook()
    ws = wb.active
    ws.title = "Summary"
    o = result.summary.overall
    ws.append(["okrcoach audit", str(result.table.source)])
    ws["A1"].font = Font(bold=True, size=14)
    ws.append([])
    for key, value in o.items():
        ws.append([key, value])
    ws.append([])
    ws.append(["health formula", "100 × (0.35 outcome share + 0.25 measurable share + 0.20 objective ok share "
                                 "+ 0.10 deadline share + 0.10 KR-count-in-range share)"])
    for note in result.table.notes:
        ws.append(["note", defuse(note)])
    ws.column_dimensions["A"].width = 36
    ws.column_dimensions["B"].width = 60
    for row in ws.iter_rows():
        for cell in row:
            if isinstance(cell.value, str):
                cell.data_type = "s"
    for level, df in result.summary.groups.items():
        _write_frame(wb.create_sheet(f"By {level}"[:31]), df)
    rows = wb.create_sheet("Rows")
    _write_frame(rows, result.frame)
    sev_col = "severity" if "severity" in result.frame.columns else "okrcoach_severity"
    idx = list(result.frame.columns).index(sev_col) + 1
    letter = get_column_letter(idx)
    last = get_column_letter(rows.max_column)
    area = f"A2:{last}{max(rows.max_row, 2)}"
    for sev, color in _FILLS.items():
        rows.conditional_formatting.add(area, FormulaRule(formula=[f'${letter}2="{sev}"'],
                                                          fill=PatternFill("solid", fgColor=color, bgColor=color)))
    legend = wb.create_sheet("Legend")
    legend.append(["colour", "meaning"])
    for sev, color in _FILLS.items():
        legend.append([sev, {"error": "must fix", "warning": "a coach would flag this", "info": "worth a look"}[sev]])
        legend.cell(legend.max_row, 1).fill = PatternFill("solid", fgColor=color)
    legend.append([])
    legend.append(["column", "meaning"])
    for col, meaning in [
        ("okr_row", "row in the source file"), ("kr_label", "outcome or todo (empty on objective-only rows)"),
        ("kr_confidence", "probability of kr_label"), ("objective_label", "ok / vague / task / metric / routine"),
        ("has_metric / has_placeholder / has_deadline", "1 when the KR states one"),
        ("findings", "rule codes (see okrcoach rules --explain CODE)"), ("messages", "what a coach would say"),
        ("suggestions", "a rewrite to start from; [brackets] are for you to fill in")]:
        legend.append([col, meaning])
    legend.column_dimensions["A"].width = 42
    legend.column_dimensions["B"].width = 70
    wb.save(path)
    return path
