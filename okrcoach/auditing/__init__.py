"""Batch audits: a table (or file) in, the audit frame and a summary out."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..config import Config
from ..readers import OKRTable, read_okrs
from ..rules.engine import RowResult, check_table
from .summary import AuditSummary, health_score, normalised_frame, summarise
from .table import CONTRACT_COLUMNS, build_audit_frame

PROGRESS_MIN_ROWS = 2000

__all__ = ["AuditResult", "run_audit", "audit", "summarise", "health_score", "CONTRACT_COLUMNS", "AuditSummary"]


@dataclass
class AuditResult:
    frame: pd.DataFrame
    summary: AuditSummary
    table: OKRTable
    results: list[RowResult]


def group_levels(table: OKRTable) -> list[str]:
    """The grouping levels the input actually has (a draft has none)."""
    return [level for level in ("department", "team", "owner") if level in table.columns]


def run_audit(source: "str | Path | pd.DataFrame | OKRTable", config: Config | None = None, judge=None,
              parents: list[str] | None = None, sheet: str | int | None = None,
              progress: bool | None = None) -> AuditResult:
    """Read, check and summarise. ``judge`` defaults to the shipped model (lexicon rules if none).

    ``progress`` shows a progress bar (tqdm.auto: terminal or notebook); by default only for
    inputs over ``PROGRESS_MIN_ROWS`` rows.
    """
    from ..classifier.model import default_judge

    config = config or Config()
    table = source if isinstance(source, OKRTable) else read_okrs(source, sheet=sheet)
    judge = judge if judge is not None else default_judge(config)
    if progress is None:
        progress = len(table.rows) > PROGRESS_MIN_ROWS
    results = check_table(table, config, judge, parents, progress=progress)
    frame = build_audit_frame(table, results)
    norm = normalised_frame(table.rows, frame)
    return AuditResult(frame, summarise(norm, group_levels(table), config), table, results)


def audit(source: "str | Path | pd.DataFrame", **kwargs) -> pd.DataFrame:
    """The audit frame for a file or DataFrame (the stable output contract; see README)."""
    return run_audit(source, **kwargs).frame
