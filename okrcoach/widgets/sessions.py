"""The state behind the widgets, as plain Python: no ipywidgets here, so all logic tests run headless.

>>> s = CoachSession()
>>> report = s.check("O1: 提升核心用户的续费体验\\nKR1: 上线新版会员中心")
>>> [line.label for line in report.lines]
['ok', 'todo']
>>> s.apply(1, 0)  # the first finding's rewrite on line index 1 (the KR)  # doctest: +ELLIPSIS
'O1: 提升核心用户的续费体验\\nKR1: 新版会员中心上线后，...'
"""
from __future__ import annotations

import dataclasses
import re
import shutil
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

import pandas as pd

from ..coaching.draft import DraftReport, LineReport, check_draft
from ..core.errors import OKRInputError
from ..core.model import Finding
from ..readers import parse_draft
from ..rules.config import Config

DATA_DIR = Path(__file__).resolve().parents[1] / "data"
EXAMPLES = {  # file → (zh title, en title)
    "draft_zh_bad.md": ("中文草稿（待改进）", "Chinese draft (needs work)"),
    "draft_en_bad.md": ("英文草稿（待改进）", "English draft (needs work)"),
    "draft_zh_good.md": ("中文草稿（较好）", "Chinese draft (good)"),
    "draft_en_good.md": ("英文草稿（较好）", "English draft (good)"),
}


@contextmanager
def uploaded_file(filename: str, content: bytes, prefix: str = "okrcoach-upload-") -> Iterator[tuple[Path, str]]:
    """An upload written to a temp folder under its own name (the suffix picks the reader), removed after.

    Yields ``(path, name)``; callers show ``name`` in messages, never the temp path.
    """
    name = Path(str(filename or "")).name or "upload.csv"
    folder = Path(tempfile.mkdtemp(prefix=prefix))
    try:
        path = folder / name
        path.write_bytes(bytes(content))
        yield path, name
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def example_text(name: str) -> str:
    """A bundled example draft by file name (see :data:`EXAMPLES`)."""
    if name not in EXAMPLES:
        raise OKRInputError(f"unknown example {name!r}; choose one of {', '.join(EXAMPLES)}")
    return (DATA_DIR / name).read_text(encoding="utf-8")


def replace_in_draft(draft: str, line: int, column: int, old: str, new: str) -> str:
    """Replace ``old`` (found at ``line``/``column``, 1-based line) with ``new``; everything else is kept.

    If the draft moved since it was checked, ``old`` is looked for on that line, then anywhere.

    >>> replace_in_draft("O1: 收入\\nKR1: 上线 A  KR2: 上线 B", 2, 15, "上线 B", "B 使用率达到 30%")
    'O1: 收入\\nKR1: 上线 A  KR2: B 使用率达到 30%'
    """
    lines = draft.splitlines(keepends=True)  # the same line split the draft parser uses
    if 1 <= line <= len(lines):
        text = lines[line - 1]
        if text[column:column + len(old)] == old:
            lines[line - 1] = text[:column] + new + text[column + len(old):]
            return "".join(lines)
        at = text.find(old, column) if text.find(old, column) >= 0 else text.find(old)  # nearest after the column
        if old and at >= 0:
            lines[line - 1] = text[:at] + new + text[at + len(old):]
            return "".join(lines)
    if old and old in draft:
        return draft.replace(old, new, 1)
    raise OKRInputError(f"cannot find {old!r} in the draft any more; check the draft again")


class CoachSession:
    """A workshop participant's draft: the current text, its report, and the before/after score.

    The first draft checked that has any objective or KR sets ``before``; ``after`` is always
    the latest check, so ``delta`` shows how much the rewrites helped.
    """

    def __init__(self, text: str = "", config: Config | None = None, judge=None, message_lang: str = "auto"):
        self.text = text
        self.config = config
        self.judge = judge
        self.message_lang = message_lang  # "auto" (each line's language), "zh" or "en"
        self.report: DraftReport | None = None
        self.checked_text: str | None = None
        self.before: float | None = None
        self.scores: list[float] = []

    # -- checking ---------------------------------------------------------------------------
    def check(self, text: str | None = None) -> DraftReport | None:
        """Check ``text`` (or the current text); None when it has no objective or KR line yet.

        The same text is not checked twice.
        """
        if text is not None:
            self.text = text
        if self.checked_text == self.text:
            return self.report
        if not parse_draft(self.text):  # nothing to judge yet (an empty box, a title being typed)
            self.report, self.checked_text = None, self.text
            return None
        self.report = check_draft(self.text, config=self.config, judge=self.judge)
        self.checked_text = self.text
        if self.report.lines:
            if self.before is None:
                self.before = self.report.score
            self.scores.append(self.report.score)
        return self.report

    @property
    def stale(self) -> bool:
        return self.checked_text != self.text

    @property
    def lines(self) -> list[LineReport]:
        return self.report.lines if self.report else []

    @property
    def after(self) -> float | None:
        return self.report.score if self.report and self.report.lines else None

    @property
    def delta(self) -> float | None:
        if self.before is None or self.after is None:
            return None
        return round(self.after - self.before, 1)

    def reset_before(self) -> None:
        """Make the current draft the new "before" (e.g. for the next participant)."""
        self.before = self.after
        self.scores = [self.after] if self.after is not None else []

    def message(self, line: LineReport, finding: Finding) -> str:
        return finding.message(self.message_language(line))

    def message_language(self, line: LineReport) -> str:
        return line.lang if self.message_lang == "auto" else self.message_lang

    def finding(self, line_index: int, finding_index: int) -> tuple[LineReport, Finding]:
        try:
            line = self.lines[line_index]
            return line, line.findings[finding_index]
        except IndexError:
            raise OKRInputError(f"no finding {finding_index} on line {line_index}; check the draft again") from None

    # -- rewriting ---------------------------------------------------------------------------
    def apply(self, line_index: int, finding_index: int, replacement: str | None = None,
              text: str | None = None) -> str:
        """Replace a line's text with the finding's suggestion (or ``replacement``) and check again.

        ``text`` is the draft as it is now (a participant may have typed since the last check);
        the line is found by its line/column/text from the last check.
        """
        _, finding = self.finding(line_index, finding_index)
        new = replacement if replacement is not None else finding.suggestion
        if not new.strip():
            raise OKRInputError(f"{finding.code} has no suggested rewrite")
        return self.rewrite(line_index, new, text=text)

    def rewrite(self, line_index: int, new: str, text: str | None = None) -> str:
        """Replace one objective's or KR's text (by its index in ``lines``) with ``new`` and check again."""
        try:
            line = self.lines[line_index]
        except IndexError:
            raise OKRInputError(f"no line {line_index} in the last check; check the draft again") from None
        new = " ".join(new.split())  # one line stays one line
        if not new:
            raise OKRInputError("the rewrite is empty")
        draft = self.text if text is None else text
        self.text = replace_in_draft(draft, line.line, line.column, line.text, new)
        self.check()
        return self.text

    # -- KR ideas ----------------------------------------------------------------------------
    def kr_ideas(self, line_index: int, n: int = 5) -> list:
        """Outcome KR ideas for the objective at ``line_index`` (see :func:`okrcoach.coaching.ideas.suggest_krs`)."""
        from ..coaching.ideas import suggest_krs

        try:
            line = self.lines[line_index]
        except IndexError:
            raise OKRInputError(f"no line {line_index} in the last check; check the draft again") from None
        if line.kind != "objective":
            raise OKRInputError("KR ideas are for objectives; pick an objective line")
        return suggest_krs(line.text, n, config=self.config)

    def add_kr(self, line_index: int, kr_text: str, text: str | None = None) -> str:
        """Insert ``kr_text`` as a new KR after the last KR of the objective at ``line_index``, and check again.

        The new line copies the neighbours' label style (``KR2:`` after ``KR1:``, ``- `` after bullets).
        """
        try:
            objective = self.lines[line_index]
        except IndexError:
            raise OKRInputError(f"no line {line_index} in the last check; check the draft again") from None
        new = " ".join(str(kr_text).split())
        if not new:
            raise OKRInputError("the KR is empty")
        krs = []
        for line in self.lines[line_index + 1:]:
            if line.kind == "objective":
                break
            krs.append(line)
        draft = self.text if text is None else text
        rows = draft.splitlines()
        after = (krs[-1].line if krs else objective.line)
        after = min(max(after, 1), len(rows))
        self.text = "\n".join(rows[:after] + [_kr_label(rows, objective, krs) + new] + rows[after:]) + (
            "\n" if draft.endswith("\n") else "")
        self.check()
        return self.text

    def line_index(self, text: str) -> int:
        """The index in ``lines`` of the first objective or KR whose text is ``text``."""
        for i, line in enumerate(self.lines):
            if line.text == text:
                return i
        raise OKRInputError(f"no objective or KR {text!r} in the last check")


_KR_LABEL = re.compile(r"^(\s*(?:[-*+•]\s*)?(?:\*\*)?)(KR|kr|Kr)(\s*)(\d+)(?:([.．])(\d+))?(\s*[:：.、\-]?\s*)")
_BULLET = re.compile(r"^(\s*[-*+•]\s+)")


def _kr_label(rows: list[str], objective, krs: list) -> str:
    """The label a new KR line gets, copied from the objective's last KR (or ``KRn:`` after ``On:``)."""
    if krs:
        last = rows[krs[-1].line - 1] if 0 < krs[-1].line <= len(rows) else ""
        m = _KR_LABEL.match(last)
        if m and krs[-1].column >= m.end():  # one KR per line: number the next one
            lead, kr, gap, major, dot, minor, sep = m.groups()
            number = f"{major}{dot}{int(minor) + 1}" if minor else str(int(major) + 1)
            return f"{lead}{kr}{gap}{number}{sep or ': '}"
        b = _BULLET.match(last)
        if b:
            return b.group(1)
        return "KR: "
    head = rows[objective.line - 1] if 0 < objective.line <= len(rows) else ""
    m = re.match(r"^\s*(?:[-*+•]\s*)?(?:\*\*)?(?:O|Objective|目标)\s*(\d+)", head, re.IGNORECASE)
    zh = objective.lang == "zh"
    if m:
        return f"KR{m.group(1)}.1{'：' if zh and '：' in head else ': '}"
    return "KR1: "


@dataclass(frozen=True)
class AuditFilters:
    """Which rows the drill-down shows. Empty means "all"."""

    codes: tuple[str, ...] = ()
    severity: str = ""
    teams: tuple[str, ...] = ()


EXPORT_FORMATS = ("xlsx", "html", "csv")


@dataclass
class AuditSession:
    """An audit loaded from a path, an upload or a DataFrame, with filters and exports."""

    config: Config | None = None
    judge: object = None
    result: object = None  # AuditResult
    name: str = ""
    error: str = ""
    filters: AuditFilters = field(default_factory=AuditFilters)
    _charts: dict | None = field(default=None, repr=False)

    # -- loading ----------------------------------------------------------------------------
    def load(self, source, name: str | None = None):
        """Audit a path, DataFrame or an existing AuditResult. Input errors land in ``error`` (one line)."""
        from ..auditing import AuditResult, run_audit

        self.error = ""
        try:
            result = source if isinstance(source, AuditResult) else run_audit(source, config=self.config, judge=self.judge)
        except OKRInputError as exc:
            self.error = exc.one_line()
            return None
        if name is None:
            name = Path(str(source if isinstance(source, (str, Path)) else result.table.source)).name
        self._set(result, name if name and not name.startswith("<") else "okrs")
        return result

    def load_upload(self, filename: str, content: bytes):
        """Audit uploaded bytes: written to a temp folder under the upload's own name (the suffix picks the reader)."""
        with uploaded_file(filename, content) as (path, name):
            self.error = ""
            try:
                from ..auditing import run_audit

                result = run_audit(path, config=self.config, judge=self.judge)
            except OKRInputError as exc:
                # name the file the user chose, not our temp copy
                self.error = exc.one_line().replace(str(path), name)
                return None
            result.table.source = name
            self._set(result, name)
            return result

    def _set(self, result, name: str) -> None:
        self.result, self.name, self._charts = result, name, None
        self.filters = AuditFilters()

    @property
    def loaded(self) -> bool:
        return self.result is not None

    # -- what the data has -----------------------------------------------------------------
    def column(self, name: str) -> str:
        """Our contract column's name in the frame (``okrcoach_``-prefixed when the input had one like it)."""
        return name if name not in self.result.table.frame.columns else f"okrcoach_{name}"

    def levels(self) -> list[str]:
        return list(self.result.summary.groups) if self.loaded else []

    def codes(self) -> list[tuple[str, int]]:
        """Rule codes found, with how many rows carry each."""
        return list(self.result.summary.findings_by_code.items()) if self.loaded else []

    def teams(self) -> list[str]:
        if not self.loaded or "team" not in self.levels():
            return []
        return list(dict.fromkeys(r.team or "(blank)" for r in self.result.table.rows))

    def rows_frame(self) -> pd.DataFrame:
        """The audit frame with the reader's normalised team/owner/objective/KR beside it (for filters and views)."""
        frame = self.result.frame
        rows = self.result.table.rows
        norm = pd.DataFrame({
            "row": [r.row for r in rows],
            "department": [r.department for r in rows],
            "team": [r.team or "(blank)" for r in rows],
            "owner": [r.owner for r in rows],
            "objective": [r.objective for r in rows],
            "key_result": [r.key_result for r in rows],
            "label": frame[self.column("kr_label")].where(frame[self.column("kr_label")] != "",
                                                          frame[self.column("objective_label")]).tolist(),
            "findings": frame[self.column("findings")].tolist(),
            "messages": frame[self.column("messages")].tolist(),
            "suggestions": frame[self.column("suggestions")].tolist(),
        }, index=frame.index)
        return norm

    # -- filtering --------------------------------------------------------------------------
    def set_filters(self, codes=(), severity: str = "", teams=()) -> AuditFilters:
        self.filters = AuditFilters(tuple(codes), severity or "", tuple(teams))
        return self.filters

    def mask(self, filters: AuditFilters | None = None) -> pd.Series:
        """Rows with a finding that matches the rule codes and severity filters, in the chosen teams.

        With no code and no severity chosen every row in the chosen teams matches (also the clean ones).
        """
        from ..rules.registry import all_rules

        f = filters or self.filters
        rows = self.rows_frame()
        severity_of = {r.code: r.severity.value for r in all_rules()}

        def matches(codes: str) -> bool:
            found = [c for c in codes.split(";") if c]
            return any((not f.codes or c in f.codes) and (not f.severity or severity_of.get(c) == f.severity)
                       for c in found)

        keep = rows["findings"].map(matches) if (f.codes or f.severity) else pd.Series(True, index=rows.index)
        if f.teams:
            keep &= rows["team"].isin(f.teams)
        return keep.astype(bool)

    def filtered(self, filters: AuditFilters | None = None) -> pd.DataFrame:
        """The filtered rows of the audit frame (the contract columns and the user's own)."""
        if not self.loaded:
            return pd.DataFrame()
        return self.result.frame[self.mask(filters)]

    def drill_down(self, filters: AuditFilters | None = None) -> pd.DataFrame:
        """The filtered rows, as people read them: where, what, how it was judged, why, what to write."""
        if not self.loaded:
            return pd.DataFrame()
        return self.rows_frame()[self.mask(filters)]

    # -- views ------------------------------------------------------------------------------
    def summary(self, level: str) -> pd.DataFrame:
        return self.result.summary.groups[level]

    def charts(self, lang: str | None = None) -> dict[str, bytes]:
        """The four audit charts as PNG bytes, titled in ``lang`` (both languages if None); made once
        per loaded audit and language, by the same code and font as the reports and notebook 02."""
        if self._charts is None:
            self._charts = {}
        if lang not in self._charts:
            from ..reports.charts import audit_charts

            self._charts[lang] = audit_charts(self.result.summary, fmt="png", lang=lang)
        return self._charts[lang]

    # -- exporting --------------------------------------------------------------------------
    @property
    def stem(self) -> str:
        stem = Path(self.name).stem if self.name else "okrs"
        return f"{stem or 'okrs'}-audit"

    def export(self, fmt: str, folder: str | Path = ".", lang: str | None = None) -> Path:
        """Write the full audit report (``xlsx``, ``html`` or ``csv``) into ``folder``; return its path.
        ``lang`` names the Excel/HTML columns (default: the rows' majority language)."""
        from ..reports import write_report

        if not self.loaded:
            raise OKRInputError("nothing to export yet: load a file first")
        fmt = fmt.lower().lstrip(".")
        if fmt not in EXPORT_FORMATS:
            raise OKRInputError(f"unknown export format {fmt!r}; use one of {', '.join(EXPORT_FORMATS)}")
        folder = Path(folder).expanduser()
        return write_report(self.result, folder / f"{self.stem}.{fmt}", lang=lang).resolve()

    def filtered_csv(self, filters: AuditFilters | None = None) -> str:
        """The filtered rows as CSV text (the same defused cells as the CSV report)."""
        from ..reports import csv_text

        return csv_text(dataclasses.replace(self.result, frame=self.filtered(filters)))
