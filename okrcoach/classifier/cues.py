"""The cue features: what the analysis layer found in a line (lead verb, metric, baseline, deadline …)
as a fixed-length vector of floats.

Plain Python, so the fast predictor and the scikit-learn transformers (:mod:`.estimators`) share it
without importing each other; :mod:`.features` re-exports it under the names saved models use.
"""
from __future__ import annotations

import math

from ..analysis import Analysis

CUE_FEATURES = (
    "lead_task", "lead_change", "lead_result", "lead_routine", "has_metric", "n_result_metrics", "n_activity_counts",
    "has_baseline", "has_relative", "has_multiplier", "has_deadline", "has_placeholder", "has_effect",
    "effect_then_metric", "zero_target", "is_zh", "is_mixed", "n_task", "n_change", "n_result", "n_metric_nouns",
    "n_vague", "n_routine", "log_len", "short", "has_mention", "has_comparator", "percent", "money", "duration",
    "task_then_metric", "no_verb",
)


_NONE: tuple = ()


def cue_vector(a: Analysis) -> list[float]:
    """The cue facts of ``a`` in :data:`CUE_FEATURES` order.

    Written as plain loops over the few cues and quantities a line has: it runs once per line of
    every audit, and the generator expressions it had cost a fifth of the prediction."""
    cues = a.cues
    tasks = cues.get("task", _NONE)
    changes = cues.get("change", _NONE)
    results = cues.get("result", _NONE)
    metric_nouns = cues.get("metric", _NONE)
    routine = cues.get("routine", _NONE)
    effects = cues.get("effect", _NONE)
    lead = a.leading_cue
    lead_cat = lead.category if lead else ""
    lead_limit = a.lead + 1
    routine_lead = False
    for c in routine:
        if c.start <= lead_limit:
            routine_lead = True
            break
    activity = a.activity_counts
    result_metrics = a.result_metrics
    effect_then_metric = False
    if effects and (result_metrics or metric_nouns):
        # some metric after some effect cue: the last metric after the first effect
        last = max([q.start for q in result_metrics] + [c.start for c in metric_nouns])
        effect_then_metric = last > min(e.start for e in effects)
    task_then_metric = False
    if tasks and result_metrics:
        first_end = tasks[0].end
        for q in result_metrics:
            if q.start > first_end:
                task_then_metric = True
                break
    relative = multiplier = baseline = False
    for c in a.changes:
        kind = c.kind
        if kind == "relative":
            relative = True
        elif kind == "multiplier":
            multiplier = True
        elif kind == "baseline_target" or kind == "baseline_note":  # Analysis.has_baseline
            baseline = True
    comparator = percent = money = duration = False
    for q in a.quantities:
        if q.comparator:
            comparator = True
        kind = q.kind
        if kind == "percent":
            percent = True
        elif kind == "money":
            money = True
        elif kind == "duration":
            duration = True
    n = len(a.text)
    zh = a.lang == "zh"
    # 1.0/0.0 by a conditional, not float(bool): the same values without 27 calls per line
    return [
        1.0 if lead_cat == "task" else 0.0, 1.0 if lead_cat == "change" else 0.0,
        1.0 if lead_cat == "result" else 0.0, 1.0 if routine_lead else 0.0,
        1.0 if a.has_metric else 0.0, min(len(result_metrics), 3) / 3, min(len(activity), 2) / 2,
        1.0 if baseline else 0.0, 1.0 if relative else 0.0, 1.0 if multiplier else 0.0,
        1.0 if a.deadlines else 0.0, 1.0 if a.placeholders else 0.0, 1.0 if effects else 0.0,
        1.0 if effect_then_metric else 0.0, 1.0 if a.zero_targets else 0.0,
        1.0 if zh else 0.0, 1.0 if a.mixed else 0.0, min(len(tasks), 3) / 3, min(len(changes), 3) / 3,
        min(len(results), 3) / 3, min(len(metric_nouns), 3) / 3, min(len(cues.get("vague", _NONE)), 2) / 2,
        min(len(routine), 2) / 2, math.log1p(n) / 6, 1.0 if n <= (8 if zh else 20) else 0.0,
        1.0 if a.mentions else 0.0, 1.0 if comparator else 0.0, 1.0 if percent else 0.0, 1.0 if money else 0.0,
        1.0 if duration else 0.0, 1.0 if task_then_metric else 0.0,
        1.0 if len(tasks) + len(changes) + len(results) == 0 else 0.0,
    ]
