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


def cue_vector(a: Analysis) -> list[float]:
    lead = a.leading_cue
    lead_cat = lead.category if lead else ""
    routine_lead = any(c.start <= a.lead + 1 for c in a.cues.get("routine", []))
    activity = a.activity_counts
    act_spans = {(q.start, q.end) for q in activity}
    result_metrics = [q for q in a.metrics if (q.start, q.end) not in act_spans]
    effects = a.cues.get("effect", [])
    metric_starts = [q.start for q in result_metrics] + [c.start for c in a.cues.get("metric", [])]
    effect_then_metric = any(m > e.start for e in effects for m in metric_starts)
    tasks = a.cues.get("task", [])
    task_then_metric = any(q.start > t.end for t in tasks[:1] for q in result_metrics)
    n = len(a.text)
    verbs = len(tasks) + len(a.cues.get("change", [])) + len(a.cues.get("result", []))
    return [
        float(lead_cat == "task"), float(lead_cat == "change"), float(lead_cat == "result"), float(routine_lead),
        float(a.has_metric), min(len(result_metrics), 3) / 3, min(len(activity), 2) / 2,
        float(a.has_baseline), float(any(c.kind == "relative" for c in a.changes)),
        float(any(c.kind == "multiplier" for c in a.changes)), float(a.has_deadline), float(a.has_placeholder),
        float(bool(effects)), float(effect_then_metric), float(bool(a.zero_targets)), float(a.lang == "zh"),
        float(a.mixed), min(len(tasks), 3) / 3, min(len(a.cues.get("change", [])), 3) / 3,
        min(len(a.cues.get("result", [])), 3) / 3, min(len(a.cues.get("metric", [])), 3) / 3,
        min(len(a.cues.get("vague", [])), 2) / 2, min(len(a.cues.get("routine", [])), 2) / 2,
        math.log1p(n) / 6, float(n <= (8 if a.lang == "zh" else 20)), float(bool(a.mentions)),
        float(any(q.comparator for q in a.quantities)), float(any(q.kind == "percent" for q in a.quantities)),
        float(any(q.kind == "money" for q in a.quantities)), float(any(q.kind == "duration" for q in a.quantities)),
        float(task_then_metric), float(verbs == 0),
    ]
