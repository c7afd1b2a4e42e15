"""HTML fragments for the widgets, as plain functions (no ipywidgets), so they are testable alone.

Every piece of user text goes through :func:`html.escape` here and nowhere else builds HTML
from user text: a draft line such as ``<img src=x onerror=alert(1)>`` is shown, never run.
"""
from __future__ import annotations

import base64
from html import escape
from typing import Iterable, Sequence

import pandas as pd

from .texts import label_name, t

SEVERITY_COLORS = {"error": "#c23b22", "warning": "#b8650f", "info": "#4a6fa5"}

STYLE = """<style>
.okrc-card{border:1px solid #d8dde3;border-radius:6px;padding:6px 10px;margin:6px 0 2px 0;background:#fbfcfd;}
.okrc-line{font-size:14px;line-height:1.6;}
.okrc-meta{color:#5f6b7a;font-size:12px;}
.okrc-badge{display:inline-block;border-radius:10px;padding:0 8px;font-size:12px;margin-right:6px;color:#fff;}
.okrc-kind{background:#6b7785;}
.okrc-outcome,.okrc-ok{background:#3f8f5f;}
.okrc-todo,.okrc-vague,.okrc-task,.okrc-metric,.okrc-routine{background:#c0622a;}
.okrc-unsure{background:#8a8f98;}
.okrc-finding{margin:2px 0 0 18px;font-size:13px;line-height:1.5;}
.okrc-code{font-family:monospace;font-size:12px;}
.okrc-finding mark,.okrc-line mark{background:#ffe08a;padding:0 1px;border-radius:2px;}
.okrc-score{font-size:15px;}
.okrc-score b{font-size:18px;}
.okrc-up{color:#2e7d4f;} .okrc-down{color:#c23b22;}
.okrc-error{color:#c23b22;font-weight:600;}
.okrc-note{color:#3f5d7a;}
.okrc-question{font-style:italic;color:#3f5d7a;margin-top:1px;}
table.okrc-table{border-collapse:collapse;font-size:12px;margin:4px 0;}
table.okrc-table th,table.okrc-table td{border:1px solid #d8dde3;padding:2px 6px;text-align:left;vertical-align:top;}
table.okrc-table th{background:#eef1f4;}
</style>"""


def mark_spans(text: str, spans: Iterable[tuple[int | None, int | None]]) -> str:
    """``text`` escaped, with each (start, end) span wrapped in ``<mark>`` (overlaps merged).

    >>> mark_spans("上线 <b> 功能", [(0, 2)])
    '<mark>上线</mark> &lt;b&gt; 功能'
    """
    ranges = sorted((max(0, s), min(len(text), e)) for s, e in spans
                    if s is not None and e is not None and e > s and s < len(text))
    merged: list[list[int]] = []
    for s, e in ranges:
        if merged and s <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    out, pos = [], 0
    for s, e in merged:
        out.append(escape(text[pos:s]))
        out.append(f"<mark>{escape(text[s:e])}</mark>")
        pos = e
    out.append(escape(text[pos:]))
    return "".join(out)


def label_badge(kind: str, label: str, confidence: float, unsure: bool, ui_lang: str) -> str:
    if not label:
        return ""
    pct = f"{confidence:.0%}"
    if unsure:
        text = t(ui_lang, "unsure_of", label=label_name(ui_lang, label))
        css = "okrc-unsure"
    else:
        text = label_name(ui_lang, label)
        css = f"okrc-{escape(label)}"
    return (f'<span class="okrc-badge {css}" title="{escape(t(ui_lang, "confidence"))}">{escape(text)} · {pct}</span>')


def line_html(line, ui_lang: str) -> str:
    """One objective or KR: kind, label badge, where it is, and its text with the findings' words marked."""
    kind = t(ui_lang, "objective" if line.kind == "objective" else "kr")
    spans = [(f.start, f.end) for f in line.findings if f.text == line.text]
    return (f'<div class="okrc-card"><span class="okrc-badge okrc-kind">{escape(kind)}</span>'
            f'{label_badge(line.kind, line.label, line.confidence, line.unsure, ui_lang)}'
            f'<span class="okrc-meta">{escape(t(ui_lang, "line", line=line.line))}</span>'
            f'<div class="okrc-line">{mark_spans(line.text, spans)}</div></div>')


def finding_html(finding, message_lang: str, ui_lang: str) -> str:
    """The rule, its severity, the reason in ``message_lang`` and the exact words, marked."""
    sev = finding.severity.value
    color = SEVERITY_COLORS.get(sev, "#555")
    quote = ""
    if finding.span_text:
        quote = f' — “{mark_spans(finding.text, [(finding.start, finding.end)])}”'
    return (f'<div class="okrc-finding"><span style="color:{color};font-weight:600">'
            f'{escape(t(ui_lang, "severity_" + sev))}</span> '
            f'<span class="okrc-code">{escape(finding.code)} {escape(finding.name)}</span>: '
            f'{escape(finding.message(message_lang))}{quote}{question_html(finding, message_lang, ui_lang)}</div>')


def question_html(finding, message_lang: str, ui_lang: str) -> str:
    """The question a coach would ask about the finding, in the message language (empty when none)."""
    question = finding.question(message_lang) if hasattr(finding, "question") else ""
    if not question:
        return ""
    return (f'<div class="okrc-question"><span class="okrc-meta">{escape(t(ui_lang, "coach_asks"))}</span>'
            f'{escape(question)}</div>')


def score_html(before: float | None, after: float | None, ui_lang: str) -> str:
    """Before → now, with the change, so a workshop sees the draft improve."""
    if after is None:
        return f'<div class="okrc-score okrc-meta">{escape(t(ui_lang, "no_score"))}</div>'
    label = escape(t(ui_lang, "score"))
    if before is None:
        return f'<div class="okrc-score">{label}: <b>{after:.1f}</b></div>'
    delta = after - before
    css = "okrc-up" if delta > 0 else "okrc-down" if delta < 0 else "okrc-meta"
    return (f'<div class="okrc-score">{label}: {escape(t(ui_lang, "before"))} <b>{before:.1f}</b> → '
            f'{escape(t(ui_lang, "after"))} <b>{after:.1f}</b> <span class="{css}">({delta:+.1f})</span></div>')


def message_html(text: str, kind: str = "note") -> str:
    """A one-line status: ``kind`` is ``note`` or ``error``."""
    return f'<div class="okrc-{"error" if kind == "error" else "note"}">{escape(text)}</div>' if text else ""


def table_html(frame: pd.DataFrame, columns: Sequence[str] | None = None, headers: Sequence[str] | None = None,
               max_rows: int = 200, percent: Iterable[str] = ()) -> str:
    """A DataFrame as an escaped HTML table (every header and cell escaped; floats in ``percent`` as %)."""
    columns = list(columns if columns is not None else frame.columns)
    headers = list(headers if headers is not None else columns)
    percent = set(percent)
    head = "".join(f"<th>{escape(str(h))}</th>" for h in headers)
    body = []
    for rec in frame[columns].head(max_rows).itertuples(index=False, name=None):
        cells = []
        for col, value in zip(columns, rec):
            if value is None or (isinstance(value, float) and value != value):
                shown = ""
            elif col in percent and isinstance(value, (int, float)):
                shown = f"{value:.0%}"
            else:
                shown = str(value)
            cells.append(f"<td>{escape(shown)}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    return f'<table class="okrc-table"><thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table>'


MIME = {".csv": "text/csv", ".html": "text/html",
        ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".json": "application/json"}


def download_link(name: str, data: bytes, text: str) -> str:
    """An ``<a download>`` with a data: URI — works in JupyterLab and Voilà without a file server."""
    suffix = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
    mime = MIME.get(suffix, "application/octet-stream")
    uri = f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"
    return f'<a download="{escape(name)}" href="{uri}" target="_blank">{escape(text)}</a>'
