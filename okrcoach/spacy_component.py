"""okrcoach as a spaCy pipeline component: ``nlp.add_pipe("okrcoach")``.

Each Doc is one OKR line. The component sets

- ``doc._.okr_analysis`` — the :class:`~okrcoach.analysis.Analysis` (quantities, deadlines, cues …)
- ``doc._.okr_label`` / ``doc._.okr_confidence`` — the classifier's judgement
- ``doc._.okr_findings`` — the :class:`~okrcoach.core.model.Finding` list, the same as ``okrcoach check``
- ``doc.spans["okrcoach"]`` — one span per finding that points at words, labelled with the rule code

The rules come from the one registry the CLI and widgets use; nothing is re-implemented here.

>>> import spacy
>>> nlp = spacy.blank("en")
>>> _ = nlp.add_pipe("okrcoach", config={"kind": "kr", "use_model": False})
>>> doc = nlp("Run 4 webinars for the partner channel")
>>> doc._.okr_label, [(s.label_, s.text) for s in doc.spans["okrcoach"]]
('todo', [('KR101', 'Run'), ('KR107', '4')])
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .rules.config import Config

for _name in ("okr_analysis", "okr_label", "okr_confidence", "okr_findings"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


class OKRCoachComponent:
    def __init__(self, nlp: Language, name: str, kind: str, use_model: bool, select: list[str], ignore: list[str]):
        if kind not in ("kr", "objective"):
            raise ValueError("kind must be 'kr' or 'objective'")
        self.name, self.kind = name, kind
        self.config = Config(select=list(select), ignore=list(ignore))
        self.use_model = use_model
        self._judge = None

    @property
    def judge(self):
        if self._judge is None:
            from .classifier.judge import LexiconJudge
            from .classifier.model import default_judge

            self._judge = default_judge(self.config) if self.use_model else LexiconJudge()
        return self._judge

    def __call__(self, doc: Doc) -> Doc:
        from .rules.engine import check_line

        judgement, analysis, findings = check_line(doc.text, self.kind, self.config, self.judge)
        doc._.okr_analysis = analysis
        doc._.okr_label = judgement.label if judgement else None
        doc._.okr_confidence = judgement.confidence if judgement else None
        doc._.okr_findings = findings
        spans = []
        for f in findings:
            if f.start is None or f.end is None or f.end <= f.start:
                continue
            span = doc.char_span(f.start, f.end, label=f.code, alignment_mode="expand")
            if span is not None:
                spans.append(span)
        doc.spans["okrcoach"] = spans
        return doc


@Language.factory("okrcoach", default_config={"kind": "kr", "use_model": True, "select": [], "ignore": []})
def make_okrcoach_component(nlp: Language, name: str, kind: str, use_model: bool, select: list[str],
                            ignore: list[str]) -> OKRCoachComponent:
    return OKRCoachComponent(nlp, name, kind, use_model, select, ignore)
