"""Group read rows into OKR sets (one per owner/team and cycle), keeping each KR's source row."""
from __future__ import annotations

from ..core.model import KeyResult, Objective, OKRSet
from .rows import OKRRow


def set_key(row: OKRRow) -> tuple[str, str, str, str]:
    return (row.department, row.team, row.owner, row.cycle)


def build_sets(rows: list[OKRRow], source: str = "") -> tuple[list[OKRSet], dict[int, tuple[int, int, int | None]]]:
    """Return the sets and, for each row index, ``(set index, objective index, KR index or None)``.

    An objective is a run of rows with the same objective text under the same owner; the same
    objective text under another owner is another objective.
    """
    sets: list[OKRSet] = []
    index: dict[tuple, int] = {}
    # (set key, objective text) → (set index, objective index, the Objective)
    objectives: dict[tuple, tuple[int, int, Objective]] = {}
    where: dict[int, tuple[int, int, int | None]] = {}
    for i, row in enumerate(rows):
        if not row.objective and not row.key_result:
            continue
        key = set_key(row)
        found = objectives.get((key, row.objective))
        if found is None:
            if key not in index:
                index[key] = len(sets)
                sets.append(OKRSet(owner=row.owner, team=row.team, department=row.department, cycle=row.cycle,
                                   source=source))
            s_idx = index[key]
            okr_set = sets[s_idx]
            okr_set.objectives.append(Objective(text=row.objective, row=row.row, parent=row.objective_parent or (row.parent if not row.key_result else "")))
            found = objectives[(key, row.objective)] = (s_idx, len(okr_set.objectives) - 1, okr_set.objectives[-1])
        s_idx, o_idx, objective = found
        if row.okr_type and not objective.okr_type:  # the first type given on any of its rows
            objective.okr_type = row.okr_type
        if row.key_result:
            objective.key_results.append(KeyResult(text=row.key_result, row=row.row, id=row.id,
                                                   progress=row.progress, parent=row.parent))
            where[i] = (s_idx, o_idx, len(objective.key_results) - 1)
        else:
            where[i] = (s_idx, o_idx, None)
    return sets, where
