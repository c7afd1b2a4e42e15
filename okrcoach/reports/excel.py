"""The Excel report: Summary, annotated Rows (severity colours, frozen header, filters), a sheet per
grouping level, and a Legend. Written with openpyxl's write-only mode so a 200,000-row audit streams
to disk; every text cell is typed as text, so nothing a user wrote can run as a formula."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from .safe import defuse

EXCEL_CELL_LIMIT = 32767
_FILLS = {"error": "F8CBAD", "warning": "FFE699", "info": "DDEBF7"}
_HEADER_FILL = PatternFill("solid", fgColor="1F3864")
_HEADER_FONT = Font(bold=True, color="FFFFFF")
HEALTH_FORMULA = ("100 × (0.35 outcome share + 0.25 measurable share + 0.20 objective ok share + 0.10 deadline share "
                  "+ 0.10 KR-count-in-range share)")
LEGEND = [("okr_row", "row in the source file"), ("kr_label", "outcome or todo (empty on objective-only rows)"),
          ("kr_confidence", "probability of kr_label"), ("objective_label", "ok / vague / task / metric / routine"),
          ("has_metric / has_placeholder / has_deadline", "1 when the KR states one"),
          ("findings", "rule codes (see okrcoach rules --explain CODE)"), ("messages", "what a coach would say"),
          ("suggestions", "a rewrite to start from; [brackets] are for you to fill in")]


def _cell(ws, value, header: bool = False):
    if value is None or (isinstance(value, float) and value != value):
        value = None
    elif isinstance(value, str):
        if len(value) > EXCEL_CELL_LIMIT:
            value = value[:EXCEL_CELL_LIMIT - 30] + " …[truncated by okrcoach]"
        value = defuse(value)
    elif hasattr(value, "item"):
        value = value.item()
    cell = WriteOnlyCell(ws, value=value)
    if isinstance(value, str):
        cell.data_type = "s"  # never a formula, whatever the text starts with
    if header:
        cell.font, cell.fill = _HEADER_FONT, _HEADER_FILL
        cell.alignment = Alignment(vertical="top", wrap_text=True)
    return cell


def _start_table(ws, columns: list[str], widths: list[int]) -> None:
    for i, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = w
    ws.freeze_panes = "A2"
    ws.append([_cell(ws, c, header=True) for c in columns])


def _widths(frame: pd.DataFrame) -> list[int]:
    out = []
    for col in frame.columns:
        sample = [len(str(col))] + [len(str(v)) for v in frame[col].head(200)]
        out.append(min(60, max(8, int(max(sample) * 1.1))))
    return out


class ExcelWriter:
    def __init__(self, path: Path):
        from .writers import _FileTarget

        self.target = _FileTarget(Path(path), binary=True)
        self.wb = Workbook(write_only=True)
        self.summary_ws = self.wb.create_sheet("Summary")
        self.rows_ws = self.wb.create_sheet("Rows")
        self.n = 0
        self.columns: list[str] = []

    def add(self, frame: pd.DataFrame, notes: list[str] | None = None) -> None:
        ws = self.rows_ws
        if not self.columns:
            self.columns = [str(c) for c in frame.columns]
            _start_table(ws, self.columns, _widths(frame))
        for rec in frame.itertuples(index=False, name=None):
            ws.append([_cell(ws, v) for v in rec])
        self.n += len(frame)

    def finish(self, summary, source: str, notes: list[str]):
        ws = self.rows_ws
        last_col = get_column_letter(max(1, len(self.columns)))
        last_row = self.n + 1
        ws.auto_filter.ref = f"A1:{last_col}{last_row}"
        sev_name = "severity" if "severity" in self.columns else "okrcoach_severity"
        if sev_name in self.columns:
            letter = get_column_letter(self.columns.index(sev_name) + 1)
            for sev, color in _FILLS.items():
                ws.conditional_formatting.add(f"A2:{last_col}{max(last_row, 2)}", FormulaRule(
                    formula=[f'${letter}2="{sev}"'], fill=PatternFill("solid", fgColor=color, bgColor=color)))
        s = self.summary_ws
        s.column_dimensions["A"].width = 36
        s.column_dimensions["B"].width = 70
        title = _cell(s, "okrcoach audit")
        title.font = Font(bold=True, size=14)
        s.append([title, _cell(s, source)])
        s.append([])
        for key, value in summary.overall.items():
            s.append([_cell(s, key), _cell(s, value)])
        s.append([])
        s.append([_cell(s, "health formula"), _cell(s, HEALTH_FORMULA)])
        for note in notes:
            s.append([_cell(s, "note"), _cell(s, note)])
        for level, df in summary.groups.items():
            g = self.wb.create_sheet(f"By {level}"[:31])
            _start_table(g, [str(c) for c in df.columns], _widths(df))
            for rec in df.itertuples(index=False, name=None):
                g.append([_cell(g, v) for v in rec])
            g.auto_filter.ref = f"A1:{get_column_letter(len(df.columns))}{len(df) + 1}"
        legend = self.wb.create_sheet("Legend")
        legend.column_dimensions["A"].width = 42
        legend.column_dimensions["B"].width = 70
        legend.append([_cell(legend, "colour", True), _cell(legend, "meaning", True)])
        for sev, color in _FILLS.items():
            c = _cell(legend, sev)
            c.fill = PatternFill("solid", fgColor=color)
            legend.append([c, _cell(legend, {"error": "must fix", "warning": "a coach would flag this",
                                             "info": "worth a look"}[sev])])
        legend.append([])
        legend.append([_cell(legend, "column", True), _cell(legend, "meaning", True)])
        for col, meaning in LEGEND:
            legend.append([_cell(legend, col), _cell(legend, meaning)])
        self.wb.save(self.target.tmp)
        return self.target.commit()

    def abort(self):
        self.target.abort()


def write_excel(result, path: str | Path) -> Path:
    w = ExcelWriter(Path(path))
    w.add(result.frame)
    return w.finish(result.summary, str(result.table.source), result.table.notes + result.summary.warnings)
