"""Candidate scikit-learn pipelines for both classifiers. Each is a plain sklearn estimator
(fit / predict / predict_proba), so users can cross-validate or grid-search them."""
from __future__ import annotations

from sklearn.calibration import CalibratedClassifierCV
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import FeatureUnion, Pipeline
from sklearn.preprocessing import FunctionTransformer
from sklearn.svm import LinearSVC

from .features import CompactTfidfVectorizer, CueFeatures, FrameFeatures, normalise_texts, word_tokens


def _char_ngrams(max_n: int = 4) -> Pipeline:
    return Pipeline([
        ("normalise", FunctionTransformer(normalise_texts)),
        ("tfidf", CompactTfidfVectorizer(analyzer="char", ngram_range=(1, max_n), min_df=2, sublinear_tf=True, max_features=60000)),
    ])


def _word_ngrams() -> CompactTfidfVectorizer:
    return CompactTfidfVectorizer(tokenizer=word_tokens, token_pattern=None, lowercase=False, ngram_range=(1, 2), min_df=2,
                           sublinear_tf=True, max_features=40000)


def _logreg(C: float = 4.0) -> LogisticRegression:
    return LogisticRegression(C=C, max_iter=3000, class_weight="balanced")


def build_pipeline(variant: str, calibrate: bool = True) -> Pipeline:
    """Variants compared by ``benchmarks/bench_classifier.py``:

    - ``cues``: analysis-layer facts only (leading verb, metric, baseline, deadline …) → logistic regression
    - ``char``: character 1–4-grams → logistic regression
    - ``char+cues``: both → logistic regression
    - ``char+word+cues``: plus jieba/spaCy word 1–2-grams → logistic regression
    - ``char+cues-svm``: char + cues → linear SVM (sigmoid-calibrated)
    - ``…+frames``: the same plus the predicate frame (what the main verb does and acts on,
      :mod:`okrcoach.analysis.frames`)
    """
    frames = variant.replace("-svm", "").endswith("+frames")
    base = variant.replace("+frames", "")
    if base == "cues":
        parts = [("cues", CueFeatures())]
    elif base == "char":
        parts = [("char", _char_ngrams())]
    elif base in ("char+cues", "char+cues-svm"):
        parts = [("char", _char_ngrams()), ("cues", CueFeatures())]
    elif base in ("char+word+cues", "char+word+cues-svm"):
        parts = [("char", _char_ngrams()), ("word", _word_ngrams()), ("cues", CueFeatures())]
    else:
        raise ValueError(f"unknown pipeline variant {variant!r}")
    features = FeatureUnion(parts + ([("frames", FrameFeatures())] if frames else []))
    if variant.endswith("-svm"):
        clf = CalibratedClassifierCV(LinearSVC(C=0.5, class_weight="balanced"), cv=5, method="sigmoid")
    elif calibrate:
        clf = CalibratedClassifierCV(_logreg(), cv=5, method="sigmoid")
    else:
        clf = _logreg()
    return Pipeline([("features", features), ("clf", clf)])


VARIANTS = ("cues", "char", "char+cues", "char+word+cues", "char+cues-svm", "char+cues+frames-svm",
            "char+word+cues+frames", "char+word+cues+frames-svm")
