"""Objective rules (O2xx): vague, a task, a metric in disguise, routine, too long to remember."""
from __future__ import annotations

import re
from typing import Iterator

from . import objective_suggest as osg
from .base import Hit, rule, unsure_note
from .context import ObjectiveContext


def _span(ctx: ObjectiveContext, categories: tuple[str, ...]) -> tuple[int, int]:
    cues = [c for cat in categories for c in ctx.analysis.cues.get(cat, [])]
    if cues:
        c = min(cues, key=lambda c: c.start)
        return c.start, c.end
    return 0, len(ctx.text)


@rule("O201", "objective-vague", "warning", "objective",
      title_zh="目标模糊", title_en="Objective is vague",
      why_zh="目标要回答“我们想达成什么”。光秃秃的名词（“收入”“A 产品”）或无法定义的方向（“让产品更好”“系统升级”）给不了团队方向。",
      why_en="An objective answers 'what do we want to achieve'. A bare noun ('Revenue') or an undefined direction "
             "('Make the product better') gives a team nothing to pursue.",
      bad_zh="让 A 产品更好", better_zh="让 A 产品成为中小商家开店的首选工具",
      bad_en="Growth", better_en="Make self-serve the main engine of new-customer growth",
      question_zh="为什么现在要做这个？不做会怎样？谁会因此不同？",
      question_en="Why this, and why now? What happens if we don't? Who will notice the difference?")
def objective_vague(ctx: ObjectiveContext) -> Iterator[Hit]:
    if ctx.judgement.label != "vague":
        return
    s, e = _span(ctx, ("vague",))
    uz, ue = unsure_note(ctx.judgement)
    catalogue = ctx.config.metric_catalogue()
    zh, en = osg.vague_message(ctx.analysis, catalogue, uz, ue)
    first, *rest = osg.vague_rewrites(ctx.analysis, catalogue)
    yield Hit(s, e, zh, en, first, alternatives=tuple(rest))


@rule("O202", "objective-is-task", "warning", "objective",
      title_zh="目标写成了任务", title_en="Objective is written as a task",
      why_zh="“完成 3 场活动”“迁移到新系统”是手段，不是目标。写出做这件事想达成的改变，任务放进 KR 或计划。",
      why_en="'Run three events' or 'Migrate to the new CRM' is a means, not a goal. Name the change it should make; "
             "the task belongs in a plan or a KR.",
      bad_zh="完成 3 场线上活动", better_zh="让线上活动成为新客获取的稳定来源",
      bad_en="Migrate to the new CRM", better_en="Give the sales team one trusted view of every customer",
      question_zh="做这件事是为了什么？做完后，谁的什么会不同？",
      question_en="What is this task for? Once it is done, what will be different, and for whom?")
def objective_is_task(ctx: ObjectiveContext) -> Iterator[Hit]:
    if ctx.judgement.label != "task":
        return
    s, e = _span(ctx, ("task",))
    uz, ue = unsure_note(ctx.judgement)
    task = ctx.analysis.text.strip().rstrip(" 。.;；,，")
    first, *rest = osg.task_rewrites(ctx.analysis, ctx.config.metric_catalogue())
    yield Hit(s, e, f"「{task}」是一项任务，不是目标：做完它是为了带来什么改变？{uz}",
              f"'{task}' is a task, not an objective: what is it for, what should it change once done?{ue}",
              first, alternatives=tuple(rest))


@rule("O203", "objective-is-metric", "warning", "objective",
      title_zh="目标其实是一条 KR", title_en="Objective is a key result in disguise",
      why_zh="“将点击率从 3% 提升至 5%”太细，是 KR 的写法。目标写方向，数字放到 KR 里。",
      why_en="'Increase signups by 20%' is too fine for an objective: it is a key result. Write the direction; "
             "move the number into a KR.",
      bad_zh="将某功能点击率从 3% 提升至 5%", better_zh="O：让新功能成为用户的日常习惯；KR：点击率从 3% 提升至 5%",
      bad_en="Increase signups by 20%", better_en="O: Make our free tier irresistible; KR: signups up 20%",
      question_zh="这个数字变好了，说明什么真正变好了？对谁重要？",
      question_en="If this number moves, what has really got better, and for whom?")
def objective_is_metric(ctx: ObjectiveContext) -> Iterator[Hit]:
    if ctx.judgement.label != "metric":
        return
    a = ctx.analysis
    spans = [(q.start, q.end) for q in a.metrics]
    s, e = (spans[0][0], spans[-1][1]) if spans else (0, len(a.text))
    uz, ue = unsure_note(ctx.judgement)
    first, *rest = osg.metric_rewrites(a, ctx.config.metric_catalogue())
    yield Hit(s, e, f"目标写成了具体指标：把数字移到 KR，目标写它服务的方向{uz}。",
              f"This objective is a metric: move the number into a KR and write the direction it serves{ue}.",
              first, alternatives=tuple(rest))


@rule("O204", "objective-is-routine", "info", "objective",
      title_zh="目标是日常工作", title_en="Objective is routine work",
      why_zh="“持续举办活动”“保持收入水平”是日常运转，不需要额外努力，不该占用有限的 3–5 个目标名额。"
             "例外：高优先级的挑战，如“保障大促期间系统稳定”。",
      why_en="'Keep the lights on' or 'maintain current revenue' is business as usual and should not take one of the "
             "3–5 objective slots. Exception: a high-priority stretch such as 'keep checkout rock-solid through Black Friday'.",
      bad_zh="持续举办社区活动", better_zh="让社区活动成为老用户推荐新用户的主要渠道",
      bad_en="Continue weekly newsletters", better_en="Turn the newsletter into our top source of product-qualified leads",
      question_zh="本周期想在它上面突破什么？如果不额外投入，会差在哪里？",
      question_en="What should break new ground here this cycle? What would be missed without extra effort?")
def objective_is_routine(ctx: ObjectiveContext) -> Iterator[Hit]:
    if ctx.judgement.label != "routine":
        return
    s, e = _span(ctx, ("routine",))
    uz, ue = unsure_note(ctx.judgement)
    yield Hit(s, e, f"这是日常工作，不需要额外努力；本周期想在它上面突破什么？{uz}",
              f"This is routine work; what should break new ground this cycle?{ue}",
              "在 [日常工作] 上实现 [本周期的突破]" if ctx.analysis.lang == "zh"
              else "[Routine area]: reach [this cycle's breakthrough]")


@rule("O205", "objective-too-long", "info", "objective",
      title_zh="目标太长，记不住", title_en="Objective is too long to remember",
      why_zh="目标要能被团队随口说出来。超过 40 个字通常混进了 KR 或解释，放到 KR 或备注里。",
      why_en="A team should be able to say its objective from memory. Past about 20 words it usually carries KRs or "
             "explanations that belong elsewhere.",
      bad_zh="通过优化渠道结构、完善客户分层运营体系并加强与产品和市场团队的协同，全面提升华东区域中小客户的续费率和客单价",
      better_zh="让华东中小客户愿意长期续费",
      bad_en="Improve retention and expansion across SMB accounts in EMEA by refining segmentation, strengthening "
             "collaboration with product and marketing, and optimising the renewal playbook",
      better_en="Make EMEA SMB customers stay and grow with us",
      question_zh="如果只能用一句话告诉团队要去哪里，你会怎么说？",
      question_en="If you had one sentence to tell the team where we are going, what would it be?")
def objective_too_long(ctx: ObjectiveContext) -> Iterator[Hit]:
    a = ctx.analysis
    if a.lang == "zh":
        n = len(re.sub(r"\s", "", a.text))
        if n > ctx.config.max_objective_chars_zh:
            yield Hit(0, len(a.text), f"目标有 {n} 个字，超过 {ctx.config.max_objective_chars_zh} 字。",
                      f"The objective has {n} characters (limit {ctx.config.max_objective_chars_zh}).", "")
    else:
        n = len(a.text.split())
        if n > ctx.config.max_objective_words_en:
            yield Hit(0, len(a.text), f"目标有 {n} 个词，超过 {ctx.config.max_objective_words_en} 个。",
                      f"The objective has {n} words (limit {ctx.config.max_objective_words_en}).", "")
