"""The HTML report: one self-contained file (charts inlined as data URIs, no network at view time),
rendered with Jinja2 autoescaping so user text can never become markup or script."""
from __future__ import annotations

import base64
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from jinja2 import Environment, PackageLoader, select_autoescape

from .charts import audit_charts

KPIS = [("objectives", "Objectives / 目标"), ("key_results", "Key results / KR"), ("todo_krs", "To-do KRs / 待办型"),
        ("krs_without_metric", "No metric / 无指标"), ("placeholder_krs", "Placeholders / 占位符"),
        ("objectives_kr_count_out_of_range", "KR count out of range / KR 数超范围"), ("health", "Health / 健康分")]


def _env() -> Environment:
    return Environment(loader=PackageLoader("okrcoach.reports", "templates"),
                       autoescape=select_autoescape(["html", "j2"], default=True))


def render_html(result) -> str:
    return render_html_parts(result.frame, result.summary, str(result.table.source),
                             result.table.notes + result.summary.warnings)


def render_html_parts(frame, summary, source: str, notes: list[str]) -> str:
    try:
        ver = version("okrcoach")
    except PackageNotFoundError:  # pragma: no cover
        ver = "dev"
    charts = [(name, "data:image/svg+xml;base64," + base64.b64encode(svg).decode("ascii"))
              for name, svg in audit_charts(summary, "svg").items()]
    sev_col = "severity" if "severity" in frame.columns else "okrcoach_severity"
    rows = []
    for rec in frame.to_dict("records"):
        rec = {k: ("" if v is None or (isinstance(v, float) and v != v) else v) for k, v in rec.items()}
        rec["__severity"] = rec.get(sev_col, "")
        rows.append(rec)
    groups = [(level, df.to_dict("records"), list(df.columns)) for level, df in summary.groups.items()]
    return _env().get_template("report.html.j2").render(
        source=source, version=ver, overall=summary.overall, kpis=KPIS, charts=charts,
        groups=groups, rows=rows, row_columns=[str(c) for c in frame.columns], notes=notes,
        formula="100 × (0.35 outcome + 0.25 measurable + 0.20 objective ok + 0.10 deadline + 0.10 KR count in range)")


