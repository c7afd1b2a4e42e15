"""The compiled (numpy-only) form of a model predicts exactly what its scikit-learn pipeline predicts."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from okrcoach.classifier.fast_predict import FastPipeline, compile_pipeline, fast_paths, load_fast, save_fast
from okrcoach.classifier.model import ModelJudge, load_model
from okrcoach.classifier.persist import load_model_file
from okrcoach.classifier.pipelines import build_pipeline

ROOT = Path(__file__).resolve().parents[1]
MODEL = ROOT / "models" / "default"
DATASETS = {"kr": "key_results.csv", "objective": "objectives.csv", "progress": "progress_notes.csv"}


@pytest.mark.parametrize("kind", sorted(DATASETS))
def test_shipped_fast_form_matches_sklearn_on_every_dataset_text(kind):
    texts = pd.read_csv(ROOT / "datasets" / DATASETS[kind], dtype=str, keep_default_na=False)["text"].tolist()
    texts += ["", " ", "KR1: 完成 8 次客户访谈  @王磊\n", "x" * 3000]
    fast = load_fast(MODEL / f"{kind}.skops")
    assert isinstance(fast, FastPipeline), "models/default has no fresh fast form: run scripts/compile_fast_model.py"
    pipe = load_model_file(MODEL / f"{kind}.skops")
    want, got = pipe.predict_proba(texts), fast.predict_proba(texts)
    assert list(fast.classes_) == [str(c) for c in pipe.classes_]
    np.testing.assert_allclose(got, want, rtol=0, atol=1e-9)
    assert (fast.predict(texts) == pipe.predict(texts)).all()


def test_default_model_loads_fast_and_judges_like_sklearn():
    judge = load_model(MODEL)
    assert isinstance(judge.kr_pipeline, FastPipeline) and isinstance(judge.objective_pipeline, FastPipeline)
    slow = ModelJudge(load_model_file(MODEL / "kr.skops"), load_model_file(MODEL / "objective.skops"))
    lines = ["上线新版会员中心", "续费率从 78% 提升至 85%", "Run 4 webinars", "Grow WAU from 1,200 to 2,000"]
    assert [(j.label, j.probabilities) for j in judge.judge_krs(lines)] == [(j.label, j.probabilities) for j in slow.judge_krs(lines)]


def _copy_model(tmp_path) -> Path:
    d = tmp_path / "m"
    shutil.copytree(MODEL, d)
    return d


def test_stale_or_damaged_fast_files_fall_back_to_skops(tmp_path):
    d = _copy_model(tmp_path)
    json_path, npz_path = fast_paths(d / "kr.skops")
    spec = json.loads(json_path.read_text(encoding="utf-8"))
    spec["skops_sha256"] = "0" * 64  # compiled from another skops file
    json_path.write_text(json.dumps(spec), encoding="utf-8")
    assert load_fast(d / "kr.skops") is None
    assert not isinstance(load_model(d).kr_pipeline, FastPipeline)
    json_path.write_text("{not json", encoding="utf-8")
    assert load_fast(d / "kr.skops") is None
    npz_path.unlink()
    assert load_fast(d / "kr.skops") is None


def test_unsupported_components_keep_the_sklearn_path(tmp_path):
    from sklearn.pipeline import Pipeline
    from sklearn.preprocessing import FunctionTransformer
    from sklearn.tree import DecisionTreeClassifier

    from okrcoach.classifier.features import CueFeatures
    from okrcoach.classifier.persist import dump_model

    texts = ["上线新版会员中心", "续费率从 78% 提升至 85%", "Run 4 webinars", "Grow WAU from 1,200 to 2,000"] * 3
    labels = ["todo", "outcome", "todo", "outcome"] * 3
    pipe = Pipeline([("features", CueFeatures()), ("clf", DecisionTreeClassifier())]).fit(texts, labels)
    path = tmp_path / "kr.skops"
    dump_model(pipe, path)
    assert save_fast(pipe, path) is False
    assert not any(p.exists() for p in fast_paths(path))
    # a function outside the allowlist is not compiled either (it could be anything)
    pipe2 = build_pipeline("char+cues", calibrate=False)
    pipe2.steps[0][1].transformer_list[0][1].steps[0] = ("normalise", FunctionTransformer(str.lower))
    with pytest.raises(Exception):
        compile_pipeline(pipe2.fit(texts, labels))


def test_training_writes_the_fast_form_and_kept_fast_pipelines_are_copied(tmp_path):
    texts = ["上线新版会员中心", "续费率从 78% 提升至 85%", "Run 4 webinars", "Grow WAU from 1,200 to 2,000",
             "完成 8 次客户访谈", "NPS 达到 50"] * 4
    labels = ["todo", "outcome", "todo", "outcome", "todo", "outcome"] * 4
    kr = build_pipeline("char+cues-svm").fit(texts, labels)
    kept = load_model(MODEL)  # objective kept from the shipped model, itself loaded in fast form
    ModelJudge(kr, kept.objective_pipeline, {"name": "t"}).save(tmp_path / "new")
    new = load_model(tmp_path / "new")
    assert isinstance(new.kr_pipeline, FastPipeline) and isinstance(new.objective_pipeline, FastPipeline)
    np.testing.assert_allclose(new.kr_pipeline.predict_proba(texts), kr.predict_proba(texts), rtol=0, atol=1e-9)
    assert (tmp_path / "new" / "objective.skops").read_bytes() == (MODEL / "objective.skops").read_bytes()


def test_compile_script_rewrites_a_model_dir(tmp_path):
    d = _copy_model(tmp_path)
    for p in d.glob("*.fast.*"):
        p.unlink()
    out = subprocess.run([sys.executable, str(ROOT / "scripts" / "compile_fast_model.py"), str(d)],
                         capture_output=True, text=True, check=True).stdout
    assert out.count("fast form written") == 3
    assert isinstance(load_fast(d / "kr.skops"), FastPipeline)


def length_features(texts):
    """A FunctionTransformer feature function (as the lead may add): two numbers per text."""
    return np.asarray([[len(str(t)) / 40.0, str(t).count(" ") / 5.0] for t in texts], dtype=np.float64)


def test_a_function_transformer_feature_block_compiles(monkeypatch, tmp_path):
    from sklearn.pipeline import FeatureUnion, Pipeline
    from sklearn.preprocessing import FunctionTransformer

    import okrcoach.classifier.persist as persist

    monkeypatch.setattr(persist, "TRUSTED_TYPES", persist.TRUSTED_TYPES | {f"{__name__}.length_features"})
    texts = ["上线新版会员中心", "续费率从 78% 提升至 85%", "Run 4 webinars", "Grow WAU from 1,200 to 2,000",
             "完成 8 次客户访谈", "NPS 达到 50"] * 4
    labels = ["todo", "outcome", "todo", "outcome", "todo", "outcome"] * 4
    pipe = build_pipeline("char+cues-svm")
    union = pipe.steps[0][1]
    pipe.steps[0] = ("features", FeatureUnion(union.transformer_list + [("len", FunctionTransformer(length_features))],
                                              transformer_weights={"len": 0.5}))
    pipe.fit(texts, labels)
    path = tmp_path / "kr.skops"
    path.write_bytes(b"stand-in for the skops file")  # only its hash matters to the fast form
    assert save_fast(pipe, path)
    fast = load_fast(path)
    probe = texts + ["Ship SSO by May 15", "流失率降至 3%"]
    np.testing.assert_allclose(fast.predict_proba(probe), pipe.predict_proba(probe), rtol=0, atol=1e-9)


@pytest.mark.parametrize("ngram_range", [(1, 4), (2, 3), (1, 1)])
def test_packed_char_grams_count_what_scikit_learn_counts(ngram_range, monkeypatch):
    """The batch n-gram counter (16-bit character ids packed into 64-bit keys) against TfidfVectorizer,
    and the per-text dictionary count small batches use."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    from okrcoach.classifier import fast_predict
    from okrcoach.classifier.fast_predict import _Tfidf, _compile_tfidf

    train = ["续费率从 78% 提升至 85%", "Run 4 webinars for SMB", "上线新版会员中心", "Grow WAU  from 1,200 to 2,000 🚀"]
    docs = train + ["", "a", "续", "  Grow\t\tWAU  ", "🚀🚀 新 emoji", "\udcff lone surrogate", "ＦＵＬＬ　width", "z" * 2000,
                    "完全没见过的字符组合", "\x00 nul \x00"]
    vec = TfidfVectorizer(analyzer="char", ngram_range=ngram_range, sublinear_tf=True).fit(train)
    want = vec.transform(docs).toarray()
    arrays: dict = {}
    tf = _Tfidf(_compile_tfidf(vec, "t", arrays), arrays)
    for min_docs in (1, 10_000):  # packed for this batch, then the dictionary path
        monkeypatch.setattr(fast_predict, "PACKED_MIN_DOCS", min_docs)
        r, c, v = tf.rows(docs)
        got = np.zeros((len(docs), len(vec.vocabulary_)))
        got[r, c] = v
        np.testing.assert_allclose(got, want, rtol=0, atol=1e-12)
        if min_docs == 1:
            assert tf._packed is not None  # this batch went through the packed counter


def test_packed_char_grams_decline_what_they_cannot_hold():
    from okrcoach.classifier.fast_predict import _PackedCharGrams

    assert _PackedCharGrams.build({"abcde": 0}, 1, 5) is None  # five characters do not fit 64 bits
    assert _PackedCharGrams.build({"a\x00": 0}, 1, 2) is None  # NUL is the gap between texts
    assert _PackedCharGrams.build({"ab": 0, "b": 1}, 1, 2) is not None


def _packed_reference(index: dict[str, int], lo: int, hi: int, max_n: int = 4):
    """The packing written out term by term and character by character (what ``build`` computes in numpy)."""
    chars = sorted({ch for term in index for ch in term})
    ids = {ch: k + 1 for k, ch in enumerate(chars)}
    pairs = sorted(((sum(ids[ch] << (16 * (max_n - 1 - k)) for k, ch in enumerate(term)), col)
                    for n, (term, col) in enumerate(index.items()) if lo <= len(term) <= hi),
                   key=lambda p: p[0])  # a stable sort by key, as np.argsort(kind="stable")
    return chars, [k for k, _ in pairs], [c for _, c in pairs]


@pytest.mark.parametrize("lo,hi", [(1, 4), (2, 3), (2, 2)])
def test_packed_char_grams_build_packs_every_term_like_the_plain_loop(lo, hi):
    from okrcoach.classifier.fast_predict import _PackedCharGrams, load_fast

    fast = load_fast(MODEL / "kr.skops")
    fast._load()
    shipped = next(step for ops, _, _ in fast.branches for kind, step in ops
                   if kind == "tfidf" and step.spec["analyzer"].startswith("char"))
    odd = {"\udcff": 7, "a": 3, "ab": 1, "abc": 4, "abcd": 2, "abcde": 9, "🚀": 5, "续费": 0, "费率": 8, "b c": 6}
    for index in (shipped.index, odd):
        packed = _PackedCharGrams.build(index, lo, hi)
        chars, keys, cols = _packed_reference(index, lo, hi)
        assert packed.char_ids[[ord(ch) for ch in chars]].tolist() == list(range(1, len(chars) + 1))
        assert int(np.count_nonzero(packed.char_ids)) == len(chars)
        assert packed.keys.tolist() == keys and packed.cols.tolist() == cols


@pytest.mark.parametrize("clash", [False, True])
def test_key_table_finds_every_packed_key_and_nothing_else(monkeypatch, clash):
    """The hash table the batch counter looks n-grams up in, against a dict: the shipped vocabulary's keys,
    keys that are no term (0 included), and with every key hashed to one slot (the probing path)."""
    from okrcoach.classifier.fast_predict import _KeyTable, _PackedCharGrams, load_fast

    if clash:
        monkeypatch.setattr(_KeyTable, "_slots", lambda self, keys: np.full(len(keys), 5, dtype=np.uint64) & self.mask)
    fast = load_fast(MODEL / "kr.skops")
    fast._load()
    shipped = next(step for ops, _, _ in fast.branches for kind, step in ops if kind == "tfidf")
    packed = _PackedCharGrams.build(shipped.index, shipped.lo, shipped.hi)
    keys, cols = (packed.keys[:300], packed.cols[:300]) if clash else (packed.keys, packed.cols)
    table = _KeyTable(keys, cols)
    want = dict(zip(keys.tolist(), cols.tolist()))
    rng = np.random.default_rng(0)
    others = rng.integers(1, 2 ** 63, size=5000, dtype=np.uint64)
    queries = np.concatenate([keys, others, keys[::-1] + np.uint64(1), np.zeros(3, dtype=np.uint64)])
    rng.shuffle(queries)
    got = table.lookup(queries)
    assert got.tolist() == [want.get(k, -1) for k in queries.tolist()]
    assert int(np.count_nonzero(table.keys)) == len(keys)
