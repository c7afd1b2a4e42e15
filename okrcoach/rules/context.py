"""What a rule sees: the analysed line, its neighbours, the classifier's verdict and the config."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..analysis import Analysis
from .config import Config
from ..core.model import Judgement, OKRSet
from ..cycle.scoring import ScoreReading


@dataclass
class KRContext:
    text: str
    analysis: Analysis
    judgement: Judgement
    config: Config
    objective: str = ""
    row: int | None = None
    parent: str = ""
    score: ScoreReading | None = None  # the KR's score cell, read (None when the input has no score column)
    okr_type: str = ""  # its objective's type as given (committed/aspirational/learning); inferred types never land here


@dataclass
class ObjectiveContext:
    text: str
    analysis: Analysis
    judgement: Judgement
    config: Config
    key_results: list[KRContext] = field(default_factory=list)
    row: int | None = None
    parent: str = ""
    okr_type: str = ""  # as given; "" when not given (an inferred type is only a hint, rule O206)


@dataclass
class SetContext:
    okr_set: OKRSet
    config: Config
    analyses: dict[str, Analysis] = field(default_factory=dict)  # text → analysis, shared by the set's lines
    parents: list[str] = field(default_factory=list)  # superior KRs given by a parent file


@dataclass
class HistoryContext:
    """Every set of the input at once, for patterns across cycles (scores always high, objectives repeated)."""

    sets: list[OKRSet]
    config: Config


@dataclass
class InputContext:
    code: str
    column: str
    detail: str
    row: int | None
