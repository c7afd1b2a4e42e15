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
denominator count as 0).
"""
from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from ..config import Config

WEIGHTS = {"outcome_share": 0.35, "measurable_share": 0.25, "objective_ok_share": 0.20, "deadline_share": 0.10,
           "structure_share": 0.10}
OBJECTIVE_PROBLEMS = ("vague", "task", "metric", "routine")
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


def group_figures(frame: pd.DataFrame, config: Config) -> dict:
    """Figures for one group of rows of a normalised audit frame (see :func:`normalised_frame`)."""
    krs = frame[frame["kr_label"] != ""]
    keys = OWNER_COLS + ["objective"]
    objs = frame[frame["objective_label"] != ""].drop_duplicates(subset=keys)
    kr_counts = krs.groupby(keys, sort=False).size() if len(krs) else pd.Series(dtype=int)
    counts = [int(kr_counts.get(k, 0)) for k in objs[keys].itertuples(index=False, name=None)]
    n_kr, n_obj = len(krs), len(objs)
    todo = int((krs["kr_label"] == "todo").sum())
    unsure = int(krs["kr_unsure"].astype(int).sum()) if n_kr else 0
    no_metric = int((krs["has_metric"].astype(int) == 0).sum())
    placeholders = int((krs["has_placeholder"].astype(int) == 1).sum())
    deadlines = int((krs["has_deadline"].astype(int) == 1).sum())
    measurable = int(((krs["has_metric"].astype(int) == 1) & (krs["has_placeholder"].astype(int) == 0)).sum())
    problems = {p: int((objs["objective_label"] == p).sum()) for p in OBJECTIVE_PROBLEMS}
    in_range = sum(1 for c in counts if config.min_krs <= c <= config.max_krs)
    out_of_range = len(counts) - in_range
    figures = {
        "objectives": n_obj, "key_results": n_kr, "todo_krs": todo, "unsure_krs": unsure,
        "krs_without_metric": no_metric, "placeholder_krs": placeholders, "krs_with_deadline": deadlines,
        **{f"objectives_{p}": n for p, n in problems.items()},
        "objectives_kr_count_out_of_range": out_of_range,
        "todo_share": round(_share(todo, n_kr), 3), "no_metric_share": round(_share(no_metric, n_kr), 3),
        "findings": int(frame["findings"].map(lambda s: len(s.split(";")) if s else 0).sum()),
    }
    figures["health"] = health_score(_share(n_kr - todo, n_kr), _share(measurable, n_kr),
                                     _share(n_obj - sum(problems.values()), n_obj), _share(deadlines, n_kr),
                                     _share(in_range, len(counts)))
    return figures


@dataclass
class AuditSummary:
    """Overall figures plus one table per grouping level present in the input."""

    overall: dict
    groups: dict[str, pd.DataFrame] = field(default_factory=dict)
    kr_counts: list[int] = field(default_factory=list)  # KRs per objective, for the distribution chart
    findings_by_code: dict[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict:
        return {
            "overall": self.overall,
            "groups": {level: df.to_dict(orient="records") for level, df in self.groups.items()},
            "kr_counts_per_objective": self.kr_counts,
            "findings_by_code": self.findings_by_code,
            "health_formula": {k: v for k, v in WEIGHTS.items()},
        }


def normalised_frame(rows, audit_frame: pd.DataFrame) -> pd.DataFrame:
    """Canonical columns (objective filled down, team/owner carried) beside the audit columns.

    The user's own columns may be named 团队 or Squad, and outline layouts leave the objective
    blank on KR rows; summaries group on what the reader understood, not on raw cells.
    """
    norm = pd.DataFrame({c: [getattr(r, c) for r in rows] for c in ["objective", *OWNER_COLS]}, index=audit_frame.index)
    for c in ("kr_label", "objective_label", "kr_unsure", "has_metric", "has_placeholder", "has_deadline", "findings"):
        col = c if c in audit_frame.columns else f"okrcoach_{c}"
        norm[c] = audit_frame[col]
    return norm


def summarise(norm: pd.DataFrame, levels: list[str], config: Config | None = None) -> AuditSummary:
    """Summarise a normalised audit frame, grouped by each level in ``levels`` (department/team/owner)."""
    config = config or Config()
    overall = group_figures(norm, config)
    groups = {}
    for level in levels:
        rows = []
        for value, part in norm.groupby(level, sort=False):
            rows.append({level: value or "(blank)", **group_figures(part, config)})
        groups[level] = pd.DataFrame(rows)
    codes: dict[str, int] = {}
    for s in norm["findings"]:
        for c in filter(None, s.split(";")):
            codes[c] = codes.get(c, 0) + 1
    grouped = norm[norm["objective"] != ""].groupby(OWNER_COLS + ["objective"], sort=False)["kr_label"]
    kr_counts = [int(v) for v in grouped.agg(lambda s: int((s != "").sum())).tolist()]
    return AuditSummary(overall, groups, kr_counts, dict(sorted(codes.items())))
