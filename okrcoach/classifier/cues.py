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
    relative = multiplier = False
    for c in a.changes:
        if c.kind == "relative":
            relative = True
        elif c.kind == "multiplier":
            multiplier = True
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
    return [
        float(lead_cat == "task"), float(lead_cat == "change"), float(lead_cat == "result"), float(routine_lead),
        float(a.has_metric), min(len(result_metrics), 3) / 3, min(len(activity), 2) / 2,
        float(a.has_baseline), float(relative), float(multiplier), float(bool(a.deadlines)),
        float(bool(a.placeholders)), float(bool(effects)), float(effect_then_metric), float(bool(a.zero_targets)),
        float(zh), float(a.mixed), min(len(tasks), 3) / 3, min(len(changes), 3) / 3, min(len(results), 3) / 3,
        min(len(metric_nouns), 3) / 3, min(len(cues.get("vague", _NONE)), 2) / 2, min(len(routine), 2) / 2,
        math.log1p(n) / 6, float(n <= (8 if zh else 20)), float(bool(a.mentions)),
        float(comparator), float(percent), float(money), float(duration),
        float(task_then_metric), float(len(tasks) + len(changes) + len(results) == 0),
    ]
