"""The OKR data model: objectives, key results, sets, and findings about them.

Plain dataclasses with no I/O: readers build them, rules read them, views show them.
``row`` is always the 1-based row of the source (spreadsheet row or Markdown line), so
every finding can be traced to the cell it came from.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from .frozen import quick_init


_RANKS = {"info": 1, "warning": 2, "error": 3}


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return _RANKS[self]  # a Severity is the str of its value (the rank sorts every row's findings)

    @classmethod
    def parse(cls, value: "str | Severity") -> "Severity":
        try:
            return value if isinstance(value, Severity) else cls(str(value).strip().lower())
        except ValueError:
            raise ValueError(f"unknown severity {value!r}; use error, warning or info") from None


@quick_init
@dataclass(frozen=True)
class Finding:
    """What a coach would say about one line (or set): the rule, why, where, and a better wording."""

    code: str
    name: str
    severity: Severity
    message_zh: str
    message_en: str
    target: str  # "kr" | "objective" | "set"
    text: str = ""  # the line the span indexes into
    start: int | None = None
    end: int | None = None
    suggestion: str = ""
    row: int | None = None
    alternatives: tuple[str, ...] = ()  # further rewrites to pick from (other metrics that fit the line)
    question_zh: str = ""  # what a coach would ask instead of giving a verdict
    question_en: str = ""

    def message(self, lang: str) -> str:
        return self.message_zh if lang == "zh" else self.message_en

    def question(self, lang: str) -> str:
        return self.question_zh if lang == "zh" else self.question_en

    @property
    def candidates(self) -> list[str]:
        """Every rewrite on offer, the best first (empty when the rule has none)."""
        return [s for s in (self.suggestion, *self.alternatives) if s]

    @property
    def span_text(self) -> str:
        if self.start is None or self.end is None:
            return ""
        return self.text[self.start:self.end]

    def to_dict(self, lang: str | None = None) -> dict[str, Any]:
        d = {
            "code": self.code, "name": self.name, "severity": self.severity.value, "target": self.target,
            "message_zh": self.message_zh, "message_en": self.message_en, "row": self.row,
            "start": self.start, "end": self.end, "span": self.span_text, "suggestion": self.suggestion,
            "alternatives": list(self.alternatives), "question_zh": self.question_zh, "question_en": self.question_en,
        }
        if lang:
            d["message"] = self.message(lang)
            d["question"] = self.question(lang)
        return d


@dataclass
class KeyResult:
    text: str
    row: int | None = None
    id: str = ""
    score: float | None = None
    progress: str = ""
    parent: str = ""


@dataclass
class Objective:
    text: str
    key_results: list[KeyResult] = field(default_factory=list)
    row: int | None = None
    id: str = ""
    parent: str = ""
    okr_type: str = ""  # committed / aspirational / learning as given ("" when not given; see okrcoach.rules.okr_types)


@dataclass
class OKRSet:
    """One owner's (or team's) OKRs for one cycle — the unit that set-level rules count over."""

    objectives: list[Objective] = field(default_factory=list)
    owner: str = ""
    team: str = ""
    department: str = ""
    cycle: str = ""
    source: str = ""

    @property
    def key_results(self) -> list[KeyResult]:
        return [kr for o in self.objectives for kr in o.key_results]

    @property
    def label(self) -> str:
        parts = [p for p in (self.department, self.team, self.owner, self.cycle) if p]
        return " / ".join(parts) or self.source or "OKRs"


@quick_init
@dataclass(frozen=True)
class Judgement:
    """A classifier's verdict on one line: the label, its probability, and whether it is unsure.

    ``source`` says who judged: ``model`` (a trained classifier) or ``lexicon`` (cue rules,
    used when no model is available) — the UI shows it, so a coach knows what to trust.

    ``hint`` is a label the model leaned to without reaching its precision threshold (objectives:
    "vague" at 0.55 when a warning needs 0.8). ``label`` then stays ``ok`` and the rules show the
    hint as an ``info`` a coach may want to look at, never as a warning — a false alarm in front of
    a workshop costs more than a missed one.
    """

    label: str
    confidence: float
    probabilities: dict[str, float] = field(default_factory=dict)
    unsure: bool = False
    source: str = "model"
    hint: str = ""
