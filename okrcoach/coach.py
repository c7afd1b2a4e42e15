"""The one-call Python API for a pasted draft: ``check_draft(text)`` → findings per line with spans."""
from __future__ import annotations

from dataclasses import dataclass, field

from .auditing import AuditResult, run_audit
from .config import Config
from .model import Finding, Severity
from .readers import read_draft


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


@dataclass
class DraftReport:
    lines: list[LineReport]
    audit: AuditResult

    @property
    def findings(self) -> list[Finding]:
        return [f for line in self.lines for f in line.findings]

    def worst(self) -> Severity | None:
        return max((f.severity for f in self.findings), key=lambda s: s.rank, default=None)

    @property
    def score(self) -> float:
        """The draft's health score (0–100), the same formula as department audits."""
        return self.audit.summary.overall["health"]

    def to_dict(self) -> dict:
        return {"score": self.score, "lines": [l.to_dict() for l in self.lines],
                "summary": self.audit.summary.overall}


def check_draft(text: str, config: Config | None = None, judge=None, parents: list[str] | None = None) -> DraftReport:
    """Check a pasted draft (zh or en). Findings about an objective or the set go on the objective's line.

    >>> report = check_draft("O1: 提升核心用户的续费体验\\nKR1: 上线新版会员中心")
    >>> [(l.kind, l.label) for l in report.lines]
    [('objective', 'ok'), ('kr', 'todo')]
    """
    config = config or Config()
    table = read_draft(text)
    result = run_audit(table, config=config, judge=judge, parents=parents)
    lines: list[LineReport] = []
    draft = table.draft or []
    # map each KR line back to its row result, and each objective to its first row
    kr_rows = iter([(r, res) for r, res in zip(table.rows, result.results) if r.key_result])
    obj_first: dict[str, tuple] = {}
    for r, res in zip(table.rows, result.results):
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
    return DraftReport(lines, result)
