"""Judges turn analysed lines into labels: a trained model when one is available, cue rules otherwise."""
from __future__ import annotations

from typing import Protocol, Sequence

from ..analysis import Analysis
from ..core.model import Judgement

KR_LABELS = ("outcome", "todo")
OBJECTIVE_LABELS = ("ok", "vague", "task", "metric", "routine")
PROGRESS_LABELS = ("key_progress", "activity")  # weekly check-in notes: a result reached vs a list of actions


class Judge(Protocol):
    name: str

    def judge_krs(self, texts: Sequence[str], analyses: Sequence[Analysis]) -> list[Judgement]: ...

    def judge_objectives(self, texts: Sequence[str], analyses: Sequence[Analysis]) -> list[Judgement]: ...

    def judge_progress(self, texts: Sequence[str], analyses: Sequence[Analysis]) -> list[Judgement]: ...


# Verbs that open a direction rather than a task when they lead an objective ("Make X effortless", "打造…").
_DIRECTION_VERBS = {"打造", "建设", "构建", "build", "create", "make", "do", "develop", "strengthen", "enhance", "improve"}


def _j(label: str, conf: float, labels: tuple[str, ...], low: float, high: float) -> Judgement:
    rest = (1 - conf) / (len(labels) - 1)
    probs = {l: (conf if l == label else rest) for l in labels}
    return Judgement(label, conf, probs, unsure=conf < high, source="lexicon")


class LexiconJudge:
    """Cue rules from the labeling guidelines, used when no trained model is available.

    Transparent but blunt: it knows the to-do signature (a leading task verb with no result
    clause) and counts of activities; it does not know context. Confidences are fixed per rule.
    """

    name = "lexicon"

    def __init__(self, unsure_low: float = 0.35, unsure_high: float = 0.65):
        self.unsure_low, self.unsure_high = unsure_low, unsure_high

    def kr_label(self, a: Analysis) -> tuple[str, float]:
        results = a.result_metrics
        has_result = bool(results) or bool(a.zero_targets) or a.has_placeholder or any(c.kind == "multiplier" for c in a.changes)
        lead = a.leading_cue
        if a.activity_counts and not has_result:
            return "todo", 0.8
        if lead is not None and lead.category == "task":
            if has_result and (a.cues.get("effect") or a.cues.get("change") or a.cues.get("result")
                               or any(q.comparator for q in results)):
                return "outcome", 0.7
            return "todo", 0.8 if not has_result else 0.6
        if has_result:
            return "outcome", 0.8
        if a.cues.get("task") and not a.cues.get("metric"):
            return "todo", 0.6
        return "outcome", 0.55

    def objective_label(self, a: Analysis) -> tuple[str, float]:
        lead = a.leading_cue
        routine_lead = any(c.start <= a.lead + 1 for c in a.cues.get("routine", []))
        short = len(a.text.strip()) <= 6 if a.lang == "zh" else len(a.text.split()) <= 2
        if a.has_metric and (a.has_baseline or a.changes or a.cues.get("result")) and len(a.text) < 40 \
                and not a.cues.get("effect"):
            return "metric", 0.7
        if routine_lead:
            return "routine", 0.7
        if lead is not None and lead.category == "task" and lead.term not in _DIRECTION_VERBS:
            return "task", 0.65
        if short and lead is None:
            return "vague", 0.75
        if a.cues.get("vague") and not a.cues.get("metric"):
            return "vague", 0.6
        return "ok", 0.6

    def progress_label(self, a: Analysis) -> tuple[str, float]:
        """A weekly note reports key progress when it states a result (a metric reached, a change, a
        zero-defect state, a result word such as 已成单 / signed / went live with N users); a note that
        only lists what the owner did — even with counts ("拜访了 5 家客户") — is an activity list."""
        results = a.result_metrics
        if a.changes or a.zero_targets or (results and (a.cues.get("result") or a.cues.get("change")
                                                          or a.cues.get("metric"))):
            return "key_progress", 0.75
        if results and not a.cues.get("task"):
            return "key_progress", 0.6
        return "activity", 0.7 if (a.cues.get("task") or a.activity_counts) else 0.55

    def judge_krs(self, texts, analyses):
        return [_j(*self.kr_label(a), KR_LABELS, self.unsure_low, self.unsure_high) for a in analyses]

    def judge_objectives(self, texts, analyses):
        return [_j(*self.objective_label(a), OBJECTIVE_LABELS, self.unsure_low, self.unsure_high) for a in analyses]

    def judge_progress(self, texts, analyses):
        return [_j(*self.progress_label(a), PROGRESS_LABELS, self.unsure_low, self.unsure_high) for a in analyses]
