#!/usr/bin/env python
"""Choose the objective classifier's precision-first threshold on real OKR text, and write it to a card.

A not-ok objective label (vague / task / metric / routine) is shown as a warning only when the
model's probability for it reaches the threshold; below it the objective counts as ``ok`` and the
label is an ``info`` hint (see ``okrcoach.classifier.model.hold_below_threshold``). The threshold
is chosen on the real-text development set (``../shared/eval-dev/``, measured, never trained on):
the lowest one whose not-ok precision reaches ``--precision`` in both languages, so recall stays as
high as that precision allows. One threshold is shared by the four labels: with a few dozen
not-ok objectives per language, per-label thresholds would fit the development set, not the task.

    python benchmarks/choose_thresholds.py                       # print the curve for the shipped model
    python benchmarks/choose_thresholds.py --write               # and store the choice in its card.json
    python benchmarks/choose_thresholds.py --model DIR --write   # another model directory
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_realtext import DEV_DIR, load_dev  # noqa: E402

NOT_OK = ("vague", "task", "metric", "routine")


def curve(proba: np.ndarray, classes: list[str], y: np.ndarray, langs: np.ndarray, grid) -> list[dict]:
    pred = np.asarray(classes)[proba.argmax(axis=1)]
    conf = proba.max(axis=1)
    truth = y != "ok"
    rows = []
    for t in grid:
        flagged = (pred != "ok") & (conf >= t)
        row = {"threshold": round(float(t), 2)}
        for lang in ("zh", "en"):
            m = langs == lang
            tp = int(np.sum(flagged[m] & truth[m]))
            row[f"{lang}_precision"] = tp / max(1, int(flagged[m].sum())) if flagged[m].any() else float("nan")
            row[f"{lang}_recall"] = tp / max(1, int(truth[m].sum()))
            row[f"{lang}_flagged"] = int(flagged[m].sum())
        rows.append(row)
    return rows


def choose(rows: list[dict], precision: float, min_recall: float) -> dict:
    ok = [r for r in rows if all(r[f"{l}_precision"] >= precision and r[f"{l}_recall"] >= min_recall
                                 for l in ("zh", "en"))]
    if ok:
        return min(ok, key=lambda r: r["threshold"])
    # no threshold reaches both: take the one with the best worst-language precision at the recall floor
    floor = [r for r in rows if all(r[f"{l}_recall"] >= min_recall for l in ("zh", "en"))] or rows
    return max(floor, key=lambda r: (min(np.nan_to_num(r["zh_precision"]), np.nan_to_num(r["en_precision"])),
                                     -r["threshold"]))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model", type=Path, default=None)
    ap.add_argument("--dev-dir", type=Path, default=DEV_DIR)
    ap.add_argument("--precision", type=float, default=0.88, help="not-ok precision to reach in both languages")
    ap.add_argument("--min-recall", type=float, default=0.70)
    ap.add_argument("--write", action="store_true", help="store the chosen threshold in the model's card.json")
    args = ap.parse_args()
    from okrcoach.classifier.model import default_model_dir, load_model

    directory = args.model or default_model_dir()
    judge = load_model(directory)
    dev = load_dev(args.dev_dir)
    objs = dev[dev["kind"] == "objective"]
    proba = np.asarray(judge.objective_pipeline.predict_proba(objs["text"].tolist()))
    classes = [str(c) for c in judge.objective_pipeline.classes_]
    rows = curve(proba, classes, objs["label"].to_numpy(), objs["lang"].to_numpy(), np.arange(0.30, 0.96, 0.05))
    print(f"objective not-ok precision / recall on the real-text development set ({len(objs)} objectives), "
          f"model {directory}")
    print(f"{'threshold':>9}  {'zh P':>6} {'zh R':>6} {'zh n':>5}  {'en P':>6} {'en R':>6} {'en n':>5}")
    for r in rows:
        print(f"{r['threshold']:9.2f}  {r['zh_precision']:6.3f} {r['zh_recall']:6.3f} {r['zh_flagged']:5d}  "
              f"{r['en_precision']:6.3f} {r['en_recall']:6.3f} {r['en_flagged']:5d}")
    best = choose(rows, args.precision, args.min_recall)
    print(f"chosen threshold {best['threshold']:.2f}: zh P {best['zh_precision']:.3f} R {best['zh_recall']:.3f}, "
          f"en P {best['en_precision']:.3f} R {best['en_recall']:.3f}")
    if args.write:
        card_path = Path(directory) / "card.json"
        card = json.loads(card_path.read_text(encoding="utf-8")) if card_path.is_file() else {}
        card["objective_thresholds"] = {label: best["threshold"] for label in NOT_OK}
        card["objective_thresholds_note"] = (
            f"chosen by benchmarks/choose_thresholds.py on the real-text development set: the lowest shared "
            f"threshold with not-ok precision >= {args.precision} and recall >= {args.min_recall} in zh and en")
        card_path.write_text(json.dumps(card, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        print(f"written to {card_path}")


if __name__ == "__main__":
    main()
