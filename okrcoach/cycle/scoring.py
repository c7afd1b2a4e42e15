"""KR scores as people write them (0.7, 70, 70%, ０.７) → one 0–1 scale, and traffic lights.

Scores end a cycle: each KR gets 0–1, the objective's score is the mean of its KRs, and a
traffic light makes a long list readable. Exports mix scales (one team types 70, another 0.7),
so each value is read on its own and the reading says what was done to it.

Reading a value (documented in ``docs/scoring.md``):

- blank → not scored yet (no value, no problem);
- ``0 … 1`` → taken as is;
- ``70%`` / ``70 ％`` → 0.70 (a percentage, 0–100 %);
- a plain number from ``10`` to ``100`` → read on a 0–100 scale (70 → 0.70);
- anything else — a number above 1 and below 10 (``1.3``: a 0–1 score gone over, or an unknown
  scale), a negative number, above 100, or text such as "done" — has no value and is reported.

Traffic lights (the coaching brief's 0–0.3 red, 0.4–0.6 yellow, 0.7–1.0 green, with the gaps
closed downwards — a score must *reach* 0.4 to leave red and 0.7 to be green):

    red: 0 ≤ s < 0.4      yellow: 0.4 ≤ s < 0.7      green: 0.7 ≤ s ≤ 1

Scores are rounded to 6 decimals before the comparison — enough to absorb floating-point noise
(a mean of 0.6999999999 is green), not enough to lift 0.3999 out of red.

>>> read_score("70").value, read_score("70%").scale, read_score("1.3").problem
(0.7, 'percent', 'out_of_range')
>>> [traffic_light(s) for s in (0.3, 0.35, 0.4, 0.69, 0.7, 1.0)]
['red', 'red', 'yellow', 'yellow', 'green', 'green']

Committed OKRs (承诺型, given in a type column or a draft tag) are read as met/missed instead:
``met`` at 1.0, ``missed`` below — 0.7 on a committed KR is a miss, not green
(:func:`score_light`; rule SCORE506 asks for the cause).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

from ..analysis.normalize import shadow

LIGHTS = ("red", "yellow", "green")
COMMITTED_STATUSES = ("met", "missed")
RED_BELOW, GREEN_FROM = 0.4, 0.7
_NUMBER = re.compile(r"^\s*([+-]?\d+(?:\.\d+)?)\s*(%|分)?\s*$")


@dataclass(frozen=True)
class ScoreReading:
    """How one score cell was read: ``value`` on 0–1 (None when blank or unusable)."""

    raw: str
    value: float | None
    scale: str = ""  # "" blank, "unit" 0–1, "percent" 70%, "hundred" 70 on 0–100
    problem: str = ""  # "", "unreadable", "out_of_range"

    @property
    def rescaled(self) -> bool:
        return self.scale in ("percent", "hundred")


def read_score(raw: object) -> ScoreReading:
    """Read one score cell (see the module docs for the rules)."""
    text = "" if raw is None else str(raw)
    if isinstance(raw, float) and raw != raw:  # NaN from pandas
        text = ""
    norm = shadow(text).strip()
    if not norm:
        return ScoreReading(text, None)
    m = _NUMBER.match(norm)
    if not m:
        return ScoreReading(text, None, problem="unreadable")
    number = float(m.group(1))
    if m.group(2) == "%":
        return (ScoreReading(text, round(number / 100, 4), "percent") if 0 <= number <= 100
                else ScoreReading(text, None, "percent", "out_of_range"))
    if 0 <= number <= 1:
        return ScoreReading(text, number, "unit")
    if 10 <= number <= 100:
        return ScoreReading(text, round(number / 100, 4), "hundred")
    return ScoreReading(text, None, problem="out_of_range")


def traffic_light(score: float | None) -> str:
    """``red`` / ``yellow`` / ``green`` for a 0–1 score, ``""`` for none."""
    if score is None or score != score:
        return ""
    s = round(float(score), 6)
    return "red" if s < RED_BELOW else "yellow" if s < GREEN_FROM else "green"


def committed_status(score: float | None) -> str:
    """A committed KR (承诺型) is met or missed, not green at 0.7: ``met`` at 1.0, ``missed`` below, ``""`` for none.

    >>> [committed_status(s) for s in (1.0, 0.999999999, 0.95, 0.7, None)]
    ['met', 'met', 'missed', 'missed', '']
    """
    if score is None or score != score:
        return ""
    return "met" if round(float(score), 6) >= 1 else "missed"


def score_light(score: float | None, okr_type: str = "") -> str:
    """The light a score shows: ``met``/``missed`` for a committed OKR, else the traffic light."""
    return committed_status(score) if okr_type == "committed" else traffic_light(score)


def mean_score(values: Iterable[float | None]) -> float | None:
    """The objective's score: the mean of its scored KRs (unscored ones are left out), or None."""
    got = [v for v in values if v is not None and v == v]
    return round(sum(got) / len(got), 3) if got else None
