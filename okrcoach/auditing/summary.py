"""Per department / team / owner figures and the OKR health score.

Health score (0–100), a weighted share of good practice over the group's OKRs:

    health = 100 × ( 0.35 × outcome_share        # KRs judged outcome, not to-do
                   + 0.25 × measurable_share     # KRs with a real number (no placeholder)
                   + 0.20 × objective_ok_share   # objectives judged ok
                   + 0.10 × deadline_share       # KRs with a time bound
                   + 0.10 × structure_share )    # objectives with min-krs..max-krs KRs

The weights follow the coaching brief's order of importance: to-do KRs are the most common
and most damaging mistake, then missing numbers, then objective quality; deadlines and
counts matter but are easy to fix. A group with no KRs scores on what it has (shares with no
denominator count as 0). A knowledge KR (interviews, experiments, a report) under an objective given
as a learning OKR is not a to-do: learning is its result (see :mod:`okrcoach.rules.okr_types`).
"""
from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from ..rules.config import Config

from ..rules.figures import OBJECTIVE_PROBLEMS, WEIGHTS  # one definition, shared with check's pandas-free figures
GROUP_LEVELS = ("department", "team", "owner")


def health_score(outcome_share: float, measurable_share: float, objective_ok_share: float, deadline_share: float,
                 structure_share: float) -> float:
    """The documented formula, in one place.

    >>> health_score(1, 1, 1, 1, 1), health_score(0.5, 0.5, 0.5, 0.5, 0.5), health_score(0, 0, 0, 0, 0)
    (100.0, 50.0, 0.0)
    """
    shares = dict(outcome_share=outcome_share, measurable_share=measurable_share, objective_ok_share=objective_ok_share,
                  deadline_share=deadline_share, structure_share=structure_share)
    return round(100 * sum(WEIGHTS[k] * float(v) for k, v in shares.items()), 1)


def _share(num: int, den: int) -> float:
    return num / den if den else 0.0


OWNER_COLS = ["department", "team", "owner", "cycle"]
# An objective with this many KRs is not a plan, it is a reading problem (see implausible_set_warning)
IMPLAUSIBLE_KRS = 200
_ROW_SUMS = ["key_results", "todo_krs", "unsure_krs", "krs_without_metric", "placeholder_krs", "krs_with_deadline",
             "measurable", "findings"]


def _per_distinct(values: pd.Series, fn) -> pd.Series:
    """``values.map(fn)``, calling ``fn`` once per distinct value: a chunk's findings strings repeat
    (a few hundred distinct in thousands of rows), and a Python call per row was most of the summary."""
    if not len(values):
        return values.map(fn)
    distinct = values.unique()
    return values.map(dict(zip(distinct, map(fn, distinct))))


def _code_count(findings: str) -> int:
    return findings.count(";") + 1 if findings else 0


def _indicators(norm: pd.DataFrame) -> pd.DataFrame:
    """Per-row 0/1 indicators that the figures are sums of (vectorised: 200,000 rows in well under a second)."""
    is_kr = norm["kr_label"] != ""
    metric = norm["has_metric"].astype(int) == 1
    placeholder = norm["has_placeholder"].astype(int) == 1
    return pd.DataFrame({
        "key_results": is_kr,
        "todo_krs": (norm["kr_label"] == "todo") & ~norm.get("todo_exempt", pd.Series(False, index=norm.index)),
        "unsure_krs": is_kr & (norm["kr_unsure"].astype(int) == 1),
        "krs_without_metric": is_kr & ~metric,
        "placeholder_krs": is_kr & placeholder,
        "krs_with_deadline": is_kr & (norm["has_deadline"].astype(int) == 1),
        "measurable": is_kr & metric & ~placeholder,
        "findings": _per_distinct(norm["findings"], _code_count),
    }, index=norm.index).astype(int)


def _objectives(norm: pd.DataFrame, ind: pd.DataFrame) -> pd.DataFrame:
    """One row per objective (per owner/cycle): its label and how many KRs it has."""
    keys = OWNER_COLS + ["objective"]
    frame = norm[keys + ["objective_label"]].assign(n_kr=ind["key_results"])
    frame = frame[frame["objective"] != ""]
    return frame.groupby(keys, sort=False).agg(objective_label=("objective_label", "first"),
                                               n_kr=("n_kr", "sum")).reset_index()


def _figures(rows: pd.DataFrame, objs: pd.DataFrame, config: Config) -> pd.DataFrame:
    """Figures from per-group row sums and per-group objective tallies (both indexed by group)."""
    out = rows.copy()
    out["objectives"] = objs["objectives"]
    for p in OBJECTIVE_PROBLEMS:
        out[f"objectives_{p}"] = objs[f"objectives_{p}"]
    out["objectives_kr_count_out_of_range"] = objs["objectives"] - objs["in_range"]
    out = out.fillna(0)
    n_kr, n_obj = out["key_results"], out["objectives"]

    def share(num, den):
        return (num / den.where(den > 0)).fillna(0.0)

    out["todo_share"] = share(out["todo_krs"], n_kr).round(3)
    out["no_metric_share"] = share(out["krs_without_metric"], n_kr).round(3)
    problems = sum(out[f"objectives_{p}"] for p in OBJECTIVE_PROBLEMS)
    health = 100 * (WEIGHTS["outcome_share"] * share(n_kr - out["todo_krs"], n_kr)
                    + WEIGHTS["measurable_share"] * share(out["measurable"], n_kr)
                    + WEIGHTS["objective_ok_share"] * share(n_obj - problems, n_obj)
                    + WEIGHTS["deadline_share"] * share(out["krs_with_deadline"], n_kr)
                    + WEIGHTS["structure_share"] * share(objs["in_range"].reindex(out.index).fillna(0), n_obj))
    out["health"] = health.round(1)
    order = ["objectives", "key_results", "todo_krs", "unsure_krs", "krs_without_metric", "placeholder_krs",
             "krs_with_deadline", *[f"objectives_{p}" for p in OBJECTIVE_PROBLEMS], "objectives_kr_count_out_of_range",
             "todo_share", "no_metric_share", "findings", "health"]
    out = out[order]
    ints = [c for c in order if c not in ("todo_share", "no_metric_share", "health")]
    out[ints] = out[ints].astype(int)
    return out


def _tally_objectives(objs: pd.DataFrame, by, config: Config) -> pd.DataFrame:
    tallies = pd.DataFrame({"objectives": 1, "in_range": objs["n_kr"].between(config.min_krs, config.max_krs).astype(int)},
                           index=objs.index)
    for p in OBJECTIVE_PROBLEMS:
        tallies[f"objectives_{p}"] = (objs["objective_label"] == p).astype(int)
    return tallies.groupby(by, sort=False).sum()


@dataclass
class AuditSummary:
    """Overall figures plus one table per grouping level present in the input."""

    overall: dict
    groups: dict[str, pd.DataFrame] = field(default_factory=dict)
    kr_counts: list[int] = field(default_factory=list)  # KRs per objective, for the distribution chart
    findings_by_code: dict[str, int] = field(default_factory=dict)
    by_type: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=["okr_type", *TYPE_FIGURES]))
    warnings: list[str] = field(default_factory=list)  # one line each: inputs that were probably misread

    def to_dict(self) -> dict:
        return {
            "overall": self.overall,
            "by_type": self.by_type.to_dict(orient="records"),
            "warnings": self.warnings,
            "groups": {level: df.to_dict(orient="records") for level, df in self.groups.items()},
            "kr_counts_per_objective": self.kr_counts,
            "findings_by_code": self.findings_by_code,
            "health_formula": {k: v for k, v in WEIGHTS.items()},
        }


def implausible_set_warning(objective: str, n_krs: int, owner: str = "") -> str:
    """One line naming the likely cause of an objective with hundreds or thousands of KRs."""
    name = objective if len(objective) <= 40 else objective[:39] + "…"
    who = f" (owner/team {owner})" if owner else ""
    return (f"objective '{name}'{who} has {n_krs:,} key results: the file probably has no objective column "
            "(or it is filled in only once), so every KR was read as one objective; the count and duplicate "
            "checks (SET3xx) treat them as one set")


def normalised_frame(rows, audit_frame: pd.DataFrame) -> pd.DataFrame:
    """Canonical columns (objective filled down, team/owner carried) beside the audit columns.

    The user's own columns may be named 团队 or Squad, and outline layouts leave the objective
    blank on KR rows; summaries group on what the reader understood, not on raw cells.
    """
    norm = pd.DataFrame({c: [getattr(r, c) for r in rows] for c in ["objective", *OWNER_COLS]}, index=audit_frame.index)
    for c in ("kr_label", "objective_label", "kr_unsure", "has_metric", "has_placeholder", "has_deadline", "findings",
              "okr_type", "okr_type_source"):
        col = c if c in audit_frame.columns else f"okrcoach_{c}"
        if col in audit_frame.columns:
            norm[c] = audit_frame[col]
    if "okr_type" in norm.columns:  # a knowledge KR under a (given) learning objective is not counted as a to-do
        from ..rules.okr_types import is_knowledge_kr

        learning = (norm["okr_type"] == "learning") & (norm["okr_type_source"] == "given") & (norm["kr_label"] == "todo")
        krs = [r.key_result for r in rows]
        norm["todo_exempt"] = [bool(flag) and is_knowledge_kr(kr) for flag, kr in zip(learning, krs)]
    return norm


# Figures per OKR type (committed / aspirational / learning / none): how each kind of OKR fares under its own rules.
TYPE_FIGURES = ["objectives", "key_results", "inferred_objectives", "todo_findings", "learning_no_decision",
                "committed_missed", "absolute_targets"]
_TYPE_CODES = {"todo_findings": ("KR101",), "learning_no_decision": ("KR108",), "committed_missed": ("SCORE506",),
               "absolute_targets": ("KR109", "O207")}


def _type_flags(findings: str) -> tuple[bool, ...]:
    """Whether a findings string holds a code of each :data:`_TYPE_CODES` entry, in its order (one split)."""
    codes = set(filter(None, findings.split(";")))
    return tuple(not codes.isdisjoint(want) for want in _TYPE_CODES.values())


def _type_sums(norm: pd.DataFrame) -> pd.DataFrame:
    """Row sums per type; objectives are counted on their first row (the objective's findings live there)."""
    if "okr_type" not in norm.columns:
        return pd.DataFrame(columns=TYPE_FIGURES)
    kind = norm["okr_type"].where(norm["okr_type"] != "", "(none)")
    first = ~norm.duplicated(subset=[*OWNER_COLS, "objective"]) & (norm["objective"] != "")
    flags = pd.DataFrame(_per_distinct(norm["findings"], _type_flags).tolist(), columns=list(_TYPE_CODES),
                         index=norm.index, dtype=bool)
    data = pd.DataFrame({
        "objectives": first,
        "key_results": norm["kr_label"] != "",
        "inferred_objectives": first & (norm["okr_type_source"] == "inferred"),
        **{name: flags[name] for name in _TYPE_CODES},
    }, index=norm.index).astype(int)
    return data.groupby(kind, sort=False).sum()


class SummaryBuilder:
    """Accumulates figures chunk by chunk, so a 200,000-row audit never holds all rows at once.

    Row-level counts are summed per group; objectives are kept as one slim row each (group keys,
    label, KR count). Chunks end at set boundaries, so an objective never straddles two chunks.
    """

    def __init__(self, levels: list[str], config: Config | None = None):
        self.levels = list(levels)
        self.config = config or Config()
        self.row_sums: dict[str, pd.DataFrame] = {}
        self.objectives: list[pd.DataFrame] = []
        self.codes: dict[str, int] = {}
        self.types: pd.DataFrame | None = None
        self.warnings: list[str] = []

    def add(self, norm: pd.DataFrame) -> "SummaryBuilder":
        ind = _indicators(norm)
        for level in ["__all__", *self.levels]:
            keys = pd.Series("all", index=norm.index) if level == "__all__" else norm[level].where(norm[level] != "", "(blank)")
            sums = ind[_ROW_SUMS].groupby(keys, sort=False).sum()
            prev = self.row_sums.get(level)
            self.row_sums[level] = sums if prev is None else prev.add(sums, fill_value=0).reindex(
                list(prev.index) + [k for k in sums.index if k not in prev.index])
        objs = _objectives(norm, ind)
        orphans = int((ind["key_results"].astype(bool) & (norm["objective"] == "")).sum())
        if orphans >= IMPLAUSIBLE_KRS:
            self.warnings.append(f"{orphans:,} key results have no objective: the file probably has no objective "
                                 "column, so they were read as one set; the count and duplicate checks (SET3xx) "
                                 "treat them as one")
        implausible = objs[objs["n_kr"] >= IMPLAUSIBLE_KRS]
        for rec in implausible.to_dict("records") if len(implausible) else ():  # to_dict's first call imports code
            self.warnings.append(implausible_set_warning(rec["objective"], int(rec["n_kr"]), rec["owner"] or rec["team"]))
        objs = objs.drop(columns=["objective"])
        self.objectives.append(objs)
        for s, n in norm["findings"].value_counts(sort=False).items():  # each distinct string once
            for c in filter(None, s.split(";")):
                self.codes[c] = self.codes.get(c, 0) + int(n)
        sums = _type_sums(norm)
        self.types = sums if self.types is None else self.types.add(sums, fill_value=0)
        return self

    def finish(self) -> AuditSummary:
        objs = pd.concat(self.objectives, ignore_index=True) if self.objectives else \
            pd.DataFrame(columns=OWNER_COLS + ["objective_label", "n_kr"])
        empty_rows = pd.DataFrame([[0] * len(_ROW_SUMS)], columns=_ROW_SUMS, index=["all"])
        rows = self.row_sums.get("__all__", empty_rows)
        obj_all = _tally_objectives(objs, pd.Series("all", index=objs.index), self.config).reindex(rows.index).fillna(0)
        fig = _figures(rows, obj_all, self.config).iloc[0]
        overall = {k: (float(v) if k in ("todo_share", "no_metric_share", "health") else int(v)) for k, v in fig.items()}
        groups = {}
        for level in self.levels:
            rows = self.row_sums[level]
            okeys = objs[level].where(objs[level] != "", "(blank)")
            obj_t = _tally_objectives(objs, okeys, self.config).reindex(rows.index).fillna(0)
            df = _figures(rows, obj_t, self.config)
            df.index.name = level
            groups[level] = df.reset_index()
        order = [t for t in ("committed", "aspirational", "learning", "(none)") if self.types is not None
                 and t in self.types.index]
        by_type = (self.types.reindex(order).fillna(0).astype(int).rename_axis("okr_type").reset_index()
                   if order else pd.DataFrame(columns=["okr_type", *TYPE_FIGURES]))
        return AuditSummary(overall, groups, [int(n) for n in objs["n_kr"]], dict(sorted(self.codes.items())), by_type,
                            list(self.warnings))


def summarise(norm: pd.DataFrame, levels: list[str], config: Config | None = None) -> AuditSummary:
    """Summarise a normalised audit frame, grouped by each level in ``levels`` (department/team/owner)."""
    return SummaryBuilder(levels, config).add(norm).finish()
