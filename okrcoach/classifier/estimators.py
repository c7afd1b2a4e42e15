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


class _LineFacts(TransformerMixin, BaseEstimator):
    """One fixed-length vector of analysis facts per text, as a sparse matrix. Stateless.

    A subclass names the vector function, its feature names and their prefix; saved models record
    only the subclass (its name is on the skops allowlist), never this base."""

    _names: tuple[str, ...] = ()
    _prefix = ""

    @staticmethod
    def _vector(a) -> list[float]:
        raise NotImplementedError

    def fit(self, X, y=None):
        self.n_features_in_ = 1
        return self

    def transform(self, X):
        rows = [self._vector(cached_analyse(str(t))) for t in X]
        return sparse.csr_matrix(np.asarray(rows, dtype=np.float64).reshape(len(rows), len(self._names)))

    def get_feature_names_out(self, input_features=None):
        return np.asarray([f"{self._prefix}__{n}" for n in self._names], dtype=object)


class CueFeatures(_LineFacts):
    """Analysis-layer facts as a dense matrix (one row per text). Stateless."""

    __module__ = "okrcoach.classifier.features"
    _names, _prefix, _vector = CUE_FEATURES, "cue", staticmethod(cue_vector)


class FrameFeatures(_LineFacts):
    """What the line's predicate does and what it acts on (:mod:`okrcoach.analysis.frames`). Stateless.

    A separate transformer, not more columns of :class:`CueFeatures`, so models saved before it
    existed load and predict exactly as they did.
    """

    __module__ = "okrcoach.classifier.features"
    _names, _prefix, _vector = FRAME_FEATURES, "frame", staticmethod(frame_vector)


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
