"""Batch audits: a table (or file) in, the audit frame and a summary out — in chunks for large files.

The package also runs the rules over a period: :mod:`.checkins` (weekly updates) and
:mod:`.cycle_review` (scores per owner and cycle).
"""
from __future__ import annotations

import gc
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import pandas as pd

from ..readers import OKRTable
from ..readers.stream import iter_table_chunks
from ..rules.config import Config
from ..rules.engine import RowResult, check_table, fewer_gc_passes
from .summary import AuditSummary, SummaryBuilder, health_score, normalised_frame, summarise
from .table import CONTRACT_COLUMNS, build_audit_frame

PROGRESS_MIN_ROWS = 2000
CHUNK_ROWS = 5000

__all__ = ["AuditResult", "AuditChunk", "run_audit", "audit", "audit_to_file", "iter_audit", "summarise",
           "health_score", "CONTRACT_COLUMNS", "AuditSummary"]


@dataclass
class AuditResult:
    frame: pd.DataFrame
    summary: AuditSummary
    table: OKRTable
    results: list[RowResult]


@dataclass
class AuditChunk:
    table: OKRTable
    results: list[RowResult]
    frame: pd.DataFrame


def group_levels(table: OKRTable) -> list[str]:
    """The grouping levels the input actually has (a draft has none)."""
    return [level for level in ("department", "team", "owner") if level in table.columns]


def iter_audit(source, config: Config | None = None, judge=None, parents: list[str] | None = None,
               sheet: str | int | None = None, chunk_rows: int = CHUNK_ROWS, progress: bool | None = None,
               stream_min_bytes: int | None = None) -> Iterator[AuditChunk]:
    """Audit chunk by chunk (rows in order). Large CSVs are read as a stream; everything else in one chunk."""
    from ..classifier.model import default_judge

    config = config or Config()
    judge = judge if judge is not None else default_judge(config)
    # the rule modules are imported now, before any chunk's rows are held: an import inside a chunk costs the
    # full collector pass below (2% of a 20,000-row audit)
    config.selected_rules()
    bar = None
    modules = len(sys.modules)
    tables = iter([source]) if isinstance(source, OKRTable) else iter_table_chunks(
        source, sheet, chunk_rows, **({} if stream_min_bytes is None else {"stream_min_bytes": stream_min_bytes}))
    try:
        while True:
            with fewer_gc_passes():  # reading a chunk allocates as much as checking it
                table = next(tables, None)
            if table is None:
                break
            show = progress if progress is not None else len(table.rows) > PROGRESS_MIN_ROWS
            if show and bar is None and len(table.rows) >= chunk_rows:
                from tqdm.auto import tqdm  # one bar over all chunks, terminal or notebook

                bar = tqdm(desc="auditing", unit="row")
            results = check_table(table, config, judge, parents, progress=bool(show) and bar is None)
            if bar is not None:
                bar.update(len(table.rows))
            with fewer_gc_passes():
                frame = build_audit_frame(table, results)
            yield AuditChunk(table, results, frame)
            if len(sys.modules) != modules:
                # this chunk imported code (a tokenizer, a report writer): the import machinery's caught
                # exceptions leave reference cycles through the audit's frames that hold the chunk's rows,
                # and with the collector paused (fewer_gc_passes) only a full pass frees them
                gc.collect()
                modules = len(sys.modules)
    finally:
        if bar is not None:
            bar.close()


def run_audit(source: "str | Path | pd.DataFrame | OKRTable", config: Config | None = None, judge=None,
              parents: list[str] | None = None, sheet: str | int | None = None,
              progress: bool | None = None) -> AuditResult:
    """Read, check and summarise, keeping every row in memory (the Python API). ``judge`` defaults to
    the shipped model (lexicon rules if none); ``progress`` shows a tqdm bar (default: large inputs)."""
    config = config or Config()
    chunks = list(iter_audit(source, config, judge, parents, sheet, progress=progress))
    first = chunks[0].table
    if len(chunks) == 1:
        table, results, frame = first, chunks[0].results, chunks[0].frame
    else:
        frame = pd.concat([c.frame for c in chunks], ignore_index=True)
        table = OKRTable(pd.concat([c.table.frame for c in chunks], ignore_index=True),
                         [r for c in chunks for r in c.table.rows], first.source, first.columns, first.notes)
        results = [r for c in chunks for r in c.results]
    builder = SummaryBuilder(group_levels(first), config)
    for c in chunks:
        builder.add(normalised_frame(c.table.rows, c.frame))
    return AuditResult(frame, builder.finish(), table, results)


def audit(source: "str | Path | pd.DataFrame", **kwargs) -> pd.DataFrame:
    """The audit frame for a file or DataFrame (the stable output contract; see README)."""
    return run_audit(source, **kwargs).frame


def audit_to_file(source, output: str | Path, config: Config | None = None, judge=None,
                  parents: list[str] | None = None, sheet: str | int | None = None, progress: bool | None = None,
                  chunk_rows: int = CHUNK_ROWS, stream_min_bytes: int | None = None, lang: str | None = None
                  ) -> tuple[AuditSummary, int, OKRTable, Path]:
    """Stream an audit straight into a report file; memory stays bounded by the chunk size.

    ``lang`` ("zh"/"en") names the Excel/HTML columns and sheets; default: the majority language
    of the rows (for Excel, of the first chunk, since its header is written first).

    Returns the summary, the number of rows written, the first chunk's table (source, notes) and the path.
    """
    from ..reports import check_output_path, make_writer

    path = check_output_path(output)
    writer = make_writer(path, lang=lang)
    builder, first, n = None, None, 0
    try:
        for chunk in iter_audit(source, config, judge, parents, sheet, chunk_rows, progress, stream_min_bytes):
            if first is None:
                first = chunk.table
                builder = SummaryBuilder(group_levels(first), config)
            if hasattr(writer, "roles"):  # the user's headers for each input role, for human column names
                writer.roles = dict(first.columns.columns)
            with fewer_gc_passes():
                writer.add(chunk.frame, first.notes)
                builder.add(normalised_frame(chunk.table.rows, chunk.frame))
            n += len(chunk.frame)
        summary = builder.finish()
        written = writer.finish(summary, str(first.source), first.notes + summary.warnings)
    except BaseException:
        writer.abort()
        raise
    return summary, n, first, written
