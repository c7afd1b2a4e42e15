"""The bilingual metric catalogue: which measurable results fit a line, from the words it uses.

The catalogue (``okrcoach/data/metrics.tsv``, documented in ``docs/metric-catalogue.md``) lists
metrics with zh and en names, a definition, a unit, the usual direction and the *signal words*
that suggest them ("会员中心" → 会员复购率; "onboarding" → time to first value). Matching is a
dictionary look-up of every short substring (zh) or word n-gram (en) of the shadow text, so it
costs microseconds per line and needs no model: the rewrites it feeds run on every to-do KR of
a 200,000-row audit.

An organisation adds its own metrics with a file of the same columns
(``[tool.okrcoach.metrics] path = "our-metrics.tsv"``), read by :func:`load_catalogue`.
"""
from __future__ import annotations

import csv
import io
import math
import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate
from importlib import resources
from pathlib import Path
from typing import Iterable, Sequence

from ..core.errors import OKRInputError
from .normalize import shadow

COLUMNS = ("id", "function", "name_zh", "name_en", "unit", "direction", "signals_zh", "signals_en",
           "definition_zh", "definition_en")
DIRECTIONS = ("up", "down", "keep")
UNITS = ("%", "count", "currency", "days", "hours", "minutes", "ms", "ratio", "score")
GENERAL = "general"  # metrics signalled by task verbs ("上线", "launch"): the fallback when nothing specific fits
_GENERAL_WEIGHT = 0.6
_CONTEXT_WEIGHT = 0.5  # a signal in the objective counts half as much as one in the line itself
_NAME_BONUS = 0.05  # per matched word that is part of the metric's name, times its weight: a tie-breaker
_COHERENCE = 0.15  # share of the other matched metrics of the same function added to a metric's score
_MAX_EN = 4
_WORD = re.compile(r"[a-z0-9][a-z0-9&/+\-']*")


@dataclass(frozen=True)
class Metric:
    """One catalogue row."""

    id: str
    function: str
    name_zh: str
    name_en: str
    unit: str
    direction: str  # up | down | keep
    signals_zh: tuple[str, ...]
    signals_en: tuple[str, ...]
    definition_zh: str
    definition_en: str

    def name(self, lang: str) -> str:
        return self.name_zh if lang == "zh" else self.name_en

    def definition(self, lang: str) -> str:
        return self.definition_zh if lang == "zh" else self.definition_en

    def to_dict(self) -> dict:
        return {"id": self.id, "function": self.function, "name_zh": self.name_zh, "name_en": self.name_en,
                "unit": self.unit, "direction": self.direction, "definition_zh": self.definition_zh,
                "definition_en": self.definition_en}


@dataclass(frozen=True)
class MetricMatch:
    """A metric that fits a line: how well, and the words of the line that point to it."""

    metric: Metric
    score: float
    words: tuple[str, ...]


@lru_cache(maxsize=8192)  # a sheet's English words are few and recur on every line that holds them
def stem(word: str) -> str:
    """A crude English stem, applied alike to signals and text, so 'onboarding' meets 'onboard'.

    >>> [stem(w) for w in ("releases", "release", "shipped", "ship", "sales")]
    ['releas', 'releas', 'ship', 'ship', 'sal']
    """
    w = word.lower()
    for suffix in ("ing", "ed", "es", "s"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3 and not w.endswith("ss"):
            w = w[: -len(suffix)]
            break
    if len(w) > 3 and w[-1] == w[-2] and w[-1] not in "aeiouls":
        w = w[:-1]
    if len(w) > 3 and w.endswith("e"):
        w = w[:-1]
    return w


def _en_key(text: str) -> str:
    return " ".join(map(stem, _WORD.findall(text.lower())))


def _zh_key(text: str) -> str:
    return shadow(text).lower().replace(" ", "")


@lru_cache(maxsize=1)
def _jieba_blocks() -> re.Pattern[str]:
    """The pattern jieba's ``cut`` splits a string with (imported late: jieba is not needed at start-up)."""
    import jieba

    return jieba.re_han_default


class _BlockBounds:
    """Whether an offset of ``key`` is where a jieba word starts or ends (``0`` and ``len(key)`` included), cutting
    only the blocks that are asked about. The project's shared tokenizer, without HMM, so an unknown word stays
    split into characters rather than glued to its neighbours; words tile the key, so one set of cut points
    answers both "starts" and "ends".

    jieba's ``cut`` splits a string into blocks (the runs of ``re_han_default`` and the text between them)
    and segments each block on its own, so the cut points inside a block are its start plus those of
    cutting the block alone, and every block edge is a cut point. A signal mostly starts or ends at a block
    edge (a clause's start or end), and then no block is segmented at all
    (``tests/test_metric_catalogue.py`` compares it with cutting the whole key, on real lines and random strings)."""

    __slots__ = ("key", "edges")

    def __init__(self, key: str):
        self.key = key
        edges = [0]
        for m in _jieba_blocks().finditer(key):
            edges += m.span()
        edges.append(len(key))
        self.edges = edges  # ascending (0 or len(key) may appear twice); consecutive edges bound one block

    def __contains__(self, offset: int) -> bool:
        edges = self.edges
        k = bisect_right(edges, offset)
        start = edges[k - 1]
        if start == offset:
            return True
        return offset - start in _block_cuts(self.key[start:edges[k]])


@lru_cache(maxsize=8192)  # one block is a clause or less, and clauses recur across the KRs of a sheet
def _block_cuts(block: str) -> frozenset[int]:
    """The cut points of one jieba block, ``0`` and ``len(block)`` included."""
    from .tokens import jieba_tokenizer

    return frozenset(accumulate(map(len, jieba_tokenizer().cut(block, HMM=False)), initial=0))


class MetricCatalogue:
    """Metrics plus an index from signal keys to metrics, weighted by how specific each signal is."""

    def __init__(self, metrics: Sequence[Metric]):
        self.metrics: list[Metric] = list(metrics)
        self.by_id = {m.id: m for m in self.metrics}
        self._zh: dict[str, list[int]] = {}
        self._en: dict[str, list[int]] = {}
        for i, m in enumerate(self.metrics):
            ascii_zh = [t for t in (*m.signals_zh, m.name_zh) if t.isascii()]  # SLA, NPS: matched as words
            for term in (*m.signals_zh, m.name_zh):
                key = _zh_key(term)
                if len(key) >= 2 and not term.isascii():
                    self._zh.setdefault(key, []).append(i)
            for term in dict.fromkeys((*m.signals_en, m.name_en, *ascii_zh)):
                key = _en_key(term)
                if key and len(key.split()) <= _MAX_EN:
                    self._en.setdefault(key, []).append(i)
        # zh keys by first character, with the lengths to try: a dict look-up per candidate substring
        self._zh_lengths: dict[str, list[int]] = {}
        for k in self._zh:
            self._zh_lengths.setdefault(k[0], []).append(len(k))
        self._zh_lengths = {c: sorted(set(ls)) for c, ls in self._zh_lengths.items()}
        self._en_first: dict[str, int] = {}  # first word of an en key → the most words a key opening with it has
        for k in self._en:
            ws = k.split()
            self._en_first[ws[0]] = max(self._en_first.get(ws[0], 0), len(ws))
        self._names = [(_zh_key(m.name_zh), f" {_en_key(m.name_en)} ") for m in self.metrics]
        n = max(1, len(self.metrics))
        self._idf = {k: math.log(1 + n / len(set(v))) for index in (self._zh, self._en) for k, v in index.items()}
        # each key's metrics, in the order the set of them iterates: evidence adds them up in that order
        self._metrics_of = {k: tuple(set(self._zh.get(k, []) + self._en.get(k, []))) for k in self._idf}
        self._general = [m.function == GENERAL for m in self.metrics]
        self._functions = [m.function for m in self.metrics]
        self._ids = [m.id for m in self.metrics]
        # each metric's keys that are part of its name (the name bonus of _rank): a metric's signal words are
        # keys whose _metrics_of holds it, so this set answers the name test for every word it can have
        name_keys: list[set[str]] = [set() for _ in self.metrics]
        for k, of in self._metrics_of.items():
            for i in of:
                if k in self._names[i][0] or f" {k} " in self._names[i][1]:
                    name_keys[i].add(k)
        self._name_keys = [frozenset(ks) for ks in name_keys]
        # (text, context, general) → (every fitting metric ranked, the MetricMatch objects made so far)
        self._cache: dict[tuple[str, str, str], tuple[list[tuple[float, int, list[str]]], list[MetricMatch]]] = {}
        self._evidence_cache: dict[tuple[str, float], tuple[dict[int, float], dict[int, list[str]]]] = {}

    def __len__(self) -> int:
        return len(self.metrics)

    @property
    def functions(self) -> list[str]:
        return list(dict.fromkeys(m.function for m in self.metrics))

    def _keys(self, text: str, lang: str) -> set[str]:
        if lang == "zh":
            s = _zh_key(text)
            found = self._zh_found(s)
            if not found:
                return set()
            # a signal must start or end where a word does (jieba, with okrcoach's lexicon): "版权" is not in
            # "新版/权益", but "文章" is in "篇文章" and "复购" in "复购率"
            if all(i == 0 or i + len(k) == len(s) for i, k in found):  # the line's ends are always word bounds
                return {k for _, k in found}
            bounds = _BlockBounds(s)
            return {k for i, k in found if i in bounds or i + len(k) in bounds}
        words = _en_key(text).split()
        first, index, out = self._en_first, self._en, set()
        for i, w in enumerate(words):
            longest = first.get(w)  # a key's words are words of the line: only a key's first word opens one
            if longest is None:
                continue
            for j in range(i + 1, min(len(words), i + longest) + 1):
                key = " ".join(words[i:j])
                if key in index:
                    out.add(key)
        return out

    def _zh_found(self, s: str) -> list[tuple[int, str]]:
        """``(offset, key)`` of every zh key in the zh key string ``s`` (looked up by first character)."""
        lengths, index, found = self._zh_lengths, self._zh, []
        for i, ch in enumerate(s):
            ls = lengths.get(ch)
            if ls is not None:
                for n in ls:
                    k = s[i:i + n]
                    if k in index:
                        found.append((i, k))
        return found

    def _found(self, text: str) -> set[str]:
        """Signal keys in ``text`` from both languages (a zh line often carries English terms like SLA or NPS)."""
        return self._keys(text, "zh") | self._keys(text, "en")

    def match(self, text: str, context: str = "", limit: int = 5, general: bool = True) -> list[MetricMatch]:
        """Metrics whose signals occur in ``text`` (weight 1) or ``context`` (weight 0.5), best first.

        >>> [m.metric.name_zh for m in bundled_catalogue().match("上线新版会员中心", limit=2)]
        ['会员复购率', '会员活跃率']
        """
        ranked, made = self._entry(text, context, general)
        # only the few ever asked for become MetricMatch objects (once): a line fits many metrics a little
        for score, i, ws in ranked[len(made):limit]:
            made.append(MetricMatch(self.metrics[i], score, tuple(dict.fromkeys(ws))))
        return made[:limit]

    def top_metrics(self, text: str, context: str = "", limit: int = 5, min_share: float = 0.0,
                    general: bool = True) -> list[Metric]:
        """The metrics of ``match(text, context, limit, general)`` whose score reaches ``min_share`` of the
        best one's, in order: without building MetricMatch objects (the rewrite of every to-do KR asks)."""
        ranked = self._entry(text, context, general)[0]
        if not ranked:
            return []
        floor, metrics = ranked[0][0] * min_share, self.metrics
        return [metrics[i] for score, i, _ in ranked[:limit] if score >= floor]

    def _entry(self, text: str, context: str, general: bool
               ) -> tuple[list[tuple[float, int, list[str]]], list[MetricMatch]]:
        """The cached ranking of ``(text, context, general)`` and the MetricMatch objects made from it so far."""
        key = (text, context, "g" if general else "")
        entry = self._cache.get(key)
        if entry is None:
            entry = _remember(self._cache, key, (self._rank(text, context, general), []))
        return entry

    def _evidence(self, source: str, weight: float) -> tuple[dict[int, float], dict[int, list[str]]]:
        """Each metric's score from one text, and the signal words behind it.

        Kept per text: an objective is the context of every one of its KRs, and is read once."""
        key = (source, weight)
        hit = self._evidence_cache.get(key)
        if hit is not None:
            return hit
        scores: dict[int, float] = {}
        words: dict[int, list[str]] = {}
        found = self._found(source)
        if len(found) > 1:
            # a signal inside a longer one found at the same time ("会员" in "会员中心") adds nothing: with the
            # keys joined by a character none holds, a key inside another occurs more than once
            joined = "\0".join(found)
            found = {k for k in found if joined.count(k) == 1}
        general = self._general
        for k in found:
            gain = weight * self._idf[k]
            for i in self._metrics_of[k]:
                if general[i]:  # a task verb is one hint, however many there are
                    scores[i] = max(scores.get(i, 0.0), gain)
                else:
                    scores[i] = scores.get(i, 0.0) + gain
                words.setdefault(i, []).append(k)
        return _remember(self._evidence_cache, key, (scores, words))

    def _rank(self, text: str, context: str, general: bool) -> list[tuple[float, int, list[str]]]:
        """``(score, metric index, signal words)`` of every fitting metric, best first."""
        is_general, functions = self._general, self._functions
        scores: dict[int, float] = {}
        words: dict[int, list[str]] = {}  # the evidence's own lists where one source has them (never mutated)
        for source, weight in ((text, 1.0), (context, _CONTEXT_WEIGHT)):
            if not source.strip():
                continue
            part_scores, part_words = self._evidence(source, weight)
            if not scores:  # every gain is > 0: max(0.0, gain) and 0.0 + gain are the gain itself
                scores = dict(part_scores)
                words = dict(part_words)
                continue
            for i, gain in part_scores.items():
                if i not in scores:
                    scores[i] = gain  # as above: a metric's first gain is its score
                    words[i] = part_words[i]
                elif is_general[i]:
                    scores[i] = max(scores[i], gain)
                    words[i] = words[i] + part_words[i]
                else:
                    scores[i] += gain
                    words[i] = words[i] + part_words[i]
        # a word that is part of the metric's own name fits better ("会员复购" → 会员复购率 before 生命周期价值);
        # a metric with none of its name's words gets no bonus (adding 0.0 leaves a positive score as it is)
        idf, name_keys = self._idf, self._name_keys
        for i, ws in words.items():
            in_name = name_keys[i]
            if in_name and not in_name.isdisjoint(ws):
                scores[i] += _NAME_BONUS * sum(idf[k] for k in set(ws) if k in in_name)
        # metrics of the function most of the line's words point to win ties ("onboarding flow" → product)
        by_function: dict[str, float] = {}
        for i, s in scores.items():
            f = functions[i]
            by_function[f] = by_function.get(f, 0.0) + s
        out = []
        ids = self._ids
        for n, (i, s) in enumerate(scores.items()):
            if is_general[i]:
                if not general:
                    continue
                s = round(s * _GENERAL_WEIGHT, 4)
                out.append((-s, True, ids[i], n, s, i))  # n: ties keep their order, as a stable sort would
            else:
                s = round(s + _COHERENCE * (by_function[functions[i]] - s), 4)
                out.append((-s, False, ids[i], n, s, i))
        out.sort()
        return [(t[4], t[5], words[t[5]]) for t in out]

    def in_function(self, function: str) -> list[Metric]:
        return [m for m in self.metrics if m.function == function]

    def extended(self, metrics: Iterable[Metric]) -> "MetricCatalogue":
        """This catalogue plus ``metrics``; a row with an id already present replaces it."""
        extra = list(metrics)
        ids = {m.id for m in extra}
        return MetricCatalogue([m for m in self.metrics if m.id not in ids] + extra)


_CACHE_LIMIT = 50_000  # entries per catalogue cache: a department's lines, not an unbounded stream's


def _remember(cache: dict, key, value):
    """Store ``value`` under ``key`` (emptying ``cache`` first when full, so memory stays bounded) and return it."""
    if len(cache) > _CACHE_LIMIT:
        cache.clear()
    cache[key] = value
    return value


def _split(cell: str) -> tuple[str, ...]:
    return tuple(t.strip() for t in (cell or "").split("|") if t.strip())


def parse_catalogue(text: str, source: str) -> list[Metric]:
    """Rows of a catalogue file (TSV, or CSV when the header has commas and no tabs), checked.

    Every problem is one :class:`~okrcoach.errors.OKRInputError` naming the file, row and column.
    """
    first = text.split("\n", 1)[0]
    delimiter = "\t" if "\t" in first or "," not in first else ","
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")), delimiter=delimiter)
    header = [h.strip() for h in (reader.fieldnames or [])]
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        raise OKRInputError(f"metric catalogue lacks the column(s) {', '.join(missing)}; "
                            f"expected {', '.join(COLUMNS)}", path=source)
    reader.fieldnames = header
    metrics, seen = [], set()
    for n, row in enumerate(reader, start=2):
        cells = {c: (row.get(c) or "").strip() for c in COLUMNS}
        for c in ("id", "function", "name_zh", "name_en", "direction"):
            if not cells[c]:
                raise OKRInputError("is empty", path=source, row=n, column=c)
        if cells["id"] in seen:
            raise OKRInputError(f"id {cells['id']!r} appears twice", path=source, row=n, column="id")
        seen.add(cells["id"])
        if cells["direction"] not in DIRECTIONS:
            raise OKRInputError(f"direction {cells['direction']!r} is not one of {', '.join(DIRECTIONS)}",
                                path=source, row=n, column="direction")
        if cells["unit"] and cells["unit"] not in UNITS:
            raise OKRInputError(f"unit {cells['unit']!r} is not one of {', '.join(UNITS)}",
                                path=source, row=n, column="unit")
        zh, en = _split(cells["signals_zh"]), _split(cells["signals_en"])
        if not zh and not en:
            raise OKRInputError("needs at least one signal word (signals_zh or signals_en)",
                                path=source, row=n, column="signals_zh")
        metrics.append(Metric(cells["id"], cells["function"], cells["name_zh"], cells["name_en"],
                              cells["unit"], cells["direction"], zh, en, cells["definition_zh"],
                              cells["definition_en"]))
    return metrics


@lru_cache(maxsize=1)
def bundled_catalogue() -> MetricCatalogue:
    """The catalogue shipped with okrcoach."""
    text = resources.files("okrcoach").joinpath("data/metrics.tsv").read_text(encoding="utf-8")
    return MetricCatalogue(parse_catalogue(text, "okrcoach/data/metrics.tsv"))


_USER: dict[tuple[str, float, bool], MetricCatalogue] = {}


def load_catalogue(path: str | Path | None = None, bundled: bool = True) -> MetricCatalogue:
    """The bundled catalogue, extended with (or, with ``bundled=False``, replaced by) the file at ``path``."""
    if path is None:
        return bundled_catalogue()
    p = Path(path)
    try:
        key = (str(p.resolve()), p.stat().st_mtime, bundled)
    except OSError:
        raise OKRInputError("no such metric catalogue file", path=str(path)) from None
    cat = _USER.get(key)
    if cat is None:
        try:
            text = p.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            raise OKRInputError("metric catalogue is not UTF-8 text", path=str(path)) from None
        rows = parse_catalogue(text, str(path))
        cat = bundled_catalogue().extended(rows) if bundled else MetricCatalogue(rows)
        _USER[key] = cat
    return cat
