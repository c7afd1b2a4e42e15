#!/usr/bin/env python
"""Cold start of ``okrcoach check`` next to loading jieba's dictionary alone, in paired runs.

    python benchmarks/bench_cold_start.py [--runs 7] [--text "KR1: 完成 8 次客户访谈"]

Each pair starts two fresh Python processes one after the other: one runs
``okrcoach check TEXT`` (the CLI entry point, model and all), the other only imports jieba and
loads its dictionary from the same user cache okrcoach uses. Prints the median wall time of each
and the median of the per-pair ratios (pairs cancel most of the drift in a shared machine's load),
plus which heavy libraries the check imported.
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CHECK = ("import sys\nfrom okrcoach.cli import main\nsys.argv = ['okrcoach', 'check', sys.argv[1]]\n"
         "try:\n    main()\nexcept SystemExit:\n    pass\n")
HEAVY = ("pandas", "sklearn", "skops", "scipy", "matplotlib", "openpyxl", "ipywidgets", "spacy", "jinja2")
CHECK_MODULES = CHECK.replace("except SystemExit:\n    pass\n", "except SystemExit:\n    pass\n"
                              f"print('HEAVY', [m for m in {HEAVY!r} if m in sys.modules], file=sys.stderr)\n")
JIEBA = ("import logging\nimport jieba\nfrom okrcoach.analysis.tokens import cache_dir\n"
         "jieba.setLogLevel(logging.WARNING)\ntk = jieba.Tokenizer()\ntk.tmp_dir = str(cache_dir())\n"
         "tk.cache_file = 'jieba.okrcoach.cache'\ntk.initialize()\n")


def wall(code: str, *args: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code, *args], cwd=ROOT, capture_output=True, check=True)
    return time.perf_counter() - start


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--text", default="KR1: 完成 8 次客户访谈")
    args = ap.parse_args()
    wall(JIEBA)  # the dictionary cache exists before the first timed run (as after any first use)
    wall(CHECK, args.text)
    checks, jiebas = [], []
    for i in range(args.runs):
        if i % 2:  # alternate which goes first
            jiebas.append(wall(JIEBA))
            checks.append(wall(CHECK, args.text))
        else:
            checks.append(wall(CHECK, args.text))
            jiebas.append(wall(JIEBA))
    ratios = [c / j for c, j in zip(checks, jiebas)]
    heavy = subprocess.run([sys.executable, "-c", CHECK_MODULES, args.text], cwd=ROOT, capture_output=True,
                           text=True).stderr.strip().splitlines()[-1]
    print(f"okrcoach check {args.text!r}: median {statistics.median(checks):.2f} s "
          f"(runs: {', '.join(f'{c:.2f}' for c in checks)})")
    print(f"jieba dictionary load alone:  median {statistics.median(jiebas):.2f} s "
          f"(runs: {', '.join(f'{j:.2f}' for j in jiebas)})")
    print(f"heavy libraries imported by check: {heavy.removeprefix('HEAVY ')}")
    print(f"BENCH cold check / jieba load = {statistics.median(ratios):.2f} (median of {args.runs} paired runs)")


if __name__ == "__main__":
    main()
