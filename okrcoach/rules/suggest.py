"""Concrete rewrites built from the user's own line. Brackets mark what only the owner can fill in."""
from __future__ import annotations

from ..analysis import Analysis


def _join(text: str, clause_zh: str, clause_en: str, lang: str) -> str:
    body = text.rstrip(" 。.;；,，")
    return f"{body},{clause_zh}" if lang == "zh" else f"{body}, {clause_en}"


def add_result(a: Analysis) -> str:
    """上线会员中心 → 上线会员中心,使 [会员续费率] 从 [基线] 提升至 [目标]."""
    return _join(a.text, "使 [关键指标] 从 [基线] 提升至 [目标]", "so that [metric] moves from [baseline] to [target]", a.lang)


def add_metric(a: Analysis) -> str:
    return _join(a.text, "[指标] 达到 [目标值]", "reaching [target value] on [metric]", a.lang)


def add_effect(a: Analysis) -> str:
    return _join(a.text, "带来 [结果指标] 达到 [目标]", "bringing [result metric] to [target]", a.lang)


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
    """在 [日期] 前,… / … by [date]."""
    if a.lang == "zh":
        return f"在 [日期] 前,{a.text.strip()}"
    return f"{a.text.rstrip(' .;')} by [date]"
