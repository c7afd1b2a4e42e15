#!/usr/bin/env python
"""Compare classifier variants and measure the chosen one: accuracy on the held-out test split,
a learning curve, errors, and speed. Every figure in the README and the model card comes from here.

    python benchmarks/bench_classifier.py                 # compare variants with CV on the train split
    python benchmarks/bench_classifier.py --test          # + evaluate the default variants on the test split
    python benchmarks/bench_classifier.py --speed         # training time, batch throughput, single-line p95, load time
    python benchmarks/bench_classifier.py --by-source     # generalisation: train without one authored part, test on it
    python benchmarks/bench_classifier.py --external      # the shipped model on the sample department's coach labels

The test split is never used to choose a variant: variants are compared by 5-fold cross-validation
on the train split only.
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from okrcoach.classifier.data import load_dataset  # noqa: E402
from okrcoach.classifier.evaluate import bootstrap_f1, evaluate  # noqa: E402
from okrcoach.classifier.pipelines import VARIANTS, build_pipeline  # noqa: E402
from okrcoach.classifier.train import DEFAULT_VARIANT, cv_metrics, fit  # noqa: E402


def compare(kinds, variants=VARIANTS) -> None:
    print("== variants, 5-fold CV macro-F1 on the train split (zh / en) ==")
    for kind in kinds:
        train = load_dataset(kind).query("split == 'train'")
        for variant in variants:
            t = time.perf_counter()
            m = cv_metrics(kind, train, variant)
            print(f"{kind:9} {variant:16} zh {m['zh']['macro_f1']:.3f} [{m['zh']['ci95'][0]:.3f}-{m['zh']['ci95'][1]:.3f}]"
                  f"  en {m['en']['macro_f1']:.3f} [{m['en']['ci95'][0]:.3f}-{m['en']['ci95'][1]:.3f}]"
                  f"  ({time.perf_counter() - t:.0f}s)", flush=True)


def test_split(kinds, show_errors: int) -> None:
    print("== default variants on the held-out test split ==")
    for kind in kinds:
        data = load_dataset(kind)
        train, test = data.query("split == 'train'"), data.query("split == 'test'")
        pipe = fit(kind, train)
        m = evaluate(pipe, test["text"], test["label"], test["lang"], test["borderline"].astype(int))
        print(f"-- {kind} ({DEFAULT_VARIANT[kind]}), train {len(train)}, test {len(test)}")
        for key in ("clear/zh", "clear/en", "clear/both", "all/zh", "all/en", "all/both"):
            if key in m:
                v = m[key]
                print(f"   {key:10} macro-F1 {v['macro_f1']:.3f}  95% CI [{v['ci95'][0]:.3f}, {v['ci95'][1]:.3f}]  "
                      f"acc {v['accuracy']:.3f}  n={v['n']}")
        print(f"   confusion {m['confusion']['labels']}: {m['confusion']['matrix']}")
        print(f"   ECE {m['ece']}, unsure share {m['unsure_share']}, accuracy when sure {m['accuracy_when_sure']}")
        print("   learning curve (train rows → test macro-F1, both languages):")
        rng = np.random.default_rng(0)
        for frac in (0.1, 0.25, 0.5, 0.75, 1.0):
            idx = rng.permutation(len(train))[: max(20, int(frac * len(train)))]
            sub = train.iloc[idx]
            if sub["label"].nunique() < data["label"].nunique():
                continue
            p = build_pipeline(DEFAULT_VARIANT[kind]).fit(sub["text"].tolist(), sub["label"].tolist())
            f1 = bootstrap_f1(test["label"].to_numpy(), p.predict(test["text"].tolist()), n=200)[0]
            print(f"     {len(sub):5d} → {f1:.3f}")
        print(f"   highest-confidence errors (of {len(m['errors'])}):")
        for e in m["errors"][:show_errors]:
            print(f"     [{e['label']} → {e['predicted']} {e['confidence']:.2f}] {e['text']}")


def by_source(kinds) -> None:
    """Leave one authored part out: a stricter estimate of accuracy on text written by someone else.

    The random test split shares writers (and habits) with the training rows; a whole part held out
    does not, so its score is closer to what real OKRs from another organisation will get.
    """
    print("== leave-one-part-out (train on the other parts, test on all rows of one part) ==")
    for kind in kinds:
        data = load_dataset(kind)
        for part in sorted(data["source"].unique()):
            held = data["source"] == part
            train, test = data[~held], data[held]
            if train["label"].nunique() < data["label"].nunique():
                continue
            pipe = fit(kind, train)
            pred = pipe.predict(test["text"].tolist())
            f1, lo, hi = bootstrap_f1(test["label"].to_numpy(), pred, n=300)
            same_lang = set(test["lang"]) & set(train["lang"])
            note = "" if same_lang else "  (no other batch in this language: a cross-language figure)"
            print(f"{kind:9} {part:22} n={len(test):4d}  macro-F1 {f1:.3f} [{lo:.3f}, {hi:.3f}]  "
                  f"acc {(test['label'].to_numpy() == pred).mean():.3f}{note}", flush=True)


def external() -> None:
    """The shipped model on labels a coach gave the bundled sample department (never used for training)."""
    import pandas as pd

    from okrcoach.classifier.model import default_judge

    path = ROOT / "okrcoach" / "data" / "sample_department_labels.csv"
    labels = pd.read_csv(path, dtype=str, keep_default_na=False)
    judge = default_judge()
    from okrcoach.classifier.features import cached_analyse

    texts = labels["text"].tolist()
    pred = np.asarray([j.label for j in judge.judge_krs(texts, [cached_analyse(t) for t in texts])])
    print(f"== external check: {judge.name} model on {path.name} ==")
    for lang in ("zh", "en", "both"):
        mask = (labels["lang"] == lang).to_numpy() if lang != "both" else np.ones(len(labels), bool)
        f1, lo, hi = bootstrap_f1(labels["label"].to_numpy()[mask], pred[mask], n=500)
        print(f"   {lang:4} n={mask.sum():3d}  macro-F1 {f1:.3f} [{lo:.3f}, {hi:.3f}]  "
              f"acc {(labels['label'].to_numpy()[mask] == pred[mask]).mean():.3f}")
    for t, y, p in zip(labels["text"], labels["label"], pred):
        if y != p:
            print(f"     [{y} → {p}] {t}")


def speed() -> None:
    from okrcoach.classifier.features import cached_analyse
    from okrcoach.classifier.model import load_model
    from okrcoach.classifier.train import train_default
    from okrcoach.rules.engine import check_line

    print("== speed ==")
    cached_analyse.cache_clear()  # earlier sections analysed these lines already: time a cold training
    t = time.perf_counter()
    tmp = Path(tempfile.mkdtemp())
    train_default(tmp / "m", n_boot=50)
    print(f"training the KR, objective and progress-note classifiers on the shipped train split "
          f"(+ test-split evaluation): {time.perf_counter() - t:.1f}s")
    sizes = {p.name: p.stat().st_size for p in (tmp / "m").iterdir()}
    print(f"model files: {json.dumps(sizes)} (total {sum(sizes.values()) / 1e6:.2f} MB)")
    t = time.perf_counter()
    judge = load_model(tmp / "m")
    print(f"load time: {time.perf_counter() - t:.3f}s")
    data = load_dataset("kr")
    texts = [f"{t} {i}" for i, t in enumerate((data["text"].tolist() * 8)[:20000])]
    cached_analyse.cache_clear()
    t = time.perf_counter()
    judge.judge_krs(texts)
    dt = time.perf_counter() - t
    print(f"batch prediction incl. analysis features: {len(texts) / dt:,.0f} KRs/s ({len(texts)} distinct lines)")
    lines = data["text"].tolist()[:300]
    check_line("warm up 预热", "kr", judge=judge)
    times = []
    for i, line in enumerate(lines):
        cached_analyse.cache_clear()
        t = time.perf_counter()
        check_line(f"{line} ", "kr", judge=judge)
        times.append(time.perf_counter() - t)
    times.sort()
    print(f"single-line check (judge + all KR rules), warm: median {statistics.median(times) * 1000:.1f} ms, "
          f"p95 {times[int(0.95 * len(times))] * 1000:.1f} ms")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--kind", choices=["kr", "objective", "progress", "both", "all"], default="both",
                    help="both = kr + objective; all = + progress notes")
    ap.add_argument("--test", action="store_true")
    ap.add_argument("--speed", action="store_true")
    ap.add_argument("--no-compare", action="store_true")
    ap.add_argument("--by-source", action="store_true")
    ap.add_argument("--external", action="store_true")
    ap.add_argument("--errors", type=int, default=15)
    ap.add_argument("--variants", default=",".join(VARIANTS), help="comma-separated variants to compare")
    args = ap.parse_args()
    kinds = {"both": ["kr", "objective"], "all": ["kr", "objective", "progress"]}.get(args.kind, [args.kind])
    if not args.no_compare:
        compare(kinds, [v for v in args.variants.split(",") if v])
    if args.test:
        test_split(kinds, args.errors)
    if args.by_source:
        by_source(kinds)
    if args.external:
        external()
    if args.speed:
        speed()


if __name__ == "__main__":
    main()
