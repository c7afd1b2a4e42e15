"""Precision first: a verdict the model is not sure of never becomes a confident warning.

Objectives: a not-ok label below its threshold is held as ``ok`` with the label as a hint, and the
rule shows it at ``info``. Key results: an unsure to-do is the coach's call (``info``). The same
decision reaches every view because it is made in the judge and the engine, not in a view.
"""
from __future__ import annotations

import pytest

from okrcoach.classifier.model import DEFAULT_OBJECTIVE_THRESHOLDS, ModelJudge, hold_below_threshold
from okrcoach.core.model import Judgement, Severity
from okrcoach.rules.engine import check_line


class FixedJudge:
    """A judge that returns the verdicts a test gives it, to pin the rules' side of the decision."""

    name = "fixed"

    def __init__(self, kr: Judgement | None = None, objective: Judgement | None = None):
        self.kr, self.objective = kr, objective

    def judge_krs(self, texts, analyses=()):
        return [self.kr] * len(texts)

    def judge_objectives(self, texts, analyses=()):
        return [self.objective] * len(texts)

    def judge_progress(self, texts, analyses=()):
        return []


def _codes(findings, severity):
    return {f.code for f in findings if f.severity is severity}


def test_below_threshold_is_held_as_ok_with_the_label_as_hint():
    j = hold_below_threshold(Judgement("vague", 0.62, {"ok": 0.3, "vague": 0.62}), {"vague": 0.8})
    assert (j.label, j.hint, j.unsure) == ("ok", "vague", True)
    assert j.confidence == pytest.approx(0.3)


def test_at_threshold_the_label_stands():
    j = Judgement("task", 0.9, {"ok": 0.05, "task": 0.9})
    assert hold_below_threshold(j, {"task": 0.7}) is j


def test_ok_is_never_held():
    j = Judgement("ok", 0.4, {"ok": 0.4, "vague": 0.35})
    assert hold_below_threshold(j, {"vague": 0.8}) is j


@pytest.mark.parametrize("line", ["提升客户满意度", "Improve customer onboarding experience"])
def test_a_hinted_objective_gets_an_info_not_a_warning(line):
    held = Judgement("ok", 0.35, {"ok": 0.35, "vague": 0.6}, unsure=True, hint="vague")
    _, _, findings = check_line(line, "objective", judge=FixedJudge(objective=held))
    assert "O201" in _codes(findings, Severity.INFO)
    assert "O201" not in _codes(findings, Severity.WARNING)


@pytest.mark.parametrize("line", ["让产品更好", "Make things better"])
def test_a_confident_vague_objective_is_a_warning(line):
    sure = Judgement("vague", 0.92, {"ok": 0.04, "vague": 0.92})
    _, _, findings = check_line(line, "objective", judge=FixedJudge(objective=sure))
    assert "O201" in _codes(findings, Severity.WARNING)


def test_an_ok_objective_without_hint_has_no_label_finding():
    ok = Judgement("ok", 0.9, {"ok": 0.9})
    _, _, findings = check_line("提升核心用户的续费体验", "objective", judge=FixedJudge(objective=ok))
    assert not {"O201", "O202", "O203", "O204"} & {f.code for f in findings}


@pytest.mark.parametrize("line", ["完成 8 次客户访谈", "Run 4 webinars for the partner channel"])
def test_an_unsure_todo_kr_is_the_coachs_call(line):
    unsure = Judgement("todo", 0.58, {"todo": 0.58, "outcome": 0.42}, unsure=True)
    _, _, findings = check_line(line, "kr", judge=FixedJudge(kr=unsure))
    assert "KR101" in _codes(findings, Severity.INFO)
    sure = Judgement("todo", 0.95, {"todo": 0.95, "outcome": 0.05})
    _, _, findings = check_line(line, "kr", judge=FixedJudge(kr=sure))
    assert "KR101" in _codes(findings, Severity.WARNING)


def test_the_shipped_model_carries_thresholds_for_every_not_ok_label():
    from okrcoach.classifier.model import default_judge

    judge = default_judge()
    if not isinstance(judge, ModelJudge):
        pytest.skip("no trained model in this checkout")
    assert set(judge.objective_thresholds) == set(DEFAULT_OBJECTIVE_THRESHOLDS)
    assert all(0.0 < t < 1.0 for t in judge.objective_thresholds.values())
