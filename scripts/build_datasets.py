#!/usr/bin/env python
"""Assemble datasets/key_results.csv, datasets/objectives.csv and datasets/progress_notes.csv from the
authored batches in datasets/parts/, and assign the fixed train/test split.

The split is decided by a hash of each row's near-duplicate cluster, so rows that differ only
by numbers or a word always land on the same side (no leakage), and re-running the script
gives the same split. About 20% of clusters go to test.

    python scripts/build_datasets.py
"""
from __future__ import annotations

import hashlib
import sys
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
from check_datasets import COLUMNS, PROGRESS_COLUMNS, near_duplicate_pairs  # noqa: E402

PARTS = ROOT / "datasets" / "parts"
TEST_SHARE = 20  # percent of clusters


def _clusters(texts: list[str]) -> list[int]:
    parent = list(range(len(texts)))

    def find(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j, _ in near_duplicate_pairs(texts, threshold=0.7):
        parent[find(i)] = find(j)
    return [find(i) for i in range(len(texts))]


def build(prefix: str, out_name: str, columns: list[str] = COLUMNS) -> pd.DataFrame:
    frames = []
    for path in sorted(PARTS.glob(f"{prefix}_*.csv")):
        df = pd.read_csv(path, dtype=str, keep_default_na=False)
        df["id"] = [f"{path.stem}-{i:04d}" for i in range(1, len(df) + 1)]
        frames.append(df)
    df = pd.concat(frames, ignore_index=True)
    df["text"] = df["text"].str.strip()
    before = len(df)
    df = df[df["text"] != ""].drop_duplicates(subset=["text"], keep="first").reset_index(drop=True)
    clusters = _clusters(df["text"].tolist())
    rep_text = {c: df["text"][c] for c in set(clusters)}
    df["split"] = ["test" if int(hashlib.sha256(rep_text[c].encode()).hexdigest(), 16) % 100 < TEST_SHARE else "train"
                   for c in clusters]
    df = df[columns]
    df.to_csv(ROOT / "datasets" / out_name, index=False, lineterminator="\n")
    print(f"{out_name}: {len(df)} rows ({before - len(df)} exact duplicates or empty rows dropped), "
          f"{(df['split'] == 'test').sum()} test rows, {len(set(clusters))} clusters")
    return df


if __name__ == "__main__":
    build("kr", "key_results.csv")
    build("obj", "objectives.csv")
    build("progress", "progress_notes.csv", PROGRESS_COLUMNS)
