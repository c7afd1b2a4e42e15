"""Set rules (SET3xx): how many objectives and KRs, and duplicated KRs within one owner's set."""
from __future__ import annotations

from typing import Iterator

from ..analysis.similarity import NearCopyIndex
from .base import Hit, rule
from .context import SetContext


@rule("SET301", "too-few-objectives", "info", "set",
      title_zh="目标太少", title_en="Too few objectives",
      why_zh="每个周期 3–5 个目标最合适；少于 3 个常常说明漏了重要方向，或目标写得太大。",
      why_en="3–5 objectives per cycle works best; fewer often means an important direction is missing or one objective is too broad.",
      bad_zh="整个季度只有 1 个目标", better_zh="3 个目标，分别覆盖增长、体验和效率",
      bad_en="A single objective for the quarter", better_en="Three objectives covering growth, experience and efficiency",
      question_zh="这个周期还有哪件重要的事没有写进来？",
      question_en="Which important goal for this cycle is missing here?")
def too_few_objectives(ctx: SetContext) -> Iterator[Hit]:
    objs = [o for o in ctx.okr_set.objectives if o.text]
    n, lo = len(objs), ctx.config.min_objectives
    if 0 < n < lo:
        o = objs[0]
        yield Hit(None, None, f"「{ctx.okr_set.label}」只有 {n} 个目标，建议 {lo}–{ctx.config.max_objectives} 个。",
                  f"'{ctx.okr_set.label}' has {n} objective(s); {lo}–{ctx.config.max_objectives} is recommended.",
                  "", text=o.text, row=o.row)


@rule("SET302", "too-many-objectives", "warning", "set",
      title_zh="目标太多", title_en="Too many objectives",
      why_zh="目标超过 5 个会稀释专注度：什么都重要，就什么都不重要。",
      why_en="More than five objectives dilutes focus: when everything matters, nothing does.",
      bad_zh="一个季度 7 个目标", better_zh="合并或放弃次要的，保留 3–5 个",
      bad_en="Seven objectives in one quarter", better_en="Merge or drop the minor ones; keep 3–5",
      question_zh="如果只能保留三个目标，你会放下哪几个？",
      question_en="If you could keep only three objectives, which would you drop?")
def too_many_objectives(ctx: SetContext) -> Iterator[Hit]:
    objs = [o for o in ctx.okr_set.objectives if o.text]
    hi = ctx.config.max_objectives
    if len(objs) > hi:
        o = objs[hi]
        yield Hit(None, None, f"「{ctx.okr_set.label}」有 {len(objs)} 个目标，超过 {hi} 个。",
                  f"'{ctx.okr_set.label}' has {len(objs)} objectives, more than {hi}.", "", text=o.text, row=o.row)


@rule("SET303", "too-few-krs", "warning", "set",
      title_zh="KR 太少", title_en="Too few key results",
      why_zh="每个目标 2–4 条 KR，约 3 条最好。只有 1 条时，它往往不足以证明目标达成。",
      why_en="2–4 key results per objective, about three is best. A single KR rarely proves an objective was met.",
      bad_zh="目标下只有 1 条 KR", better_zh="补充 1–2 条从不同角度衡量目标的 KR",
      bad_en="An objective with one KR", better_en="Add one or two KRs that measure it from another angle",
      question_zh="只凭这一条 KR，能证明目标达成了吗？还可以从哪个角度衡量？",
      question_en="Does this one KR prove the objective? From which other angle could you measure it?")
def too_few_krs(ctx: SetContext) -> Iterator[Hit]:
    lo = ctx.config.min_krs
    for o in ctx.okr_set.objectives:
        n = len(o.key_results)
        if o.text and n < lo:
            yield Hit(None, None, f"这个目标只有 {n} 条 KR，建议 {lo}–{ctx.config.max_krs} 条。",
                      f"This objective has {n} key result(s); {lo}–{ctx.config.max_krs} is recommended.",
                      "", text=o.text, row=o.row)


@rule("SET304", "too-many-krs", "warning", "set",
      title_zh="KR 太多", title_en="Too many key results",
      why_zh="超过 4 条 KR 往往混进了任务清单，也难以聚焦。",
      why_en="More than four KRs usually means a task list has crept in, and focus is lost.",
      bad_zh="一个目标下 7 条 KR", better_zh="保留最能证明目标达成的 3 条",
      bad_en="Seven KRs under one objective", better_en="Keep the three that best prove the objective",
      question_zh="哪几条是结果，哪几条其实是要做的事？",
      question_en="Which of these are results, and which are really tasks?")
def too_many_krs(ctx: SetContext) -> Iterator[Hit]:
    hi = ctx.config.max_krs
    for o in ctx.okr_set.objectives:
        if len(o.key_results) > hi:
            yield Hit(None, None, f"这个目标有 {len(o.key_results)} 条 KR，超过 {hi} 条。",
                      f"This objective has {len(o.key_results)} key results, more than {hi}.", "", text=o.text, row=o.row)


@rule("SET305", "duplicate-krs", "warning", "set",
      title_zh="KR 重复或几乎重复", title_en="Duplicate or near-duplicate key results",
      why_zh="两条几乎一样的 KR 衡量的是同一件事，既重复计分又挤占了其他角度。",
      why_en="Two near-identical KRs measure the same thing twice and crowd out other angles.",
      bad_zh="KR1：续费率提升至 90%；KR2：续费率达到 90%", better_zh="保留一条，另写一条衡量不同角度的 KR",
      bad_en="KR1: Renewal rate 90%; KR2: Reach 90% renewals", better_en="Keep one; add a KR that measures another angle",
      question_zh="这两条衡量的是同一件事吗？另一条可以换个角度吗？",
      question_en="Do these two measure the same thing? Could one measure another angle?")
def duplicate_krs(ctx: SetContext) -> Iterator[Hit]:
    krs = [kr for o in ctx.okr_set.objectives for kr in o.key_results if kr.text.strip()]
    # indexed, not every pair: a 30,000-KR "set" (a file without an objective column) stays linear
    index = NearCopyIndex([kr.text for kr in krs], ctx.config.duplicate_similarity)
    for later, match in zip(krs, index.first_copies()):
        if match is None:
            continue
        earlier, sim = krs[match[0]], match[1]
        where_zh = f"第 {earlier.row} 行" if earlier.row else "前面"
        where_en = f"row {earlier.row}" if earlier.row else "an earlier KR"
        yield Hit(0, len(later.text), f"与{where_zh}的 KR 几乎相同（相似度 {sim:.0%}）。",
                  f"Nearly the same as the KR on {where_en} (similarity {sim:.0%}).", "", text=later.text, row=later.row)
