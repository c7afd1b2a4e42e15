"""Score rules (SCORE5xx): scores that cannot be read or were rescaled, objectives scored all 1.0,
and — across cycles — owners who always score near 1.0 or carry the same objective forward.

SCORE501–504 only find something when the input has a ``score`` column; the history rules
(SCORE504, SCORE505) run when a ``cycle`` column holds more than one cycle — SCORE505 compares
objective texts and needs no scores. See :mod:`okrcoach.cycle.scoring` for how a score cell is read.
"""
from __future__ import annotations

from collections import defaultdict
from typing import Iterator

from ..analysis.similarity import similarity
from ..cycle.scoring import mean_score
from .base import Hit, rule
from .context import HistoryContext, KRContext, ObjectiveContext

_CONTINUE = ("继续", "持续", "continue", "keep doing", "keep working")


@rule("SCORE501", "score-unreadable", "warning", "kr",
      title_zh="评分无法识别或超出范围", title_en="Score unreadable or out of range",
      why_zh="KR 评分在 0–1 之间（或写成 0–100、百分比）；读不出的评分会被排除在目标得分和红黄绿灯之外。",
      why_en="A KR is scored 0–1 (or 0–100, or as a percentage); a score that cannot be read is left out of the "
             "objective's score and the traffic lights.",
      bad_zh="评分：已完成 / 1.3", better_zh="评分：0.7",
      bad_en="Score: done / 1.3", better_en="Score: 0.7")
def score_unreadable(ctx: KRContext) -> Iterator[Hit]:
    s = ctx.score
    if s is None or not s.problem:
        return
    raw = s.raw.strip()
    if s.problem == "unreadable":
        yield Hit(None, None, f"评分「{raw}」不是数字，无法计入目标得分；请填 0–1 之间的分数。",
                  f"Score '{raw}' is not a number and is left out of the objective's score; use a 0–1 score.")
    else:
        yield Hit(None, None, f"评分「{raw}」超出范围：请用 0–1（或 0–100、百分比）。",
                  f"Score '{raw}' is out of range: use 0–1 (or 0–100, or a percentage).")


@rule("SCORE502", "score-rescaled", "info", "kr",
      title_zh="评分已换算为 0–1", title_en="Score rescaled to 0–1",
      why_zh="不同团队的导出文件里评分刻度不一（70、70%、0.7）；统一换算成 0–1 后才能比较和求平均。",
      why_en="Exports mix scales (70, 70%, 0.7); scores are rescaled to 0–1 so they can be compared and averaged.",
      bad_zh="评分：70", better_zh="评分：0.7",
      bad_en="Score: 70%", better_en="Score: 0.7")
def score_rescaled(ctx: KRContext) -> Iterator[Hit]:
    s = ctx.score
    if s is None or not s.rescaled or s.value is None:
        return
    raw = s.raw.strip()
    yield Hit(None, None, f"评分「{raw}」按 {'百分比' if s.scale == 'percent' else '0–100 分制'}换算为 {s.value:g}。",
              f"Score '{raw}' read as {'a percentage' if s.scale == 'percent' else 'a 0–100 score'}: {s.value:g}.")


@rule("SCORE503", "all-krs-perfect", "warning", "objective",
      title_zh="所有 KR 都是满分", title_en="Every KR scored 1.0",
      why_zh="1.0 意味着几乎不可能的目标达成了；一个目标下所有 KR 都是满分，通常说明目标定得太低。0.7 左右才是“够难且做到了”。",
      why_en="1.0 means a nearly impossible ambition was reached; an objective whose KRs all score 1.0 usually had "
             "targets set too low. Around 0.7 is 'hard and achieved'.",
      bad_zh="三条 KR 评分都是 1.0", better_zh="下个周期把目标定到“努力才能达到 70%”的高度",
      bad_en="All three KRs scored 1.0", better_en="Next cycle, set targets you expect to reach about 70% of",
      question_zh="如果重新定目标，怎样的数字会让你只有七成把握？",
      question_en="If you set it again, what number would leave you only 70% sure?")
def all_krs_perfect(ctx: ObjectiveContext) -> Iterator[Hit]:
    if ctx.okr_type == "committed":  # 1.0 is what a committed OKR is for, not a low bar
        return
    scores = [kr.score.value for kr in ctx.key_results if kr.score is not None]
    if len(ctx.key_results) >= 2 and len(scores) == len(ctx.key_results) and all(
            v is not None and v >= 0.999 for v in scores):
        yield Hit(None, None, f"这个目标的 {len(scores)} 条 KR 全部是满分 1.0：目标可能定得太低。",
                  f"All {len(scores)} KRs of this objective scored 1.0: the targets may have been too low.")


def _owner(s) -> str:
    return s.owner or s.team or s.department


@rule("SCORE504", "always-high-scores", "warning", "history",
      title_zh="每个周期都接近满分", title_en="Near-perfect scores every cycle",
      why_zh="总是打 1.0 说明目标定得太低（“留余地”）；OKR 得分不应决定薪酬，得 0 也不是失败，关键是原因。",
      why_en="Scoring 1.0 cycle after cycle suggests targets are set low on purpose (sandbagging). OKR scores must "
             "not decide pay, and a 0 is not failure: the reason is what matters.",
      bad_zh="连续三个季度平均分 0.98", better_zh="定一个只有七成把握的目标，并在复盘时说明差距原因",
      bad_en="Average 0.98 for three quarters in a row", better_en="Set targets you are ~70% sure of; explain the gap at review",
      question_zh="目标是不是定得太稳了？下个周期哪一条可以更有挑战？",
      question_en="Are the targets too safe? Which one could stretch further next cycle?")
def always_high_scores(ctx: HistoryContext) -> Iterator[Hit]:
    cfg = ctx.config
    by_owner: dict[str, list] = defaultdict(list)
    for s in ctx.sets:
        if _owner(s) and s.cycle:
            by_owner[_owner(s)].append(s)
    for owner, sets in by_owner.items():
        means = {}
        for s in sets:
            # committed OKRs are meant to score 1.0: they do not count as sandbagging
            m = mean_score(kr.score for o in s.objectives if o.okr_type != "committed" for kr in o.key_results)
            if m is not None:
                means[s.cycle] = m
        high = {c: m for c, m in means.items() if m >= cfg.sandbagging_score}
        if len(high) >= cfg.sandbagging_cycles and len(high) == len(means):
            last = max(sets, key=lambda s: s.cycle)
            first_o = next((o for o in last.objectives if o.text), None)
            if first_o is None:
                continue
            cycles = "、".join(f"{c} {m:.2f}" for c, m in sorted(high.items()))
            cycles_en = ", ".join(f"{c} {m:.2f}" for c, m in sorted(high.items()))
            yield Hit(None, None,
                      f"{owner} 在 {len(high)} 个周期的平均分都 ≥ {cfg.sandbagging_score:g}（{cycles}）：目标可能一直定得太低。",
                      f"{owner} averaged ≥ {cfg.sandbagging_score:g} in {len(high)} cycles ({cycles_en}): targets may be "
                      "set too low.", text=first_o.text, row=first_o.row)


@rule("SCORE505", "objective-repeated", "warning", "history",
      title_zh="目标跨周期原样重复", title_en="Objective repeated across cycles",
      why_zh="长期工作每个周期要说明这一阶段要达成什么，而不是“继续做 XXX”；原样照抄上个周期的目标，往往说明它没有被真正复盘。",
      why_en="Long-running work should say what this cycle's stage is, not 'keep doing X'; an objective copied "
             "unchanged from last cycle was often never really reviewed.",
      bad_zh="Q1、Q2、Q3 都是“继续推进 CRM 系统建设”", better_zh="Q3：让一线销售每天在 CRM 里完成跟进，不再用表格",
      bad_en="'Continue the CRM project' in Q1, Q2 and Q3", better_en="Q3: Every rep logs follow-ups in the CRM, not in spreadsheets",
      question_zh="上个周期做到了哪一步？这个周期要完成的是哪一阶段？",
      question_en="How far did last cycle get, and which stage should this cycle reach?")
def objective_repeated(ctx: HistoryContext) -> Iterator[Hit]:
    threshold = ctx.config.repeat_similarity
    seen: dict[str, list[tuple[str, str]]] = defaultdict(list)  # owner → [(cycle, objective)]
    for s in sorted((s for s in ctx.sets if _owner(s) and s.cycle), key=lambda s: s.cycle):
        owner = _owner(s)
        for o in s.objectives:
            if not o.text:
                continue
            earlier = [(c, t) for c, t in seen[owner] if c != s.cycle and (t == o.text or similarity(t, o.text) >= threshold)]
            if earlier:
                cycles = sorted({c for c, _ in earlier})
                carry = o.text.strip().lower().startswith(_CONTINUE)
                extra_zh = "“继续…”要写清楚这个周期的阶段目标。" if carry else "请写出这个周期要达成的新阶段。"
                extra_en = " 'Continue …' should say what this cycle's stage is." if carry else \
                    " Say what this cycle's stage is."
                yield Hit(None, None,
                          f"这个目标在 {'、'.join(cycles)} 已经出现过，本周期（{s.cycle}）几乎原样重复。{extra_zh}",
                          f"This objective already appeared in {', '.join(cycles)} and is repeated almost unchanged in "
                          f"{s.cycle}.{extra_en}", text=o.text, row=o.row)
            seen[owner].append((s.cycle, o.text))
