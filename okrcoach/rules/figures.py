"""The overall audit figures and health score computed from row results in plain Python.

``okrcoach check`` shows a draft's health score on every run; computing it through the pandas
summary (:mod:`okrcoach.auditing.summary`) meant importing pandas, a third of a cold start.
This is the same arithmetic on the same inputs (weights, shares, numpy's rounding), and
``tests/test_figures.py`` checks that both give identical figures.
"""
from __future__ import annotations

from typing import Sequence

WEIGHTS = {"outcome_share": 0.35, "measurable_share": 0.25, "objective_ok_share": 0.20, "deadline_share": 0.10,
           "structure_share": 0.10}
OBJECTIVE_PROBLEMS = ("vague", "task", "metric", "routine")
OWNER_COLS = ("department", "team", "owner", "cycle")


def _round(x: float, digits: int) -> float:
    import numpy as np  # pandas rounds with numpy (half to even after scaling); so do we

    return float(np.round(x, digits))


def overall_figures(rows: Sequence, results: Sequence, min_krs: int, max_krs: int) -> dict:
    """The ``overall`` dict of :class:`~okrcoach.auditing.summary.AuditSummary` for ``rows``/``results``."""
    counts = dict.fromkeys(["key_results", "todo_krs", "unsure_krs", "krs_without_metric", "placeholder_krs",
                            "krs_with_deadline", "measurable", "findings"], 0)
    objectives: dict[tuple, list] = {}  # (owner cols…, objective) → [label of its first row, KR count]
    for row, res in zip(rows, results):
        is_kr = res.kr is not None and res.kr.label != ""
        a = res.kr_analysis
        metric = bool(a.has_metric) if a is not None else False
        placeholder = bool(a.has_placeholder) if a is not None else False
        deadline = bool(a.has_deadline) if a is not None else False
        counts["key_results"] += is_kr
        counts["todo_krs"] += res.kr is not None and res.kr.label == "todo"
        counts["unsure_krs"] += is_kr and bool(res.kr.unsure)
        counts["krs_without_metric"] += is_kr and not metric
        counts["placeholder_krs"] += is_kr and placeholder
        counts["krs_with_deadline"] += is_kr and deadline
        counts["measurable"] += is_kr and metric and not placeholder
        counts["findings"] += len(res.findings)
        if row.objective != "":
            key = tuple(getattr(row, c) for c in OWNER_COLS) + (row.objective,)
            entry = objectives.setdefault(key, [res.objective.label if res.objective else "", 0])
            entry[1] += is_kr
    n_kr, n_obj = counts["key_results"], len(objectives)
    problems = {p: sum(1 for label, _ in objectives.values() if label == p) for p in OBJECTIVE_PROBLEMS}
    in_range = sum(1 for _, n in objectives.values() if min_krs <= n <= max_krs)

    def share(num: float, den: float) -> float:
        return num / den if den > 0 else 0.0

    health = 100 * (WEIGHTS["outcome_share"] * share(n_kr - counts["todo_krs"], n_kr)
                    + WEIGHTS["measurable_share"] * share(counts["measurable"], n_kr)
                    + WEIGHTS["objective_ok_share"] * share(n_obj - sum(problems.values()), n_obj)
                    + WEIGHTS["deadline_share"] * share(counts["krs_with_deadline"], n_kr)
                    + WEIGHTS["structure_share"] * share(in_range, n_obj))
    return {
        "objectives": n_obj, "key_results": n_kr, "todo_krs": counts["todo_krs"], "unsure_krs": counts["unsure_krs"],
        "krs_without_metric": counts["krs_without_metric"], "placeholder_krs": counts["placeholder_krs"],
        "krs_with_deadline": counts["krs_with_deadline"],
        **{f"objectives_{p}": problems[p] for p in OBJECTIVE_PROBLEMS},
        "objectives_kr_count_out_of_range": n_obj - in_range,
        "todo_share": _round(share(counts["todo_krs"], n_kr), 3),
        "no_metric_share": _round(share(counts["krs_without_metric"], n_kr), 3),
        "findings": counts["findings"], "health": _round(health, 1),
    }
