"""One analysis per distinct line per process, shared by the rules, the classifier and the widgets."""
from __future__ import annotations

from functools import lru_cache

from .analyse import Analysis, analyse


@lru_cache(maxsize=16384)
def cached_analyse(text: str) -> Analysis:
    """Analyses shared between the rules and the classifier within a process (audits repeat objectives).

    Kept here, not beside the classifier, so importing it never imports scikit-learn.
    """
    return analyse(text)
