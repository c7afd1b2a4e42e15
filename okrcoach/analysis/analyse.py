"""One line of OKR text → facts with character spans. Every rule, feature and widget reads this."""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field

from ..core.lazy import cached_fact
from .changes import Change, extract_changes
from .deadlines import Deadline, extract_deadlines
from .language import detect_language
from .lexicon import Cue, Lexicon, default_lexicon
from .mentions import Mention, extract_mentions
from .normalize import CaselessPattern, shadow
from .placeholders import Placeholder, extract_placeholders
from .quantities import Quantity, extract_coverage, extract_quantities
from .tokens import Token, pos_tag_zh, tokenize_en, tokenize_zh

# Words that may stand before the main verb without being it ("力争", "By end of Q2,", "We will").
_LEAD_IN = re.compile(
    r"(?:\s|[,.:;!、·\-—*•>#]|在|于|将|把|要|需|需要|争取|力争|努力|全力|按期|如期|顺利|高质量|成功|独立|主导|牵头|协同|联合|"
    r"我们|我|团队|本人|和|与|并|同时|"
    r"\b(?:we|i|team|will|to|successfully|fully|and|also|then|help|jointly|together\s+with|with)\b)+",
    re.IGNORECASE,
)
_ZERO_AFTER = (r"(?=[\u4e00-\u9fff]{0,4}(?:事故|故障|投诉|缺陷|流失|差错|失误|逾期|延误|宕机|泄露|漏洞|事件|发生|违规|伤亡|丢失|"
               r"遗漏|返工|客诉|错误|退货|超时))")
# Every alternative opens with a literal character (a word start is the lookbehind after it: no word
# character before the z or n), so sre skips to those characters in one C scan instead of entering the
# engine at every position. The alternatives start with different characters: their order decides nothing.
_ZERO = CaselessPattern(
    rf"零{_ZERO_AFTER}|0\s?{_ZERO_AFTER}"
    r"|清零|归零|z(?<!\wz)ero\b|n(?<!\wn)o\s+(?:sev|p[0-2]\b|critical|major|repeat|unplanned|lost)",
)
_EN_ACTIVITY_AFTER = re.compile(r"^\s*(?:[A-Za-z-]+\s+){0,3}?(?:" + "|".join([
    "webinars?", "sessions?", "meetings?", "interviews?", "calls?", "posts?", "articles?", "trainings?", "workshops?",
    "events?", "visits?", "demos?", "reports?", "campaigns?", "videos?", "emails?", "newsletters?", "tickets?", "bugs?",
    "pull requests", "PRs", "reviews?", "lunch-and-learns?", "surveys?", "audits?", "courses?", "classes", "roadshows?",
    "meetups?", "podcasts?", "episodes?", "case studies", "whitepapers?", "one-on-ones", "1:1s", "invoices?", "requests?",
]) + r")\b", re.IGNORECASE)


_MAYBE_COVERAGE = re.compile(r"全员|覆盖")


def without_overlaps(items: list, spans: list) -> list:
    """``items`` that overlap none of ``spans`` (both have ``start``/``end``).

    Sorted, merged spans and a binary search keep this linear-logarithmic: a pasted 100k-character
    cell can hold tens of thousands of numbers and dates, and a pairwise test took minutes.
    """
    if not spans:
        return list(items)
    merged: list[list[int]] = []
    for start, end in sorted((s.start, s.end) for s in spans):
        if merged and start < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    starts = [m[0] for m in merged]
    out = []
    for item in items:
        i = bisect_left(starts, item.end) - 1  # the last span starting before the item ends
        if i < 0 or merged[i][1] <= item.start:
            out.append(item)
    return out


@dataclass
class Analysis:
    """Facts about one line. Spans index into ``text``; the cheap facts are computed eagerly,
    tokens and POS tags on first use (they cost more than everything else together)."""

    text: str
    lang: str
    mixed: bool
    quantities: list[Quantity]
    changes: list[Change]
    deadlines: list[Deadline]
    placeholders: list[Placeholder]
    mentions: list[Mention]
    cues: dict[str, list[Cue]]
    zero_targets: list[tuple[int, int]] = field(default_factory=list)
    lead: int = 0
    coverage: list[Quantity] = field(default_factory=list)  # 全员, every team: a threshold without a figure
    shadow_text: str = ""  # ``shadow(text)``, kept: the features, frames and type checks read it again

    # ---- derived facts -------------------------------------------------------------
    @cached_fact
    def metrics(self) -> list[Quantity]:
        """Quantities that are not part of a date (``6 月 30 日前`` holds no metric)."""
        return without_overlaps(self.quantities, self.deadlines)

    @property
    def has_metric(self) -> bool:
        return (bool(self.metrics) or bool(self.zero_targets) or bool(self.coverage)
                or any(c.kind == "multiplier" for c in self.changes))

    @property
    def has_placeholder(self) -> bool:
        return bool(self.placeholders)

    @property
    def has_deadline(self) -> bool:
        return bool(self.deadlines)

    @property
    def has_baseline(self) -> bool:
        return any(c.kind in ("baseline_target", "baseline_note") for c in self.changes)

    @cached_fact
    def activity_counts(self) -> list[Quantity]:
        """Counts of activities (8 次访谈, 6 webinars): effort, not results (labeling guidelines §1)."""
        if not self.metrics:
            return []
        units = {c.term for c in self.cues.get("activity", []) if c.lang == "zh"} | {"场", "次", "篇", "期", "轮", "场次"}
        out = []
        for q in self.metrics:
            if q.kind == "count" and q.unit in units:
                out.append(q)
            elif q.kind in ("number", "count") and not q.unit and _EN_ACTIVITY_AFTER.match(self.text[q.end:q.end + 60]):
                out.append(q)
        return out

    @cached_fact
    def result_metrics(self) -> list[Quantity]:
        """The metrics that are not activity counts: the figures a result is stated in (read-only)."""
        activity = self.activity_counts
        if not activity:
            return self.metrics
        spans = {(q.start, q.end) for q in activity}
        return [q for q in self.metrics if (q.start, q.end) not in spans]

    @cached_fact
    def leading_cue(self) -> Cue | None:
        """The task/change/result cue the line opens with, after lead-in words, dates and @mentions."""
        window = 2 if self.lang == "zh" else 0
        best = None
        for cat in ("task", "change", "result"):
            for cue in self.cues.get(cat, []):
                if self.lead <= cue.start <= self.lead + window and (best is None or cue.start < best.start
                                                                      or (cue.start == best.start and cue.end > best.end)):
                    best = cue
        return best

    @property
    def leading_task(self) -> Cue | None:
        cue = self.leading_cue
        return cue if cue is not None and cue.category == "task" else None

    @property
    def has_result_clause(self) -> bool:
        """An effect link ("带来", "so that") or a change/result verb that governs a metric or quantity."""
        anchors = [c for cat in ("effect", "change", "result") for c in self.cues.get(cat, [])]
        targets = [q.start for q in self.metrics] + [s for s, _ in self.zero_targets] + [c.start for c in self.cues.get("metric", [])]
        return any(t > a.start for a in anchors for t in targets) or any(c.kind != "multiplier" or True for c in self.changes)

    @property
    def masked_text(self) -> str:
        """The text with @mentions replaced by ``@``, so a collaborator's name never sways a label."""
        if not self.mentions:
            return self.text
        out, pos = [], 0
        for m in self.mentions:
            out.append(self.text[pos:m.start])
            out.append("@")
            pos = m.end
        out.append(self.text[pos:])
        return "".join(out)

    @cached_fact
    def tokens(self) -> list[Token]:
        return tokenize_zh(self.text) if self.lang == "zh" else tokenize_en(self.text)

    @cached_fact
    def pos_tags(self) -> list[Token]:
        """Chinese POS tags (jieba.posseg); English lines get tokens without tags (no tagger offline)."""
        return pos_tag_zh(self.text) if self.lang == "zh" else self.tokens

    def to_dict(self) -> dict:
        """A JSON-ready view, used by ``okrcoach check --format json`` and the widgets."""
        def spans(items, label):
            return [{"text": self.text[i.start:i.end], "start": i.start, "end": i.end, label: getattr(i, label, None)}
                    for i in items]
        return {
            "text": self.text, "lang": self.lang, "mixed": self.mixed,
            "quantities": [{"text": q.text, "start": q.start, "end": q.end, "value": q.value, "kind": q.kind,
                            "unit": q.unit, "comparator": q.comparator, "upper": q.upper} for q in self.quantities],
            "changes": [{"kind": c.kind, "start": c.start, "end": c.end, "text": self.text[c.start:c.end],
                         "baseline": c.baseline.value if c.baseline else None,
                         "target": c.target.value if c.target else None} for c in self.changes],
            "deadlines": spans(self.deadlines, "text"),
            "placeholders": spans(self.placeholders, "text"),
            "mentions": spans(self.mentions, "name"),
            "cues": {cat: [{"term": c.term, "lang": c.lang, "start": c.start, "end": c.end} for c in cues]
                     for cat, cues in self.cues.items() if cues},
            "has_metric": self.has_metric, "has_placeholder": self.has_placeholder,
            "has_deadline": self.has_deadline, "has_baseline": self.has_baseline,
            "leading_task": self.leading_task.term if self.leading_task else None,
        }


def analyse(text: str, lexicon: Lexicon | None = None) -> Analysis:
    """Analyse one line of OKR text (zh, en or mixed).

    >>> a = analyse("Q1 结束前将 NPS 从 35 提升至 50")
    >>> a.lang, a.has_metric, a.has_baseline, a.has_deadline, a.leading_task
    ('zh', True, True, True, None)
    >>> analyse("开展用户访谈和竞品分析").leading_task.term
    '开展'
    """
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    lex = lexicon or default_lexicon()
    sh = shadow(text)
    cues = lex.scan(sh)
    zh_verbs = en_verbs = 0
    for cat in ("task", "change", "result"):
        for c in cues[cat]:
            if c.lang == "zh":
                zh_verbs += 1
            elif c.lang == "en":
                en_verbs += 1
    lang, mixed = detect_language(text, zh_verbs, en_verbs)
    deadlines = extract_deadlines(sh, text)
    quantities = extract_quantities(sh, text)
    changes = extract_changes(sh, quantities)
    placeholders = extract_placeholders(sh, text)
    # a placeholder's digits are not a metric ("提升至 xx%" has none; "N 个" neither)
    if placeholders:
        quantities = without_overlaps(quantities, placeholders)
    mentions = extract_mentions(text)
    zero = [(m.start(), m.end()) for m in _ZERO.finditer(sh)]
    lead = _lead_offset(sh, deadlines, mentions)
    coverage = extract_coverage(sh, text) if _MAYBE_COVERAGE.search(sh) else []
    return Analysis(text, lang, mixed, quantities, changes, deadlines, placeholders, mentions, cues, zero, lead,
                    coverage, sh)


def _lead_offset(sh: str, deadlines: list[Deadline], mentions: list[Mention]) -> int:
    """Index of the first character that carries meaning: skips lead-in words, dates and @mentions."""
    pos, n = 0, len(sh)
    starts = {d.start: d.end for d in deadlines}
    starts.update({m.start: m.end for m in mentions})
    while pos < n:
        if pos in starts:
            pos = starts[pos]
            continue
        m = _LEAD_IN.match(sh, pos)
        if m and m.end() > pos:
            pos = m.end()
            continue
        break
    return pos
