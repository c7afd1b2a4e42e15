"""Key-result rules (KR1xx): to-dos, missing or placeholder numbers, baselines, deadlines, crammed KRs."""
from __future__ import annotations

import re
from bisect import bisect_right
from typing import Iterator

from . import suggest
from .context import KRContext
from .base import Hit, rule

_CLAUSE_SPLIT = re.compile(r"[;；,，、]|\band\b|并且|同时|以及|并", re.IGNORECASE)


@rule("KR101", "kr-is-todo", "warning", "kr",
      title_zh="KR 写成了待办事项", title_en="Key result is a to-do",
      why_zh="KR 回答“怎么知道我们做到了”。写成行动（开展、上线、完成）只说明做了事，没有成功标准，季度末无法打分。",
      why_en="A key result answers 'how do we know we got there'. An action (run, ship, complete) says what you will do, "
             "not what must change, so it cannot be scored at the end of the cycle.",
      bad_zh="开展用户访谈和竞品分析", better_zh="完成 20 位流失用户访谈，找出前 3 个流失原因，使次月留存率从 38% 提升至 45%",
      bad_en="Ship the new onboarding flow by May 15",
      better_en="New onboarding flow live by May 15, cutting time-to-first-value from 14 to 3 days",
      question_zh="做完这件事，什么会发生变化？谁会受益？你怎么知道？",
      question_en="Once this is done, what will be different? Who benefits? How will you know?")
def kr_is_todo(ctx: KRContext) -> Iterator[Hit]:
    j = ctx.judgement
    if j.label != "todo":
        return
    a = ctx.analysis
    cue = a.leading_task
    start, end = (cue.start, cue.end) if cue else (0, len(a.text))
    verb_zh = f"「{a.text[start:end]}」" if cue else ""
    verb_en = f" ('{a.text[start:end]}')" if cue else ""
    sure_zh = "" if not j.unsure else "（模型不太确定，请教练判断）"
    sure_en = "" if not j.unsure else " (the model is unsure: a coach should decide)"
    first, *rest = suggest.add_result(a, ctx.objective, ctx.config.metric_catalogue())
    yield Hit(start, end,
              f"这条 KR 写的是要做的事{verb_zh}，没有说明做成后什么可衡量的结果会改变{sure_zh}。",
              f"This KR states what you will do{verb_en}, not the measurable result it must bring{sure_en}.",
              first, alternatives=tuple(rest), severity="info" if j.unsure else None)  # unsure: the coach decides


@rule("KR102", "kr-no-metric", "warning", "kr",
      title_zh="KR 没有可衡量的数字", title_en="Key result has no measurable number",
      why_zh="没有数字或明确标准，别人无法验证是否达成，打分只能靠感觉。",
      why_en="Without a number or a clear threshold nobody else can verify it, and scoring becomes a matter of opinion.",
      bad_zh="大幅提升用户满意度", better_zh="用户满意度（CSAT）从 4.1 提升至 4.5",
      bad_en="Improve customer satisfaction significantly", better_en="Raise CSAT from 4.1 to 4.5",
      question_zh="季度末，别人凭什么数字判断这条 KR 达成了？",
      question_en="At the end of the quarter, what number would tell someone else this was achieved?")
def kr_no_metric(ctx: KRContext) -> Iterator[Hit]:
    a = ctx.analysis
    if a.has_metric or a.has_placeholder or not a.text.strip():
        return
    first, *rest = suggest.add_metric(a, ctx.objective, ctx.config.metric_catalogue())
    yield Hit(0, len(a.text), "这条 KR 没有数字、阈值或可验证的标准。",
              "This KR has no number, threshold or other verifiable standard.", first, alternatives=tuple(rest))


@rule("KR103", "kr-placeholder-target", "warning", "kr",
      title_zh="目标值还是占位符", title_en="Target is still a placeholder",
      why_zh="“提升至 xx%”还不是 KR：数字没定，就无法判断目标是否有挑战、是否达成。",
      why_en="'Grow to XX%' is not yet a key result: until the number is set, nobody can judge ambition or success.",
      bad_zh="付费转化率提升至 xx%", better_zh="付费转化率从 8% 提升至 12%",
      bad_en="Increase NRR to XX%", better_en="Increase NRR from 104% to 112%",
      question_zh="达到多少才算有挑战、又有可能做到？现在是多少？",
      question_en="What number would be a stretch yet possible? Where are you today?")
def kr_placeholder(ctx: KRContext) -> Iterator[Hit]:
    a = ctx.analysis
    for p in a.placeholders:
        yield Hit(p.start, p.end, f"「{p.text}」是占位符，请填写具体目标值。",
                  f"'{p.text}' is a placeholder; write the actual target.", suggest.fill_placeholders(a))


@rule("KR104", "kr-no-baseline", "info", "kr",
      title_zh="KR 缺少基线", title_en="Key result has no baseline",
      why_zh="只有目标没有起点，看不出提升幅度，也难判断目标是否有挑战。最好写成“从 A 提升至 B”。",
      why_en="A target without a starting point hides the size of the change and the ambition. Prefer 'from A to B'.",
      bad_zh="NPS 达到 50", better_zh="NPS 从 35 提升至 50",
      bad_en="Reach 2,000 weekly active teams", better_en="Grow weekly active teams from 1,200 to 2,000",
      question_zh="今天这个数是多少？要提升多少才算突破？",
      question_en="What is the number today, and how big a change would count as a breakthrough?")
def kr_no_baseline(ctx: KRContext) -> Iterator[Hit]:
    a = ctx.analysis
    if ctx.judgement.label != "outcome" or not a.metrics or a.changes or a.zero_targets:
        return
    if any(c.term in ("保持", "维持", "控制在", "keep", "maintain", "sustain", "stay", "remain", "不低于", "不超过")
           for c in a.cues.get("result", [])):
        return  # "keep at 99.9%" is a level, not a change
    if all(q.comparator for q in a.metrics):
        return  # thresholds (≥ 95%, below 300 ms) state the bar, a baseline adds little
    q = a.metrics[0]
    yield Hit(q.start, q.end, "只写了目标值，没写现在的基线。", "Only the target is given, not today's baseline.",
              suggest.add_baseline(a))


@rule("KR105", "kr-no-deadline", "info", "kr",
      title_zh="KR 没有时间限制", title_en="Key result has no deadline",
      why_zh="写明截止时间（如“Q3 结束前”“9 月底前”）让进度可以按周检查；默认整个周期也请写清。",
      why_en="A time bound ('by end of Q3', 'by Sept 30') lets weekly check-ins measure pace; say so even when it is the whole cycle.",
      bad_zh="客户首次响应时间缩短至 2 小时", better_zh="9 月底前客户首次响应时间从 4 小时缩短至 2 小时",
      bad_en="Cut p95 checkout latency below 300 ms", better_en="Cut p95 checkout latency below 300 ms by end of Q3",
      question_zh="什么时候要看到这个结果？中途哪一周该到哪一步？",
      question_en="When should this result be visible, and where should it be by mid-cycle?")
def kr_no_deadline(ctx: KRContext) -> Iterator[Hit]:
    a = ctx.analysis
    if a.has_deadline or not a.text.strip():
        return
    yield Hit(None, None, "没有写明截止时间。", "No deadline is stated.", suggest.add_deadline(a))


@rule("KR106", "kr-several-results", "info", "kr",
      title_zh="一条 KR 塞了多个结果", title_en="Several results crammed into one key result",
      why_zh="一条 KR 衡量一个结果：多个指标放在一起，打分时无法判断完成了几成，也不聚焦。",
      why_en="One key result, one result: several metrics in one line cannot be scored cleanly and blur focus.",
      bad_zh="NPS 提升至 50，续费率达到 90%，工单量下降 30%", better_zh="拆成三条 KR，每条一个指标",
      bad_en="Raise NPS to 50, renewals to 90% and cut tickets by 30%", better_en="Split into three KRs, one metric each",
      question_zh="如果只能留一个数字证明目标达成，你留哪一个？",
      question_en="If you could keep only one number to prove the objective, which would it be?")
def kr_several_results(ctx: KRContext) -> Iterator[Hit]:
    a = ctx.analysis
    metrics = a.result_metrics
    if len(metrics) < 2:
        return
    # count clauses that carry their own result: a metric plus a change/result verb or a metric noun
    paired = {c.baseline.start for c in a.changes if c.baseline is not None}
    starts = [q.start for q in metrics if q.start not in paired]
    if len(starts) < 2:  # each start lies in one clause: fewer than two starts never make two clauses
        return
    bounds = [0] + [m.end() for m in _CLAUSE_SPLIT.finditer(a.text)] + [len(a.text) + 1]
    cue_starts = [c.start for cat in ("change", "result", "metric") for c in a.cues.get(cat, [])]

    def clause_of(pos: int) -> int:
        return bisect_right(bounds, pos) - 1  # bounds ascend: the clause whose start is the last one <= pos

    cued = {clause_of(p) for p in cue_starts}
    clauses = {clause_of(s) for s in starts} & cued
    if len(clauses) >= 2:
        yield Hit(0, len(a.text), f"这条 KR 含 {len(clauses)} 个结果指标，建议拆分。",
                  f"This KR carries {len(clauses)} result metrics; consider splitting it.", "")


@rule("KR107", "kr-counts-activities", "warning", "kr",
      title_zh="KR 只数了做了多少事", title_en="Key result only counts activities",
      why_zh="“完成 10 次访谈”“发布 20 篇文章”衡量的是工作量，不是价值。写出这些活动要带来的结果。",
      why_en="'Hold 10 interviews' or 'publish 20 posts' measure effort, not value. Say what the activities must bring.",
      bad_zh="本季度写 10 篇公众号文章", better_zh="本季度发布 10 篇公众号文章，累计阅读量超 5 万、带来 300 个注册",
      bad_en="Run 4 webinars for the partner channel", better_en="Run 4 partner webinars that generate 120 sales-qualified leads",
      question_zh="做了这么多次，谁的什么会因此不同？你会看哪个数字？",
      question_en="After all these, what will be different and for whom? Which number will you watch?")
def kr_counts_activities(ctx: KRContext) -> Iterator[Hit]:
    a = ctx.analysis
    counts = a.activity_counts
    if not counts or a.result_metrics or a.zero_targets:
        return
    q = counts[0]
    first, *rest = suggest.add_effect(a, ctx.objective, ctx.config.metric_catalogue())
    yield Hit(q.start, q.end, f"「{q.text}」是活动次数，衡量的是投入而不是结果。",
              f"'{q.text}' counts activities: it measures effort, not a result.", first, alternatives=tuple(rest))
