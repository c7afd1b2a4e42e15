"""What a rule sees: the analysed line, its neighbours, the classifier's verdict and the config.

``Config`` is imported for type checkers only: the config lists the rules (``Config.selected_rules``),
so a runtime import here would close a loop config → rule modules → contexts → config.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..analysis import Analysis
from ..core.model import Judgement, OKRSet
from ..cycle.scoring import ScoreReading, traffic_light

if TYPE_CHECKING:
    from .config import Config


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


@dataclass
class CheckinContext:
    """What a CHECKIN rule sees: one KR's weekly update."""

    key_result: str
    progress: str
    risks: str
    next: str
    score: ScoreReading | None
    judgement: Judgement | None  # key_progress / activity for the progress note (None when it is empty)
    analysis: Analysis | None
    config: Config
    row: int | None = None
    status_light: str = ""  # a tool's own status light (Feishu: normal/risk/delayed), used when there is no score

    @property
    def light(self) -> str:
        scored = self.score is not None and self.score.value is not None
        return traffic_light(self.score.value) if scored else self.status_light
