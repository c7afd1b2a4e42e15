"""The weekly report template, generated from an OKR set: per objective, each KR with
score / progress / risks and support / next week — in Markdown or Excel.

Both forms read straight back into :func:`okrcoach.auditing.checkins.check_updates`, so a team can fill
the template in and have it checked.
"""
from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from ..core.errors import OKRInputError
from ..readers import read_okrs
from ..readers.sets import build_sets

HEADERS = {
    "zh": {"owner": "负责人", "team": "团队", "objective": "目标", "key_result": "关键结果", "score": "得分",
           "progress": "进展", "risks": "风险与支持", "next": "下周计划"},
    "en": {"owner": "owner", "team": "team", "objective": "objective", "key_result": "key_result", "score": "score",
           "progress": "progress", "risks": "risks", "next": "next"},
}
MD_FIELDS = ("得分 / Score", "进展 / Progress", "风险与支持 / Risks & support", "下周计划 / Next week")


def template_rows(source, sheet: str | int | None = None, cycle: str | None = None) -> pd.DataFrame:
    """One row per KR of ``source`` (a path or DataFrame), grouped per owner/team and objective.

    A weekly update is for one cycle: ``cycle`` picks it; by default the latest cycle in the input.
    """
    table = read_okrs(source, sheet=sheet)
    sets, _ = build_sets(table.rows)
    cycles = sorted({s.cycle for s in sets if s.cycle})
    if cycle is None and cycles:
        cycle = cycles[-1]
    if cycle is not None and cycle not in cycles:
        raise OKRInputError(f"has no cycle {cycle!r}; cycles: {', '.join(cycles) or 'none'}", path=str(table.source))
    rows = []
    for s in (s for s in sets if cycle is None or s.cycle == cycle):
        for o in s.objectives:
            for kr in o.key_results:
                rows.append({"owner": s.owner, "team": s.team or s.department, "cycle": s.cycle, "objective": o.text,
                             "key_result": kr.text})
    if not rows:
        raise OKRInputError("has no key results to put in a weekly template", path=str(table.source or source))
    return pd.DataFrame(rows)


def weekly_markdown(rows: pd.DataFrame, week: str = "") -> str:
    """The Markdown template: a section per owner, ``## O1:`` per objective, ``### KR1.1:`` per KR."""
    out: list[str] = []
    for (owner, team), group in rows.groupby(["owner", "team"], sort=False):
        who = " — ".join(x for x in (week, owner or team) if x)
        out.append(f"# 周报 · Weekly update{' — ' + who if who else ''}")
        out.append("")
        for o_idx, (objective, krs) in enumerate(group.groupby("objective", sort=False), start=1):
            out.append(f"## O{o_idx}: {objective}")
            out.append("")
            for k_idx, kr in enumerate(krs["key_result"], start=1):
                out.append(f"### KR{o_idx}.{k_idx}: {kr}")
                out.extend(f"- {field}:" for field in MD_FIELDS)
                out.append("")
    return "\n".join(out).rstrip() + "\n"


def write_weekly_excel(rows: pd.DataFrame, path: Path, lang: str = "zh", week: str = "") -> None:
    """An .xlsx with a header people recognise, frozen, filters on, wide wrapped text columns, and a
    0–1 rule on the score column. Text from the OKRs is defused so nothing can run as a formula."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    from .safe import defuse

    h = HEADERS["zh" if lang == "zh" else "en"]
    columns = ["owner", "team", "objective", "key_result", "score", "progress", "risks", "next"]
    wb = Workbook()
    ws = wb.active
    ws.title = re.sub(r"[\\/?*\[\]:]", "-", week or "weekly")[:31] or "weekly"  # Excel forbids these in names
    ws.append([h[c] for c in columns])
    for rec in rows.to_dict("records"):
        ws.append([defuse(rec.get(c, "")) for c in columns[:4]] + [None, "", "", ""])
    widths = {"owner": 12, "team": 16, "objective": 36, "key_result": 48, "score": 8, "progress": 48, "risks": 36,
              "next": 40}
    for i, c in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(i)].width = widths[c]
        ws.cell(row=1, column=i).font = Font(bold=True, color="FFFFFF")
        ws.cell(row=1, column=i).fill = PatternFill("solid", fgColor="1F3864")
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if isinstance(cell.value, str):
                cell.data_type = "s"
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = ws.dimensions
    score_col = get_column_letter(columns.index("score") + 1)
    dv = DataValidation(type="decimal", operator="between", formula1="0", formula2="1", allow_blank=True,
                        error="0–1", errorTitle="score")
    ws.add_data_validation(dv)
    dv.add(f"{score_col}2:{score_col}{max(2, ws.max_row)}")
    wb.save(path)


def write_weekly_template(source, output: str | Path, week: str = "", lang: str = "zh",
                          sheet: str | int | None = None, cycle: str | None = None) -> Path:
    """Write the template for ``source``'s OKRs to ``output`` (``.md`` or ``.xlsx``)."""
    path = Path(output)
    suffix = path.suffix.lower()
    if suffix not in (".md", ".xlsx"):
        raise OKRInputError("the weekly template is written as .md or .xlsx", path=str(path))
    if not path.parent.exists():
        raise OKRInputError("its folder does not exist", path=str(path))
    rows = template_rows(source, sheet, cycle)
    if suffix == ".md":
        path.write_text(weekly_markdown(rows, week), encoding="utf-8")
    else:
        write_weekly_excel(rows, path, lang, week)
    return path
