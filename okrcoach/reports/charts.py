"""Audit charts with matplotlib (Agg backend), as SVG or PNG bytes, with Chinese that renders.

The font comes from :func:`okrcoach.reports.fonts.cjk_font`, which finds a CJK font even when
matplotlib's font cache predates it; reports, notebook 02 and the audit explorer all draw
through :func:`audit_charts`, so they share one font and one look.
"""
from __future__ import annotations

import io
import warnings

import pandas as pd

from .fonts import cjk_font

_LATIN = ["DejaVu Sans"]
TITLES = {
    "todo_share": ("各{level}待办型 KR 占比", "Share of to-do KRs per {level}"),
    "no_metric": ("各{level}无指标 KR 占比", "KRs without a metric per {level}"),
    "objective_problems": ("目标问题", "Objective problems"),
    "kr_distribution": ("每个目标的 KR 数", "KRs per objective"),
}
LEVELS = {"department": ("部门", "department"), "team": ("团队", "team"), "owner": ("负责人", "owner")}
PROBLEMS = {"vague": ("模糊", "vague"), "task": ("任务式", "task"), "metric": ("指标式", "metric"),
            "routine": ("日常工作", "routine")}


def _plt():
    import matplotlib

    matplotlib.use("Agg", force=False)
    import matplotlib.pyplot as plt

    family = cjk_font()
    plt.rcParams["font.family"] = "sans-serif"
    plt.rcParams["font.sans-serif"] = ([family] if family else []) + _LATIN
    plt.rcParams["axes.unicode_minus"] = False
    plt.rcParams["svg.hashsalt"] = "okrcoach"  # deterministic SVG ids
    return plt


def _render(fig, fmt: str) -> bytes:
    buf = io.BytesIO()
    meta = {"Date": None} if fmt == "svg" else {}
    with warnings.catch_warnings():
        if cjk_font() is None:  # already said once, with the install hint; not once per character
            warnings.filterwarnings("ignore", message=r"Glyph \d+ .*missing from")
        fig.savefig(buf, format=fmt, bbox_inches="tight", metadata=meta, dpi=110)
    _plt().close(fig)
    return buf.getvalue()


def bar_chart(labels: list[str], values: list[float], title: str, percent: bool = False, fmt: str = "svg",
              color: str = "#d9822b", integer: bool = False) -> bytes:
    """A horizontal bar chart; ``percent`` for shares (0–1 axis), ``integer`` for counts (whole-number ticks)."""
    return _render(bar_figure(labels, values, title, percent, color, integer), fmt)


def bar_figure(labels: list[str], values: list[float], title: str, percent: bool = False, color: str = "#d9822b",
               integer: bool = False):
    """The matplotlib figure behind :func:`bar_chart` (for tests and for callers who style it further)."""
    from matplotlib.ticker import MaxNLocator

    plt = _plt()
    height = max(1.8, 0.42 * len(labels) + 0.9)
    fig, ax = plt.subplots(figsize=(6.4, height))
    ax.barh(range(len(labels)), values, color=color)
    ax.set_yticks(range(len(labels)), labels=labels)
    ax.invert_yaxis()
    ax.set_title(title, fontsize=11, loc="left")
    if percent:
        ax.set_xlim(0, 1)
        ax.xaxis.set_major_formatter(lambda x, _: f"{x:.0%}")
    if integer:
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    for i, v in enumerate(values):
        ax.text(v, i, f" {v:.0%}" if percent else f" {v:g}", va="center", fontsize=9)
    ax.spines[["top", "right"]].set_visible(False)
    return fig


def _say(pair: tuple[str, str], lang: str | None, **kw) -> str:
    zh, en = (p.format(**{k: v[i] if isinstance(v, tuple) else v for k, v in kw.items()}) for i, p in enumerate(pair))
    return zh if lang == "zh" else en if lang == "en" else f"{en} / {zh}"


def audit_charts(summary, fmt: str = "svg", lang: str | None = None) -> dict[str, bytes]:
    """The four audit charts: to-do share and missing metrics per team, objective problems, KRs per objective.

    ``lang`` "zh" or "en" titles the charts in one language; ``None`` in both.
    """
    charts: dict[str, bytes] = {}
    level = next((lv for lv in ("team", "department", "owner") if lv in summary.groups), None)
    if level:
        df: pd.DataFrame = summary.groups[level]
        names = [str(x) for x in df[level]]
        charts["todo_share"] = bar_chart(names, df["todo_share"].tolist(), _say(TITLES["todo_share"], lang,
                                                                                  level=LEVELS[level]),
                                         percent=True, fmt=fmt)
        charts["no_metric"] = bar_chart(names, df["no_metric_share"].tolist(),
                                        _say(TITLES["no_metric"], lang, level=LEVELS[level]), percent=True, fmt=fmt,
                                        color="#c23b22")
    o = summary.overall
    probs = list(PROBLEMS)
    charts["objective_problems"] = bar_chart([_say(PROBLEMS[p], lang) for p in probs],
                                             [o[f"objectives_{p}"] for p in probs],
                                             _say(TITLES["objective_problems"], lang), fmt=fmt, color="#5b7fb5",
                                             integer=True)
    counts = pd.Series(summary.kr_counts).value_counts().sort_index() if summary.kr_counts else pd.Series(dtype=int)
    charts["kr_distribution"] = bar_chart([_say(("{k} 条 KR", "{k} KR"), lang, k=k) for k in counts.index],
                                          counts.tolist(), _say(TITLES["kr_distribution"], lang), fmt=fmt,
                                          color="#4a9a6b", integer=True)
    return charts
