"""The audit output contract: one row per input row, in order, input columns kept, plus
okr_row, kr_label, kr_confidence, objective_label, objective_confidence, has_metric,
has_placeholder, has_deadline, findings, messages (and a few extras after those, among them
okr_type and okr_type_source: the objective's committed/aspirational/learning type and whether it
was given — the rules follow it — or inferred from clear wording, a hint only)."""
from __future__ import annotations

import pandas as pd

from ..cycle.scoring import score_light
from ..readers import OKRTable
from ..rules.engine import RowResult

CONTRACT_COLUMNS = ["okr_row", "kr_label", "kr_confidence", "objective_label", "objective_confidence", "has_metric",
                    "has_placeholder", "has_deadline", "findings", "messages"]
EXTRA_COLUMNS = ["kr_unsure", "severity", "suggestions", "lang", "judged_by", "okr_type", "okr_type_source"]
# only when the input has a score column: the KR's score on 0–1, its light, and the objective's
SCORE_COLUMNS = ["kr_score", "kr_light", "objective_score", "objective_light"]


def _added_name(name: str, existing: set[str]) -> str:
    """Our column names never overwrite a user's column: a clash gets an ``okrcoach_`` prefix."""
    return name if name not in existing else f"okrcoach_{name}"


def build_audit_frame(table: OKRTable, results: list[RowResult]) -> pd.DataFrame:
    frame = table.frame.copy()
    if "line" in frame.columns and table.draft is not None:
        frame = frame.drop(columns=["line"])
    existing = set(frame.columns)
    cols: dict[str, list] = {name: [] for name in CONTRACT_COLUMNS + EXTRA_COLUMNS}
    for row, res in zip(table.rows, results):
        a = res.kr_analysis or res.objective_analysis
        lang = a.lang if a is not None else "en"
        cols["okr_row"].append(row.row)
        cols["kr_label"].append(res.kr.label if res.kr else "")
        cols["kr_confidence"].append(round(res.kr.confidence, 3) if res.kr else None)
        cols["objective_label"].append(res.objective.label if res.objective else "")
        cols["objective_confidence"].append(round(res.objective.confidence, 3) if res.objective else None)
        ka = res.kr_analysis
        cols["has_metric"].append(int(ka.has_metric) if ka else 0)
        cols["has_placeholder"].append(int(ka.has_placeholder) if ka else 0)
        cols["has_deadline"].append(int(ka.has_deadline) if ka else 0)
        cols["findings"].append(";".join(f.code for f in res.findings))
        cols["messages"].append(" | ".join(f"{f.code}: {f.message(lang)}" for f in res.findings))
        cols["kr_unsure"].append(int(res.kr.unsure) if res.kr else 0)
        cols["severity"].append(res.findings[0].severity.value if res.findings else "")
        cols["suggestions"].append(" | ".join(f"{f.code}: {' ‖ '.join(f.candidates)}" for f in res.findings if f.suggestion))
        cols["lang"].append(lang)
        cols["judged_by"].append((res.kr or res.objective).source if (res.kr or res.objective) else "")
        cols["okr_type"].append(res.okr_type)
        cols["okr_type_source"].append(res.okr_type_source)
    if "score" in table.columns:
        kr_scores = [res.score.value if res.score else None for res in results]
        obj_scores = [res.objective_score for res in results]
        # a committed OKR (type given) reads met/missed; an inferred type never changes the light
        types = [res.okr_type if res.okr_type_source == "given" else "" for res in results]
        cols.update(zip(SCORE_COLUMNS, (kr_scores, [score_light(v, t) for v, t in zip(kr_scores, types)],
                                        obj_scores, [score_light(v, t) for v, t in zip(obj_scores, types)])))
    for name, values in cols.items():
        frame[_added_name(name, existing)] = pd.Series(values, index=frame.index, dtype=object if name in (
            "kr_label", "objective_label", "findings", "messages", "severity", "suggestions", "lang", "judged_by",
            "kr_light", "objective_light", "okr_type", "okr_type_source") else "float64" if name in ("kr_score", "objective_score") else None)
    return frame
