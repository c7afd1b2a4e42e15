"""What a rule is and how it registers: every rule is a small function with a stable code, a name,
a severity, bilingual titles and docs, registered by the :func:`rule` decorator.

The rule modules import this module; :mod:`.registry` imports the rule modules. Keeping the two
apart is what lets the rule modules, their contexts and the config point one way.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator

from ..core.frozen import quick_init
from ..core.model import Severity

TARGETS = ("kr", "objective", "set", "alignment", "input", "history", "checkin", "cadence")


@quick_init  # rules yield one per finding: a fifth of a 20,000-row audit's objects
@dataclass(frozen=True)
class Hit:
    """What a rule function yields: where, the specific message, and a rewrite."""

    start: int | None = None
    end: int | None = None
    message_zh: str = ""
    message_en: str = ""
    suggestion: str = ""
    text: str | None = None  # the text the span indexes, when it is not the line checked (set rules)
    row: int | None = None
    severity: str | None = None  # lower than the rule's own when the verdict behind it is unsure
    alternatives: tuple[str, ...] = ()  # further rewrites, best first after ``suggestion``
    question_zh: str = ""  # a question fitted to this line; the rule's own question when empty
    question_en: str = ""


def unsure_note(judgement) -> tuple[str, str]:
    """The (zh, en) words a message adds when the verdict behind it is unsure, else empty strings."""
    return ("（模型不太确定）", " (the model is unsure)") if judgement.unsure else ("", "")


@dataclass(frozen=True)
class RuleDoc:
    why_zh: str
    why_en: str
    bad_zh: str
    better_zh: str
    bad_en: str
    better_en: str


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: Severity
    target: str
    title_zh: str
    title_en: str
    doc: RuleDoc
    check: Callable[..., Iterable[Hit]] = field(repr=False, compare=False)
    default: bool = True  # off-by-default rules are opt-in through ``select``
    question_zh: str = ""  # the question a coach would ask instead of a verdict
    question_en: str = ""

    def matches(self, selector: str) -> bool:
        """ruff-style selection: ``KR1`` selects KR101…KR199, ``kr-is-todo`` selects by name, ``ALL`` all."""
        sel = selector.strip()
        return sel.upper() == "ALL" or self.code.startswith(sel.upper()) or self.name == sel.lower()


_REGISTRY: dict[str, Rule] = {}


def rule(code: str, name: str, severity: str, target: str, *, title_zh: str, title_en: str, why_zh: str,
         why_en: str, bad_zh: str, better_zh: str, bad_en: str, better_en: str, default: bool = True,
         question_zh: str = "", question_en: str = ""):
    """Register a rule function. Its signature depends on ``target`` (see :mod:`okrcoach.rules.engine`)."""
    if target not in TARGETS:
        raise ValueError(f"unknown rule target {target!r}")

    def decorate(fn: Callable[..., Iterable[Hit]]) -> Callable[..., Iterable[Hit]]:
        if code in _REGISTRY:
            raise ValueError(f"rule code {code} registered twice")
        _REGISTRY[code] = Rule(code, name, Severity.parse(severity), target, title_zh, title_en,
                               RuleDoc(why_zh, why_en, bad_zh, better_zh, bad_en, better_en), fn, default,
                               question_zh, question_en)
        return fn

    return decorate


def iter_rules(target: str, selected: Iterable[Rule]) -> Iterator[Rule]:
    return (r for r in selected if r.target == target)
