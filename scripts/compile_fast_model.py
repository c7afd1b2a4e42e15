#!/usr/bin/env python
"""(Re)write the fast form of a model directory's pipelines from its skops files.

    python scripts/compile_fast_model.py [MODEL_DIR ...]     # default: models/default

``okrcoach train`` and ``scripts/train_default_model.py`` write the fast form themselves; run this
after replacing a ``*.skops`` file by hand, or on a model directory written before the fast form
existed. Prints, per pipeline, whether it compiled (a pipeline with a component the compiler does
not know keeps only its skops file and is loaded with scikit-learn).
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from okrcoach.classifier.fast_predict import compile_model_dir  # noqa: E402


def main(argv: list[str]) -> int:
    dirs = [Path(a) for a in argv] or [ROOT / "models" / "default"]
    for d in dirs:
        for name, ok in compile_model_dir(d).items():
            print(f"{d}/{name}: {'fast form written' if ok else 'not compiled (kept skops + scikit-learn)'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
