#!/usr/bin/env python
"""Audit throughput and peak memory on a large generated CSV (default 200,000 rows).

    python benchmarks/bench_audit.py [--rows 200000] [--output /tmp/out.csv] [--no-model]

The CSV repeats the bundled sample department with every team/owner/objective renamed per
copy, so sets stay realistic (3–6 objectives per owner) while rows are all distinct text.
Runs the audit in a child process and reports rows/s and its peak RSS (ru_maxrss).
"""
from __future__ import annotations

import argparse
import csv
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def make_csv(path: Path, rows: int) -> None:
    with open(ROOT / "okrcoach" / "data" / "sample_department.csv", encoding="utf-8") as fh:
        sample = list(csv.DictReader(fh))
    with open(path, "w", encoding="utf-8", newline="") as out:
        w = csv.DictWriter(out, fieldnames=list(sample[0]))
        w.writeheader()
        n = copy = 0
        while n < rows:
            for r in sample:
                if n >= rows:
                    break
                r = dict(r)
                r["team"] = f"{r['team']}-{copy}"
                r["owner"] = f"{r['owner']}-{copy}"
                r["objective"] = f"{r['objective']} ({copy})"
                if r["key_result"]:
                    r["key_result"] = f"{r['key_result']} [{copy}]"
                r["id"] = f"{r['id']}-{copy}"
                w.writerow(r)
                n += 1
            copy += 1


def child(args) -> None:
    from okrcoach.cli import main as cli

    argv = ["audit", args.input, "-o", args.output, "--no-progress"] + (["--no-model"] if args.no_model else [])
    start = time.perf_counter()
    try:
        cli.main(argv, standalone_mode=False)
    finally:
        elapsed = time.perf_counter() - start
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"BENCH rows/s={args.rows / elapsed:.0f} seconds={elapsed:.1f} peak_rss_mb={peak:.0f}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=200_000)
    ap.add_argument("--output", default=None)
    ap.add_argument("--no-model", action="store_true")
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--input", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(args)
        return
    tmp = Path(tempfile.mkdtemp(prefix="okrcoach-bench-"))
    src = tmp / f"okrs-{args.rows}.csv"
    make_csv(src, args.rows)
    out = args.output or str(tmp / "audit.csv")
    print(f"input: {src} ({src.stat().st_size / 1e6:.1f} MB, {args.rows} rows)")
    cmd = [sys.executable, __file__, "--child", "--rows", str(args.rows), "--input", str(src), "--output", out]
    if args.no_model:
        cmd.append("--no-model")
    result = subprocess.run(cmd, capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    lines = [l for l in result.stdout.splitlines() if l.startswith("BENCH")]
    print(lines[-1] if lines else result.stdout[-2000:] + result.stderr[-2000:])
    with open(out, encoding="utf-8-sig") as fh:
        n_out = sum(1 for _ in csv.reader(fh)) - 1
    print(f"output rows: {n_out} (input rows: {args.rows})")


if __name__ == "__main__":
    main()
