"""KR ideas for an objective: outcome KRs built from the catalogue metrics that fit its words.

``suggest_krs("提升会员复购")`` proposes three to five KRs such as
"在 [日期] 前，会员复购率从 [基线] 提升至 [目标]", in the objective's language. The brackets are
what only the owner knows; the ambassador picks and edits one. Offline and instant: no model,
just the metric catalogue's signal words.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..analysis import analyse
from ..analysis.metrics import GENERAL, Metric, MetricCatalogue
from ..core.errors import OKRInputError
from ..rules.config import Config
from ..rules.objective_suggest import function_directions
from ..rules.suggest import change_phrase

MIN_IDEAS = 3
MAX_IDEAS = 5


@dataclass(frozen=True)
class KRIdea:
    """One proposed KR: its text (with brackets to fill), the metric behind it, and why it was chosen."""

    text: str
    metric: Metric
    lang: str
    words: tuple[str, ...] = ()  # the objective's words that point to the metric (empty: same function)

    def to_dict(self) -> dict:
        return {"text": self.text, "lang": self.lang, "metric_id": self.metric.id,
                "metric": self.metric.name(self.lang), "definition": self.metric.definition(self.lang),
                "unit": self.metric.unit, "direction": self.metric.direction, "function": self.metric.function,
                "words": list(self.words)}


def idea_text(metric: Metric, lang: str) -> str:
    """An outcome KR for ``metric`` with baseline, target and deadline left to the owner.

    >>> from okrcoach.analysis.metrics import bundled_catalogue
    >>> idea_text(bundled_catalogue().by_id["growth-08"], "zh")
    '在 [日期] 前，会员复购率从 [基线] 提升至 [目标]'
    >>> idea_text(bundled_catalogue().by_id["product-06"], "en")
    'Cut time to first value from [baseline] to [target] by [date]'
    """
    phrase = change_phrase(metric.name(lang), metric.direction, lang)
    if lang == "zh":
        return f"在 [日期] 前，{phrase}"
    return f"{phrase[0].upper()}{phrase[1:]} by [date]"


def _function_words(lang: str) -> dict[str, str]:
    """Function names as words an objective may use ("销售", "marketing") → function."""
    out = {}
    for f, info in function_directions().items():
        if f == GENERAL or f.startswith("personal"):
            continue
        out[info.name_zh if lang == "zh" else info.name_en.lower()] = f
    return out


def suggest_krs(objective: str, n: int = MAX_IDEAS, lang: str | None = None,
                config: Config | None = None, catalogue: MetricCatalogue | None = None) -> list[KRIdea]:
    """Three to ``n`` (at most five) outcome KRs for ``objective``, best fit first.

    Metrics whose signal words the objective uses come first; the rest are filled from the same
    function as the best match. An objective with no word the catalogue knows gets none (add your
    organisation's metrics with ``[tool.okrcoach.metrics]``).

    >>> [i.metric.name_zh for i in suggest_krs("提升会员复购", n=3)]
    ['会员复购率', '用户生命周期价值', '月度复购用户数']
    """
    text = (objective or "").strip()
    if not text:
        raise OKRInputError("the objective is empty: give the objective to find KR ideas for")
    n = max(1, min(int(n), MAX_IDEAS))
    catalogue = catalogue or (config or Config()).metric_catalogue()
    a = analyse(text)
    lang = lang if lang in ("zh", "en") else a.lang
    matches = catalogue.match(text, limit=n * 2, general=False)
    chosen: list[tuple[Metric, tuple[str, ...]]] = [(m.metric, m.words) for m in matches][:n]
    functions = list(dict.fromkeys(m.metric.function for m in matches))
    if not functions:  # no metric's signal, but maybe a function's name: "Make the product better"
        low = text.lower()
        functions = [f for w, f in _function_words(a.lang).items()
                     if (w in text if a.lang == "zh" else re.search(rf"\b{re.escape(w)}\b", low))]
    for f in functions:
        if len(chosen) >= max(MIN_IDEAS, min(n, len(matches))):
            break
        for m in catalogue.in_function(f):
            if len(chosen) >= n or len(chosen) >= max(MIN_IDEAS, len(matches)):
                break
            if all(m.id != c.id for c, _ in chosen):
                chosen.append((m, ()))
    return [KRIdea(idea_text(m, lang), m, lang, words) for m, words in chosen[:n]]
