#!/usr/bin/env python
"""Check the metric catalogue: schema, counts per function, languages, directions, units, signals.

    python scripts/check_metric_catalogue.py [--file okrcoach/data/metrics.tsv]

Prints the counts and every problem; exits 1 on any. ``tests/test_metric_catalogue.py`` runs the
same checks, so CI fails when the catalogue drifts from its datasheet (docs/metric-catalogue.md).
"""
from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from okrcoach.analysis.metrics import GENERAL, parse_catalogue  # noqa: E402
from okrcoach.core.errors import OKRInputError  # noqa: E402

MIN_METRICS = 300
MIN_PER_FUNCTION = 4
# the functions the datasets and the issue name; each must have metrics
REQUIRED_FUNCTIONS = (
    "sales", "marketing", "product", "growth", "engineering", "sre", "quality", "operations", "customer_success",
    "support", "hr", "finance", "admin", "manufacturing", "supply_chain", "content", "education", "healthcare",
    "retail", "data", "design", "security", "legal", "research", "nonprofit", "public_sector", "procurement",
    "logistics", "energy", "agriculture", "hospitality", "personal_reading", "personal_fitness", "personal_study",
    "personal_life", GENERAL,
)
_CJK = re.compile(r"[\u4e00-\u9fff]")
_ASCII_PUNCT_NEXT_TO_CJK = re.compile(r"[\u4e00-\u9fff][,;:()]|[,;:()][\u4e00-\u9fff]")


def check(path: Path) -> tuple[list[str], dict]:
    """(problems, counts) for the catalogue file at ``path``."""
    problems: list[str] = []
    try:
        metrics = parse_catalogue(path.read_text(encoding="utf-8"), str(path))
    except OKRInputError as exc:
        return [exc.one_line()], {}
    functions = Counter(m.function for m in metrics)
    if len(metrics) < MIN_METRICS:
        problems.append(f"{len(metrics)} metrics, fewer than {MIN_METRICS}")
    for f in REQUIRED_FUNCTIONS:
        if functions.get(f, 0) < MIN_PER_FUNCTION:
            problems.append(f"function {f!r} has {functions.get(f, 0)} metrics, fewer than {MIN_PER_FUNCTION}")
    known = set(REQUIRED_FUNCTIONS)
    for f in functions:
        if f not in known:
            problems.append(f"function {f!r} is not in the datasheet's list (docs/metric-catalogue.md)")
    seen_zh, seen_en = Counter(m.name_zh for m in metrics), Counter(m.name_en.lower() for m in metrics)
    for m in metrics:
        where = f"{m.id}"
        if not _CJK.search(m.name_zh):
            problems.append(f"{where}: name_zh {m.name_zh!r} has no Chinese")
        if _CJK.search(m.name_en) or _CJK.search(m.definition_en):
            problems.append(f"{where}: English name or definition has Chinese characters")
        if not m.definition_zh or not m.definition_en:
            problems.append(f"{where}: a definition is missing")
        if not m.unit:
            problems.append(f"{where}: unit is empty")
        if not m.signals_zh or not m.signals_en:
            problems.append(f"{where}: needs signal words in both languages")
        for text in (m.name_zh, m.definition_zh):
            if _ASCII_PUNCT_NEXT_TO_CJK.search(text):
                problems.append(f"{where}: ASCII punctuation in Chinese text {text!r}")
        if seen_zh[m.name_zh] > 1 and m.function != GENERAL:
            problems.append(f"{where}: name_zh {m.name_zh!r} appears {seen_zh[m.name_zh]} times")
        if seen_en[m.name_en.lower()] > 1 and m.function != GENERAL:
            problems.append(f"{where}: name_en {m.name_en!r} appears {seen_en[m.name_en.lower()]} times")
    counts = {"metrics": len(metrics), "functions": dict(sorted(functions.items())),
              "directions": dict(Counter(m.direction for m in metrics)), "units": dict(Counter(m.unit for m in metrics)),
              "signals_zh": sum(len(m.signals_zh) for m in metrics), "signals_en": sum(len(m.signals_en) for m in metrics)}
    return problems, counts


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--file", type=Path, default=ROOT / "okrcoach" / "data" / "metrics.tsv")
    args = ap.parse_args()
    problems, counts = check(args.file)
    if counts:
        print(f"{counts['metrics']} metrics in {len(counts['functions'])} functions; "
              f"{counts['signals_zh']} zh and {counts['signals_en']} en signal words")
        print("  per function: " + ", ".join(f"{f} {n}" for f, n in counts["functions"].items()))
        print("  directions: " + ", ".join(f"{d} {n}" for d, n in counts["directions"].items()))
        print("  units: " + ", ".join(f"{u} {n}" for u, n in sorted(counts["units"].items(), key=lambda x: -x[1])))
    for p in problems:
        print(f"problem: {p}")
    print("ok" if not problems else f"{len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
