"""Honest numbers: per-language macro-F1 with bootstrap confidence intervals, confusion matrices,
clear rows vs all rows (borderline rows are reported separately, per the labeling guidelines)."""
from __future__ import annotations

import numpy as np
from sklearn.metrics import confusion_matrix, f1_score


def bootstrap_stat(y_true, y_pred, stat, n: int = 1000, seed: int = 0, alpha: float = 0.05
                   ) -> tuple[float, float, float]:
    """``stat(y_true, y_pred)`` and its (1-alpha) bootstrap interval over rows (NaN resamples are skipped)."""
    y_true, y_pred = np.asarray(y_true), np.asarray(y_pred)
    if len(y_true) == 0:
        return (float("nan"),) * 3
    point = stat(y_true, y_pred)
    rng = np.random.default_rng(seed)
    scores = []
    for _ in range(n):
        idx = rng.integers(0, len(y_true), len(y_true))
        scores.append(stat(y_true[idx], y_pred[idx]))
    scores = [s for s in scores if not np.isnan(s)]
    if not scores:
        return float(point), float("nan"), float("nan")
    lo, hi = np.quantile(scores, [alpha / 2, 1 - alpha / 2])
    return float(point), float(lo), float(hi)


def bootstrap_f1(y_true, y_pred, n: int = 1000, seed: int = 0, alpha: float = 0.05) -> tuple[float, float, float]:
    """Macro-F1 and its (1-alpha) bootstrap interval over rows."""
    return bootstrap_stat(y_true, y_pred, lambda t, p: f1_score(t, p, average="macro", zero_division=0), n, seed, alpha)


def expected_calibration_error(y_true, proba, classes, bins: int = 10) -> float:
    """Top-label ECE: how far the stated confidence is from the accuracy at that confidence."""
    proba = np.asarray(proba)
    conf = proba.max(axis=1)
    pred = np.asarray(classes)[proba.argmax(axis=1)]
    correct = (pred == np.asarray(y_true)).astype(float)
    edges = np.linspace(0, 1, bins + 1)
    ece = 0.0
    for lo, hi in zip(edges[:-1], edges[1:]):
        mask = (conf > lo) & (conf <= hi)
        if mask.any():
            ece += mask.mean() * abs(correct[mask].mean() - conf[mask].mean())
    return float(ece)


def evaluate(pipeline, texts, labels, langs, borderline=None, n_boot: int = 1000) -> dict:
    """Metrics of a fitted pipeline on held-out rows, per language and overall, clear and all rows."""
    texts, labels, langs = list(texts), np.asarray(labels), np.asarray(langs)
    borderline = np.zeros(len(texts), dtype=bool) if borderline is None else np.asarray(borderline).astype(bool)
    proba = pipeline.predict_proba(texts)
    classes = [str(c) for c in pipeline.classes_]
    pred = np.asarray(classes)[np.asarray(proba).argmax(axis=1)]
    out: dict = {"classes": classes, "n": len(texts)}
    for scope, mask_scope in (("all", np.ones(len(texts), bool)), ("clear", ~borderline)):
        for lang in ("zh", "en", "both"):
            mask = mask_scope & ((langs == lang) if lang != "both" else True)
            if not mask.any():
                continue
            f1, lo, hi = bootstrap_f1(labels[mask], pred[mask], n=n_boot)
            out[f"{scope}/{lang}"] = {"n": int(mask.sum()), "macro_f1": round(f1, 4), "ci95": [round(lo, 4), round(hi, 4)],
                                     "accuracy": round(float((labels[mask] == pred[mask]).mean()), 4)}
    out["confusion"] = {"labels": classes, "matrix": confusion_matrix(labels, pred, labels=classes).tolist()}
    out["ece"] = round(expected_calibration_error(labels, proba, classes), 4)
    unsure = np.asarray(proba).max(axis=1) < 0.65
    out["unsure_share"] = round(float(unsure.mean()), 4)
    out["accuracy_when_sure"] = round(float((labels[~unsure] == pred[~unsure]).mean()), 4) if (~unsure).any() else None
    errors = [{"text": t, "label": str(y), "predicted": str(p), "confidence": round(float(c), 3)}
              for t, y, p, c in zip(texts, labels, pred, np.asarray(proba).max(axis=1)) if y != p]
    out["errors"] = sorted(errors, key=lambda e: -e["confidence"])
    return out
