"""Run the selected rules over a read table: analyse each distinct line once, judge in batches,
then collect findings per source row (objective and set findings go on the objective's first row)."""
from __future__ import annotations

import gc
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from typing import Iterable, Iterator

from ..analysis import Analysis, analyse
from ..analysis.cache import cached_analyse, pinned
from ..classifier.judge import Judge, LexiconJudge
from ..core.model import Finding, Judgement, Severity
from ..cycle.scoring import ScoreReading, mean_score, read_score
from ..readers import OKRTable
from ..readers.sets import build_sets
from .base import Hit, Rule
from .config import Config
from .context import HistoryContext, InputContext, KRContext, ObjectiveContext, SetContext
from .type_rules import exempt_for_type, objective_types


@dataclass
class RowResult:
    """Everything okrcoach concluded about one source row."""

    index: int
    row: int
    kr: Judgement | None = None
    objective: Judgement | None = None
    kr_analysis: Analysis | None = None
    objective_analysis: Analysis | None = None
    findings: list[Finding] = field(default_factory=list)
    score: ScoreReading | None = None  # the KR's score cell, read (None when the input has no score column)
    objective_score: float | None = None  # mean of the objective's scored KRs
    okr_type: str = ""  # committed / aspirational / learning, given or inferred ("" when neither)
    okr_type_source: str = ""  # "given" (a type cell or tag: the rules follow it) / "inferred" (a hint only) / ""


def make_finding(rule: Rule, hit: Hit, text: str, row: int | None, severity: Severity | None = None) -> Finding:
    """A rule's hit as a Finding on ``text`` (or the text the hit names) at ``row`` (or the hit's row).

    The severity is the rule's own unless the hit (or the caller) lowers it for an unsure verdict."""
    severity = severity or (Severity.parse(hit.severity) if hit.severity else rule.severity)
    return Finding(rule.code, rule.name, severity, hit.message_zh, hit.message_en, rule.target,
                   hit.text if hit.text is not None else text, hit.start, hit.end, hit.suggestion,
                   hit.row if hit.row is not None else row, tuple(hit.alternatives),
                   hit.question_zh or rule.question_zh, hit.question_en or rule.question_en)


def _objective_hits(by_target: "_ByTarget", octx: ObjectiveContext) -> list[tuple[Rule, Hit, Severity | None]]:
    """The objective rules' hits, plus the hints of a verdict below its precision threshold.

    When the model leaned to a not-ok label without reaching the threshold (``Judgement.hint``), the
    rules run once more as if that label had been given; what fires only then is shown at ``info``:
    "a coach may want to look at this", never a warning.
    """
    hits = [(r, h, None) for r, h in by_target.run("objective", octx)]
    if octx.judgement.hint:
        fired = {r.code for r, _, _ in hits}
        leaning = replace(octx, judgement=replace(octx.judgement, label=octx.judgement.hint, unsure=True))
        hits += [(r, h, Severity.INFO) for r, h in by_target.run("objective", leaning) if r.code not in fired]
    return hits


class _ByTarget(dict):
    """The selected rules grouped by target once per table, not filtered again for every row."""

    def __init__(self, rules: Iterable[Rule]):
        super().__init__()
        for r in rules:
            self.setdefault(r.target, []).append(r)

    def run(self, target: str, *args) -> list[tuple[Rule, Hit]]:
        ctx = args[0]
        if not getattr(ctx, "okr_type", ""):  # only a given type exempts a rule: skip the test per rule
            return [(r, h) for r in self.get(target, ()) for h in r.check(*args)]
        return [(r, h) for r in self.get(target, ()) if not exempt_for_type(r, ctx) for h in r.check(*args)]


class Analyser:
    """Analyses per distinct text; uses the config's vocabulary when it has one."""

    def __init__(self, config: Config):
        self.lexicon = config.lexicon() if config.vocabulary else None
        self._cache: dict[str, Analysis] = {}

    def __call__(self, text: str) -> Analysis:
        if self.lexicon is None:
            return cached_analyse(text)
        a = self._cache.get(text)
        if a is None:
            a = self._cache[text] = analyse(text, self.lexicon)
        return a


@contextmanager
def fewer_gc_passes() -> Iterator[None]:
    """No collector passes while a chunk is read, checked or written; what it allocated then joins the
    oldest generation unscanned.

    An audit allocates millions of small objects that all stay alive until the chunk is written
    (rows, analyses, spans, findings) and, once its modules are imported, makes almost no reference
    cycles (3 objects in a second 12,000-row audit). The young-generation passes re-scanned every
    one of them once or twice, 6% of an audit. ``gc.freeze()`` + ``gc.unfreeze()`` move every
    tracked object to the oldest generation without scanning it; reference counting frees them as
    usual, and a full collection finds any cycle. A chunk that imports code does leave cycles (the
    import machinery's caught exceptions hold the audit's frames): ``iter_audit`` runs one full
    pass after such a chunk. Nested uses leave it to the outermost.
    """
    if not gc.isenabled():  # an outer use (or the caller) already paused the collector
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.unfreeze()
        gc.enable()


def _progress(items: list, enabled: bool, desc: str):
    if not enabled:
        return items
    from tqdm.auto import tqdm  # terminal and notebook progress bars alike

    return tqdm(items, desc=desc, unit="line", leave=False)


def check_table(table: OKRTable, config: Config | None = None, judge: Judge | None = None,
                parents: list[str] | None = None, progress: bool = False) -> list[RowResult]:
    """Findings for every row of ``table``, in order (one :class:`RowResult` per row).

    ``progress`` shows a tqdm bar over the analysis, which dominates the time on large audits.
    """
    with fewer_gc_passes():
        return _check_table(table, config, judge, parents, progress)


def _check_table(table: OKRTable, config: Config | None, judge: Judge | None, parents: list[str] | None,
                 progress: bool) -> list[RowResult]:
    config = config or Config()
    judge = judge or LexiconJudge(config.unsure_low, config.unsure_high)
    rules = config.selected_rules()
    by_target = _ByTarget(rules)
    parents = [p for p in (parents or []) if p.strip()]
    an = Analyser(config)
    has_scores = "score" in table.columns

    kr_texts = list(dict.fromkeys(r.key_result for r in table.rows if r.key_result))
    obj_texts = list(dict.fromkeys(r.objective for r in table.rows if r.objective))
    kr_an = {t: an(t) for t in _progress(kr_texts, progress, "analysing key results")}
    obj_an = {t: an(t) for t in _progress(obj_texts, progress, "analysing objectives")}
    # the classifier's features read these analyses rather than new ones (unless a configured vocabulary
    # made them differ from the default analysis the model was trained on)
    with pinned(kr_an if an.lexicon is None else {}), pinned(obj_an if an.lexicon is None else {}):
        kr_j = dict(zip(kr_texts, judge.judge_krs(kr_texts, [kr_an[t] for t in kr_texts]))) if kr_texts else {}
        obj_j = dict(zip(obj_texts, judge.judge_objectives(obj_texts, [obj_an[t] for t in obj_texts]))) if obj_texts else {}

    sets, where = build_sets(table.rows, "" if table.draft is not None else table.source)
    # each objective's type: given (the rules follow it) or inferred from clear wording (a hint only)
    typed = objective_types(sets)
    given = {i: sets[s].objectives[o].okr_type for i, (s, o, _) in where.items()}

    results: list[RowResult] = []
    kr_ctx: dict[int, KRContext] = {}
    by_row: dict[tuple[int, str], int] = {}
    for i, r in enumerate(table.rows):
        res = RowResult(i, r.row)
        if i in where:
            res.okr_type, res.okr_type_source = typed[where[i][:2]]
        if r.key_result:
            res.kr, res.kr_analysis = kr_j[r.key_result], kr_an[r.key_result]
        if r.objective:
            res.objective, res.objective_analysis = obj_j[r.objective], obj_an[r.objective]
        for issue in r.issues:
            for rule, hit in by_target.run("input", InputContext(issue.code, issue.column, issue.detail, r.row)):
                if rule.code == issue.code:
                    res.findings.append(make_finding(rule, hit, "", r.row))
        if has_scores and r.key_result:
            res.score = read_score(r.score)
        if r.key_result:
            ctx = kr_ctx[i] = KRContext(r.key_result, kr_an[r.key_result], kr_j[r.key_result], config, r.objective,
                                        r.row, r.parent, res.score, given.get(i, ""))
            for rule, hit in by_target.run("kr", ctx) + by_target.run("alignment", ctx, parents):
                res.findings.append(make_finding(rule, hit, r.key_result, r.row))
            by_row.setdefault((r.row, r.key_result), i)
        by_row.setdefault((r.row, r.objective), i)
        results.append(res)

    first_index_of_row: dict[int, int] = {}
    for k, res in enumerate(results):
        first_index_of_row.setdefault(res.row, k)

    def place(rule: Rule, hit: Hit) -> None:
        """A set or history finding goes on the row it names (the KR's row, else the row's first result)."""
        target = by_row.get((hit.row, hit.text or ""))
        if target is None:
            target = first_index_of_row.get(hit.row, 0)
        results[target].findings.append(make_finding(rule, hit, hit.text or "", hit.row))

    first_row_of: dict[tuple[int, int], int] = {}
    for i, (s_idx, o_idx, _) in sorted(where.items()):
        first_row_of.setdefault((s_idx, o_idx), i)
    kr_result = {(s_idx, o_idx, k): i for i, (s_idx, o_idx, k) in where.items() if k is not None}
    if has_scores:  # each score cell is read once (above); the sets carry the value for set and history rules
        for (s_idx, o_idx, k), i in kr_result.items():
            sets[s_idx].objectives[o_idx].key_results[k].score = results[i].score.value
    for s_idx, okr_set in enumerate(sets):
        for o_idx, objective in enumerate(okr_set.objectives):
            if not objective.text:
                continue
            i = first_row_of[(s_idx, o_idx)]
            # the KR rows' own contexts (the same text, objective, row, parent, score and type), not new ones
            krs = [kr_ctx.get(kr_result[(s_idx, o_idx, k)]) or
                   KRContext(kr.text, kr_an[kr.text], kr_j[kr.text], config, objective.text, kr.row, kr.parent,
                             results[kr_result[(s_idx, o_idx, k)]].score, objective.okr_type)
                   for k, kr in enumerate(objective.key_results)]
            octx = ObjectiveContext(objective.text, obj_an[objective.text], obj_j[objective.text], config, krs,
                                    objective.row, objective.parent, objective.okr_type)
            for rule, hit, severity in _objective_hits(by_target, octx):
                results[i].findings.append(make_finding(rule, hit, objective.text, results[i].row, severity))
            for rule, hit in by_target.run("alignment", octx, parents):
                results[i].findings.append(make_finding(rule, hit, objective.text, results[i].row))
        for rule, hit in by_target.run("set", SetContext(okr_set, config, parents=parents)):
            place(rule, hit)
    # patterns across cycles: only inputs with a cycle column that holds more than one cycle
    if "cycle" in table.columns and len({s.cycle for s in sets if s.cycle}) > 1:
        for rule, hit in by_target.run("history", HistoryContext(sets, config)):
            place(rule, hit)
    if has_scores:
        objective_scores = {(s_idx, o_idx): mean_score(kr.score for kr in sets[s_idx].objectives[o_idx].key_results)
                            for s_idx, o_idx, _ in where.values()}
        for i, (s_idx, o_idx, _) in where.items():
            results[i].objective_score = objective_scores[(s_idx, o_idx)]
    for res in results:
        if len(res.findings) > 1:  # most rows have none or one
            res.findings.sort(key=lambda f: (-f.severity.rank, f.code))
    return results


def check_line(text: str, kind: str = "kr", config: Config | None = None, judge: Judge | None = None
               ) -> tuple[Judgement | None, Analysis | None, list[Finding]]:
    """Judge and check one line on its own (set rules, which need neighbours, are left out)."""
    import pandas as pd

    from ..readers import table_from_frame

    if kind not in ("kr", "objective"):
        raise ValueError("kind must be 'kr' or 'objective'")
    column = "key_result" if kind == "kr" else "objective"
    table = table_from_frame(pd.DataFrame({column: [text]}), source="")
    res = check_table(table, config, judge)[0]
    keep = ("kr", "alignment", "input") if kind == "kr" else ("objective", "alignment", "input")
    findings = [f for f in res.findings if f.target in keep]
    if kind == "kr":
        return res.kr, res.kr_analysis, findings
    return res.objective, res.objective_analysis, findings
