#!/usr/bin/env python
"""Reading a large Feishu/Lark OKR export next to reading the same rows as CSV, in the same run.

    python benchmarks/bench_feishu.py [--objectives 10000] [--repeat 3]

Writes a v1 export (1,000 users' ``users/:user_id/okrs`` responses, one a line, each objective with
two KRs) and the equivalent CSV to a temporary folder, then prints the best-of-N read time of
each, the JSON/CSV ratio, and checks that every objective came out as rows.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def write_export(folder: Path, objectives: int) -> tuple[Path, Path]:
    import pandas as pd

    per_user = 10
    lines, rows = [], []
    for u in range(max(1, objectives // per_user)):
        objs = []
        for i in range(per_user):
            n = u * per_user + i
            krs = [{"id": f"{n}-{k}", "content": f"门店 {n} 的 30 日复购率从 20% 提升到 {30 + k}%（9 月 30 日前）",
                    "score": 50 + k, "kr_weight": 50, "score_last_updated_time": "1"} for k in range(2)]
            objs.append({"id": str(n), "content": f"让第 {n} 号门店的老客更常回来", "kr_list": krs})
            rows += [{"owner": f"user{u}", "cycle": "2026 Q3", "id": kr["id"], "objective": objs[-1]["content"],
                      "key_result": kr["content"], "score": f"{kr['score'] / 100:g}"} for kr in krs]
        lines.append(json.dumps({"user_name": f"user{u}", "code": 0,
                                 "data": {"okr_list": [{"name": "2026 Q3", "objective_list": objs}]}}, ensure_ascii=False))
    jpath, cpath = folder / "okrs.jsonl", folder / "okrs.csv"
    jpath.write_text("\n".join(lines) + "\n", encoding="utf-8")
    pd.DataFrame(rows).to_csv(cpath, index=False)
    return jpath, cpath


def best(fn, repeat: int) -> tuple[float, object]:
    times, out = [], None
    for _ in range(repeat):
        t = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t)
    return min(times), out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--objectives", type=int, default=10000)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    from okrcoach.readers import read_okrs

    with tempfile.TemporaryDirectory() as tmp:
        jpath, cpath = write_export(Path(tmp), args.objectives)
        t_json, table = best(lambda: read_okrs(jpath), args.repeat)
        t_csv, csv_table = best(lambda: read_okrs(cpath), args.repeat)
    objectives = len({r.objective for r in table.rows})
    print(f"objectives {objectives}, rows {len(table.rows)} (CSV rows {len(csv_table.rows)})")
    print(f"read Feishu JSON: {t_json:.2f} s   read CSV: {t_csv:.2f} s   JSON/CSV: {t_json / t_csv:.2f}x")
    assert objectives == args.objectives // 10 * 10 and len(table.rows) == len(csv_table.rows)


if __name__ == "__main__":
    main()
