"""The model judge predicts each distinct text once for as long as it lives (an audit's later chunks and a
notebook's second audit repeat lines), and what it remembers is exactly what a new prediction gives."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from okrcoach.classifier import model as model_module
from okrcoach.classifier.model import load_model

MODEL = Path(__file__).resolve().parents[1] / "models" / "default"
LINES = ["上线新版会员中心", "Raise NPS from 35 to 50 by Q3", "完成 8 次客户访谈", "Run 4 webinars for SMB",
         "续费率从 78% 提升至 85%", "Delight our members", "", "x" * 500]


class Counting:
    """A pipeline wrapper that records the texts it is asked to predict."""

    def __init__(self, inner):
        self.inner, self.asked = inner, []
        self.classes_ = inner.classes_

    def predict_proba(self, texts):
        self.asked += list(texts)
        return self.inner.predict_proba(texts)


@pytest.fixture
def judge():
    j = load_model(MODEL)
    j.kr_pipeline = Counting(j.kr_pipeline)
    j.objective_pipeline = Counting(j.objective_pipeline)
    return j


def test_each_distinct_text_is_predicted_once_and_judged_the_same_every_time(judge) -> None:
    fresh = load_model(MODEL)
    want = fresh.judge_krs(LINES)
    first = judge.judge_krs(LINES + LINES[:3])  # duplicates inside one batch too
    again = judge.judge_krs(list(reversed(LINES)))
    assert sorted(judge.kr_pipeline.asked) == sorted(LINES)
    assert first[:len(LINES)] == want and first[len(LINES):] == want[:3]
    assert again == list(reversed(want))
    # one text at a time (batches of one) gives the same judgements as the batch
    assert [load_model(MODEL).judge_krs([t])[0] for t in LINES] == want


def test_kr_and_objective_pipelines_keep_their_own_memory(judge) -> None:
    krs, objectives = judge.judge_krs(LINES), judge.judge_objectives(LINES)
    assert judge.objective_pipeline.asked == LINES and judge.kr_pipeline.asked == LINES
    assert [j.label for j in krs] != [j.label for j in objectives]  # different classes: not served from one memo


def test_a_replaced_pipeline_is_asked_again(judge) -> None:
    judge.judge_krs(LINES)
    judge.kr_pipeline = Counting(judge.kr_pipeline.inner)
    judge.judge_krs(LINES)
    assert judge.kr_pipeline.asked == LINES


def test_memory_stays_bounded(judge, monkeypatch) -> None:
    monkeypatch.setattr(model_module, "MEMO_TEXTS", 5)
    out = judge.judge_krs(LINES)  # more new texts than the bound: judged, then the memo holds this batch only
    assert out == load_model(MODEL).judge_krs(LINES)
    assert all(len(memo) <= len(LINES) for _, memo in judge._memo.values())
    judge.judge_krs(["Cut churn to 3%", "降低流失率"])
    assert all(len(memo) <= 5 for _, memo in judge._memo.values())
    assert np.isfinite([j.confidence for j in judge.judge_krs(LINES)]).all()
