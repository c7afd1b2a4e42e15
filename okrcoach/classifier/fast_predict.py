"""Predict with a fitted pipeline's weights in plain numpy, without importing scikit-learn.

``import sklearn`` (through skops) costs about a second on a cold start, more than everything
else ``okrcoach check`` does. A fitted pipeline is arithmetic: n-gram counts looked up in a
vocabulary, tf-idf weights, cue features, a dot product with the coefficients, a sigmoid. This
module compiles a fitted pipeline, component by component, into arrays saved beside its skops
file (``kr.skops`` → ``kr.fast.json`` + ``kr.fast.npz``; JSON and ``.npz`` read with
``allow_pickle=False``, so loading them can run no code), and predicts from them.

Compiled generically from the pipeline's parts, so a retrained model compiles too:

- ``Pipeline`` / ``FeatureUnion`` (with ``transformer_weights``)
- ``TfidfVectorizer`` (and ``CompactTfidfVectorizer``): ``char`` and ``word`` analyzers, a
  token pattern or a trusted tokenizer function, n-gram ranges, lowercase, binary, sublinear tf,
  idf, l1/l2 norm
- ``FunctionTransformer`` over a function on the skops allowlist (text → text, or text → features)
- ``CueFeatures``, ``FrameFeatures``
- ``CalibratedClassifierCV`` (sigmoid) over ``LinearSVC`` / ``LogisticRegression``, and a plain
  binary ``LogisticRegression``

Anything else raises :class:`Unsupported` when compiling; no fast files are written and the
loader uses skops and scikit-learn as before. The fast files carry the SHA-256 of the skops file
they were compiled from; when it no longer matches (a model retrained or replaced by hand) they
are ignored. ``tests/test_fast_predict.py`` checks that probabilities equal the scikit-learn
pipeline's to 1e-9 on every dataset text.
"""
from __future__ import annotations

import codecs
import hashlib
import importlib
import itertools
import json
import operator
import re
from collections import Counter
from pathlib import Path
from typing import Sequence

import numpy as np

FORMAT = 1
_WHITE_SPACES = re.compile(r"\s\s+")  # scikit-learn's char analyzer collapses runs of white space
# the batch n-gram count encodes with this codec, whose module loads on first use: looked up now, so an audit's
# first chunk imports nothing (an import inside a chunk costs a full collector pass: see ``auditing.iter_audit``)
codecs.lookup("utf-32-le")


class Unsupported(Exception):
    """A pipeline component the compiler does not know: keep the scikit-learn path for this model."""


def fast_paths(skops_path: str | Path) -> tuple[Path, Path]:
    p = Path(skops_path)
    return p.with_suffix(".fast.json"), p.with_suffix(".fast.npz")


def file_sha256(path: str | Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


# ------------------------------------------------------------------------------------------ compile
def _function_name(func) -> str:
    from .persist import TRUSTED_TYPES

    name = f"{getattr(func, '__module__', '')}.{getattr(func, '__qualname__', '')}"
    if name not in TRUSTED_TYPES:
        raise Unsupported(f"function {name} is not on the model allowlist")
    return name


def _compile_tfidf(vec, key: str, arrays: dict) -> dict:
    from sklearn.feature_extraction.text import TfidfVectorizer

    if type(vec).transform is not TfidfVectorizer.transform or type(vec).build_analyzer is not TfidfVectorizer.build_analyzer:
        raise Unsupported(f"{type(vec).__name__} overrides how TfidfVectorizer transforms")
    if vec.analyzer not in ("char", "word") or vec.input != "content" or vec.strip_accents is not None \
            or vec.preprocessor is not None or vec.stop_words is not None or vec.norm not in ("l1", "l2", None) \
            or np.dtype(vec.dtype) != np.float64:
        raise Unsupported("TfidfVectorizer options the fast path does not reproduce")
    spec = {"op": "tfidf", "analyzer": vec.analyzer, "ngram_range": [int(vec.ngram_range[0]), int(vec.ngram_range[1])],
            "lowercase": bool(vec.lowercase), "binary": bool(vec.binary), "sublinear_tf": bool(vec.sublinear_tf),
            "norm": vec.norm, "use_idf": bool(vec.use_idf), "key": key}
    if vec.analyzer == "word":
        if vec.tokenizer is not None:
            spec["tokenizer"] = _function_name(vec.tokenizer)
        else:
            spec["token_pattern"] = vec.token_pattern
    vocab = vec.vocabulary_
    terms = sorted(vocab, key=vocab.__getitem__)
    if [vocab[t] for t in terms] != list(range(len(terms))):
        raise Unsupported("vocabulary indices are not 0..n-1")
    arrays[f"{key}_terms"] = np.asarray(terms, dtype=str) if terms else np.zeros(0, dtype="<U1")
    if vec.use_idf:
        arrays[f"{key}_idf"] = np.asarray(vec.idf_, dtype=np.float64)
    spec["width"] = len(terms)
    return spec


def _compile_branch(est, key: str, arrays: dict) -> list[dict]:
    """A FeatureUnion member as a list of ops; the last op yields the features."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.pipeline import Pipeline
    from sklearn.preprocessing import FunctionTransformer

    from .features import CUE_FEATURES, FRAME_FEATURES, CueFeatures, FrameFeatures

    if isinstance(est, Pipeline):
        ops = []
        for i, (_, step) in enumerate(est.steps):
            ops += _compile_branch(step, f"{key}_{i}", arrays)
        if not ops or any(op["op"] != "function" for op in ops[:-1]):
            raise Unsupported("a feature pipeline must be text functions followed by one feature step")
        return ops
    if type(est) is CueFeatures:
        return [{"op": "cues", "width": len(CUE_FEATURES)}]
    if type(est) is FrameFeatures:
        return [{"op": "frames", "width": len(FRAME_FEATURES)}]
    if isinstance(est, TfidfVectorizer):
        return [_compile_tfidf(est, key, arrays)]
    if type(est) is FunctionTransformer:
        if est.kw_args or est.func is None:
            raise Unsupported("FunctionTransformer with keyword arguments or no function")
        return [{"op": "function", "name": _function_name(est.func)}]
    raise Unsupported(f"feature step {type(est).__module__}.{type(est).__name__}")


def _linear(est) -> tuple[np.ndarray, np.ndarray, list]:
    from sklearn.linear_model import LogisticRegression
    from sklearn.svm import LinearSVC

    if type(est) not in (LinearSVC, LogisticRegression):
        raise Unsupported(f"classifier {type(est).__name__}")
    return (np.asarray(est.coef_, dtype=np.float64), np.asarray(est.intercept_, dtype=np.float64).ravel(),
            [c.item() if hasattr(c, "item") else c for c in est.classes_])


def compile_pipeline(pipeline) -> tuple[dict, dict[str, np.ndarray]]:
    """``(spec, arrays)`` for a fitted ``Pipeline([... features ..., classifier])``; raises :class:`Unsupported`."""
    from sklearn.calibration import CalibratedClassifierCV, _SigmoidCalibration
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import FeatureUnion, Pipeline

    if not isinstance(pipeline, Pipeline) or len(pipeline.steps) != 2:
        raise Unsupported("expected Pipeline([features, classifier])")
    features, clf = pipeline.steps[0][1], pipeline.steps[1][1]
    arrays: dict[str, np.ndarray] = {}
    members = [(name, est) for name, est in features.transformer_list] if isinstance(features, FeatureUnion) \
        else [("features", features)]
    if isinstance(features, FeatureUnion) and any(est in ("drop", "passthrough") for _, est in members):
        raise Unsupported("FeatureUnion with drop/passthrough")
    weights = (features.transformer_weights or {}) if isinstance(features, FeatureUnion) else {}
    branches = []
    for k, (name, est) in enumerate(members):
        ops = _compile_branch(est, f"b{k}", arrays)
        if ops[-1]["op"] == "function":  # a function that returns the features: how many columns?
            probe = _resolve(ops[-1]["name"])(["KR1: 完成 8 次客户访谈", "Grow ARR to $12M"])
            probe = probe.toarray() if hasattr(probe, "toarray") else np.asarray(probe, dtype=np.float64)
            if probe.ndim != 2 or probe.shape[0] != 2:
                raise Unsupported(f"{ops[-1]['name']} does not return one feature row per text")
            ops[-1]["width"] = int(probe.shape[1])
        branches.append({"name": name, "weight": float(weights.get(name, 1.0)), "ops": ops})
    classes = [c.item() if hasattr(c, "item") else c for c in pipeline.classes_]
    sorted_classes = sorted(classes)
    coefs, intercepts, calibration = [], [], []
    if isinstance(clf, CalibratedClassifierCV):
        if clf.method != "sigmoid":
            raise Unsupported(f"calibration method {clf.method}")
        for cc in clf.calibrated_classifiers_:
            coef, intercept, est_classes = _linear(cc.estimator)
            if any(type(c) is not _SigmoidCalibration for c in cc.calibrators) or len(cc.calibrators) != coef.shape[0]:
                raise Unsupported("calibrators")
            positions = [sorted_classes.index(c) for c in est_classes]  # LabelEncoder order
            calibration.append({"columns": coef.shape[0], "positions": positions,
                                "a": [float(c.a_) for c in cc.calibrators], "b": [float(c.b_) for c in cc.calibrators]})
            coefs.append(coef)
            intercepts.append(intercept)
        head = {"type": "calibrated_sigmoid", "members": calibration}
    elif type(clf) is LogisticRegression and len(classes) == 2:
        coef, intercept, _ = _linear(clf)
        coefs, intercepts = [coef], [intercept]
        head = {"type": "logistic_binary"}
    else:
        raise Unsupported(f"classifier {type(clf).__name__}")
    if classes != sorted_classes:
        raise Unsupported("classes_ not in sorted order")
    width = sum(op["width"] for b in branches for op in b["ops"] if "width" in op)
    w = np.vstack(coefs)  # (members × columns, features)
    if w.shape[1] != width:
        raise Unsupported(f"the features have {width} columns, the classifier {w.shape[1]}")
    arrays["coef"] = np.ascontiguousarray(w.T)
    arrays["intercept"] = np.concatenate(intercepts)
    spec = {"format": FORMAT, "classes": classes, "branches": branches, "head": head}
    return spec, arrays


def save_fast(pipeline, skops_path: str | Path) -> bool:
    """Write the fast form beside ``skops_path`` (which must already be written); False (and no fast
    files) when a component is not supported."""
    json_path, npz_path = fast_paths(skops_path)
    for p in (json_path, npz_path):
        p.unlink(missing_ok=True)
    try:
        spec, arrays = compile_pipeline(pipeline)
    except Unsupported:
        return False
    spec["skops_sha256"] = file_sha256(skops_path)
    np.savez_compressed(npz_path, **arrays)
    spec["npz_sha256"] = file_sha256(npz_path)
    json_path.write_text(json.dumps(spec, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return True


def compile_model_dir(directory: str | Path) -> dict[str, bool]:
    """(Re)write the fast form of every ``*.skops`` in a model directory from the skops files
    (loaded safely with :func:`~okrcoach.classifier.persist.load_model_file`)."""
    from .persist import load_model_file

    out = {}
    for skops in sorted(Path(directory).glob("*.skops")):
        out[skops.stem] = save_fast(load_model_file(skops), skops)
    return out


# ------------------------------------------------------------------------------------------ predict
def _resolve(name: str):
    from .persist import TRUSTED_TYPES

    if name not in TRUSTED_TYPES:
        raise ValueError(f"{name} is not on the model allowlist")
    module, _, attr = name.rpartition(".")
    return getattr(importlib.import_module(module), attr)


class _Tfidf:
    def __init__(self, spec: dict, arrays):
        self.spec = spec
        self.index = {t: i for i, t in enumerate(arrays[f"{spec['key']}_terms"].tolist())}
        self.idf = arrays[f"{spec['key']}_idf"] if spec["use_idf"] else None
        self.lo, self.hi = spec["ngram_range"]
        if spec["analyzer"] == "word":
            self.tokenize = _resolve(spec["tokenizer"]) if spec.get("tokenizer") else \
                re.compile(spec["token_pattern"]).findall
            if not spec.get("tokenizer") and re.compile(spec["token_pattern"]).groups > 1:
                raise ValueError("token_pattern with more than one group")
        self._packed: _PackedCharGrams | None = None
        self._pack = spec["analyzer"] == "char"  # built on the first large batch (a single check skips the 40 ms)

    def grams(self, doc: str) -> list[str]:
        if self.spec["lowercase"]:
            doc = doc.lower()
        lo, hi = self.lo, self.hi
        if self.spec["analyzer"] == "char":
            doc = _WHITE_SPACES.sub(" ", doc)
            return _char_grams(doc, lo, hi)
        tokens = self.tokenize(doc)
        if hi == 1:
            return list(tokens) if lo == 1 else []
        out = list(tokens) if lo == 1 else []
        n = len(tokens)
        for k in range(max(lo, 2), min(hi, n) + 1):
            out += [" ".join(tokens[i:i + k]) for i in range(n - k + 1)]
        return out

    def rows(self, docs: Sequence[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """``(row ids, columns, values)`` of the tf-idf matrix, as scikit-learn computes it.

        Character n-grams of a large batch are counted in numpy (:class:`_PackedCharGrams`); a small
        batch, and word n-grams, are counted per text with a dict lookup per n-gram, as in
        scikit-learn. Both give the same counts; the arithmetic runs once over the whole batch.
        """
        if self._pack and self._packed is None and len(docs) >= PACKED_MIN_DOCS:
            self._packed = _PackedCharGrams.build(self.index, self.lo, self.hi)
            self._pack = self._packed is not None
        if self._packed is not None and len(docs) >= PACKED_MIN_DOCS:
            lower = self.spec["lowercase"]
            r, c, v = self._packed.count([_WHITE_SPACES.sub(" ", d.lower() if lower else d) for d in docs])
        else:
            index, row_ids, cols, counts = self.index, [], [], []
            for r, doc in enumerate(docs):
                found = Counter(map(index.get, self.grams(doc)))
                found.pop(None, None)  # n-grams outside the vocabulary
                row_ids += [r] * len(found)
                cols += found.keys()
                counts += found.values()
            r = np.asarray(row_ids, dtype=np.int64)
            c = np.asarray(cols, dtype=np.int64)
            v = np.asarray(counts, dtype=np.float64)
        if self.spec["binary"]:
            v[:] = 1.0
        if self.spec["sublinear_tf"]:
            v = np.log(v) + 1.0
        if self.idf is not None:
            v = v * self.idf[c]
        if self.spec["norm"] in ("l1", "l2") and len(v):
            n = int(r[-1]) + 1
            norms = np.sqrt(np.bincount(r, weights=v * v, minlength=n)) if self.spec["norm"] == "l2" else \
                np.bincount(r, weights=np.abs(v), minlength=n)
            norms[norms == 0.0] = 1.0
            v = v / norms[r]
        return r, c, v


PACKED_MIN_DOCS = 64  # below this the per-text dictionary count is as fast and needs no packed vocabulary


class _PackedCharGrams:
    """Character n-gram counts for a whole batch in numpy, with no Python loop per n-gram.

    Each character of the vocabulary gets a 16-bit id (0: a character no term holds, or the gap
    between two texts); an n-gram of up to four characters packs into one 64-bit key, looked up in
    the vocabulary's sorted keys. An n-gram with an id-0 character cannot be a term, so it is
    dropped — exactly the n-grams the dictionary look-up would miss. The counts equal
    scikit-learn's; the per-text Python loop cost as much as the rest of the prediction together.
    """

    MAX_N = 4

    def __init__(self, char_ids: np.ndarray, keys: np.ndarray, cols: np.ndarray, lo: int, hi: int):
        self.char_ids, self.keys, self.cols, self.lo, self.hi = char_ids, keys, cols, lo, hi
        self.table = _KeyTable(keys, cols)

    @classmethod
    def build(cls, index: dict[str, int], lo: int, hi: int) -> "_PackedCharGrams | None":
        """``None`` where the packing cannot hold the vocabulary (then the dictionary path runs).

        In numpy, from the terms' code points (every term padded to ``MAX_N`` with id-0 characters): a
        loop per term and character took a hundredth of a 20,000-row audit."""
        terms = list(index)
        if hi > cls.MAX_N or lo < 1 or not terms:
            return None
        chars = np.unique(_code_points("".join(terms)))  # sorted, as the ids are given
        if len(chars) >= 0xFFFF or not len(chars) or chars[0] == 0:
            return None
        char_ids = np.zeros(int(chars[-1]) + 1, dtype=np.uint64)
        char_ids[chars] = np.arange(1, len(chars) + 1, dtype=np.uint64)
        lengths = np.fromiter(map(len, terms), dtype=np.int64, count=len(terms))
        kept = (lengths >= lo) & (lengths <= hi)  # other lengths are never produced by the analyzer
        padded = "".join(t.ljust(cls.MAX_N, "\x00") for t, k in zip(terms, kept.tolist()) if k)
        ids = char_ids[_code_points(padded)].reshape(-1, cls.MAX_N)  # "\x00" is no term's character: id 0
        keys = np.zeros(len(ids), dtype=np.uint64)
        for k in range(cls.MAX_N):
            keys |= ids[:, k] << np.uint64(16 * (cls.MAX_N - 1 - k))
        cols = np.fromiter(index.values(), dtype=np.int64, count=len(terms))[kept]
        order = np.argsort(keys, kind="stable")
        return cls(char_ids, keys[order], cols[order], lo, hi)

    def count(self, docs: Sequence[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """``(row ids, columns, counts)``, rows ascending (the order the arithmetic needs)."""
        empty = (np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0, np.float64))
        if not docs or not len(self.keys):
            return empty
        cps = np.frombuffer("\x00".join(docs).encode("utf-32-le", "surrogatepass"), dtype=np.uint32)  # one code point per character
        ids = np.zeros(len(cps), dtype=np.uint64)
        known = cps < len(self.char_ids)
        ids[known] = self.char_ids[cps[known]]
        lengths = np.fromiter((len(d) + 1 for d in docs), dtype=np.int64, count=len(docs))
        doc_of = np.repeat(np.arange(len(docs), dtype=np.int64), lengths)[:len(ids)]
        width = int(self.cols.max()) + 1
        found = []
        key = np.zeros(len(ids), dtype=np.uint64)
        valid = np.ones(len(ids), dtype=bool)
        for n in range(1, self.hi + 1):
            m = len(ids) - n + 1  # windows that start at 0..m-1
            if m <= 0:
                break
            shift = np.uint64(16 * (self.MAX_N - n))
            key = key[:m] | (ids[n - 1:] << shift)
            valid = valid[:m] & (ids[n - 1:] != 0)
            if n < self.lo:
                continue
            pos = np.flatnonzero(valid)
            cols = self.table.lookup(key[pos])
            hit = cols >= 0
            found.append(doc_of[pos[hit]] * width + cols[hit])
        if not found:
            return empty
        pairs = np.concatenate(found)
        if len(docs) * width <= 0xFFFFFFFF:  # a batch's (text, column) pairs fit 32 bits: half the sort's memory
            pairs = pairs.astype(np.uint32)
        pairs, counts = np.unique(pairs, return_counts=True)
        pairs = pairs.astype(np.int64)
        return pairs // width, pairs % width, counts.astype(np.float64)


class _KeyTable:
    """The packed vocabulary as an open-addressing hash table (linear probing), looked up for a whole
    array of keys at once: most keys settle at their first slot, where a binary search over the sorted
    keys took fifteen steps (two fifths of a batch's n-gram count). Key 0 marks an empty slot: every
    term has a first character, whose id is not 0."""

    _MULTIPLIER = np.uint64(0x9E3779B97F4A7C15)  # Fibonacci hashing: the top bits of key × 2^64/φ

    def __init__(self, keys: np.ndarray, cols: np.ndarray):
        bits = max(4, (4 * len(keys)).bit_length())  # at most a quarter of the slots taken
        self.mask = np.uint64((1 << bits) - 1)
        self.shift = np.uint64(64 - bits)
        self.keys = np.zeros(1 << bits, dtype=np.uint64)
        self.cols = np.full(1 << bits, -1, dtype=np.int64)
        todo, slot = np.arange(len(keys)), self._slots(keys)
        while len(todo):
            free = self.keys[slot] == 0
            taken, first = np.unique(slot[free], return_index=True)  # one key per free slot this round
            winners = np.flatnonzero(free)[first]
            self.keys[taken], self.cols[taken] = keys[todo[winners]], cols[todo[winners]]
            rest = np.ones(len(todo), dtype=bool)
            rest[winners] = False
            todo, slot = todo[rest], (slot[rest] + np.uint64(1)) & self.mask

    def _slots(self, keys: np.ndarray) -> np.ndarray:
        with np.errstate(over="ignore"):
            return (keys * self._MULTIPLIER) >> self.shift

    def lookup(self, keys: np.ndarray) -> np.ndarray:
        """Each key's column, -1 for a key that is no term (an empty slot's column is -1)."""
        slot = self._slots(keys)
        held = self.keys[slot]
        out = self.cols[slot]  # whole arrays for the first probe, where nine keys in ten settle
        missed = held != keys
        out[missed] = -1
        at = np.flatnonzero(missed & (held != 0))  # a slot taken by another key: probe on
        slot = slot[at]
        while len(at):
            slot = (slot + np.uint64(1)) & self.mask
            held = self.keys[slot]
            hit = held == keys[at]
            out[at[hit]] = self.cols[slot[hit]]
            going = (held != 0) & ~hit
            at, slot = at[going], slot[going]
        return out


def _code_points(text: str) -> np.ndarray:
    """One uint32 per character (a lone surrogate included)."""
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)


def _char_grams(doc: str, lo: int, hi: int):
    """The character n-grams of ``doc`` for n in lo..hi, as scikit-learn's char analyzer lists them
    (order aside: only their counts matter); built by pairwise string concatenation in C."""
    grams = []
    level = iter(doc)  # n = 1
    for k in range(1, min(hi, len(doc)) + 1):
        if k > 1:
            level = map(operator.add, level, doc[k - 1:])
        if k >= lo:
            level = list(level)
            grams.append(level)
    return itertools.chain.from_iterable(grams)


def _expit(x: np.ndarray) -> np.ndarray:
    with np.errstate(over="ignore"):
        return 1.0 / (1.0 + np.exp(-x))


class FastPipeline:
    """``predict_proba`` and ``classes_`` like the scikit-learn pipeline it was compiled from.

    The arrays are read on first prediction: a draft without objectives never loads the
    objective model's weights.
    """

    def __init__(self, spec: dict, npz_path: Path, skops_path: Path):
        self.spec = spec
        self.npz_path = npz_path
        self.skops_path = skops_path
        self.classes_ = np.asarray(spec["classes"])
        self._ready = False

    def _load(self) -> None:
        with np.load(self.npz_path, allow_pickle=False) as z:
            arrays = {k: z[k] for k in z.files}
        self.coef, self.intercept = arrays["coef"], arrays["intercept"]
        self.coef_columns = np.ascontiguousarray(self.coef.T)  # one contiguous row per decision column
        self.branches = []
        for b in self.spec["branches"]:
            ops = []
            for op in b["ops"]:
                if op["op"] == "tfidf":
                    ops.append(("tfidf", _Tfidf(op, arrays)))
                elif op["op"] == "function":
                    ops.append(("function", _resolve(op["name"])))
                elif op["op"] in ("cues", "frames"):
                    ops.append((op["op"], None))
                else:
                    raise ValueError(f"unknown op {op['op']}")
            width = next((op["width"] for op in reversed(b["ops"]) if "width" in op), None)
            self.branches.append((ops, float(b["weight"]), width))
        self._ready = True

    def decision(self, texts: Sequence[str]) -> np.ndarray:
        """Every member's decision values, ``(n, members × columns)``."""
        if not self._ready:
            self._load()
        from .features import cached_analyse, cue_vector, frame_vector

        n = len(texts)
        out = np.tile(self.intercept, (n, 1))
        offset = 0
        for ops, weight, width in self.branches:
            docs = list(texts)
            for kind, step in ops[:-1]:  # text → text
                docs = step(docs)
            kind, step = ops[-1]
            if kind == "tfidf":
                r, c, v = step.rows([str(d) for d in docs])
                if weight != 1.0:
                    v = v * weight
                # one column at a time from the transposed weights: no (n-grams × columns) temporary,
                # half the time; each product and each bin's sum is the same as before, in the same order
                c = c + offset
                for k, column in enumerate(self.coef_columns):
                    out[:, k] += np.bincount(r, weights=column[c] * v, minlength=n)
            else:
                if kind in ("cues", "frames"):
                    vector = cue_vector if kind == "cues" else frame_vector
                    block = np.asarray([vector(cached_analyse(str(t))) for t in docs], dtype=np.float64)
                else:  # a function that returns the features
                    block = step(docs)
                    block = block.toarray() if hasattr(block, "toarray") else np.asarray(block, dtype=np.float64)
                # einsum, not BLAS: a few dozen columns, and BLAS threads would spin on a shared machine
                out += np.einsum("ij,jk->ik", block.reshape(n, width) * weight, self.coef[offset:offset + width])
            offset += width
        return out

    def predict_proba(self, texts: Sequence[str]) -> np.ndarray:
        d = self.decision(texts)
        n, k = d.shape[0], len(self.classes_)
        head = self.spec["head"]
        if head["type"] == "logistic_binary":
            p1 = _expit(d[:, 0])
            return np.column_stack([1.0 - p1, p1])
        total = np.zeros((n, k))
        col = 0
        for m in head["members"]:
            proba = np.zeros((n, k))
            for j, pos in enumerate(m["positions"][:m["columns"]]):  # zip(classes, columns, calibrators)
                this = d[:, col + j]
                proba[:, pos + 1 if k == 2 else pos] = _expit(-(m["a"][j] * this + m["b"][j]))
            if k == 2:
                proba[:, 0] = 1.0 - proba[:, 1]
            else:
                den = proba.sum(axis=1)[:, None]
                proba = np.divide(proba, den, out=np.full_like(proba, 1 / k), where=den != 0)
            proba[(1.0 < proba) & (proba <= 1.0 + 1e-5)] = 1.0
            total += proba
            col += m["columns"]
        return total / len(head["members"])

    def predict(self, texts: Sequence[str]) -> np.ndarray:
        return self.classes_[self.predict_proba(texts).argmax(axis=1)]


def load_fast(skops_path: str | Path) -> FastPipeline | None:
    """The fast form of ``skops_path`` if it exists and was compiled from this very file, else None."""
    skops_path = Path(skops_path)
    json_path, npz_path = fast_paths(skops_path)
    if not (json_path.is_file() and npz_path.is_file() and skops_path.is_file()):
        return None
    try:
        spec = json.loads(json_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(spec, dict) or spec.get("format") != FORMAT:
        return None
    if spec.get("skops_sha256") != file_sha256(skops_path) or spec.get("npz_sha256") != file_sha256(npz_path):
        return None  # stale: the model was retrained or replaced since it was compiled
    return FastPipeline(spec, npz_path, skops_path)
