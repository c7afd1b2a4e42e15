"""Audit charts with matplotlib (Agg backend, CJK-capable font fallback), as SVG or PNG bytes."""
from __future__ import annotations

import io

import pandas as pd

_FONTS = ["WenQuanYi Micro Hei", "WenQuanYi Zen Hei", "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC",
          "Microsoft YaHei", "PingFang SC", "SimHei", "DejaVu Sans"]


def _plt():
    import matplotlib

    matplotlib.use("Agg", force=False)
    import matplotlib.pyplot as plt

    plt.rcParams["font.family"] = "sans-serif"
    plt.rcParams["font.sans-serif"] = _FONTS
    plt.rcParams["axes.unicode_minus"] = False
    plt.rcParams["svg.hashsalt"] = "okrcoach"  # deterministic SVG ids
    return plt


def _render(fig, fmt: str) -> bytes:
    buf = io.BytesIO()
    meta = {"Date": None} if fmt == "svg" else {}
    fig.savefig(buf, format=fmt, bbox_inches="tight", metadata=meta, dpi=110)
    _plt().close(fig)
    return buf.getvalue()


def bar_chart(labels: list[str], values: list[float], title: str, percent: bool = False, fmt: str = "svg",
              color: str = "#d9822b") -> bytes:
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
    for i, v in enumerate(values):
        ax.text(v, i, f" {v:.0%}" if percent else f" {v:g}", va="center", fontsize=9)
    ax.spines[["top", "right"]].set_visible(False)
    return _render(fig, fmt)


def audit_charts(summary, fmt: str = "svg") -> dict[str, bytes]:
    """The four audit charts: to-do share and missing metrics per team, objective problems, KRs per objective."""
    charts: dict[str, bytes] = {}
    level = next((lv for lv in ("team", "department", "owner") if lv in summary.groups), None)
    if level:
        df: pd.DataFrame = summary.groups[level]
        names = [str(x) for x in df[level]]
        charts["todo_share"] = bar_chart(names, df["todo_share"].tolist(), f"Share of to-do KRs per {level} / 待办型 KR 占比",
                                         percent=True, fmt=fmt)
        charts["no_metric"] = bar_chart(names, df["no_metric_share"].tolist(),
                                        f"KRs without a metric per {level} / 无指标 KR 占比", percent=True, fmt=fmt,
                                        color="#c23b22")
    o = summary.overall
    probs = ["vague", "task", "metric", "routine"]
    charts["objective_problems"] = bar_chart([f"{p}" for p in probs], [o[f"objectives_{p}"] for p in probs],
                                             "Objective problems / 目标问题", fmt=fmt, color="#5b7fb5")
    counts = pd.Series(summary.kr_counts).value_counts().sort_index() if summary.kr_counts else pd.Series(dtype=int)
    charts["kr_distribution"] = bar_chart([f"{k} KR" for k in counts.index], counts.tolist(),
                                          "KRs per objective / 每个目标的 KR 数", fmt=fmt, color="#4a9a6b")
    return charts
