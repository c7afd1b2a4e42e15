"""Weekly check-ins: read updates per KR (a table or the Markdown weekly template), classify each
progress note as key progress or an activity list, and flag what a coach would flag.

The weekly update per KR is *progress – risks/support needed – next week's to-dos*. Progress
should be key progress ("3 家客户已成单"), not a list of actions ("本周拜访了 5 家客户"); a red
KR needs a risk or a request for support; a next-week item needs an owner. Findings come from
the CHECKIN6xx rules in the same registry as every other rule, so ``select``/``ignore`` apply.

Every update row in is a row out, in order, with the input columns kept.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..analysis import Analysis
from ..analysis.mentions import extract_mentions
from ..analysis.normalize import shadow
from ..rules.config import Config
from ..core.errors import OKRInputError
from ..core.model import Finding, Judgement
from ..readers import read_okrs, table_from_frame
from ..readers.headers import normalise_header
from ..cycle.scoring import ScoreReading, read_score, traffic_light

if TYPE_CHECKING:
    from ..cycle.rhythm import Rhythm

# columns a weekly update table may have beyond the OKR ones (matched like every header: any case, zh/en)
UPDATE_SYNONYMS = {
    "risks": ("risks", "risk", "风险", "风险与支持", "风险和支持", "需要的支持", "需要支持", "risksandsupport",
              "risksupport", "blockers", "support", "问题与风险", "困难与支持"),
    "next": ("next", "nextweek", "nextsteps", "下周计划", "下周", "下周待办", "下周工作", "下周安排", "plan", "todo",
             "nextweekplan"),
    "week": ("week", "周", "周次", "周报周期", "weekof", "date", "日期"),
}
_UPDATE_LOOKUP = {syn: canon for canon, syns in UPDATE_SYNONYMS.items() for syn in syns}
CHECKIN_COLUMNS = ["okr_row", "progress_label", "progress_confidence", "progress_unsure", "score_value", "light",
                   "findings", "messages"]

# The Markdown weekly template (see okrcoach.reports.weekly_template): "### KR1.2: …" then "- 进展 / Progress: …".
_MD_OBJECTIVE = re.compile(r"^\s*#{1,3}\s*(?:O|目标|objective)\s*[\d一二三四五六七八九十]*\s*[:：.、\-—]\s*(.*)$",
                           re.IGNORECASE)
_MD_KR = re.compile(r"^\s*#{2,4}\s*KR\s*[\d.]*\s*[:：.、]\s*(.*)$", re.IGNORECASE)
_MD_TITLE = re.compile(r"^\s*#\s+.*(?:周报|weekly\s+update)(.*)$", re.IGNORECASE)
_WEEK = re.compile(r"^\d{4}\s*-?\s*W\d{1,2}$|^W\d{1,2}$|^第\s*\d+\s*周$", re.IGNORECASE)
_MD_FIELD = re.compile(r"^\s*[-*]\s*([^:：]{1,40}?)\s*[:：]\s*(.*)$")
_MD_FIELDS = {"score": ("得分", "score", "得分 / score", "评分", "信心", "confidence"),
              "progress": ("进展", "progress", "进展 / progress", "本周进展"),
              "risks": ("风险与支持", "risks & support", "风险与支持 / risks & support", "风险", "risks"),
              "next": ("下周计划", "next week", "下周计划 / next week", "下周", "next")}
_MD_LOOKUP = {normalise_header(s): canon for canon, syns in _MD_FIELDS.items() for s in syns}
# Next-week items: split on ；; 、 newlines and "1." / "2)" numbering.
_ITEM_SPLIT = re.compile(r"[;；\n]+|(?:^|\s)\d+[.)、]\s*")
_OWNER_IN_ITEM = re.compile(r"(?:负责人|owner|by)\s*[:：]\s*\S|[(（][^()（）]{1,20}负责[)）]", re.IGNORECASE)


@dataclass
class CheckinContext:
    """What a CHECKIN rule sees: one KR's weekly update."""

    key_result: str
    progress: str
    risks: str
    next: str
    score: ScoreReading | None
    judgement: Judgement | None  # key_progress / activity for the progress note (None when it is empty)
    analysis: Analysis | None
    config: Config
    row: int | None = None
    status_light: str = ""  # a tool's own status light (Feishu: normal/risk/delayed), used when there is no score

    @property
    def light(self) -> str:
        scored = self.score is not None and self.score.value is not None
        return traffic_light(self.score.value) if scored else self.status_light


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


def next_items(text: str) -> list[str]:
    """Next week's to-dos as separate items.

    >>> next_items("@张磊 约客户；整理纪要; 2) @Priya review the contract")
    ['@张磊 约客户', '整理纪要', '@Priya review the contract']
    """
    return [p.strip(" ,，、-—") for p in _ITEM_SPLIT.split(text or "") if p and p.strip(" ,，、-—")]


def item_has_owner(item: str) -> bool:
    """An item names who does it: an @mention (full-width ＠ too; an e-mail address is not one),
    "负责人: X", "owner: X", or "(X 负责)".

    >>> item_has_owner("＠许文静 准备报价"), item_has_owner("mail sam@example.com the deck")
    (True, False)
    """
    text = shadow(item)
    return bool(_OWNER_IN_ITEM.search(text)) or bool(extract_mentions(text))


def parse_weekly_markdown(text: str, source: str = "<weekly update>") -> pd.DataFrame:
    """The Markdown weekly template → one row per KR (objective, key_result, score, progress, risks, next, line).

    Lines outside a KR block (titles, notes) are ignored; a KR block without any field is kept
    with empty fields, so no KR is lost.
    """
    rows: list[dict] = []
    objective = owner = week = ""
    current: dict | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        if m := _MD_KR.match(line):
            current = {"week": week, "owner": owner, "objective": objective, "key_result": m.group(1).strip(),
                       "score": "", "progress": "", "risks": "", "next": "", "line": number}
            rows.append(current)
        elif m := _MD_OBJECTIVE.match(line):  # before the title: "# O1: 让周报真正有用" is an objective
            objective, current = m.group(1).strip(), None
        elif m := _MD_TITLE.match(line):  # "# 周报 · Weekly update — 2026-W37 — 陈思琪"
            parts = [p.strip() for p in re.split(r"\s+[—–-]\s+", m.group(1)) if p.strip()]
            week = next((p for p in parts if _WEEK.match(p)), "")
            owner = next((p for p in reversed(parts) if not _WEEK.match(p)), "")
            objective, current = "", None
        elif current is not None and (m := _MD_FIELD.match(line)):
            key = _MD_LOOKUP.get(normalise_header(m.group(1)))
            if key:
                current[key] = m.group(2).strip()
    if not rows:
        raise OKRInputError("has no KR blocks ('### KR1.1: …' followed by '- 进展 / Progress: …' lines)", path=source)
    import pandas as pd

    frame = pd.DataFrame(rows, columns=["week", "owner", "objective", "key_result", "score", "progress", "risks",
                                        "next", "line"])
    return frame.drop(columns=[c for c in ("week", "owner") if not frame[c].any()])


def read_updates(source, sheet: str | int | None = None) -> tuple[pd.DataFrame, list[int], dict[str, str], str]:
    """Read updates from a path (CSV/XLSX/MD) or a DataFrame.

    Returns the user's frame (strings, untouched), the source row numbers, the column map
    (canonical → user header) and the source name.
    """
    import pandas as pd  # here, not at import: the CHECKIN rules import this module, and 'check' needs no pandas

    if isinstance(source, (list, tuple)):
        return _read_several(list(source), sheet)
    if isinstance(source, pd.DataFrame):
        table, name = table_from_frame(source), "<DataFrame>"
    else:
        from ..readers.feishu import JSON_SUFFIXES, read_export, updates_frame  # pandas: not at import (see above)

        path = Path(source)
        name = str(source)
        if path.suffix.lower() in JSON_SUFFIXES:  # Feishu/Lark progress records (okr +progress-list)
            if not path.is_file():
                raise OKRInputError("no such file", path=name)
            return _from_frame(updates_frame(read_export(path)), name)
        if path.suffix.lower() in (".md", ".markdown"):
            if not path.is_file():
                raise OKRInputError("no such file", path=name)
            try:
                text = path.read_text(encoding="utf-8-sig")
            except UnicodeDecodeError:
                raise OKRInputError("is not UTF-8 text", path=name) from None
            frame = parse_weekly_markdown(text, name)
            rows = frame.pop("line").tolist()
            table = table_from_frame(frame, source=name)
            return table.frame, rows, _column_map(table.frame.columns, table.columns), name
        table = read_okrs(path, sheet=sheet)
    cmap = _column_map(table.frame.columns, table.columns)
    if "key_result" not in cmap:
        raise OKRInputError("has no key-result column (key_result / kr / 关键结果)", path=name)
    if "progress" not in cmap:
        raise OKRInputError("has no progress column (progress / 进展 / 本周进展)", path=name, column="progress")
    return table.frame, [r.row for r in table.rows], cmap, name


def read_updates_bytes(data: bytes, source: str = "<stdin>") -> tuple[pd.DataFrame, list[int], dict[str, str], str]:
    """Updates from bytes (standard input): Feishu/Lark progress records as JSON, else a CSV table."""
    from ..readers.feishu import looks_like_json, read_export, updates_frame
    from ..readers.tables import read_csv_table

    if looks_like_json(data):
        return _from_frame(updates_frame(read_export(source, data)), source)
    raw = read_csv_table(source, data)
    frame, _, cmap, _ = read_updates(raw.frame)
    return frame, [raw.first_row + i for i in range(len(frame))], cmap, source


def check_update_bytes(data: bytes, config: Config | None = None, judge=None, source: str = "<stdin>") -> CheckinResult:
    """:func:`check_updates` for bytes read from standard input (``okrcoach checkin -``)."""
    from ..classifier.model import default_judge

    config = config or Config()
    judge = judge if judge is not None else default_judge(config)
    return _check(*read_updates_bytes(data, source), config, judge)


def _from_frame(frame: pd.DataFrame, name: str) -> tuple[pd.DataFrame, list[int], dict[str, str], str]:
    """A parsed update table (one row per record); row numbers are the report's (header on row 1)."""
    table = table_from_frame(frame, source=name)
    return table.frame, [i + 2 for i in range(len(table.frame))], _column_map(table.frame.columns, table.columns), name

def _read_several(sources: list, sheet: str | int | None) -> tuple[pd.DataFrame, list[int], dict[str, str], str]:
    """Several weekly files as one table, in the order given: a ``source_file`` column says where each row came
    from, and a file without a week column (or week in its title) is that week, named by its file name."""
    import pandas as pd
    if not sources:
        raise OKRInputError("no weekly update files given", path="")
    if len(sources) == 1:
        return read_updates(sources[0], sheet)
    frames, rows, names = [], [], []
    for src in sources:
        frame, src_rows, cmap, name = read_updates(src, sheet)
        frame = frame.copy()
        if "week" not in cmap:
            frame["week"] = Path(name).stem
        else:
            frame = frame.rename(columns={cmap["week"]: "week"})
        frame.insert(0, "source_file", Path(name).name)
        frames.append(frame)
        rows.extend(src_rows)
        names.append(name)
    frame = pd.concat(frames, ignore_index=True).fillna("").astype(object)
    from ..readers.headers import map_columns

    return frame, rows, _column_map(frame.columns, map_columns(list(frame.columns))), " + ".join(names)


def _column_map(headers, okr_columns) -> dict[str, str]:
    cmap = {c: okr_columns.get(c) for c in ("objective", "key_result", "owner", "score", "progress", "team")
            if okr_columns.get(c)}
    for header in headers:
        canon = _UPDATE_LOOKUP.get(normalise_header(header))
        if canon and canon not in cmap:
            cmap[canon] = header
    return cmap


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
    from ..classifier.features import cached_analyse  # here, not at import: the rules import this module
    from ..rules.engine import make_finding
    from ..rules.registry import Rule

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
