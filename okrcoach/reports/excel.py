"""The Excel report, readable on its own: a Summary (headline figures with traffic lights, the
charts), the annotated Rows (what a reader scans first, technical columns last, severity colours,
wrapped long text), a sheet per grouping level, and a Legend explaining every column in Chinese
and English. Headers and sheet names are in the reader's language (``lang``); the CSV and JSON
keep the machine names of the output contract.

Written with openpyxl's write-only mode so a 200,000-row audit streams to disk; every text cell
is typed as text, so nothing a user wrote can run as a formula."""
from __future__ import annotations

import io
from copy import copy
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.formatting.rule import CellIsRule, FormulaRule
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from . import vocabulary as V
from .files import _FileTarget
from .safe import for_workbook
from .vocabulary import HEALTH_FORMULA, HEALTH_FORMULA_ZH

EXCEL_CELL_LIMIT = 32767
_FILLS = {"error": "F8CBAD", "warning": "FFE699", "info": "DDEBF7"}
LIGHT_FILLS = {"red": "F8CBAD", "yellow": "FFE699", "green": "C6EFCE"}
_HEADER_FILL = PatternFill("solid", fgColor="1F3864")
_HEADER_FONT = Font(bold=True, color="FFFFFF")
_WRAP = Alignment(wrap_text=True, vertical="top")
_TOP = Alignment(vertical="top")
WRAPPED = {"objective", "key_result", "messages", "suggestions", "parent", "progress"}
WIDE = 48  # width of a wrapped text column (characters)
CHART_ORDER = ("todo_share", "no_metric", "objective_problems", "kr_distribution")
CHART_WIDTH_PX = 520


def _fit_width(ws, landscape: bool = True) -> None:
    """Print on pages one sheet wide (as many pages down as needed); call before the sheet's first row."""
    from openpyxl.worksheet.properties import PageSetupProperties, WorksheetProperties

    if getattr(ws, "sheet_properties", None) is None:
        ws.sheet_properties = WorksheetProperties()
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    if landscape:
        ws.page_setup.orientation = "landscape"


def _cell(ws, value, header: bool = False, wrap: bool = False):
    if value is None or (isinstance(value, float) and value != value):
        value = None
    elif isinstance(value, str):
        if len(value) > EXCEL_CELL_LIMIT:
            value = value[:EXCEL_CELL_LIMIT - 30] + " …[truncated by okrcoach]"
        value = for_workbook(value)
    elif hasattr(value, "item"):
        value = value.item()
    cell = WriteOnlyCell(ws, value=value)
    if isinstance(value, str):
        cell.data_type = "s"  # never a formula, whatever the text starts with
    if header:
        cell.font, cell.fill = _HEADER_FONT, _HEADER_FILL
        cell.alignment = Alignment(vertical="top", wrap_text=True)
    elif wrap:
        template = getattr(ws, "_okrcoach_wrap", None)
        if template is None:
            template = ws._okrcoach_wrap = WriteOnlyCell(ws)
            template.alignment = _WRAP
        cell._style = copy(template._style)  # a style array copy: cheaper than registering the alignment per cell
    return cell


def _display_len(text: str) -> int:
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)  # CJK characters are two columns wide


def _start_table(ws, headers: list[str], widths: list[int]) -> None:
    for i, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = w
    ws.freeze_panes = "A2"
    ws.print_title_rows = "1:1"  # the header on every printed page
    ws.append([_cell(ws, c, header=True) for c in headers])


def _widths(frame: pd.DataFrame, headers: list[str], wrapped: set[str] = frozenset()) -> list[int]:
    out = []
    for col, head in zip(frame.columns, headers):
        if col in wrapped:
            out.append(WIDE)
            continue
        sample = [_display_len(str(head))] + [_display_len(str(v)) for v in frame[col].head(200)]
        out.append(min(40, max(8, int(max(sample) * 1.1) + 1)))
    return out


def _lights(ws, ref: str, column: str) -> None:
    """Traffic-light fills on a range of health scores or shares (see vocabulary.light_of)."""
    def rule(op, formula, light):
        return CellIsRule(operator=op, formula=formula, fill=PatternFill("solid", fgColor=LIGHT_FILLS[light],
                                                                         bgColor=LIGHT_FILLS[light]))
    if column == "health":
        lo, hi = V.HEALTH_LIGHTS
        rules = [rule("lessThan", [str(lo)], "red"), rule("between", [str(lo), str(hi - 1e-9)], "yellow"),
                 rule("greaterThanOrEqual", [str(hi)], "green")]
    else:
        lo, hi = V.SHARE_LIGHTS
        rules = [rule("lessThanOrEqual", [str(lo)], "green"), rule("between", [str(lo + 1e-9), str(hi)], "yellow"),
                 rule("greaterThan", [str(hi)], "red")]
    for r in rules:
        ws.conditional_formatting.add(ref, r)


def _version() -> str:
    try:
        return version("okrcoach")
    except PackageNotFoundError:  # pragma: no cover
        return "dev"


class ExcelWriter:
    """``lang`` "zh"/"en" names the sheets and columns (default: the first chunk's majority language);
    ``roles`` maps input roles to the user's headers (``OKRTable.columns.columns``)."""

    def __init__(self, path: Path, lang: str | None = None, roles: dict[str, str] | None = None):
        self.target = _FileTarget(Path(path), binary=True)
        self.wb = Workbook(write_only=True)
        self.lang = lang
        self.roles = dict(roles or {})
        self.summary_ws = self.wb.create_sheet("Summary")
        self.rows_ws = self.wb.create_sheet("Rows")
        for ws in (self.summary_ws, self.rows_ws):  # before the first row: write-only sheets stream their head
            _fit_width(ws)
        self.n = 0
        self.columns: list[str] = []
        self.order: list[str] = []
        self.keys: list[str] = []

    def add(self, frame: pd.DataFrame, notes: list[str] | None = None) -> None:
        ws = self.rows_ws
        if not self.columns:
            self.lang = self.lang or V.majority_lang(frame)
            self.summary_ws.title = V.sheet_name("summary", self.lang)
            ws.title = V.sheet_name("rows", self.lang)
            self.columns = [str(c) for c in frame.columns]
            self.order, headers = V.row_headers(self.columns, self.roles, self.lang)
            self.keys = [V.column_key(c, self.roles) for c in self.order]
            self.wrap = [k in WRAPPED for k in self.keys]
            self.translate = [k in V.VALUE_COLUMNS for k in self.keys]
            shown = frame[self.order].head(200)
            _start_table(ws, headers, _widths(shown.set_axis(self.keys, axis=1), headers, WRAPPED))
        lang = self.lang
        for rec in frame[self.order].itertuples(index=False, name=None):
            ws.append([_cell(ws, V.value_text(v, lang) if tr else v, wrap=w)
                       for v, w, tr in zip(rec, self.wrap, self.translate)])
        self.n += len(frame)

    def finish(self, summary, source: str, notes: list[str]):
        lang = self.lang or "zh"
        if not self.columns:
            self.summary_ws.title = V.sheet_name("summary", lang)
            self.rows_ws.title = V.sheet_name("rows", lang)
        self._format_rows(lang)
        self._summary_sheet(summary, source, notes, lang)
        for level, df in summary.groups.items():
            self._group_sheet(level, df, lang)
        self._legend(lang)
        self.wb.save(self.target.tmp)
        return self.target.commit()

    def _format_rows(self, lang: str) -> None:
        ws = self.rows_ws
        last_col = get_column_letter(max(1, len(self.order)))
        last_row = max(self.n + 1, 2)
        ws.auto_filter.ref = f"A1:{last_col}{self.n + 1}"
        if "severity" in self.keys:
            letter = get_column_letter(self.keys.index("severity") + 1)
            for sev, color in _FILLS.items():
                ws.conditional_formatting.add(f"A2:{last_col}{last_row}", FormulaRule(
                    formula=[f'${letter}2="{V.value_text(sev, lang)}"'],
                    fill=PatternFill("solid", fgColor=color, bgColor=color)))
        for key in ("kr_light", "objective_light"):
            if key in self.keys:
                letter = get_column_letter(self.keys.index(key) + 1)
                for light, color in LIGHT_FILLS.items():
                    ws.conditional_formatting.add(f"{letter}2:{letter}{last_row}", CellIsRule(
                        operator="equal", formula=[f'"{V.value_text(light, lang)}"'],
                        fill=PatternFill("solid", fgColor=color, bgColor=color)))

    def _summary_sheet(self, summary, source: str, notes: list[str], lang: str) -> None:

        s = self.summary_ws
        s.column_dimensions["A"].width = 30
        s.column_dimensions["B"].width = 14
        s.column_dimensions["C"].width = 34
        s.column_dimensions["D"].width = 40
        title = _cell(s, V.word("title", lang))
        title.font = Font(bold=True, size=14)
        s.append([title])
        s.append([_cell(s, V.word("source", lang)), _cell(s, Path(source).name or source)])
        s.append([_cell(s, V.word("generated", lang)), _cell(s, f"okrcoach {_version()}")])
        s.append([])
        s.append([_cell(s, V.word("figure", lang), True), _cell(s, V.word("value", lang), True),
                  _cell(s, V.word("machine", lang), True)])
        row = 6
        for key, value in summary.overall.items():
            cell = _cell(s, value)
            if key in V.SHARE_COLUMNS:
                cell.number_format = "0%"
            machine = _cell(s, key)
            machine.alignment = Alignment(indent=1)
            machine.font = Font(color="808080")
            s.append([_cell(s, V.summary_header(key, lang)), cell, machine])
            if V.light_of(key, value):
                _lights(s, f"B{row}", key)
            row += 1
        s.append([])
        s.append([_cell(s, V.word("health_formula", lang)),
                  _cell(s, HEALTH_FORMULA_ZH if lang == "zh" else HEALTH_FORMULA)])
        s.append([_cell(s, V.word("lights", lang)), _cell(s, V.word("lights_meaning", lang))])
        row += 3
        for note in notes:
            s.append([_cell(s, V.word("note", lang)), _cell(s, note)])
            row += 1
        s.append([_cell(s, V.word("charts", lang), True)])
        self._charts(s, summary, lang, row + 1)

    def _charts(self, s, summary, lang: str, row: int) -> None:
        """The report's charts as images below the figures (the same PNGs as notebook 02 and the
        explorer draw), two side by side."""
        from openpyxl.drawing.image import Image

        from .charts import audit_charts

        charts = audit_charts(summary, fmt="png", lang=lang)
        tallest = 0
        for i, name in enumerate(n for n in CHART_ORDER if n in charts):
            img = Image(io.BytesIO(charts[name]))
            scale = CHART_WIDTH_PX / img.width
            img.width, img.height = int(img.width * scale), int(img.height * scale)
            img.anchor = f"{'A' if i % 2 == 0 else 'D'}{row}"
            s.add_image(img)
            tallest = max(tallest, img.height)
            if i % 2 == 1:
                row += tallest // 20 + 2  # default rows are 20 px high
                tallest = 0

    def _group_sheet(self, level: str, df: pd.DataFrame, lang: str) -> None:
        g = self.wb.create_sheet(V.sheet_name(level, lang) if level in V.SHEETS else f"By {level}"[:31])
        columns = [str(c) for c in df.columns]
        headers = [V.summary_header(c, lang) for c in columns]
        _start_table(g, headers, _widths(df, headers))
        shares = {i for i, c in enumerate(columns) if c in V.SHARE_COLUMNS}
        for rec in df.itertuples(index=False, name=None):
            cells = [_cell(g, v) for v in rec]
            for i in shares:
                cells[i].number_format = "0%"
            g.append(cells)
        last = len(df) + 1
        g.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{last}"
        for i, c in enumerate(columns):
            if c == "health" or c in V.SHARE_COLUMNS:
                letter = get_column_letter(i + 1)
                _lights(g, f"{letter}2:{letter}{max(last, 2)}", c)

    def _legend(self, lang: str) -> None:
        legend = self.wb.create_sheet(V.sheet_name("legend", lang))
        for letter, width in zip("ABCDE", (26, 26, 30, 46, 56)):
            legend.column_dimensions[letter].width = width
        legend.append([_cell(legend, "颜色 / Colour", True), _cell(legend, "含义 / Meaning", True)])
        meanings = {"error": ("必须修改", "must fix"), "warning": ("教练会指出", "a coach would flag this"),
                    "info": ("值得一看", "worth a look")}
        for sev, color in _FILLS.items():
            c = _cell(legend, f"{V.value_text(sev, 'zh')} / {sev}")
            c.fill = PatternFill("solid", fgColor=color)
            legend.append([c, _cell(legend, " / ".join(meanings[sev]))])
        for light, color in LIGHT_FILLS.items():
            c = _cell(legend, f"{V.value_text(light, 'zh')} / {light}")
            c.fill = PatternFill("solid", fgColor=color)
            legend.append([c, _cell(legend, f"{V.WORDS['lights_meaning'][0]} / {V.WORDS['lights_meaning'][1]}",
                                    wrap=True)])
        legend.append([])
        legend.append([_cell(legend, h, True) for h in ("中文列名", "English column", "CSV / JSON 列名 (name)",
                                                        "含义", "Meaning")])
        for key, zh, en, mzh, men in V.legend_rows():
            legend.append([_cell(legend, zh), _cell(legend, en), _cell(legend, key), _cell(legend, mzh, wrap=True),
                           _cell(legend, men, wrap=True)])

    def abort(self):
        self.target.abort()


def write_excel(result, path: str | Path, lang: str | None = None) -> Path:
    w = ExcelWriter(Path(path), lang=lang, roles=result.table.columns.columns)
    w.add(result.frame)
    return w.finish(result.summary, str(result.table.source), result.table.notes + result.summary.warnings)
