"""What a line's main predicate does and what it acts on — the meaning char n-grams cannot see.

Character n-grams learn which characters co-occur with a label in the training batches; they do
not know that 签约 yields a customer's decision, that 实现 + 文档 is a deliverable while 实现 +
营收 is a result, or that "Users can export their data" is a feature written as a sentence. The
labeling guidelines decide exactly these cases, so this module reads them off the line:

- the **predicate**: an action (task verb), a change (提升 … 至), the acquisition of a result from
  other people (新增/签约/Win/Generate + customers, leads, reviews), keeping a level, or a state of
  the world (可以 …, "X is available");
- what it **acts on**: a deliverable (功能, 文档, page), a metric, other people's behaviour, or a
  person's own effort (读完 12 本书, run 3 times a week) versus a personal result (体脂率, TOEFL);
- for objectives, the **parts** a coach looks for: a direction verb, a measurable property of a
  defined subject, a headline number, a routine marker, a task verb with a deliverable, and
  catch-all words.

The terms are data (``lexicons/frames.tsv``); this module only combines them with the facts
:func:`okrcoach.analysis.analyse` already found (quantities, cues, spans). Pure Python, no tagger:
``jieba.posseg`` costs 7× a plain cut and mislabels the verbs that matter here (优化→vn, 上线→n).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Sequence

from .analyse import Analysis
from .lexicon import Cue, Lexicon, read_lexicon
from .normalize import shadow

FRAME_CATEGORIES = ("acquire", "others", "deliverable", "capability", "work_item", "done", "effort",
                    "personal_result", "achieve", "catchall", "direction", "property", "vague_scope")

# How far (in characters) a predicate reaches to the word it governs: Chinese packs a clause tighter.
_REACH = {"zh": 14, "en": 48}
_SENTENCE_MARKS = ".!?。！？;；"
_SENTENCE_END = re.compile(f"[{_SENTENCE_MARKS}]")
# (the lookahead lets the engine pass every position that cannot start "is/are/was/were/be" after one test)
_EN_PASSIVE_STATE = re.compile(r"(?=[iawb])\b(?:is|are|was|were|be|been)\s+(?:\w+ly\s+)?\w+(?:ed|en|wn|lt|ilt)\b",
                               re.IGNORECASE)
_ZH_NUMERAL_COUNT = re.compile(r"[一二两三四五六七八九十百千万几][个家位名条篇场次本张项款所份]")


@lru_cache(maxsize=1)
def frame_lexicon() -> Lexicon:
    """The shipped frame lexicon (``okrcoach/analysis/lexicons/frames.tsv``)."""
    return read_lexicon("frames.tsv", FRAME_CATEGORIES)


@dataclass(frozen=True)
class Frame:
    """The predicate of a line and what it acts on, as yes/no facts with the cues behind them."""

    cues: dict[str, list[Cue]]
    acquires_from_others: bool  # 签约 5 家渠道商, Add 30 customers, Generate 500 leads
    counts_others: bool  # a count of people/organisations (30 customers, 5 家渠道商) anywhere
    acts_on_deliverable: bool  # 实现单点登录功能, Complete the design doc (no result figure)
    achieves_result: bool  # 实现营收 500 万, Reach $2M ARR
    states_capability: bool  # 用户可以在线续费, Dark mode is available, docs are established
    bare_deliverable: bool  # 营销宣传用专属网站, New pricing page: no verb at all
    counts_work_items: bool  # 3 issues shipped, close 15 bugs a month, 100% of committed issues
    counts_effort: bool  # 读完 12 本书, run 3 times a week, 每周冥想 2 小时
    personal_result: bool  # 体脂率降到 20%, TOEFL 100+, 能够做 10 个引体向上
    able_with_quantity: bool  # 能够以 9km/h 配速跑 5 公里, able to run 10k
    catch_all: bool  # 其他 … 的举措, misc improvements
    direction_then_work_count: bool  # "Improve onboarding. 10 issues shipped."
    others_behaviour: bool  # Get more people to buy, 客户主动推荐: people act, no figure needed
    direction_lead: bool  # objective opens with a direction verb (提升, Make, Become …)
    has_property: bool  # a measurable property (满意度, retention, awareness …)
    defined_property: bool  # direction verb + property within reach: 提升客户满意度
    vague_scope: bool  # 综合能力, 更好, things, excellence …
    sentences: int
    effort_lead: bool = False  # 研读考纲…, Read 12 books: the line opens with a person's own effort


def _within(a: Sequence[Cue], b: Sequence, reach: int, after: bool = True) -> bool:
    """A cue of ``a`` with something of ``b`` (cues or quantities) after it (or anywhere near) within ``reach``."""
    if not (a and b):
        return False
    if after:
        for x in a:
            lo = x.end
            hi = lo + reach
            for y in b:
                if lo <= y.start <= hi:
                    return True
        return False
    for x in a:
        lo = x.start - reach
        hi = x.start + reach
        for y in b:
            if lo <= y.start <= hi:
                return True
    return False


def _count_before(quantities: Sequence, nouns: Sequence[Cue], gap: int) -> bool:
    """A number right before a noun ("30 customers", "5 家渠道商", "15+ bugs")."""
    if not nouns:
        return False
    for q in quantities:
        end = q.end
        for n in nouns:
            if 0 <= n.start - end <= gap:
                return True
    return False


def _starts_by(limit: int, *groups) -> bool:
    """Some cue of ``groups`` starts at or before ``limit``."""
    for cues in groups:
        for c in cues:
            if c.start <= limit:
                return True
    return False


def _has_verb(text: str, *groups) -> bool:
    """Some cue of ``groups`` is a verb: an English -ing word is read as a noun ("onboarding portal")."""
    for cues in groups:
        for c in cues:
            if not (c.lang == "en" and text[c.start:c.end].lower().endswith("ing")):
                return True
    return False


def _sentences(text: str) -> int:
    """The non-blank parts of the stripped line split after each ``.!?。！？;；`` (with the spaces after it).

    Counted, not split: every mark closes a part that holds it, and one more part follows the last mark
    unless the line ends with it ("4.5" is two parts, as the split gives; tests/test_frames.py holds
    the count to the split)."""
    marks = len(_SENTENCE_END.findall(text))
    if not marks:
        return 0 if not text or text.isspace() else 1
    return marks + (text.rstrip()[-1] not in _SENTENCE_MARKS)


_ABLE = ("能够", "能", "can", "able")
_NONE: tuple = ()


def read_frame(a: Analysis) -> Frame:
    """The frame of an analysed line (see the module docstring for what each fact means)."""
    found, facts, _ = _frame_facts(a)
    return Frame({c: found.get(c) or [] for c in frame_lexicon().categories}, *facts)


def _frame_facts(a: Analysis) -> tuple[dict[str, list[Cue]], tuple, bool]:
    """The frame lexicon's cues (only the categories found), the frame's facts in :class:`Frame` field
    order (after ``cues``), and whether the line states a result figure (a metric that is not an
    activity count, a zero target or a placeholder), which :func:`frame_vector` needs too.

    A tuple, not the frozen :class:`Frame`: every audited line goes through :func:`frame_vector`, and a
    frozen dataclass of 20 fields cost as much to build as half the facts. Plain loops over the few
    cues a line has, no concatenated lists: this runs once per line of every audit."""
    sh = a.shadow_text or shadow(a.text)
    cues = frame_lexicon().scan_found(sh)  # only the categories with cues: read with .get
    text = a.text
    zh = a.lang == "zh"
    reach = _REACH.get(a.lang, 48)
    metrics = a.metrics
    results = a.result_metrics
    line_cues = a.cues
    task = line_cues.get("task", _NONE)
    change = line_cues.get("change", _NONE)
    result = line_cues.get("result", _NONE)
    metric_nouns = line_cues.get("metric", _NONE)
    others, acquire, achieve = cues.get("others", _NONE), cues.get("acquire", _NONE), cues.get("achieve", _NONE)
    deliverable, capability = cues.get("deliverable", _NONE), cues.get("capability", _NONE)
    effort, direction = cues.get("effort", _NONE), cues.get("direction", _NONE)
    work_item, prop = cues.get("work_item", _NONE), cues.get("property", _NONE)
    gap = 6 if zh else 24

    counts_others = bool(others) and (
        _count_before([q for q in metrics if q.kind in ("count", "number")], others, gap)
        or any(0 <= o.start - m.end() <= 4 for m in _ZH_NUMERAL_COUNT.finditer(sh) for o in others))
    acquires = bool(acquire) and _within(acquire, others, reach) and (counts_others or bool(results))
    deliverable_after = _within(task, deliverable, reach) or _within(achieve, deliverable, reach)
    achieves_result = bool(results) and (_within(achieve, metric_nouns, reach) or _within(achieve, results, reach))
    acts_on_deliverable = deliverable_after and not (results and bool(change or acquire or line_cues.get("effect")))
    states_capability = bool(capability) or (a.lang == "en" and bool(_EN_PASSIVE_STATE.search(text)))
    bare = bool(deliverable) and not results and not _has_verb(
        text, task, change, result, acquire, effort, achieve, direction)
    counts_work = _count_before(metrics, work_item, gap + 8) or (
        bool(work_item) and "done" in cues and bool(metrics))
    personal = "personal_result" in cues
    counts_effort = bool(effort) and bool(metrics) and not personal and not counts_others
    able = bool(capability) and _within([c for c in capability if c.term in _ABLE], metrics, reach)
    sentences = _sentences(text)
    direction_then_work = sentences > 1 and bool(change or direction) and counts_work
    others_behaviour = bool(others) and bool(change or result) and not deliverable_after
    lead_limit = a.lead + (2 if zh else 0)
    defined_reach = reach + (6 if zh else 0)
    defined = (_within(direction, prop, defined_reach) or _within(direction, metric_nouns, defined_reach)
               or _within(change, prop, defined_reach) or _within(change, metric_nouns, defined_reach))
    facts = (acquires, counts_others, acts_on_deliverable, achieves_result, states_capability, bare, counts_work,
             counts_effort, personal, able, "catchall" in cues, direction_then_work, others_behaviour,
             _starts_by(lead_limit, direction, change), bool(prop or metric_nouns), defined,
             "vague_scope" in cues, sentences, _starts_by(lead_limit, effort))
    return cues, facts, bool(results) or bool(a.zero_targets) or bool(a.placeholders)


FRAME_FEATURES = (
    "acquires_from_others", "counts_others", "acts_on_deliverable", "achieves_result", "states_capability",
    "bare_deliverable", "counts_work_items", "counts_effort", "personal_result", "able_with_quantity", "catch_all",
    "direction_then_work_count", "others_behaviour", "direction_lead", "has_property", "defined_property",
    "vague_scope", "multi_sentence", "capability_no_figure", "deliverable_no_figure", "effort_no_result",
    "effort_lead",
)


def frame_vector(a: Analysis) -> list[float]:
    """The frame as numbers, in :data:`FRAME_FEATURES` order (the classifiers' extra features)."""
    _, f, figure = _frame_facts(a)
    (acquires, counts_others, acts_on_deliverable, achieves_result, states_capability, bare, counts_work,
     counts_effort, personal, able, catch_all, direction_then_work, others_behaviour, direction_lead, has_property,
     defined, vague, sentences, effort_lead) = f
    return [  # 1.0/0.0 by a conditional, not float(bool): the same values without 22 calls per line
        1.0 if acquires else 0.0, 1.0 if counts_others else 0.0, 1.0 if acts_on_deliverable else 0.0,
        1.0 if achieves_result else 0.0, 1.0 if states_capability else 0.0, 1.0 if bare else 0.0,
        1.0 if counts_work else 0.0, 1.0 if counts_effort else 0.0, 1.0 if personal else 0.0, 1.0 if able else 0.0,
        1.0 if catch_all else 0.0, 1.0 if direction_then_work else 0.0, 1.0 if others_behaviour else 0.0,
        1.0 if direction_lead else 0.0, 1.0 if has_property else 0.0, 1.0 if defined else 0.0,
        1.0 if vague else 0.0, 1.0 if sentences > 1 else 0.0, 1.0 if states_capability and not figure else 0.0,
        1.0 if acts_on_deliverable and not figure else 0.0, 1.0 if counts_effort and not personal else 0.0,
        1.0 if effort_lead and not personal else 0.0,
    ]
