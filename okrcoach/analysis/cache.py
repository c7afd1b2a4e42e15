"""One analysis per distinct line per process, shared by the rules, the classifier and the widgets."""
from __future__ import annotations

from contextlib import contextmanager
from functools import lru_cache
from typing import Iterator, Mapping

from .analyse import Analysis, analyse

_PINNED: list[Mapping[str, Analysis]] = []


@lru_cache(maxsize=16384)
def _lru_analyse(text: str) -> Analysis:
    return analyse(text)


def cached_analyse(text: str) -> Analysis:
    """Analyses shared between the rules and the classifier within a process (audits repeat objectives).

    Kept here, not beside the classifier, so importing it never imports scikit-learn. Analyses
    pinned by :func:`pinned` come first: a 20,000-line table analysed once must not be analysed
    again by the classifier's features because the least-recently-used cache was too small for it.
    """
    for analyses in _PINNED:
        a = analyses.get(text)
        if a is not None:
            return a
    return _lru_analyse(text)


cached_analyse.cache_clear = _lru_analyse.cache_clear  # type: ignore[attr-defined]
cached_analyse.cache_info = _lru_analyse.cache_info  # type: ignore[attr-defined]


@contextmanager
def pinned(analyses: Mapping[str, Analysis]) -> Iterator[None]:
    """Within the block, :func:`cached_analyse` answers from ``analyses`` (text → analysis) first."""
    _PINNED.append(analyses)
    try:
        yield
    finally:
        _PINNED.remove(analyses)
