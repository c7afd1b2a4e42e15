#!/usr/bin/env python
"""How often a to-do KR's rewrite names a concrete metric (no generic [关键指标]/[metric] slot left).

    python benchmarks/bench_suggestions.py [--examples 5] [--speed]

Over the to-do KRs of ``datasets/key_results.csv`` (per language), and — when the measurement-only
real-text set ``../shared/eval-dev/real_*.csv`` exists beside the repository — over its
``kind=kr, label=todo`` rows with their objective as context. Prints shares with a 95% Wilson
interval and the most frequent metrics; ``--examples`` prints that many rewrites from the bundled
dataset only (never from the real-text set, which is for measuring, not for copying).
"""
from __future__ import annotations

import argparse
import math
import sys
import time
from collections import Counter
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from okrcoach.analysis import analyse  # noqa: E402
from okrcoach.analysis.metrics import bundled_catalogue  # noqa: E402
from okrcoach.rules import suggest  # noqa: E402

GENERIC = ("[关键指标]", "[metric]")


def wilson(k: int, n: int, z: float = 1.96) -> tuple[float, float]:
    if n == 0:
        return 0.0, 0.0
    p = k / n
    d = 1 + z * z / n
    c = (p + z * z / (2 * n)) / d
    h = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / d
    return c - h, c + h


def measure(rows: list[tuple[str, str]]) -> tuple[int, int, Counter, list[str]]:
    """(named, total, metric counts, first rewrites) for (kr, objective) pairs."""
    cat = bundled_catalogue()
    named, metrics, rewrites = 0, Counter(), []
    for kr, objective in rows:
        a = analyse(kr)
        first = suggest.add_result(a, objective, cat)[0]
        rewrites.append(first)
        if not any(g in first for g in GENERIC):
            named += 1
            picked = suggest.metric_candidates(a, objective, cat)
            metrics[picked[0].name(a.lang)] += 1
    return named, len(rows), metrics, rewrites


# the catalogue splits some dataset functions finer; a metric of a neighbouring function still fits the line
NEIGHBOURS = {"engineering": {"sre", "quality", "data", "security"}, "product": {"growth", "design", "data"},
              "marketing": {"growth", "content"}, "operations": {"retail", "logistics", "supply_chain", "quality"},
              "manufacturing": {"quality", "supply_chain", "energy"}, "supply_chain": {"logistics", "procurement"},
              "logistics": {"supply_chain"}, "procurement": {"supply_chain", "finance"}, "sales": {"customer_success"},
              "customer_success": {"support", "sales"}, "support": {"customer_success"}, "retail": {"operations"},
              "content": {"marketing"}, "hr": {"admin"}, "admin": {"hr"}, "data": {"engineering"},
              "design": {"product"}, "security": {"engineering", "legal"}, "legal": {"security"}}


def function_agreement(frame: pd.DataFrame) -> tuple[int, int]:
    """(agree, named): to-do KRs whose first proposed metric belongs to the row's own (or a neighbouring)
    function, among those that got a domain metric (the verb-only `general` ones are left out)."""
    cat = bundled_catalogue()
    agree = named = 0
    for text, function in zip(frame["text"], frame["function"]):
        picked = suggest.metric_candidates(analyse(text), "", cat)
        if not picked or picked[0].function == "general":
            continue
        named += 1
        agree += picked[0].function == function or picked[0].function in NEIGHBOURS.get(function, set())
    return agree, named


def report(title: str, rows: list[tuple[str, str]], examples: int = 0) -> None:
    named, n, metrics, rewrites = measure(rows)
    lo, hi = wilson(named, n)
    share = named / n if n else 0.0
    print(f"{title}: {named}/{n} to-do rewrites name a metric = {share:.1%} [95% CI {lo:.1%}, {hi:.1%}]")
    top = ", ".join(f"{m} ({c})" for m, c in metrics.most_common(5))
    print(f"    most proposed: {top}")
    for kr, rw in list(zip([r[0] for r in rows], rewrites))[:examples]:
        print(f"    {kr}\n      → {rw}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--examples", type=int, default=0, help="print this many rewrites per language (bundled data only)")
    ap.add_argument("--speed", action="store_true", help="time the rewrite of every to-do KR (after analysis)")
    ap.add_argument("--real", type=Path, default=ROOT.parent / "shared" / "eval-dev",
                    help="folder of the measurement-only real_*.csv files (default: ../shared/eval-dev)")
    args = ap.parse_args()

    data = pd.read_csv(ROOT / "datasets" / "key_results.csv", dtype=str, keep_default_na=False)
    todo = data[data["label"] == "todo"]
    print(f"metric catalogue: {len(bundled_catalogue())} metrics")
    for lang in ("zh", "en"):
        rows = [(t, "") for t in todo[todo["lang"] == lang]["text"]]
        report(f"datasets/key_results.csv to-do KRs ({lang})", rows, args.examples)
    rows_all = [(t, "") for t in todo["text"]]
    report("datasets/key_results.csv to-do KRs (all)", rows_all)
    for lang in ("zh", "en"):
        agree, named = function_agreement(todo[todo["lang"] == lang])
        lo, hi = wilson(agree, named)
        print(f"function fit ({lang}, a proxy for 'the metric fits the line'): {agree}/{named} domain metrics are of the "
              f"row's own or a neighbouring function = {agree / max(named, 1):.1%} [95% CI {lo:.1%}, {hi:.1%}]")

    real = sorted(args.real.glob("real_*.csv"))
    if not real:
        print(f"real-text set {args.real}/real_*.csv not found: skipped")
    for path in real:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
        frame = frame[(frame["kind"] == "kr") & (frame["label"] == "todo")]
        rows = list(zip(frame["text"], frame.get("objective", pd.Series([""] * len(frame))).tolist()))
        report(f"{path.name} kind=kr label=todo (with objective)", rows)  # shares only: never print its text

    if args.speed:
        cat = bundled_catalogue()
        analysed = [analyse(t) for t in todo["text"]]
        start = time.perf_counter()
        for a in analysed:
            cat._cache.clear()
            suggest.add_result(a, "", cat)
        secs = time.perf_counter() - start
        print(f"rewrite speed (cache cleared each line): {len(analysed) / secs:,.0f} KRs/s, "
              f"{secs / len(analysed) * 1e6:.0f} µs per KR")


if __name__ == "__main__":
    main()
