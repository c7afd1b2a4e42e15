#!/usr/bin/env python
"""Analysis speed next to jieba alone, on the same ≥ 20,000 KR lines, in the same run.

    python benchmarks/bench_analysis.py [--lines 20000]

Prints lines/s for: jieba's own lcut (the yardstick), okrcoach's analyse() (all facts with
spans), and analyse() plus tokens (jieba/spaCy); and the cost ratios against jieba.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def corpus(n: int) -> list[str]:
    import pandas as pd

    path = ROOT / "datasets" / "key_results.csv"
    if path.is_file():
        lines = pd.read_csv(path, dtype=str, keep_default_na=False)["text"].tolist()
    else:
        lines = pd.read_csv(ROOT / "okrcoach" / "data" / "sample_department.csv", dtype=str, keep_default_na=False)["key_result"].tolist()
    lines = [l for l in lines if l]
    # distinct strings (a suffix varies them) so no cache can help
    return [f"{lines[i % len(lines)]} #{i}" for i in range(n)]


def rate(fn, lines) -> float:
    start = time.perf_counter()
    for line in lines:
        fn(line)
    return len(lines) / (time.perf_counter() - start)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--lines", type=int, default=20000)
    args = ap.parse_args()
    from okrcoach.analysis import analyse
    from okrcoach.analysis.tokens import jieba_tokenizer, spacy_english

    lines = corpus(args.lines)
    tk = jieba_tokenizer()
    spacy_english()
    analyse("预热 warm-up")
    tk.lcut("预热")
    jieba_rate = rate(tk.lcut, lines)
    analyse_rate = rate(analyse, lines)
    tokens_rate = rate(lambda l: analyse(l).tokens, lines)
    zh = sum(1 for l in lines if analyse(l).lang == "zh")
    print(f"lines: {len(lines)} ({zh} zh, {len(lines) - zh} en)")
    print(f"jieba.lcut alone:          {jieba_rate:10,.0f} lines/s")
    print(f"analyse() (facts + spans): {analyse_rate:10,.0f} lines/s   cost ratio vs jieba {jieba_rate / analyse_rate:.2f}x")
    print(f"analyse() + tokens:        {tokens_rate:10,.0f} lines/s   cost ratio vs jieba {jieba_rate / tokens_rate:.2f}x")


if __name__ == "__main__":
    main()
