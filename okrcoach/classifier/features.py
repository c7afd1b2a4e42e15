"""Features for the classifiers: cue facts from the analysis layer, and text views for n-grams.

The functions here are plain Python (no scikit-learn), so the fast predictor
(:mod:`.fast_predict`) and the rules can use them without importing it. The scikit-learn
transformers, :class:`CueFeatures`, :class:`FrameFeatures` and :class:`CompactTfidfVectorizer`, live in
:mod:`.estimators` and are loaded from here on first use (saved models name them
``okrcoach.classifier.features.*``). They are module-level classes/functions (never bound
methods or lambdas) so skops can persist them with an explicit trusted-type list.
"""
from __future__ import annotations

import re

from ..analysis.cache import cached_analyse
from ..analysis.frames import FRAME_FEATURES, frame_vector
from .cues import CUE_FEATURES, cue_vector

__all__ = ["CUE_FEATURES", "FRAME_FEATURES", "cue_vector", "frame_vector", "cached_analyse", "normalise_text",
           "normalise_texts", "word_tokens", "CueFeatures", "FrameFeatures", "CompactTfidfVectorizer"]

_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")


def normalise_text(text: str) -> str:
    """What the n-gram features read: @mentions masked, digits collapsed to 0, shadow-normalised.

    Masking keeps a collaborator's name from swaying a label; collapsing digits makes "8 次"
    and "12 次" the same evidence.
    """
    a = cached_analyse(str(text))
    if a.shadow_text and not a.mentions:  # shadow() maps character for character: the analysis has it
        return _DIGITS.sub("0", a.shadow_text.lower())
    from ..analysis.normalize import shadow

    return _DIGITS.sub("0", shadow(a.masked_text).lower())


def normalise_texts(X):
    """Module-level (so skops can trust it by name) vectorised form of :func:`normalise_text`."""
    return [normalise_text(t) for t in X]


def word_tokens(text: str) -> list[str]:
    """Word tokens: jieba for Chinese, spaCy's blank English tokenizer for English."""
    a = cached_analyse(str(text))
    return [_DIGITS.sub("0", t.text.lower()) for t in a.tokens if not t.text.isspace()]


def __getattr__(name: str):
    """The scikit-learn transformers, imported on first use (``import sklearn`` costs about a second)."""
    if name in ("CueFeatures", "FrameFeatures", "CompactTfidfVectorizer"):
        from . import estimators

        value = getattr(estimators, name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
