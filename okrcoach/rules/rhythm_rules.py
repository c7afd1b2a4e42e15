"""Rhythm rules (CHECKIN605–607): weekly updates over several weeks — stale KRs, scores that do not
move, a cycle with no mid-cycle review. They read the whole update table at once
(:class:`okrcoach.cycle.rhythm.Rhythm`) and run only when it has a week column with more than one week.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterator

from ..cycle.rhythm import Rhythm
from .base import Hit, rule

if TYPE_CHECKING:  # the config lists the rules: see rules.context
    from .config import Config


@dataclass
class CadenceContext:
    """What a rhythm rule sees: every KR's weekly history and every owner's run of weeks."""

    rhythm: Rhythm
    config: Config


def _who(owner: str, zh: bool) -> str:
    return owner or ("团队" if zh else "the team")


@rule("CHECKIN605", "kr-not-updated", "warning", "cadence",
      title_zh="KR 连续多周没有更新", title_en="KR not updated for weeks",
      why_zh="OKR 定下后放着不管、直到季度末才想起来，是最常见的失败方式之一（缺乏定期回顾）。每条 KR 每周都要更新进展。",
      why_en="OKRs set and then left alone until the review are one of the commonest ways OKRs fail. Every KR gets "
             "a progress update every week.",
      bad_zh="“帮助中心自助解决率”最近一次更新在 W31，现在已是 W34",
      better_zh="每周更新：W34 自助解决率 31%（目标 40%），下周上线 20 篇新文章",
      bad_en="'Partner-sourced ARR' last updated in W31; it is now W34",
      better_en="Weekly: W34 partner-sourced ARR ¥0.8M of ¥1.2M; next: close the two pilots",
      question_zh="这条 KR 两周没有更新，是进展卡住了，还是已经不重要了？",
      question_en="This KR has not been updated for two weeks: is it stuck, or no longer important?")
def kr_not_updated(ctx: CadenceContext) -> Iterator[Hit]:
    need = ctx.config.stale_weeks
    for h in ctx.rhythm.krs:
        if h.weeks_since_update < need:
            continue
        last_zh = f"最近一次更新在 {h.last_update}" if h.last_update else "整个周期都没有写进展"
        last_en = f"last updated in {h.last_update}" if h.last_update else "no progress note in any week"
        yield Hit(None, None,
                  f"这条 KR 已经 {h.weeks_since_update} 周没有更新({last_zh}，最新一周是 {ctx.rhythm.latest_label})。",
                  f"This KR has not been updated for {h.weeks_since_update} weeks ({last_en}; the latest week is "
                  f"{ctx.rhythm.latest_label}).", text=h.key_result, row=h.row)


@rule("CHECKIN606", "score-not-moving", "info", "cadence",
      title_zh="KR 得分连续多周不动", title_en="KR score has not moved for weeks",
      why_zh="得分连续四周不变，说明要么没有进展，要么没有认真打分；两种情况都值得在周会上问一句：卡在哪里、需要什么支持？",
      why_en="A score that has not moved for four weeks means either no progress or no real scoring; either way the "
             "weekly meeting should ask where it is stuck and what help is needed.",
      bad_zh="“会员月活跃使用率”W31–W34 得分都是 0.3",
      better_zh="W34 得分 0.3 未动：门店 POS 版本过旧，需要 @实施团队 本周完成升级",
      bad_en="'Integration incidents' scored 0.5 from W31 to W34",
      better_en="Still 0.5 in W34: blocked on the vendor's API fix; need @Ops to escalate",
      question_zh="分数四周没动，是什么挡住了它？需要谁的帮助？",
      question_en="The score has not moved for four weeks: what is blocking it, and whose help is needed?")
def score_not_moving(ctx: CadenceContext) -> Iterator[Hit]:
    need = ctx.config.flat_weeks
    for h in ctx.rhythm.krs:
        score = h.last_score
        if h.flat_weeks < need or score is None or round(score, 6) >= 1:
            continue
        yield Hit(None, None,
                  f"这条 KR 的得分已经连续 {h.flat_weeks} 周停在 {score:g}:卡在哪里？需要什么支持？",
                  f"This KR's score has stayed at {score:g} for {h.flat_weeks} weekly updates: where is it stuck, "
                  "and what help is needed?", text=h.key_result, row=h.row)


@rule("CHECKIN607", "no-mid-cycle-review", "warning", "cadence",
      title_zh="周期过半还没有中期复盘", title_en="No mid-cycle review",
      why_zh="周期过半时要做一次中期复盘：哪些 KR 要加码、哪些要调整或放弃。只在季度末看一次，就来不及了。",
      why_en="Halfway through the cycle, hold a mid-cycle review: which KRs need more push, which should change or "
             "be dropped. Looking only at the end of the quarter is too late.",
      bad_zh="8 周的周报里没有任何复盘记录", better_zh="W33 周报的“复盘”列：中期复盘，KR2 目标下调至 30%，新增一名实施同事",
      bad_en="Eight weekly updates and no review recorded",
      better_en="Review column, W33: mid-cycle review held; KR3 target cut to 30%, one more engineer on KR1",
      question_zh="周期过半，哪些 KR 需要调整目标或资源？",
      question_en="Halfway through the cycle, which KRs need a new target or more resources?")
def no_mid_cycle_review(ctx: CadenceContext) -> Iterator[Hit]:
    due = ctx.config.review_due_weeks
    for o in ctx.rhythm.owners:
        if o.reviewed or o.span_weeks < due:
            continue
        yield Hit(None, None,
                  f"{_who(o.owner, True)}的周报已覆盖 {o.span_weeks} 周({o.first_label}–{o.last_label}),"
                  "还没有中期复盘的记录：请安排一次并在“复盘”列记下结论。",
                  f"{_who(o.owner, False)}'s updates span {o.span_weeks} weeks ({o.first_label}–{o.last_label}) "
                  "with no mid-cycle review recorded: hold one and note its outcome in a 'review' column.",
                  text=o.key_result, row=o.row)
