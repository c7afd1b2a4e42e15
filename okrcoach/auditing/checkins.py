"""Weekly check-ins: read updates per KR (a table or the Markdown weekly template), classify each
progress note as key progress or an activity list, and flag what a coach would flag.

The weekly update per KR is *progress – risks/support needed – next week's to-dos*. Progress
should be key progress ("3 家客户已成单"), not a list of actions ("本周拜访了 5 家客户"); a red
KR needs a risk or a request for support; a next-week item needs an owner. Findings come from
the CHECKIN6xx rules in the same registry as every other rule, so ``select``/``ignore`` apply.

Reading the updates is :mod:`okrcoach.cycle.updates` and what a rule sees is
:class:`okrcoach.rules.context.CheckinContext`; both are importable from here as before.
Every update row in is a row out, in order, with the input columns kept.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..core.model import Finding
from ..cycle.scoring import read_score
from ..cycle.updates import (UPDATE_SYNONYMS, _column_map, item_has_owner, next_items, parse_weekly_markdown,
                             read_updates, read_updates_bytes)
from ..readers import table_from_frame
from ..rules.config import Config
from ..rules.context import CheckinContext

if TYPE_CHECKING:
    import pandas as pd

    from ..cycle.rhythm import Rhythm

__all__ = ["CHECKIN_COLUMNS", "UPDATE_SYNONYMS", "CheckinContext", "CheckinResult", "check_updates",
           "check_update_bytes", "check_weekly_text", "item_has_owner", "next_items", "parse_weekly_markdown",
           "read_updates", "read_updates_bytes"]

CHECKIN_COLUMNS = ["okr_row", "progress_label", "progress_confidence", "progress_unsure", "score_value", "light",
                   "findings", "messages"]


@dataclass
class CheckinResult:
    """The checked updates: ``frame`` is the input plus :data:`CHECKIN_COLUMNS`; ``findings`` per row."""

    frame: pd.DataFrame
    findings: list[list[Finding]] = field(default_factory=list)
    source: str = ""
    columns: dict[str, str] = field(default_factory=dict)  # canonical name → the user's header
    langs: list[str] = field(default_factory=list)  # each row's language, the one its messages are in
    rhythm: "Rhythm | None" = None  # weeks, stale KRs, flat scores, reviews (tables with a week column)

    def column(self, canonical: str) -> str | None:
        """The user's header for ``key_result``, ``progress``, ``risks``, ``next`` … (None when absent)."""
        return self.columns.get(canonical)

    def rhythm_table(self) -> pd.DataFrame:
        """One row per KR over the weeks: updates, last update, weeks since it, flat weeks, last score."""
        import pandas as pd

        from ..cycle.rhythm import RHYTHM_COLUMNS, rhythm_frame

        return rhythm_frame(self.rhythm) if self.rhythm is not None else pd.DataFrame(columns=RHYTHM_COLUMNS)

    def summary(self) -> dict:
        labels = self.frame["progress_label"]
        lights = self.frame["light"]
        return {"updates": len(self.frame), "key_progress": int((labels == "key_progress").sum()),
                "activity": int((labels == "activity").sum()), "no_progress": int((labels == "").sum()),
                "red": int((lights == "red").sum()), "yellow": int((lights == "yellow").sum()),
                "green": int((lights == "green").sum()),
                "findings": sum(len(f) for f in self.findings),
                "stale_krs": sum("CHECKIN605" in {x.code for x in f} for f in self.findings),
                "flat_krs": sum("CHECKIN606" in {x.code for x in f} for f in self.findings),
                "no_review": sum("CHECKIN607" in {x.code for x in f} for f in self.findings)}


def check_update_bytes(data: bytes, config: Config | None = None, judge=None, source: str = "<stdin>") -> CheckinResult:
    """:func:`check_updates` for bytes read from standard input (``okrcoach checkin -``)."""
    from ..classifier.model import default_judge

    config = config or Config()
    judge = judge if judge is not None else default_judge(config)
    return _check(*read_updates_bytes(data, source), config, judge)


def check_updates(source, config: Config | None = None, judge=None, sheet: str | int | None = None) -> CheckinResult:
    """Check weekly updates: classify progress notes, read scores, run the CHECKIN rules.

    >>> import pandas as pd
    >>> r = check_updates(pd.DataFrame({"key_result": ["签约 3 家"], "progress": ["本周拜访了 5 家客户"],
    ...                                 "score": ["0.2"], "risks": [""], "next": ["整理报价"]}))
    >>> r.frame.loc[0, "progress_label"], r.frame.loc[0, "light"], r.frame.loc[0, "findings"]
    ('activity', 'red', 'CHECKIN601;CHECKIN602;CHECKIN603')
    """
    from ..classifier.model import default_judge

    config = config or Config()
    judge = judge if judge is not None else default_judge(config)
    frame, rows, cmap, name = read_updates(source, sheet)
    return _check(frame, rows, cmap, name, config, judge)


def check_weekly_text(text: str, config: Config | None = None, judge=None,
                      source: str = "<weekly update>") -> CheckinResult:
    """Check a pasted Markdown weekly update (the template's format); row numbers are its line numbers."""
    from ..classifier.model import default_judge

    config = config or Config()
    judge = judge if judge is not None else default_judge(config)
    parsed = parse_weekly_markdown(text, source)
    rows = parsed.pop("line").tolist()
    table = table_from_frame(parsed, source=source)
    return _check(table.frame, rows, _column_map(table.frame.columns, table.columns), source, config, judge)


def _check(frame: pd.DataFrame, rows: list[int], cmap: dict[str, str], name: str, config: Config,
           judge) -> CheckinResult:
    from ..classifier.features import cached_analyse  # here, not at import: reading updates needs no model
    from ..rules.engine import make_finding
    from ..rules.base import Rule

    def col(canon: str) -> list[str]:
        return frame[cmap[canon]].tolist() if canon in cmap else [""] * len(frame)

    krs, progress, risks, nexts = col("key_result"), col("progress"), col("risks"), col("next")
    scores = [read_score(s) for s in col("score")] if "score" in cmap else [None] * len(frame)
    # Feishu progress records carry a status light (see okrcoach.readers.feishu); other tables have none
    status_lights = frame["status_light"].tolist() if "status_light" in frame.columns else [""] * len(frame)
    notes = list(dict.fromkeys(p.strip() for p in progress if p.strip()))
    analyses = {t: cached_analyse(t) for t in notes}
    judged = dict(zip(notes, judge.judge_progress(notes, [analyses[t] for t in notes]))) if notes else {}
    rules: list[Rule] = [r for r in config.selected_rules() if r.target == "checkin"]

    findings: list[list[Finding]] = []
    langs: list[str] = []
    out: dict[str, list] = {c: [] for c in CHECKIN_COLUMNS}
    for i, row in enumerate(rows):
        note = progress[i].strip()
        j = judged.get(note)
        ctx = CheckinContext(krs[i], note, risks[i].strip(), nexts[i].strip(), scores[i], j,
                             analyses.get(note), config, row, str(status_lights[i] or ""))
        found = sorted((make_finding(rule, hit, note, row) for rule in rules for hit in rule.check(ctx)),
                       key=lambda f: (-f.severity.rank, f.code))
        findings.append(found)
        lang = (analyses[note].lang if note in analyses else cached_analyse(krs[i]).lang)
        langs.append(lang)
        out["okr_row"].append(row)
        out["progress_label"].append(j.label if j else "")
        out["progress_confidence"].append(round(j.confidence, 3) if j else None)
        out["progress_unsure"].append(int(j.unsure) if j else 0)
        out["score_value"].append(scores[i].value if scores[i] is not None else None)
        out["light"].append(ctx.light)
    rhythm = _rhythm(frame, rows, cmap, krs, progress, risks, nexts, scores)
    cadence = [r for r in config.selected_rules() if r.target == "cadence"]
    if rhythm is not None and rhythm.has_weeks and cadence:
        from ..rules.rhythm_rules import CadenceContext

        last_of: dict[tuple[int | None, str], int] = {}  # (source row, KR) → its last position: where findings go
        for i, (row, kr) in enumerate(zip(rows, krs)):
            last_of[(row, kr)] = i
        for rule in cadence:
            for hit in rule.check(CadenceContext(rhythm, config)):
                i = last_of.get((hit.row, hit.text or ""))
                if i is not None:
                    findings[i].append(make_finding(rule, hit, hit.text or "", hit.row))
        for found in findings:
            found.sort(key=lambda f: (-f.severity.rank, f.code))
    for found, lang in zip(findings, langs):
        out["findings"].append(";".join(f.code for f in found))
        out["messages"].append(" | ".join(f"{f.code}: {f.message(lang)}" for f in found))
    import pandas as pd

    result = frame.copy()
    existing = set(result.columns)
    for c, values in out.items():
        result[c if c not in existing else f"okrcoach_{c}"] = pd.Series(
            values, index=result.index, dtype="float64" if c in ("progress_confidence", "score_value") else object)
    return CheckinResult(result, findings, name, dict(cmap), langs, rhythm)


def _rhythm(frame: pd.DataFrame, rows: list[int], cmap: dict[str, str], krs: list[str], progress: list[str],
            risks: list[str], nexts: list[str], scores: list) -> "Rhythm | None":
    """The table's rhythm over its weeks (None without a week column)."""
    if "week" not in cmap:
        return None
    from ..cycle.rhythm import build_rhythm, review_column

    owners = frame[cmap["owner"]].tolist() if "owner" in cmap else [""] * len(frame)
    review = review_column(frame.columns)
    reviews = frame[review].tolist() if review is not None else [""] * len(frame)
    texts = [" ".join(parts) for parts in zip(progress, risks, nexts)]
    values = [s.value if s is not None else None for s in scores]
    return build_rhythm(frame[cmap["week"]].tolist(), owners, krs, progress, values, rows, texts, reviews)
