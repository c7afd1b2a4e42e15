"""Rules that depend on the OKR's type (committed 承诺型 / aspirational 挑战型 / learning 学习型).

A type *given* in a type column or a draft tag changes the judgement:

- learning: KR101 (to-do) and KR107 (counts activities) do not fire on knowledge KRs (interviews,
  experiments, a report …) — learning them is the point; KR108 asks instead what will be decided
  or learned, and by when;
- committed: a KR scored below 1.0 is a miss that needs its cause (SCORE506); 1.0 is expected, so
  it does not count towards SCORE503/504 (see :mod:`okrcoach.rules.score_rules`);
- aspirational, or no type: today's rules, plus a hint for absolute targets (KR109, O207).

A type *inferred* from clear wording is only a hint (O206): it never changes another rule.
"""
from __future__ import annotations

from typing import Iterator

from ..core.model import OKRSet
from .base import Hit, Rule, rule
from .context import InputContext, KRContext, ObjectiveContext
from .okr_types import absolute_target, infer_okr_type, is_knowledge_kr, is_service_level, names_decision, type_name

# Rules that judge a KR as work to be measured; a knowledge KR under a learning objective is exempt.
LEARNING_EXEMPT = ("KR101", "KR107")
# "Routine" (O204) is what a committed objective is meant to be: keeping a service level is the commitment.
COMMITTED_EXEMPT = ("O204",)


def exempt_for_type(r: Rule, ctx: object) -> bool:
    """True when ``r`` must not run on ``ctx`` because of the objective's given type.

    Only a given type exempts a rule: the engine skips this test for a context without one, so an
    exemption that did not need a type would have to change ``engine._ByTarget.run`` too."""
    if r.code in LEARNING_EXEMPT:
        return isinstance(ctx, KRContext) and ctx.okr_type == "learning" and is_knowledge_kr(ctx.text)
    if r.code in COMMITTED_EXEMPT:
        return isinstance(ctx, ObjectiveContext) and ctx.okr_type == "committed"
    return False


def objective_types(sets: list[OKRSet]) -> dict[tuple[int, int], tuple[str, str]]:
    """``(set index, objective index)`` → ``(type, source)``: the given type (``given``), else a type
    inferred from clear wording (``inferred``), else ``("", "")``."""
    out: dict[tuple[int, int], tuple[str, str]] = {}
    for s_idx, s in enumerate(sets):
        for o_idx, o in enumerate(s.objectives):
            if o.okr_type:
                out[(s_idx, o_idx)] = (o.okr_type, "given")
                continue
            hint = infer_okr_type(o.text, [kr.text for kr in o.key_results]) if o.text else None
            out[(s_idx, o_idx)] = (hint.okr_type, "inferred") if hint is not None and hint.okr_type else ("", "")
    return out


def _steps(ctx_analysis) -> bool:
    """The line already carries a step: a baseline ("从 82% 到 100%") or a change ("降低 5%").

    A baseline is a kind of change (``has_baseline`` looks through ``changes``), so any change answers both."""
    return bool(ctx_analysis.changes)


@rule("KR108", "learning-kr-no-decision", "warning", "kr",
      title_zh="学习型 KR 没有说明要得出什么结论、何时", title_en="Learning KR names no decision or deadline",
      why_zh="学习型 OKR 的成果是知识：KR 写访谈、实验、报告是正当的，但要写清楚据此要决定或验证什么、在什么时候，"
             "否则“写一份报告”做完了也不知道学到了什么。",
      why_en="A learning OKR produces knowledge, so interviews, experiments or a report are fair KRs — but each must say "
             "what will be decided or learned, and by when; otherwise 'write a report' is done and nothing is known.",
      bad_zh="写一份东南亚市场调研报告", better_zh="8 月 31 日前完成东南亚 3 国市场调研，给出是否进入及首发国家的决策建议",
      bad_en="Run pricing experiments with trial users",
      better_en="By June 30, run 3 pricing experiments with trial users to decide whether to launch a team tier",
      question_zh="学完之后，你要据此做出什么决定？什么时候之前做？",
      question_en="Once you have learned this, what will you decide, and by when?")
def learning_kr_no_decision(ctx: KRContext) -> Iterator[Hit]:
    if ctx.okr_type != "learning" or not is_knowledge_kr(ctx.text):
        return
    decided, dated = names_decision(ctx.text), ctx.analysis.has_deadline
    if decided and dated:
        return
    zh = ctx.analysis.lang == "zh"
    missing_zh = "、".join(x for x, ok in (("要决定或验证什么", decided), ("何时得出结论", dated)) if not ok)
    missing_en = " and ".join(x for x, ok in (("what will be decided or learned", decided), ("by when", dated)) if not ok)
    body = ctx.text.rstrip(" 。.;；,，")
    if zh:
        suggestion = (body if dated else f"在 [日期] 前{body}") + ("" if decided else "，据此决定 [是否…/选哪一种]")
    else:
        suggestion = body + ("" if dated else " by [date]") + ("" if decided else ", to decide [whether …]")
    yield Hit(0, len(ctx.text), f"学习型 KR 要写清{missing_zh}。", f"A learning KR should say {missing_en}.",
              suggestion)


@rule("KR109", "kr-absolute-target", "info", "kr",
      title_zh="挑战型 KR 定了没有台阶的绝对目标", title_en="Absolute target with no step",
      why_zh="“零缺陷”“0 投诉”“100%”这类绝对目标常常让人泄气：做不到就是失败。挑战型 OKR 更适合一个台阶目标，"
             "例如“不良品率从 2% 降到 1%”。承诺型的服务水平（如 99.9% 可用性）不在此列。",
      why_en="Absolute targets (zero defects, no complaints, 100%, never/always) demoralise more than they stretch: "
             "anything short is failure. An aspirational OKR is better served by a step ('defect rate from 2% to 1%'). "
             "Committed service levels such as 99.9% availability are not meant here.",
      bad_zh="实现零缺陷生产", better_zh="不良品率从 2% 降到 1%",
      bad_en="Zero customer complaints", better_en="Cut customer complaints from 40 to 25 a month",
      question_zh="从现在的水平出发，本周期迈出哪一步既有挑战又做得到？",
      question_en="Starting from today's level, what step this cycle would stretch the team and still be reachable?")
def kr_absolute_target(ctx: KRContext) -> Iterator[Hit]:
    yield from _absolute(ctx.text, ctx.analysis, ctx.okr_type)


def _absolute(text: str, analysis, okr_type: str) -> Iterator[Hit]:
    if okr_type in ("committed", "learning") or _steps(analysis):
        return
    # rare: asked before the service-level test, which would run on every line; the analysis of ``text`` already
    # holds its shadow (an Analysis built by hand may leave it empty: then it is computed)
    span = absolute_target(text, (analysis.shadow_text or None) if analysis.text == text else None)
    if span is None or is_service_level(text):
        return
    word = text[span[0]:span[1]]
    zh = analysis.lang == "zh"
    yield Hit(span[0], span[1],
              f"提示：「{word}」是没有台阶的绝对目标；挑战型 OKR 可改成从现状出发的台阶目标（如“降低 50%”）。",
              f"Hint: '{word}' is an absolute target with no step; an aspirational OKR reads better as a step from "
              "today (e.g. 'halve it').",
              "[指标] 从 [现状] 降到 [台阶目标]" if zh else "[metric] from [today] to [step target]")


@rule("O207", "objective-absolute-target", "info", "objective",
      title_zh="目标是没有台阶的绝对目标", title_en="Objective sets an absolute target",
      why_zh="“实现零缺陷生产”“杜绝客诉”这样的目标一旦没做到就全盘失败，容易打击士气；写出方向，把台阶放进 KR。",
      why_en="'Zero-defect production' or 'never miss a release' is lost the moment it slips and saps morale; state "
             "the direction and put a step target in the KRs.",
      bad_zh="实现零缺陷生产", better_zh="让产线质量稳定到客户不再为质量投诉（KR：不良品率从 2% 降到 1%）",
      bad_en="Never miss a release date",
      better_en="Make our release dates something customers can plan on (KR: on-time releases from 60% to 85%)",
      question_zh="离这个绝对目标还有多远？本周期合理的一步是什么？",
      question_en="How far is this absolute target from today, and what is a fair step for this cycle?")
def objective_absolute_target(ctx: ObjectiveContext) -> Iterator[Hit]:
    yield from _absolute(ctx.text, ctx.analysis, ctx.okr_type)


@rule("O206", "okr-type-hint", "info", "objective",
      title_zh="看起来是承诺型或学习型 OKR", title_en="Looks like a committed or learning OKR",
      why_zh="承诺型（必须 100% 达成）、挑战型（0.6–0.7 即成功）、学习型（为后续决策获取知识）要分别评判。"
             "类型没写时 okrcoach 按挑战型检查；措辞清楚时会提示可能的类型，确认后请在类型列或草稿中标注。",
      why_en="Committed (must reach 100%), aspirational (0.6–0.7 is success) and learning OKRs (knowledge for a later "
             "decision) are judged differently. Without a type okrcoach checks an OKR as aspirational; when the "
             "wording is clear it suggests a type, which you confirm with a type column or a draft tag.",
      bad_zh="评估进军东南亚市场的可行性", better_zh="O1 [学习型]: 评估进军东南亚市场的可行性",
      bad_en="Maintain 99.9% uptime for the payments API", better_en="O1 [committed]: Maintain 99.9% uptime for the payments API",
      question_zh="这个目标是必须全部达成的承诺，还是有挑战的目标，或是为了学习和验证？",
      question_en="Is this a commitment to meet in full, a stretch goal, or a bet to learn from?")
def okr_type_hint(ctx: ObjectiveContext) -> Iterator[Hit]:
    if ctx.okr_type:
        return
    hint = infer_okr_type(ctx.text, [kr.text for kr in ctx.key_results])
    if not hint.okr_type:
        return
    zh_name, en_name = type_name(hint.okr_type, "zh"), hint.okr_type
    effect_zh = ("其 KR 会按“要得出什么结论、何时”检查，而不是按待办" if hint.okr_type == "learning"
                 else "得分按达成/未达成解读，1.0 不算目标定得太低")
    effect_en = ("its KRs are checked for what will be decided and by when, not as to-dos" if hint.okr_type == "learning"
                 else "its scores read as met/missed, and 1.0 is not sandbagging")
    tag = f"[{zh_name}]" if ctx.analysis.lang == "zh" else f"[{en_name}]"
    yield Hit(hint.start, hint.end,
              f"提示：这个目标看起来是{zh_name} OKR。若是，请标注 {tag}:{effect_zh}。（未标注时仍按挑战型检查）",
              f"Hint: this objective looks like a {en_name} OKR. If so, tag it {tag}: {effect_en}. "
              "(Untagged, it is still checked as aspirational.)",
              f"{tag} {ctx.text.strip()}")


@rule("SCORE506", "committed-kr-missed", "warning", "kr",
      title_zh="承诺型 KR 未达成", title_en="Committed KR missed",
      why_zh="承诺型 OKR 必须 100% 达成：低于 1.0 不是“黄灯”，而是未达成，需要在复盘中写明原因和补救计划。",
      why_en="A committed OKR must be reached in full: below 1.0 is not 'yellow' but a miss, and the review should "
             "state its cause and the recovery plan.",
      bad_zh="承诺型 KR“保障支付系统可用性 99.9%”得分 0.8，无说明",
      better_zh="得分 0.8（未达成）:8 月 12 日数据库故障导致 3 小时不可用；已增加主备切换演练",
      bad_en="Committed KR 'Keep payments API availability at 99.9%' scored 0.8, no note",
      better_en="Scored 0.8 (missed): a 3-hour database outage on Aug 12; failover drills added",
      question_zh="这条承诺型 KR 没有完成，原因是什么？下次怎样避免？",
      question_en="This committed KR was missed: what caused it, and what will prevent it next time?")
def committed_kr_missed(ctx: KRContext) -> Iterator[Hit]:
    s = ctx.score
    if ctx.okr_type != "committed" or s is None or s.value is None or round(s.value, 6) >= 1:
        return
    yield Hit(None, None, f"承诺型 KR 得分 {s.value:g}，未达成（承诺型必须 100% 达成）:原因是什么？如何补上？",
              f"Committed KR scored {s.value:g}: missed (a committed KR must reach 1.0). What was the cause, and how "
              "will it be recovered?")


@rule("IN007", "unknown-okr-type", "warning", "input",
      title_zh="无法识别的 OKR 类型", title_en="Unknown OKR type",
      why_zh="类型列应为 承诺型/挑战型/学习型（或 committed/aspirational/learning、stretch、moonshot、exploratory）；"
             "无法识别时按未标注处理（挑战型的规则）。",
      why_en="The type column should say committed/aspirational/learning (or 承诺型/挑战型/学习型，stretch, moonshot, "
             "exploratory); an unknown value is treated as no type (the aspirational rules).",
      bad_zh="类型：重要", better_zh="类型：承诺型", bad_en="type: important", better_en="type: committed")
def unknown_okr_type(ctx: InputContext) -> Iterator[Hit]:
    yield Hit(None, None, f"OKR 类型「{ctx.detail}」无法识别（应为 承诺型/挑战型/学习型），按未标注处理。",
              f"OKR type '{ctx.detail}' is not committed/aspirational/learning; treated as no type.")
