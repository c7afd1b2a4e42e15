"""The HTML report: one self-contained file that works offline in any browser (charts inlined as
data URIs, a small inline script to sort and filter the rows, print CSS), rendered with Jinja2
autoescaping so user text can never become markup or script. Column names are in the reader's
language (``lang``); the source file is shown by its name, not the path it was read from."""
from __future__ import annotations

import base64
from importlib.metadata import PackageNotFoundError, version
from pathlib import PurePath

from jinja2 import Environment, PackageLoader, select_autoescape

from . import vocabulary as V
from .charts import audit_charts
from .vocabulary import HEALTH_FORMULA, HEALTH_FORMULA_ZH

KPIS = ["objectives", "key_results", "todo_krs", "krs_without_metric", "placeholder_krs",
        "objectives_kr_count_out_of_range", "todo_share", "no_metric_share", "health"]
TEXT = {
    "zh": {"title": "OKR 审阅报告", "generated": "由 okrcoach {version} 离线生成", "charts": "图表",
           "top_findings": "最常见的问题", "rule": "规则", "count": "次数", "rows": "逐行结果",
           "search": "搜索(团队、负责人、KR、规则……)", "severity": "严重程度", "all": "全部",
           "only_findings": "只看有问题的行", "technical": "显示技术列", "showing": "显示 {n} / {total} 行",
           "sort_hint": "点击列名排序", "notes": "注意", "formula": "健康分公式", "lights": "红绿灯"},
    "en": {"title": "OKR audit", "generated": "generated offline by okrcoach {version}", "charts": "Charts",
           "top_findings": "Most common findings", "rule": "Rule", "count": "Count", "rows": "Rows",
           "search": "Search (team, owner, KR, rule…)", "severity": "Severity", "all": "all",
           "only_findings": "only rows with findings", "technical": "show technical columns",
           "showing": "showing {n} of {total} rows", "sort_hint": "click a column name to sort", "notes": "Note",
           "formula": "Health formula", "lights": "Traffic lights"},
}


def _env() -> Environment:
    return Environment(loader=PackageLoader("okrcoach.reports", "templates"),
                       autoescape=select_autoescape(["html", "j2"], default=True))


def source_name(source: str) -> str:
    """``/home/ana/exports/okrs.csv`` → ``okrs.csv`` (a report is shared; the reader's disk layout is not theirs)."""
    name = PurePath(str(source).replace("\\", "/")).name
    return name or str(source)


def render_html(result, lang: str | None = None) -> str:
    roles = result.table.columns.columns if hasattr(result.table, "columns") else {}
    return render_html_parts(result.frame, result.summary, str(result.table.source),
                             result.table.notes + result.summary.warnings, lang=lang, roles=roles)


def _blank(v):
    return "" if v is None or (isinstance(v, float) and v != v) else v


def _fmt(column: str, v):
    v = _blank(v)
    if column in V.SHARE_COLUMNS and v != "":
        return f"{float(v):.0%}"
    return v


def _findings(messages: str) -> list[tuple[str, str]]:
    """``"KR101: 像待办 | KR103: 缺截止时间"`` → ``[("KR101", "像待办"), ("KR103", "缺截止时间")]``."""
    out = []
    for part in filter(None, str(messages or "").split(" | ")):
        code, _, text = part.partition(": ")
        out.append((code, text) if text else ("", part))
    return out


def render_html_parts(frame, summary, source: str, notes: list[str], lang: str | None = None,
                      roles: dict[str, str] | None = None) -> str:
    from ..rules.registry import all_rules

    try:
        ver = version("okrcoach")
    except PackageNotFoundError:  # pragma: no cover
        ver = "dev"
    lang = lang or V.majority_lang(frame)
    roles = dict(roles or {})
    text = TEXT[lang]
    charts = [(name, "data:image/svg+xml;base64," + base64.b64encode(svg).decode("ascii"))
              for name, svg in audit_charts(summary, "svg", lang=lang).items()]
    columns = [str(c) for c in frame.columns]
    order, headers = V.row_headers(columns, roles, lang)
    keys = [V.column_key(c, roles) for c in order]
    tech = [k in V.TECHNICAL for k in keys]
    rows = []
    for rec in frame[order].to_dict("records") if len(order) else []:
        cells = []
        for col, key in zip(order, keys):
            v = _blank(rec[col])
            if key in ("messages", "suggestions"):
                cells.append({"findings": _findings(v), "text": v})
            elif key == "findings":
                cells.append({"text": " ".join(str(v).split(";")), "light": "", "codes": True})
            else:
                cells.append({"text": V.value_text(v, lang) if key in V.VALUE_COLUMNS else v,
                              "light": V.value_text(v, "en") if key in ("kr_light", "objective_light") else ""})
        severity = _blank(rec[order[keys.index("severity")]]) if "severity" in keys else ""
        rows.append({"severity": severity, "cells": cells})
    groups = []
    for level, df in summary.groups.items():
        cols = [str(c) for c in df.columns]
        body = [[{"text": _fmt(c, r[c]), "light": V.light_of(c, r[c])} for c in cols] for r in df.to_dict("records")]
        groups.append({"title": V.pick(V.SHEETS[level], lang) if level in V.SHEETS else level,
                       "headers": [V.summary_header(c, lang) for c in cols], "rows": body})
    titles = {r.code: (r.title_zh if lang == "zh" else r.title_en) for r in all_rules()}
    top = sorted(summary.findings_by_code.items(), key=lambda kv: (-kv[1], kv[0]))[:10]
    kpis = [{"label": V.summary_header(k, lang), "value": _fmt(k, summary.overall.get(k, "")),
             "light": V.light_of(k, summary.overall.get(k))} for k in KPIS if k in summary.overall]
    severities = [(s, V.value_text(s, lang)) for s in ("error", "warning", "info")]
    return _env().get_template("report.html.j2").render(
        lang=lang, t=text, source=source_name(source), version=ver, kpis=kpis, charts=charts, groups=groups,
        headers=headers, tech=tech, rows=rows, total=len(rows), notes=notes, severities=severities,
        top=[(code, titles.get(code, ""), n) for code, n in top],
        formula=HEALTH_FORMULA_ZH if lang == "zh" else HEALTH_FORMULA, lights=V.word("lights_meaning", lang))
