"""Features for the classifiers: cue facts from the analysis layer, and text views for n-grams.

Everything here is a scikit-learn transformer over a list of strings, so a pipeline can be
cross-validated, grid-searched and saved with skops like any other. The transformers are
module-level classes/functions (never bound methods or lambdas) so skops can persist them
with an explicit trusted-type list.
"""
from __future__ import annotations

import math
import re
from functools import lru_cache

import numpy as np
from scipy import sparse
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.feature_extraction.text import TfidfVectorizer

from ..analysis import Analysis, analyse
from ..analysis.frames import FRAME_FEATURES, frame_vector

CUE_FEATURES = (
    "lead_task", "lead_change", "lead_result", "lead_routine", "has_metric", "n_result_metrics", "n_activity_counts",
    "has_baseline", "has_relative", "has_multiplier", "has_deadline", "has_placeholder", "has_effect",
    "effect_then_metric", "zero_target", "is_zh", "is_mixed", "n_task", "n_change", "n_result", "n_metric_nouns",
    "n_vague", "n_routine", "log_len", "short", "has_mention", "has_comparator", "percent", "money", "duration",
    "task_then_metric", "no_verb",
)


@lru_cache(maxsize=16384)
def cached_analyse(text: str) -> Analysis:
    """Analyses shared between the rules and the classifier within a process (audits repeat objectives)."""
    return analyse(text)


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


class CueFeatures(TransformerMixin, BaseEstimator):
    """Analysis-layer facts as a dense matrix (one row per text). Stateless."""

    def fit(self, X, y=None):
        self.n_features_in_ = 1
        return self

    def transform(self, X):
        rows = [cue_vector(cached_analyse(str(t))) for t in X]
        return sparse.csr_matrix(np.asarray(rows, dtype=np.float64).reshape(len(rows), len(CUE_FEATURES)))

    def get_feature_names_out(self, input_features=None):
        return np.asarray([f"cue__{n}" for n in CUE_FEATURES], dtype=object)


class FrameFeatures(TransformerMixin, BaseEstimator):
    """What the line's predicate does and what it acts on (:mod:`okrcoach.analysis.frames`). Stateless.

    A separate transformer, not more columns of :class:`CueFeatures`, so models saved before it
    existed load and predict exactly as they did.
    """

    def fit(self, X, y=None):
        self.n_features_in_ = 1
        return self

    def transform(self, X):
        rows = [frame_vector(cached_analyse(str(t))) for t in X]
        return sparse.csr_matrix(np.asarray(rows, dtype=np.float64).reshape(len(rows), len(FRAME_FEATURES)))

    def get_feature_names_out(self, input_features=None):
        return np.asarray([f"frame__{n}" for n in FRAME_FEATURES], dtype=object)


_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")


def normalise_text(text: str) -> str:
    """What the n-gram features read: @mentions masked, digits collapsed to 0, shadow-normalised.

    Masking keeps a collaborator's name from swaying a label; collapsing digits makes "8 次"
    and "12 次" the same evidence.
    """
    a = cached_analyse(str(text))
    from ..analysis.normalize import shadow

    return _DIGITS.sub("0", shadow(a.masked_text).lower())


def normalise_texts(X):
    """Module-level (so skops can trust it by name) vectorised form of :func:`normalise_text`."""
    return [normalise_text(t) for t in X]


def word_tokens(text: str) -> list[str]:
    """Word tokens: jieba for Chinese, spaCy's blank English tokenizer for English."""
    a = cached_analyse(str(text))
    return [_DIGITS.sub("0", t.text.lower()) for t in a.tokens if not t.text.isspace()]


class CompactTfidfVectorizer(TfidfVectorizer):
    """``TfidfVectorizer`` whose saved state keeps the vocabulary as one array of terms.

    skops writes a dict entry by entry: a 20,000-term vocabulary became 40,000 schema nodes and
    most of the model's load time. Saved as a string array in index order it is one ``.npy``
    member, and ``__setstate__`` rebuilds the same dict. Nothing else changes: fit, transform and
    every parameter are TfidfVectorizer's own.
    """

    def __getstate__(self):
        state = dict(super().__getstate__())
        vocabulary = state.pop("vocabulary_", None)
        state.pop("stop_words_", None)  # introspection only, and it can be large
        if vocabulary is not None:
            terms = sorted(vocabulary, key=vocabulary.__getitem__)
            state["vocabulary_terms_"] = np.asarray(terms, dtype=str) if terms else np.zeros(0, dtype="<U1")
        return state

    def __setstate__(self, state):
        state = dict(state)
        terms = state.pop("vocabulary_terms_", None)
        super().__setstate__(state)
        if terms is not None:
            self.vocabulary_ = {str(term): i for i, term in enumerate(terms.tolist())}
