"""Concrete rewrites built from the user's own line. Brackets mark only what the owner must supply.

A to-do KR gets the metric slot filled with the catalogue metrics that best fit the line and its
objective ("新版会员中心上线后，会员复购率从 [基线] 提升至 [目标]"); the generic slot
("[关键指标]", "[metric]") is left only when no catalogue signal occurs in either. Chinese rewrites
use Chinese word order and full-width punctuation.
"""
from __future__ import annotations

from ..analysis import Analysis
from ..analysis.metrics import Metric, MetricCatalogue, bundled_catalogue

MAX_CANDIDATES = 3
_MIN_SHARE = 0.4  # a candidate must score at least this share of the best one
_ZH_TAIL = " 。.;；,，、"
_EN_TAIL = " .;,"
# "上线 X" reads better as "X 上线后，…" than "上线 X，使…"
_ZH_AFTER_VERBS = ("上线", "发布", "推出", "交付", "落地", "上新", "投产", "开通", "启用")
_ZH_PUNCT = "，,；;。：:、（）()"


def change_phrase(metric_name: str, direction: str, lang: str) -> str:
    """The metric with a baseline and target in the line's language.

    >>> change_phrase("会员复购率", "up", "zh")
    '会员复购率从 [基线] 提升至 [目标]'
    >>> change_phrase("time to first value", "down", "en")
    'cut time to first value from [baseline] to [target]'
    """
    before, after = _PHRASES[lang == "zh"][direction]
    return before + metric_name + after


# (before the metric's name, after it) per direction, for zh (True) and every other language (False)
_PHRASES = {True: {"up": ("", "从 [基线] 提升至 [目标]"), "down": ("", "从 [基线] 降至 [目标]"), "keep": ("", "保持在 [目标]")},
            False: {"up": ("raise ", " from [baseline] to [target]"), "down": ("cut ", " from [baseline] to [target]"),
                    "keep": ("keep ", " at [target]")}}


def _en_gerund(phrase: str) -> str:
    verb, _, rest = phrase.partition(" ")
    return {"raise": "raising", "cut": "cutting", "keep": "keeping"}[verb] + " " + rest


def metric_candidates(a: Analysis, objective: str = "", catalogue: MetricCatalogue | None = None,
                      limit: int = MAX_CANDIDATES) -> list[Metric]:
    """The one to ``limit`` catalogue metrics that best fit the line (and, at half weight, its objective)."""
    catalogue = catalogue or bundled_catalogue()
    # the metrics of match(a.text, objective, limit * 3) scoring at least _MIN_SHARE of the best one
    # (cached per (text, objective) in the catalogue)
    return catalogue.top_metrics(a.text, objective, limit=limit * 3, min_share=_MIN_SHARE)[:limit]


def _zh_lead(a: Analysis) -> tuple[str, str]:
    """("新版会员中心上线后", "") for a launch verb with a short object, else ("", the line)."""
    body = a.text.strip().rstrip(_ZH_TAIL)
    cue = a.leading_task
    if cue is not None and cue.term in _ZH_AFTER_VERBS:
        before, obj = a.text[:cue.start].strip(), a.text[cue.end:].strip().rstrip(_ZH_TAIL)
        # only when the verb opens the line: "3 月底前上线 X" keeps its order (a deadline then "后" reads oddly)
        if not before and obj and len(obj) <= 24 and not any(ch in _ZH_PUNCT for ch in obj) and not a.mentions:
            return f"{obj}{a.text[cue.start:cue.end]}后", ""
    return "", body


def result_rewrite(a: Analysis, metric: Metric | None, zh_lead: tuple[str, str] | None = None) -> str:
    """One to-do line turned into a result: 上线新版会员中心 → 新版会员中心上线后，会员复购率从 [基线] 提升至 [目标].

    ``zh_lead`` is ``_zh_lead(a)`` when the caller already has it (one line, several metrics)."""
    if a.lang == "zh":
        phrase = change_phrase(metric.name_zh, metric.direction, "zh") if metric else "[关键指标] 从 [基线] 提升至 [目标]"
        after, body = zh_lead or _zh_lead(a)
        return f"{after}，{phrase}" if after else f"{body}，使{phrase}" if metric else f"{body}，使 {phrase}"
    body = a.text.strip().rstrip(_EN_TAIL)
    if metric is None:
        return f"{body}, so that [metric] moves from [baseline] to [target]"
    return f"{body}, {_en_gerund(change_phrase(metric.name_en, metric.direction, 'en'))}"


def add_result(a: Analysis, objective: str = "", catalogue: MetricCatalogue | None = None) -> list[str]:
    """Rewrites of a to-do KR, one per fitting metric (the generic slot when none fits)."""
    metrics = metric_candidates(a, objective, catalogue)
    if not metrics:
        return [result_rewrite(a, None)]
    lead = _zh_lead(a) if a.lang == "zh" else None  # the line's part of every rewrite, found once
    return [result_rewrite(a, m, lead) for m in metrics]


def add_metric(a: Analysis, objective: str = "", catalogue: MetricCatalogue | None = None) -> list[str]:
    """A KR without a number: state the metric and its change (大幅提升用户满意度 → …：用户满意度从 [基线] 提升至 [目标])."""
    return _with_metric(a, metric_candidates(a, objective, catalogue),
                        zh=("{body}：{phrase}", "{body}：[指标] 达到 [目标值]"),
                        en=("{body}: {phrase}", "{body}, reaching [target value] on [metric]"))


def add_effect(a: Analysis, objective: str = "", catalogue: MetricCatalogue | None = None) -> list[str]:
    """A count of activities: say what they must bring (写 10 篇文章 → …，带动内容阅读量从 [基线] 提升至 [目标])."""
    return _with_metric(a, metric_candidates(a, objective, catalogue),
                        zh=("{body}，带动{phrase}", "{body}，带来的 [结果指标] 达到 [目标]"),
                        en=("{body}, {phrase}", "{body}, bringing [result metric] to [target]"), en_gerund=True)


def _with_metric(a: Analysis, metrics: list[Metric], zh: tuple[str, str], en: tuple[str, str],
                 en_gerund: bool = False) -> list[str]:
    """The line (its closing punctuation dropped) followed by each metric's change phrase, in the line's
    language: ``(per metric, when no metric fits)`` templates with ``{body}`` and ``{phrase}``."""
    if a.lang == "zh":
        body = a.text.strip().rstrip(_ZH_TAIL)
        each, none = zh
        phrases = [change_phrase(m.name_zh, m.direction, "zh") for m in metrics]
    else:
        body = a.text.strip().rstrip(_EN_TAIL)
        each, none = en
        phrases = [change_phrase(m.name_en, m.direction, "en") for m in metrics]
        if en_gerund:
            phrases = [_en_gerund(p) for p in phrases]
    return [each.format(body=body, phrase=p) for p in phrases] or [none.format(body=body)]


def fill_placeholders(a: Analysis) -> str:
    out, pos = [], 0
    for p in a.placeholders:
        out.append(a.text[pos:p.start])
        out.append("[具体数值]" if a.lang == "zh" else "[number]")
        pos = p.end
    out.append(a.text[pos:])
    return "".join(out)


def add_baseline(a: Analysis) -> str:
    """Insert a baseline before the first target: 提升至 50 → 从 [基线] 提升至 50; grow to 2,000 → grow from [baseline] to 2,000."""
    metrics = a.metrics
    if not metrics:
        return a.text
    q = metrics[0]
    anchors = [c for cat in ("change", "result") for c in a.cues.get(cat, []) if c.end <= q.start]
    if a.lang == "zh":
        at = max(anchors, key=lambda c: c.start).start if anchors else q.start
        return f"{a.text[:at]}从 [基线] {a.text[at:]}"
    before = a.text[:q.start]
    idx = before.lower().rfind(" to ")
    if idx >= 0:
        return f"{a.text[:idx]} from [baseline]{a.text[idx:]}"
    return f"{a.text.rstrip()} (from [baseline])"


def add_deadline(a: Analysis) -> str:
    """在 [日期] 前，… / … by [date]."""
    if a.lang == "zh":
        return f"在 [日期] 前，{a.text.strip()}"
    return f"{a.text.rstrip(' .;')} by [date]"
