"""The scikit-learn transformers of the classifiers' pipelines (imported only when a pipeline is built,
trained or loaded with skops; prediction from the compiled arrays does not need them).

Both keep ``__module__ = "okrcoach.classifier.features"``: saved models name them there, and the
skops allowlist in :mod:`.persist` trusts exactly those names.
"""
from __future__ import annotations

import numpy as np
from scipy import sparse
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.feature_extraction.text import TfidfVectorizer

from ..analysis.cache import cached_analyse
from ..analysis.frames import FRAME_FEATURES, frame_vector
from .cues import CUE_FEATURES, cue_vector


class CueFeatures(TransformerMixin, BaseEstimator):
    """Analysis-layer facts as a dense matrix (one row per text). Stateless."""

    __module__ = "okrcoach.classifier.features"

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

    __module__ = "okrcoach.classifier.features"

    def fit(self, X, y=None):
        self.n_features_in_ = 1
        return self

    def transform(self, X):
        rows = [frame_vector(cached_analyse(str(t))) for t in X]
        return sparse.csr_matrix(np.asarray(rows, dtype=np.float64).reshape(len(rows), len(FRAME_FEATURES)))

    def get_feature_names_out(self, input_features=None):
        return np.asarray([f"frame__{n}" for n in FRAME_FEATURES], dtype=object)


class CompactTfidfVectorizer(TfidfVectorizer):
    """``TfidfVectorizer`` whose saved state keeps the vocabulary as one array of terms.

    skops writes a dict entry by entry: a 20,000-term vocabulary became 40,000 schema nodes and
    most of the model's load time. Saved as a string array in index order it is one ``.npy``
    member, and ``__setstate__`` rebuilds the same dict. Nothing else changes: fit, transform and
    every parameter are TfidfVectorizer's own.
    """

    __module__ = "okrcoach.classifier.features"

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
