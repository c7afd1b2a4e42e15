"""The three kinds of OKR a coach judges differently — committed (承诺型), aspirational (挑战型),
learning (学习型) — read from a type cell or a draft tag, and inferred only where the text is clear.

Why a type matters (the coaching brief, "Types of OKR"): a committed OKR must reach 1.0 (a
lower score is a miss that needs a cause; 1.0 is not sandbagging); an aspirational one counts
0.6–0.7 as success; a learning one produces knowledge for a later decision, so its KRs are
rightly about what will be learned and decided — but must say *what* and *by when*.

A type given by the user changes the judgement; an inferred type never does: it is shown as a
hint (rule O206) so the owner can confirm it with a tag. The patterns are data
(``analysis/lexicons/okr_types.tsv``), not ``if`` chains.

>>> parse_okr_type("承诺型"), parse_okr_type(" Stretch "), parse_okr_type("Exploratory"), parse_okr_type("")
('committed', 'aspirational', 'learning', '')
>>> infer_okr_type("评估进军东南亚市场的可行性").okr_type, infer_okr_type("保障系统 99.9% 的运行时间").okr_type
('learning', 'committed')
>>> infer_okr_type("让 A 产品成为中小商家开店的首选工具").okr_type
''
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from ..analysis.normalize import CaselessPattern, shadow, shadow_table
from ..readers.okr_type import OKR_TYPES, parse_okr_type

__all__ = ["OKR_TYPES", "parse_okr_type", "infer_okr_type", "TypeHint", "is_knowledge_kr", "names_decision",
           "is_service_level", "absolute_target", "type_name"]

TYPE_NAMES_ZH = {"committed": "承诺型", "aspirational": "挑战型", "learning": "学习型"}


@lru_cache(maxsize=1)
def _patterns() -> dict[str, CaselessPattern]:
    text = resources.files("okrcoach.analysis").joinpath("lexicons/okr_types.tsv").read_text(encoding="utf-8")
    out: dict[str, CaselessPattern] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        category, pattern = line.split("\t", 1)
        out[category] = CaselessPattern(pattern.strip())  # over the lower-cased line: faster, the same spans
    return out


@lru_cache(maxsize=65_536)  # a KR's text is read by several type checks, for every objective it sits under
def _norm(text: str) -> str:
    """The same-length shadow (full-width → half-width, traditional → simplified), so spans stay valid."""
    return shadow(text or "")


@lru_cache(maxsize=1)
def _nine_forms() -> tuple[str, ...]:
    """The characters other than "9" that shadow() turns into one holding "9" (the full-width "９"): a line
    whose shadow holds "99" holds "99" itself or one of these."""
    return tuple(chr(c) for c, to in shadow_table().items() if "9" in to and chr(c) != "9")


@dataclass(frozen=True)
class TypeHint:
    """An inferred type and the words it rests on (``okr_type`` is ``""`` when the text is not clear)."""

    okr_type: str = ""
    start: int | None = None
    end: int | None = None


def _first(pattern: CaselessPattern, text: str) -> re.Match[str] | None:
    return pattern.search(text)


def infer_okr_type(objective: str, key_results: tuple[str, ...] | list[str] = ()) -> TypeHint:
    """Infer a type only when the words say it plainly; otherwise ``TypeHint()``.

    - learning: an exploring verb (评估/验证/探索/测试/试点/调研, assess/validate/explore/test/pilot)
      together with what is unknown (可行性/假设/是否/a new market or model; feasibility/hypothesis/whether);
    - committed: a keeping verb (保持/保障/维持/确保, keep/maintain/ensure) with a service level
      (可用/稳定/运行时间/SLA, uptime/availability) in the objective, or a KR that keeps a 99.x %
      availability/uptime level.
    Both or neither → no hint.
    """
    return _infer(objective, tuple(key_results))


# the audit asks once per objective for the type column, then again in the same order for the O206 hint: the
# cache must hold every objective of the audit (a 20,000-row department has 5,476), or a least-recently-used
# cache evicts each answer just before it is asked for again
@lru_cache(maxsize=65_536)
def _infer(objective: str, key_results: tuple[str, ...]) -> TypeHint:
    text = _norm(objective)
    p = _patterns()
    verb, what = _first(p["learning_verb"], text), _first(p["learning_object"], text)
    learning = verb is not None and what is not None
    keep, level = _first(p["committed_verb"], text), _first(p["service_level"], text)
    committed = keep is not None and level is not None
    if not committed:
        nines = _nine_forms()
        for kr in key_results:
            # "99" is in every service_level_number match (digits have no other case): most KRs stop here, and
            # before being shadowed when they hold no "9" that shadow() could pair into "99"
            if "99" not in (kr or "") and not any(c in (kr or "") for c in nines):
                continue
            kr_text = _norm(kr)
            if "99" in kr_text and _first(p["service_level_number"], kr_text) and _first(p["service_level"], kr_text):
                committed = True
                break
    if learning == committed:
        return TypeHint()
    if learning:
        return TypeHint("learning", min(verb.start(), what.start()), max(verb.end(), what.end()))
    if keep is not None and level is not None:
        return TypeHint("committed", min(keep.start(), level.start()), max(keep.end(), level.end()))
    return TypeHint("committed")


def is_knowledge_kr(text: str) -> bool:
    """A KR about what will be learned (访谈/调研/实验/报告/验证…, interviews/research/experiments/a report)."""
    return _first(_patterns()["knowledge"], _norm(text)) is not None


def names_decision(text: str) -> bool:
    """The KR says what will be decided or concluded (决定/是否/结论/建议, decide/whether/go/no-go/recommend)."""
    return _first(_patterns()["decision"], _norm(text)) is not None


def is_service_level(text: str) -> bool:
    """A committed service level (99.9% 可用性, uptime, SLA): an absolute bar there is the point, not a problem."""
    return _first(_patterns()["service_level"], _norm(text)) is not None


_AT_LEAST_BEFORE = re.compile(r"(?:>=|≥|>|\bat\s+least|\bno\s+less\s+than|\babove)\s*$|(?:不低于|不少于|至少|超过)[^,，;；。]{0,6}$",
                              re.IGNORECASE)
_AT_LEAST_AFTER = re.compile(r"^\s*(?:以上|及以上|or\s+more|or\s+above)", re.IGNORECASE)


def absolute_target(text: str, shadow_text: str | None = None) -> tuple[int, int] | None:
    """The span of an absolute target with no step (零缺陷, 0 投诉, 100%, never/always), or None.

    A floor ("≥ 100% of last year's value", "不低于 100%") is a threshold, not an absolute target.
    ``shadow_text``, when given, is ``shadow(text)`` (``Analysis.shadow_text``), not computed again.

    >>> absolute_target("实现零缺陷生产"), absolute_target("renewed at >= 100% of prior contract value")
    ((2, 5), None)
    """
    norm = _norm(text) if shadow_text is None else shadow_text
    for m in _patterns()["absolute"].finditer(norm):
        if _AT_LEAST_BEFORE.search(norm[max(0, m.start() - 16):m.start()]) or _AT_LEAST_AFTER.match(norm[m.end():]):
            continue
        return m.start(), m.end()
    return None


def type_name(okr_type: str, lang: str) -> str:
    """``承诺型`` / ``committed`` for display."""
    return TYPE_NAMES_ZH.get(okr_type, okr_type) if lang == "zh" else okr_type
