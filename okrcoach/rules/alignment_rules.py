"""Alignment rules (ALIGN4xx): copying the superior's KR, and KRs that barely touch their objective."""
from __future__ import annotations

import re
from typing import Iterator

from ..analysis.similarity import NearCopyIndex, char_ngrams, near_copy, similarity
from .base import Hit, rule
from .context import KRContext, ObjectiveContext


@rule("ALIGN401", "copied-superior-kr", "warning", "alignment",
      title_zh="照抄了上级的 KR", title_en="Copies the superior's key result",
      why_zh="对齐不是复制：照抄上级 KR 说明没想清楚自己的路径。写出你负责的那一段如何支撑上级的结果。",
      why_en="Alignment is not copying: repeating your manager's KR skips the thinking about your own path to it. "
             "Write the part you own and how it moves the superior's result.",
      bad_zh="（上级 KR）Q3 会员续费率提升到 85% →（本人 KR）Q3 会员续费率提升到 85%",
      better_zh="9 月底前将年卡会员到期前 30 天的续费提醒打开率从 20% 提升至 45%",
      bad_en="(Company KR) Grow ARR to $12M → (Team KR) Grow ARR to $12M",
      better_en="Grow mid-market expansion ARR from $1.1M to $1.8M by end of Q3",
      question_zh="你负责的那一段是什么？做到了，上级的结果会因此好在哪里？",
      question_en="What is your part of it? If you deliver, how does your superior's result get better?")
def copied_superior_kr(ctx: KRContext | ObjectiveContext, parents: list[str]) -> Iterator[Hit]:
    threshold = ctx.config.copy_similarity
    if not ctx.text.strip():
        return
    match = None
    if ctx.parent and near_copy(ctx.text, ctx.parent, threshold):
        match = ctx.parent
    elif not parents:  # no parent file (the usual case): no other line to compare with
        return
    elif len(parents) < 32:
        match = next((p for p in parents if p and p != ctx.parent and near_copy(ctx.text, p, threshold)), None)
    else:  # a whole parent file: indexed once, not compared with every KR of every row
        found = _parent_index(parents, threshold).first_copy(ctx.text)
        match = parents[found[0]] if found else None
    if match is not None:
        parent, sim = match, similarity(ctx.text, match)
        yield Hit(0, len(ctx.text), f"与上级 KR「{parent}」几乎相同（相似度 {sim:.0%}）。",
                  f"Nearly the same as the superior's KR '{parent}' (similarity {sim:.0%}).",
                  ("[你负责的那一段结果]，从而支撑「" + parent + "」") if ctx.analysis.lang == "zh"
                  else f"[the result you own], which moves '{parent}'")


_INDEX: list = [None, None, None]  # (parents list, threshold, index): the engine passes one list per audit


def _parent_index(parents: list[str], threshold: float) -> NearCopyIndex:
    if _INDEX[0] is not parents or _INDEX[1] != threshold:
        _INDEX[:] = [parents, threshold, NearCopyIndex(parents, threshold)]
    return _INDEX[2]


_STOP = re.compile(r"\b(?:the|a|an|of|to|for|and|in|on|with|by|our|we|from|at|all|more|new)\b|[的了和与及在将把从至到为对让使]", re.IGNORECASE)


def _content(a) -> str:
    """The line without verbs, links and stop words: what it is *about*."""
    chars = list(a.text)
    for cat in ("task", "change", "effect", "routine"):
        for c in a.cues.get(cat, []):
            chars[c.start:c.end] = [" "] * (c.end - c.start)
    return _STOP.sub(" ", "".join(chars))


@rule("ALIGN402", "weak-support", "info", "alignment", default=False,
      title_zh="KR 与目标关联弱（提示）", title_en="Key result barely relates to its objective (hint)",
      why_zh="所有 KR 达成时，目标应当达成。KR 与目标字面上毫无交集时，值得确认它为什么能证明目标——这是提示，不是结论。",
      why_en="When all KRs are met the objective should be met. A KR sharing nothing with its objective deserves a "
             "sentence on why it proves it — a hint, not a verdict.",
      bad_zh="O：提升作者留存；KR：GMV 提升至 500 万", better_zh="KR：带货作者的 GMV 提升至 500 万，从而验证带货变现对作者留存的作用",
      bad_en="O: Keep our best authors; KR: Grow GMV to $5M",
      better_en="KR: Grow GMV from selling authors to $5M, proving that selling keeps authors with us",
      question_zh="这条 KR 全部达成时，目标就达成了吗？中间靠的是什么？",
      question_en="If this KR is fully met, is the objective met? What links the two?")
def weak_support(ctx: KRContext | ObjectiveContext, parents: list[str]) -> Iterator[Hit]:
    if not isinstance(ctx, KRContext) or not ctx.objective.strip():
        return
    from ..analysis.cache import cached_analyse  # one analysis per objective, not one per KR row

    obj = _content(cached_analyse(ctx.objective))
    kr = _content(ctx.analysis)
    n = 2 if ctx.analysis.lang == "zh" else 4
    go, gk = char_ngrams(obj, n), char_ngrams(kr, n)
    if len(go) >= 2 and not (go & gk):
        yield Hit(None, None, "这条 KR 与目标在字面上没有交集：请说明它为什么能证明目标达成（提示）。",
                  "This KR shares no words with its objective: say why it proves the objective (a hint).",
                  (ctx.text.rstrip("。.") + "，从而验证 [与目标的关系]") if ctx.analysis.lang == "zh"
                  else ctx.text.rstrip(".") + ", showing that [link to the objective]")
