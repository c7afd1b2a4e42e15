"""Near-duplicate measures for short bilingual lines (no embeddings needed, deterministic)."""
from __future__ import annotations

import re

_STRIP = re.compile(r"[\s\W_]+", re.UNICODE)


def char_ngrams(text: str, n: int = 2) -> set[str]:
    t = _STRIP.sub("", text.lower())
    if len(t) < n:
        return {t} if t else set()
    return {t[i:i + n] for i in range(len(t) - n + 1)}


def similarity(a: str, b: str, n: int = 2) -> float:
    """Jaccard similarity of character n-grams, ignoring case, spaces and punctuation.

    >>> round(similarity("续费率提升到 90%", "续费率提升至 90%"), 2)
    0.56
    >>> similarity("Ship SSO", "ship sso!")
    1.0
    """
    ga, gb = char_ngrams(a, n), char_ngrams(b, n)
    if not ga or not gb:
        return 0.0
    return len(ga & gb) / len(ga | gb)


def numbers_of(text: str) -> tuple[str, ...]:
    return tuple(re.findall(r"\d+(?:\.\d+)?", text))


def near_copy(a: str, b: str, threshold: float) -> bool:
    """Same line in other words: high n-gram overlap, or the same numbers with moderate overlap.

    Copies of a superior's KR often change a particle (提升到 → 提升至) or a date format while
    keeping every figure, which plain overlap misses.
    """
    sim = similarity(a, b)
    if sim >= threshold:
        return True
    na, nb = numbers_of(a), numbers_of(b)
    return bool(na) and set(na) == set(nb) and len(set(na)) >= 1 and sim >= 0.35
