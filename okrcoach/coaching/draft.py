"""The one-call Python API for a pasted draft: ``check_draft(text)`` → findings per line with spans."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from ..core.model import Finding, Severity
from ..readers import OKRTable, read_draft
from ..rules.config import Config
from ..rules.figures import overall_figures

if TYPE_CHECKING:
    from ..auditing import AuditResult


@dataclass
class LineReport:
    """One objective or KR of a draft, where it is, how it was judged and what a coach would say."""

    kind: str  # objective | kr
    text: str
    line: int
    column: int
    label: str
    confidence: float
    unsure: bool
    lang: str
    findings: list[Finding] = field(default_factory=list)
    okr_type: str = ""  # the objective's committed/aspirational/learning type ("" when neither given nor inferred)
    okr_type_source: str = ""  # "given" (a tag: the rules follow it) or "inferred" (a hint only)

    def to_dict(self) -> dict:
        return {"kind": self.kind, "text": self.text, "line": self.line, "column": self.column, "label": self.label,
                "confidence": round(self.confidence, 3), "unsure": self.unsure, "lang": self.lang,
                "okr_type": self.okr_type, "okr_type_source": self.okr_type_source,
                "findings": [f.to_dict(self.lang) for f in self.findings]}


class DraftReport:
    """A checked draft: its lines, and (built on first use, with pandas) the draft as an audit."""

    def __init__(self, lines: list[LineReport], table: OKRTable, results: list, config: Config):
        self.lines = lines
        self.table, self.results, self.config = table, results, config

    @cached_property
    def audit(self) -> "AuditResult":
        """The draft as a one-set department audit (frame in the output contract, summary)."""
        from ..auditing import AuditResult, group_levels
        from ..auditing.summary import SummaryBuilder, normalised_frame
        from ..auditing.table import build_audit_frame

        frame = build_audit_frame(self.table, self.results)
        summary = SummaryBuilder(group_levels(self.table), self.config).add(normalised_frame(self.table.rows, frame)).finish()
        return AuditResult(frame, summary, self.table, self.results)

    @cached_property
    def overall(self) -> dict:
        """The overall figures of :attr:`audit`'s summary, without pandas (``check`` prints them every run)."""
        return overall_figures(self.table.rows, self.results, self.config.min_krs, self.config.max_krs)

    @property
    def findings(self) -> list[Finding]:
        return [f for line in self.lines for f in line.findings]

    def worst(self) -> Severity | None:
        return max((f.severity for f in self.findings), key=lambda s: s.rank, default=None)

    @property
    def score(self) -> float:
        """The draft's health score (0–100), the same formula as department audits."""
        return self.overall["health"]

    def to_dict(self) -> dict:
        return {"score": self.score, "lines": [l.to_dict() for l in self.lines],
                "summary": self.overall}


def check_draft(text: str, config: Config | None = None, judge=None, parents: list[str] | None = None) -> DraftReport:
    """Check a pasted draft (zh or en). Findings about an objective or the set go on the objective's line.

    >>> report = check_draft("O1: 提升核心用户的续费体验\\nKR1: 上线新版会员中心")
    >>> [(l.kind, l.label) for l in report.lines]
    [('objective', 'ok'), ('kr', 'todo')]
    """
    from ..rules.engine import check_table

    config = config or Config()
    table = read_draft(text)
    if judge is None:
        from ..classifier.model import default_judge

        judge = default_judge(config)
    results = check_table(table, config, judge, parents)
    lines: list[LineReport] = []
    draft = table.draft or []
    # map each KR line back to its row result, and each objective to its first row
    kr_rows = iter([(r, res) for r, res in zip(table.rows, results) if r.key_result])
    obj_first: dict[str, tuple] = {}
    for r, res in zip(table.rows, results):
        obj_first.setdefault(r.objective, (r, res))
    for d in draft:
        if d.kind == "kr":
            r, res = next(kr_rows)
            j, a = res.kr, res.kr_analysis
            findings = [f for f in res.findings if f.target in ("kr", "alignment", "input") and f.text == d.text
                        or (f.target == "set" and f.text == d.text)]
        else:
            r, res = obj_first.get(d.text, (None, None))
            if res is None:
                continue
            j, a = res.objective, res.objective_analysis
            findings = [f for f in res.findings if f.text == d.text and f.target in ("objective", "set", "alignment")]
            if len([x for x in draft if x.kind == "objective" and x.text == d.text]) > 1 and \
                    d is not next(x for x in draft if x.kind == "objective" and x.text == d.text):
                findings = []
        lines.append(LineReport(d.kind, d.text, d.line, d.column, j.label if j else "", j.confidence if j else 0.0,
                                j.unsure if j else False, a.lang if a else "en", findings, res.okr_type,
                                res.okr_type_source))
    return DraftReport(lines, table, results, config)
