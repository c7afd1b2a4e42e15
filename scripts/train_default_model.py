#!/usr/bin/env python
"""Train the shipped default model (``models/default``) on the train split of ``datasets/`` and
measure it on the fixed test split it never saw; the figures go into its model card.

    python scripts/train_default_model.py [--out models/default]

Run ``python scripts/build_datasets.py`` first when the authored parts changed.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from okrcoach.classifier.train import train_default  # noqa: E402


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", default=str(ROOT / "models" / "default"))
    args = ap.parse_args(argv)
    started = time.perf_counter()
    _, metrics = train_default(args.out)
    print(f"wrote {args.out} in {time.perf_counter() - started:.1f}s")
    for kind, m in metrics.items():
        print(f"-- {kind} (test split, never used for training or tuning)")
        for key in ("clear/zh", "clear/en", "all/zh", "all/en", "all/both"):
            if key in m:
                v = m[key]
                print(f"   {key:9} macro-F1 {v['macro_f1']:.3f} [{v['ci95'][0]:.3f}, {v['ci95'][1]:.3f}] "
                      f"acc {v['accuracy']:.3f} n={v['n']}")
        print(f"   ECE {m['ece']}, unsure share {m['unsure_share']}, accuracy when sure {m['accuracy_when_sure']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
