#!/usr/bin/env python
"""Check the labeled datasets: schema, allowed labels, language tags, duplicates and
near-duplicates across the train/test split (leakage), and the flag columns against the
analyser. Prints a report; exits 1 on any hard problem.

    python scripts/check_datasets.py [--dir datasets]
"""
from __future__ import annotations

import argparse
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from okrcoach.analysis import analyse  # noqa: E402
from okrcoach.analysis.language import detect_language  # noqa: E402
from okrcoach.classifier.judge import KR_LABELS, OBJECTIVE_LABELS, PROGRESS_LABELS  # noqa: E402

COLUMNS = ["id", "text", "kind", "lang", "label", "borderline", "has_metric", "has_placeholder", "has_deadline",
           "function", "level", "hard_case", "source", "split"]
PROGRESS_COLUMNS = ["id", "text", "kind", "lang", "label", "borderline", "function", "hard_case", "source", "split"]
ALLOWED = {"kr": set(KR_LABELS), "objective": set(OBJECTIVE_LABELS), "progress": set(PROGRESS_LABELS)}
FLAGS = ("has_metric", "has_placeholder", "has_deadline")
NEAR = 0.8


def norm(text: str) -> str:
    return re.sub(r"[\W_\d]+", "", text.lower())


def grams(text: str, n: int = 3) -> set[str]:
    t = norm(text)
    return {t[i:i + n] for i in range(max(1, len(t) - n + 1))} if t else set()


def near_duplicate_pairs(texts: list[str], threshold: float = NEAR) -> list[tuple[int, int, float]]:
    """Pairs with 3-gram Jaccard ≥ threshold (digits removed), via an inverted index of rare grams."""
    g = [grams(t) for t in texts]
    index: dict[str, list[int]] = defaultdict(list)
    for i, gs in enumerate(g):
        for x in gs:
            index[x].append(i)
    pairs = []
    for i, gs in enumerate(g):
        if not gs:
            continue
        counts: Counter = Counter()
        for x in gs:
            postings = index[x]
            if len(postings) > 400:  # a very common gram says little; skip for speed
                continue
            counts.update(j for j in postings if j > i)
        for j, shared in counts.items():
            union = len(gs) + len(g[j]) - shared
            if union and shared / union >= threshold:
                # confirm exactly (common grams were skipped)
                sim = len(gs & g[j]) / len(gs | g[j])
                if sim >= threshold:
                    pairs.append((i, j, sim))
    return pairs


def check(path: Path, kind: str) -> tuple[list[str], list[str]]:
    problems, notes = [], []
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    columns = PROGRESS_COLUMNS if kind == "progress" else COLUMNS
    missing = [c for c in columns if c not in df.columns]
    if missing:
        return [f"{path.name}: missing columns {missing}"], notes
    flags = () if kind == "progress" else FLAGS
    for col, allowed in (("kind", {kind}), ("lang", {"zh", "en"}), ("split", {"train", "test"}),
                         ("borderline", {"0", "1"}), *((f, {"0", "1"}) for f in flags), ("label", ALLOWED[kind])):
        bad = df.index[~df[col].isin(allowed)].tolist()
        if bad:
            problems.append(f"{path.name}: column {col}: {len(bad)} rows with values outside {sorted(allowed)} "
                            f"(rows {[b + 2 for b in bad[:5]]})")
    if (df["text"].str.strip() == "").any():
        problems.append(f"{path.name}: empty text on rows {[i + 2 for i in df.index[df['text'].str.strip() == ''][:5]]}")
    if (df["source"].str.strip() == "").any():
        problems.append(f"{path.name}: rows without a source")
    if df["id"].duplicated().any():
        problems.append(f"{path.name}: duplicate ids {df['id'][df['id'].duplicated()].tolist()[:5]}")
    exact = df[df["text"].duplicated(keep=False)]
    if len(exact):
        problems.append(f"{path.name}: {len(exact)} rows are exact duplicates, e.g. {exact['text'].tolist()[:3]}")
    pairs = near_duplicate_pairs(df["text"].tolist())
    cross = [(i, j, s) for i, j, s in pairs if df["split"][i] != df["split"][j]]
    if cross:
        i, j, s = cross[0]
        problems.append(f"{path.name}: {len(cross)} near-duplicate pairs cross the train/test split (leakage), "
                        f"e.g. {df['text'][i]!r} ~ {df['text'][j]!r} ({s:.2f})")
    notes.append(f"{path.name}: {len(pairs)} near-duplicate pairs in all (all within one split)")
    lang_guess = [detect_language(t)[0] for t in df["text"]]
    mismatch = [(t, l, g) for t, l, g in zip(df["text"], df["lang"], lang_guess) if l != g]
    notes.append(f"{path.name}: language tag differs from script detection on {len(mismatch)} rows "
                 f"({len(mismatch) / len(df):.1%}; mixed lines take the language of their verbs, so some differ)")
    if len(mismatch) > 0.1 * len(df):
        problems.append(f"{path.name}: too many language-tag mismatches ({len(mismatch)})")
    agree = Counter()
    for rec in df[["text", *flags]].itertuples(index=False):
        a = analyse(rec.text)
        for flag in flags:
            agree[flag] += int(int(getattr(a, flag)) == int(getattr(rec, flag)))
    for flag, n in agree.items():
        notes.append(f"{path.name}: analyser agrees with {flag} on {n / len(df):.1%} of rows")
    counts = df.groupby(["lang", "split", "label"]).size().unstack(fill_value=0)
    notes.append(f"{path.name}: {len(df)} rows\n{counts.to_string()}")
    levels = f", levels {sorted(df['level'].unique())}" if "level" in df else ""
    notes.append(f"{path.name}: borderline {int((df['borderline'] == '1').sum())}, "
                 f"hard cases {int((df['hard_case'] != '').sum())} ({(df['hard_case'] != '').mean():.0%}), "
                 f"functions {df['function'].nunique()}{levels}")
    return problems, notes


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--dir", default=str(ROOT / "datasets"))
    args = ap.parse_args(argv)
    all_problems = []
    for name, kind in (("key_results.csv", "kr"), ("objectives.csv", "objective"), ("progress_notes.csv", "progress")):
        problems, notes = check(Path(args.dir) / name, kind)
        for n in notes:
            print(n)
        all_problems += problems
    for p in all_problems:
        print("PROBLEM:", p)
    print("OK" if not all_problems else f"{len(all_problems)} problem(s)")
    return 1 if all_problems else 0


if __name__ == "__main__":
    sys.exit(main())
