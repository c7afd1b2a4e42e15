"""Check-in rules (CHECKIN6xx): weekly updates per KR — progress – risks/support – next week.

They run on weekly update tables and the Markdown weekly template (:mod:`okrcoach.auditing.checkins`),
not on OKR drafts.
"""
from __future__ import annotations

from typing import Iterator

from ..cycle.updates import item_has_owner, next_items
from .base import Hit, rule, unsure_note
from .context import CheckinContext


@rule("CHECKIN601", "progress-is-activity-list", "warning", "checkin",
      title_zh="进展只是活动清单", title_en="Progress is a list of activities",
      why_zh="周报的进展要写关键进展（已经达成的结果），而不是做了哪些事：“3 家客户已成单”，而不是“本周拜访了 5 家客户”。",
      why_en="A weekly update reports key progress (a result reached), not what the owner did: '3 customers signed', "
             "not 'visited 5 customers this week'.",
      bad_zh="本周拜访了 5 家客户，开了 2 次评审会", better_zh="3 家客户已成单，累计签约金额 120 万（目标 300 万）",
      bad_en="Met with legal; drafted the FAQ", better_en="Activation up to 41% from 36% after the new checklist",
      question_zh="这周做的这些事，让 KR 离目标近了多少？",
      question_en="How much closer to the target did this week's work bring the KR?")
def progress_is_activity_list(ctx: CheckinContext) -> Iterator[Hit]:
    if ctx.judgement is None or ctx.judgement.label != "activity":
        return
    unsure_zh, unsure_en = unsure_note(ctx.judgement)
    zh = ctx.analysis is not None and ctx.analysis.lang == "zh"
    yield Hit(0, len(ctx.progress),
              f"这条进展列的是做了哪些事，没有说 KR 离目标近了多少{unsure_zh}：写出已经达成的结果。",
              f"This progress note lists what was done, not how far the KR moved{unsure_en}: state the result reached.",
              "[已达成的结果，例如 3 家客户已成单 / 指标从 a 到 b]" if zh
              else "[the result reached, e.g. 3 customers signed / metric from a to b]")


@rule("CHECKIN602", "red-kr-without-risk", "warning", "checkin",
      title_zh="红灯 KR 没有写风险或需要的支持", title_en="Red KR with no risk or support needed",
      why_zh="KR 处于红灯（得分 < 0.4）时，周报要说明风险和需要谁的支持，否则没人能帮上忙。",
      why_en="When a KR is red (score below 0.4), the update should say what is at risk and whose support is needed; "
             "otherwise nobody can help.",
      bad_zh="得分 0.2，风险与支持：（空）", better_zh="风险：品牌 C 的 IT 负责人离职；需要 @销售总监 帮忙约新负责人",
      bad_en="Score 0.2, risks: (empty)", better_en="Risk: the pilot slipped two weeks; need @IT to free a test tenant",
      question_zh="是什么卡住了？你需要谁的什么帮助？",
      question_en="What is blocking it, and whose help do you need?")
def red_kr_without_risk(ctx: CheckinContext) -> Iterator[Hit]:
    if ctx.light == "red" and not ctx.risks:
        scored = ctx.score is not None and ctx.score.value is not None
        why_zh, why_en = (f"得分 {ctx.score.value:g}", f"score {ctx.score.value:g}") if scored else ("状态:已延期", "status: delayed")
        yield Hit(None, None,
                  f"这条 KR 是红灯（{why_zh}），但没有写风险或需要的支持。",
                  f"This KR is red ({why_en}) but the update names no risk or support needed.",
                  text=ctx.key_result)


@rule("CHECKIN603", "next-step-without-owner", "info", "checkin",
      title_zh="下周计划没有负责人", title_en="Next-week item without an owner",
      why_zh="下周计划的每一项都要有人负责（用 @ 指明协作者），否则容易落空。",
      why_en="Each next-week item needs someone who does it (name collaborators with @), or it tends to slip.",
      bad_zh="下周：整理报价；约客户", better_zh="下周：@张磊 整理报价；@许文静 约客户",
      bad_en="Next: review the contract", better_en="Next: @Priya review the contract",
      question_zh="这一项谁来做？什么时候能看到结果？",
      question_en="Who will do this, and when will we see it done?")
def next_step_without_owner(ctx: CheckinContext) -> Iterator[Hit]:
    items = next_items(ctx.next)
    orphans = [item for item in items if not item_has_owner(item)]
    if orphans:
        listed = ";".join(orphans[:3]) + ("…" if len(orphans) > 3 else "")
        listed_en = "; ".join(orphans[:3]) + ("…" if len(orphans) > 3 else "")
        start = ctx.next.find(orphans[0])
        yield Hit(start if start >= 0 else None, start + len(orphans[0]) if start >= 0 else None,
                  f"下周计划中有 {len(orphans)} 项没有负责人：{listed}。",
                  f"{len(orphans)} next-week item(s) name no owner: {listed_en}.", text=ctx.next)


@rule("CHECKIN604", "no-progress-note", "info", "checkin",
      title_zh="没有写进展", title_en="No progress note",
      why_zh="每周每条 KR 都要更新：进展 – 风险/需要的支持 – 下周计划。空着的进展会让复盘无从谈起。",
      why_en="Every KR gets a weekly update: progress – risks/support needed – next week. An empty note leaves the "
             "review with nothing to go on.",
      bad_zh="进展：（空）", better_zh="进展：转化率本周升到 6.2%（目标 8%）",
      bad_en="Progress: (empty)", better_en="Progress: conversion up to 6.2% this week (target 8%)",
      question_zh="这周这条 KR 有什么变化？没有变化的话，原因是什么？",
      question_en="What changed on this KR this week? If nothing, why not?")
def no_progress_note(ctx: CheckinContext) -> Iterator[Hit]:
    if not ctx.progress and ctx.key_result:
        yield Hit(None, None, "这条 KR 本周没有写进展。", "This KR has no progress note this week.", text=ctx.key_result)
