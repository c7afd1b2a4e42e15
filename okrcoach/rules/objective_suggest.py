"""Rewrites for objectives that fit the label: a vague one is told what is missing in its own words,
a task is asked what it is for, and a metric is given the direction it serves (its number moves to a KR).

Directions come from the metric catalogue: the metrics whose signal words the objective uses, and
the direction phrase of their function (``okrcoach/data/metric_functions.tsv``).
"""
from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from ..analysis import Analysis
from ..analysis.metrics import GENERAL, Metric, MetricCatalogue, bundled_catalogue
from ..analysis.normalize import shadow

# who an objective can be for; the check only asks "is anyone named?"
_WHO_ZH = re.compile(r"用户|客户|会员|商家|商户|员工|同事|团队|学员|学生|老师|教师|患者|病人|家长|读者|粉丝|"
                     r"市民|居民|群众|作者|开发者|伙伴|供应商|经销商|司机|骑手|客人|顾客|医生|护士|销售|新人|我")
_WHO_EN = re.compile(r"\b(?:users?|customers?|clients?|members?|merchants?|sellers?|employees?|staff|teams?|"
                     r"students?|learners?|teachers?|patients?|parents?|readers?|developers?|partners?|"
                     r"suppliers?|drivers?|guests?|shoppers?|buyers?|residents?|citizens?|doctors?|nurses?|"
                     r"reps?|engineers?|people|i|me|my|we|our)\b", re.IGNORECASE)
_FILLER_ZH = re.compile(r"^(?:让|使|把|将|要|更加|更|做|打造|实现|全面|持续|进一步|大幅|努力|提升|提高|降低|增强|加强|改善|"
                        r"推动|促进|增加|减少)+|(?:更好|更强|更优|升级|提升|做好|"
                        r"赋能|一流|领先|卓越|全面|标杆|闭环|抓手|降本增效|提升能力|建设|优化)+$")
_FILLER_EN = re.compile(r"^(?:make|to|be|become|improve|increase|grow|reduce|enhance|the|our|a|an|better|best|"
                        r"next[- ]level|world[- ]class|empower|leverage|drive|boost)\s+|\s+(?:better|excellence|to the next level|world[- ]class|"
                        r"great|again)$", re.IGNORECASE)
_TAIL = " 。.;；,，!！"
_VERB_ZH = {"up": "提升", "down": "降低", "keep": "保障"}
_VERB_EN = {"up": "Raise", "down": "Cut", "keep": "Safeguard"}


@dataclass(frozen=True)
class FunctionInfo:
    function: str
    name_zh: str
    name_en: str
    direction_zh: str
    direction_en: str

    def direction(self, lang: str) -> str:
        return self.direction_zh if lang == "zh" else self.direction_en


@lru_cache(maxsize=1)
def function_directions() -> dict[str, FunctionInfo]:
    """What each function's metrics serve, as an objective-style direction (zh and en)."""
    text = resources.files("okrcoach").joinpath("data/metric_functions.tsv").read_text(encoding="utf-8")
    rows = csv.DictReader(io.StringIO(text), delimiter="\t")
    return {r["function"]: FunctionInfo(r["function"], r["name_zh"], r["name_en"], r["direction_zh"],
                                        r["direction_en"]) for r in rows}


def subject_of(a: Analysis) -> str:
    """The objective's own words with the vague wrapping removed: 让 A 产品更好 → A 产品.

    >>> from okrcoach.analysis import analyse
    >>> subject_of(analyse("让 A 产品更好")), subject_of(analyse("Make onboarding better"))
    ('A 产品', 'onboarding')
    """
    text = a.text.strip().rstrip(_TAIL)
    rx = _FILLER_ZH if a.lang == "zh" else _FILLER_EN
    prev = None
    while prev != text:
        prev = text
        text = rx.sub("", text).strip()
    return text or a.text.strip().rstrip(_TAIL)


def missing_parts(a: Analysis, catalogue: MetricCatalogue) -> list[str]:
    """Which of who / what changes / which direction the objective leaves open (keys: who, what, direction)."""
    sh = shadow(a.text)
    missing = []
    if not (_WHO_ZH.search(sh) if a.lang == "zh" else _WHO_EN.search(sh)):
        missing.append("who")
    specific = [m for m in catalogue.match(a.text, limit=3, general=False)]
    if not specific and not a.cues.get("metric"):
        missing.append("what")
    if not a.cues.get("change") and not a.cues.get("result"):
        missing.append("direction")
    return missing


_MISSING_ZH = {"who": "为谁", "what": "改变什么", "direction": "朝哪个方向", "how": "做到什么样算成功"}
_MISSING_EN = {"who": "for whom", "what": "what should change", "direction": "in which direction",
               "how": "what success looks like"}


def vague_message(a: Analysis, catalogue: MetricCatalogue, unsure_zh: str, unsure_en: str) -> tuple[str, str]:
    subject = subject_of(a)
    missing = missing_parts(a, catalogue) or ["how"]  # all parts named: what success looks like is still open
    zh = f"目标太模糊：没有说明「{subject}」{'、'.join(_MISSING_ZH[m] for m in missing)}{unsure_zh}。"
    parts = [_MISSING_EN[m] for m in missing]
    listed = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " or " + parts[-1]
    en = f"This objective is vague: it does not say {listed} about '{subject}'{unsure_en}."
    return zh, en


def _ideas(a: Analysis, catalogue: MetricCatalogue, limit: int = 2) -> list[Metric]:
    specific = [m.metric for m in catalogue.match(a.text, limit=limit, general=False)]
    return specific or [m.metric for m in catalogue.match(a.text, limit=1)]


def vague_rewrites(a: Analysis, catalogue: MetricCatalogue | None = None) -> list[str]:
    """A template that keeps the line's words, then directions backed by the metrics it hints at."""
    catalogue = catalogue or bundled_catalogue()
    subject = subject_of(a)
    # the metric's name carries the subject the objective's words pointed to: "提升会员复购率", "Raise new signups"
    if a.lang == "zh":
        out = [f"让 [谁] 在「{subject}」上 [获得什么改变]"]
        out += [f"{_VERB_ZH[m.direction]}{m.name_zh}" for m in _ideas(a, catalogue)]
    else:
        out = [f"Make [who] [better able to do what] with {subject}"]
        out += [f"{_VERB_EN[m.direction]} {m.name_en}" for m in _ideas(a, catalogue)]
    return list(dict.fromkeys(out))


def task_rewrites(a: Analysis, catalogue: MetricCatalogue | None = None) -> list[str]:
    """Ask what the task is for, then propose the results the catalogue says such a task usually serves."""
    catalogue = catalogue or bundled_catalogue()
    text = a.text.strip().rstrip(_TAIL)
    ideas = [m for m in _ideas(a, catalogue)]
    if a.lang == "zh":
        out = [f"通过{text}，[实现什么改变]"]
        out += [f"通过{text}，{_VERB_ZH[m.direction]}{m.name_zh}" for m in ideas]
    else:
        out = [f"[What changes] by '{text}'"]
        out += [f"{_VERB_EN[m.direction]} {m.name_en} through '{text}'" for m in ideas]
    return list(dict.fromkeys(out))


def metric_rewrites(a: Analysis, catalogue: MetricCatalogue | None = None) -> list[str]:
    """The direction the number serves as the objective, the number itself as a KR."""
    catalogue = catalogue or bundled_catalogue()
    text = a.text.strip().rstrip(_TAIL)
    infos = function_directions()
    functions = list(dict.fromkeys(m.metric.function for m in catalogue.match(a.text, limit=4)))
    directions = [infos[f].direction(a.lang) for f in functions if f in infos and f != GENERAL][:2]
    if not directions and GENERAL in functions:
        directions = [infos[GENERAL].direction(a.lang)]
    # "direction；KR：number": applied in the coach panel, the draft reader splits it into the objective and a KR
    if a.lang == "zh":
        out = [f"{d}；KR：{text}" for d in directions] or [f"[这个数字背后想要的改变]；KR：{text}"]
    else:
        out = [f"{d[0].upper()}{d[1:]}; KR: {text}" for d in directions] or [
            f"[the change this number stands for]; KR: {text}"]
    return out
