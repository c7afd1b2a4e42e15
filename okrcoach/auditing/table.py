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


# the added columns holding text (object dtype); kr_score/objective_score are float64, the rest inferred
_TEXT_COLUMNS = {"kr_label", "objective_label", "findings", "messages", "severity", "suggestions", "lang", "judged_by",
                 "kr_light", "objective_light", "okr_type", "okr_type_source"}


def _finding_columns(results: list[RowResult], langs: list[str]) -> tuple[list, list, list, list]:
    """The findings, messages, severity and suggestions columns; a row without findings gets "" in each
    (and no joins: most rows of an audit have none)."""
    n = len(results)
    codes, messages, severity, suggestions = [""] * n, [""] * n, [""] * n, [""] * n
    for i, res in enumerate(results):
        findings = res.findings
        if not findings:
            continue
        lang = langs[i]
        codes[i] = ";".join([f.code for f in findings])
        messages[i] = " | ".join([f"{f.code}: {f.message(lang)}" for f in findings])
        severity[i] = findings[0].severity.value
        suggestions[i] = " | ".join([f"{f.code}: {' ‖ '.join(f.candidates)}" for f in findings if f.suggestion])
    return codes, messages, severity, suggestions


def _columns(rows, results: list[RowResult]) -> list[list]:
    """The values of CONTRACT_COLUMNS + EXTRA_COLUMNS, a list per column (a comprehension per column costs
    less than a tuple per row transposed)."""
    results = results[:len(rows)]  # as zip(rows, results) would pair them
    krs = [res.kr for res in results]
    objectives = [res.objective for res in results]
    kas = [res.kr_analysis for res in results]
    langs = [a.lang if a is not None else "en" for a in [res.kr_analysis or res.objective_analysis for res in results]]
    codes, messages, severity, suggestions = _finding_columns(results, langs)
    return [[row.row for row in rows[:len(results)]],
            [kr.label if kr else "" for kr in krs],
            [round(kr.confidence, 3) if kr else None for kr in krs],
            [o.label if o else "" for o in objectives],
            [round(o.confidence, 3) if o else None for o in objectives],
            [int(ka.has_metric) if ka else 0 for ka in kas],
            [int(ka.has_placeholder) if ka else 0 for ka in kas],
            [int(ka.has_deadline) if ka else 0 for ka in kas],
            codes,
            messages,
            [int(kr.unsure) if kr else 0 for kr in krs],
            severity,
            suggestions,
            langs,
            [(kr or o).source if (kr or o) else "" for kr, o in zip(krs, objectives)],
            [res.okr_type for res in results],
            [res.okr_type_source for res in results]]


def build_audit_frame(table: OKRTable, results: list[RowResult]) -> pd.DataFrame:
    """The input frame with the contract columns added (a user's column of the same name is kept:
    ours gets an ``okrcoach_`` prefix). Values are gathered a column at a time and added in one
    concat: one insert per column was most of this step's time."""
    frame = table.frame
    if "line" in frame.columns and table.draft is not None:
        frame = frame.drop(columns=["line"])
    existing = set(frame.columns)
    names = CONTRACT_COLUMNS + EXTRA_COLUMNS
    cols: dict[str, list] = dict(zip(names, _columns(table.rows, results)))
    if "score" in table.columns:
        kr_scores = [res.score.value if res.score else None for res in results]
        obj_scores = [res.objective_score for res in results]
        # a committed OKR (type given) reads met/missed; an inferred type never changes the light
        types = [res.okr_type if res.okr_type_source == "given" else "" for res in results]
        cols.update(zip(SCORE_COLUMNS, (kr_scores, [score_light(v, t) for v, t in zip(kr_scores, types)],
                                        obj_scores, [score_light(v, t) for v, t in zip(obj_scores, types)])))
    added = {_added_name(name, existing): pd.Series(values, index=frame.index, dtype=object if name in _TEXT_COLUMNS
                                                    else "float64" if name in ("kr_score", "objective_score") else None)
             for name, values in cols.items()}
    if existing.isdisjoint(added) and frame.columns.is_unique and frame.index.is_unique and frame.columns.name is None:
        return pd.concat([frame, pd.DataFrame(added, index=frame.index)], axis=1)
    frame = frame.copy()  # a prefixed name the user also has: it is overwritten in place, as always
    for name, series in added.items():
        frame[name] = series
    return frame
