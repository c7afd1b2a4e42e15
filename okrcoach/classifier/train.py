"""Training: the shipped default model, and ``okrcoach train`` on an organisation's own labels."""
from __future__ import annotations

import json
import platform
import time
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.model_selection import StratifiedKFold, cross_val_predict, train_test_split

from .data import data_hash, load_dataset, read_labels
from .evaluate import bootstrap_f1, evaluate
from .features import cached_analyse
from .model import ModelJudge
from .pipelines import build_pipeline

# Chosen on real OKR text (benchmarks/bench_realtext.py, the development set in ../shared/eval-dev) among the
# variants that 5-fold CV on the train split ranks close (benchmarks/bench_classifier.py): the predicate frames
# add little on the authored test split and 3-4 points of macro-F1 on real lines.
DEFAULT_VARIANT = {"kr": "char+cues+frames-svm", "objective": "char+word+cues+frames", "progress": "char+word+cues"}


def _versions() -> dict:
    out = {"python": platform.python_version()}
    for pkg in ("okrcoach", "scikit-learn", "numpy", "scipy", "skops", "jieba", "spacy"):
        try:
            out[pkg] = version(pkg)
        except PackageNotFoundError:
            out[pkg] = None
    return out


def fit(kind: str, frame: pd.DataFrame, variant: str | None = None):
    pipe = build_pipeline(variant or DEFAULT_VARIANT[kind])
    return pipe.fit(frame["text"].tolist(), frame["label"].tolist())


def cv_metrics(kind: str, frame: pd.DataFrame, variant: str | None = None, folds: int = 5, seed: int = 0) -> dict:
    """Cross-validated macro-F1 per language on the training rows (no test rows involved)."""
    labels = frame["label"].to_numpy()
    n_splits = max(2, min(folds, int(pd.Series(labels).value_counts().min())))
    if n_splits < 2 or len(frame) < 10:
        return {}
    cv = StratifiedKFold(n_splits=n_splits, shuffle=True, random_state=seed)
    pred = cross_val_predict(build_pipeline(variant or DEFAULT_VARIANT[kind]), frame["text"].tolist(), labels, cv=cv)
    out = {}
    langs = frame["lang"].to_numpy()
    for lang in ("zh", "en", "both"):
        mask = (langs == lang) if lang != "both" else np.ones(len(frame), bool)
        if mask.sum() >= 5:
            f1, lo, hi = bootstrap_f1(labels[mask], pred[mask], n=300)
            out[lang] = {"n": int(mask.sum()), "macro_f1": round(f1, 4), "ci95": [round(lo, 4), round(hi, 4)]}
    return out


def model_card(kr_train: pd.DataFrame, obj_train: pd.DataFrame, metrics: dict, notes: str = "",
               variants: dict | None = None, progress_train: pd.DataFrame | None = None) -> dict:
    card = {
        "name": "okrcoach KR outcome/to-do, objective-quality and progress-note classifiers",
        "created": time.strftime("%Y-%m-%d"),
        "variants": variants or DEFAULT_VARIANT,
        "training_rows": {"kr": len(kr_train), "objective": len(obj_train)},
        "data_sha256": {"kr": data_hash(kr_train), "objective": data_hash(obj_train)},
        "label_counts": {"kr": kr_train["label"].value_counts().to_dict(),
                         "objective": obj_train["label"].value_counts().to_dict()},
        "metrics": metrics,
        "versions": _versions(),
        "intended_use": "Coaching feedback on OKR drafts (zh/en): flag to-do key results and weak objectives for a "
                        "human coach to review. Not for rating people: OKR scores must not decide pay.",
        "limits": "Trained on examples written for this project, not on any organisation's real OKRs; expect lower "
                  "accuracy on unusual jargon, very long compound lines and languages other than zh/en. Retrain with "
                  "your own labels ('okrcoach train') and check the held-out comparison it prints.",
        "notes": notes,
    }
    if progress_train is not None and len(progress_train):
        card["training_rows"]["progress"] = len(progress_train)
        card["data_sha256"]["progress"] = data_hash(progress_train)
        card["label_counts"]["progress"] = progress_train["label"].value_counts().to_dict()
    return card


def write_card_markdown(card: dict, path: Path) -> None:
    lines = [f"# Model card — {card['name']}", "", f"Created {card['created']}; variants {card['variants']}.", "",
             "## Intended use", "", card["intended_use"], "", "## Limits", "", card["limits"], "",
             "## Training data", "", f"Rows: {card['training_rows']}", f"Labels: {card['label_counts']}",
             f"SHA-256 of (text, label) rows: {card['data_sha256']}", "", "## Metrics", ""]
    for kind, m in card["metrics"].items():
        lines.append(f"### {kind}")
        lines.append("")
        for key, val in m.items():
            if isinstance(val, dict) and "macro_f1" in val:
                lines.append(f"- {key}: macro-F1 {val['macro_f1']} (95% CI {val['ci95'][0]}–{val['ci95'][1]}), n={val['n']}")
            elif key in ("ece", "unsure_share", "accuracy_when_sure"):
                lines.append(f"- {key}: {val}")
        lines.append("")
    lines += ["## Versions", "", "```", json.dumps(card["versions"], indent=1), "```", "",
              "Generated by `okrcoach train` / `python scripts/train_default_model.py`."]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _kept_thresholds(card_path: Path) -> dict:
    """The objective thresholds of the model being replaced (``benchmarks/choose_thresholds.py`` chose them)."""
    try:
        old = json.loads(card_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {k: v for k, v in old.items() if k.startswith("objective_thresholds")}


def train_default(out_dir: str | Path, variants: dict | None = None, n_boot: int = 1000) -> tuple[ModelJudge, dict]:
    """Fit the KR, objective and progress-note classifiers on the shipped train split and measure them on the
    test split they never saw."""
    variants = {**DEFAULT_VARIANT, **(variants or {})}
    pipes, trains, metrics = {}, {}, {}
    for kind in ("kr", "objective", "progress"):
        data = load_dataset(kind)
        trains[kind], test = data[data["split"] == "train"], data[data["split"] == "test"]
        pipes[kind] = fit(kind, trains[kind], variants[kind])
        m = evaluate(pipes[kind], test["text"], test["label"], test["lang"], test["borderline"].astype(int),
                     n_boot=n_boot)
        m.pop("errors")
        metrics[kind] = m
    card = model_card(trains["kr"], trains["objective"], metrics, "Metrics are on the fixed test split of datasets/.",
                      variants, trains["progress"])
    card.update(_kept_thresholds(Path(out_dir) / "card.json"))
    judge = ModelJudge(pipes["kr"], pipes["objective"], card, progress_pipeline=pipes["progress"])
    out = judge.save(out_dir)
    write_card_markdown(card, Path(out) / "MODEL_CARD.md")
    return judge, metrics


@dataclass
class TrainReport:
    """What ``okrcoach train`` measured: CV on the training rows, and old vs new model on held-out user rows."""

    directory: Path
    cv: dict = field(default_factory=dict)  # kind → lang → metrics
    before: dict = field(default_factory=dict)  # kind → lang → macro-F1 of the current model on held-out rows
    after: dict = field(default_factory=dict)
    rows: dict = field(default_factory=dict)  # kind → {"user_train": n, "user_test": n, "base": n}
    seconds: float = 0.0


def _per_lang_f1(judge_fn, test: pd.DataFrame) -> dict:
    if test.empty:
        return {}
    texts = test["text"].tolist()
    preds = np.asarray([j.label for j in judge_fn(texts, [cached_analyse(t) for t in texts])])
    labels, langs = test["label"].to_numpy(), test["lang"].to_numpy()
    out = {}
    for lang in ("zh", "en", "both"):
        mask = (langs == lang) if lang != "both" else np.ones(len(test), bool)
        if mask.any():
            f1, lo, hi = bootstrap_f1(labels[mask], preds[mask], n=300)
            out[lang] = {"n": int(mask.sum()), "macro_f1": round(f1, 4), "ci95": [round(lo, 4), round(hi, 4)]}
    return out


def train_from_labels(labels_path: str | Path, out_dir: str | Path, base: str = "default", test_size: float = 0.2,
                      current=None, seed: int = 0, cv_folds: int = 5) -> TrainReport:
    """Add an organisation's labeled rows to the shipped data (``base='default'``) or train on them alone
    (``base='none'``); hold out ``test_size`` of the user's rows to compare the current and the new model."""
    started = time.perf_counter()
    if base not in ("default", "none"):
        raise ValueError("base must be 'default' or 'none'")
    if not 0 < test_size < 1:
        raise ValueError("test-size must be between 0 and 1")
    user = read_labels(labels_path)
    report = TrainReport(Path(out_dir))
    pipes, trains = {}, {}
    if current is None:
        from .model import default_judge

        current = default_judge()
    judge_fn = {"kr": "judge_krs", "objective": "judge_objectives", "progress": "judge_progress"}
    for kind in ("kr", "objective", "progress"):
        mine = user[user["kind"] == kind]
        if mine.empty:  # nothing of this kind labeled: the current model's pipeline is kept (below)
            continue
        if len(mine) >= 10 and mine["label"].value_counts().min() >= 2:
            user_train, user_test = train_test_split(mine, test_size=test_size, random_state=seed,
                                                     stratify=mine["label"])
        else:
            user_train, user_test = mine, mine.iloc[0:0]
        shipped = load_dataset(kind) if base == "default" else pd.DataFrame(columns=["text", "label", "lang", "split"])
        shipped = shipped[shipped["split"] == "train"] if len(shipped) else shipped
        train = pd.concat([shipped[["text", "label", "lang"]], user_train[["text", "label", "lang"]]], ignore_index=True)
        report.rows[kind] = {"user_train": len(user_train), "user_test": len(user_test), "base": len(shipped)}
        if train["label"].nunique() < 2:
            continue
        report.cv[kind] = cv_metrics(kind, train, folds=cv_folds, seed=seed)
        pipes[kind] = fit(kind, train)
        trains[kind] = train
        report.before[kind] = _per_lang_f1(getattr(current, judge_fn[kind]), user_test)
        new = ModelJudge(pipes[kind], pipes[kind])
        report.after[kind] = _per_lang_f1(new.judge_krs, user_test)
    if not pipes:
        from ..core.errors import OKRInputError

        raise OKRInputError("not enough labeled rows to train: need at least two labels of one kind", path=str(labels_path))
    # a kind the user did not label keeps the current model's pipeline, or (with no model, e.g. the lexicon
    # rules) is trained on the shipped rows of that kind, so the new model directory is always complete
    kept = []
    for kind, attr in (("kr", "kr_pipeline"), ("objective", "objective_pipeline"), ("progress", "progress_pipeline")):
        if kind in pipes:
            continue
        if getattr(current, attr, None) is not None:
            pipes[kind] = getattr(current, attr)
            kept.append(f"{kind}: current model kept")
        else:
            shipped = load_dataset(kind)
            trains[kind] = shipped[shipped["split"] == "train"]
            pipes[kind] = fit(kind, trains[kind])
            kept.append(f"{kind}: trained on the shipped rows only (no labels of this kind)")
    empty = pd.DataFrame({"text": [], "label": []})
    card = model_card(trains.get("kr", empty), trains.get("objective", empty),
                      {"cv": report.cv, "held_out_before": report.before, "held_out_after": report.after},
                      f"Trained by okrcoach train on {Path(labels_path).name} (base={base}, test_size={test_size})."
                      + (" " + "; ".join(kept) + "." if kept else ""), progress_train=trains.get("progress"))
    # the precision-first thresholds were chosen on real text for the base model; a retrained model keeps them
    card.update({k: v for k, v in getattr(current, "card", {}).items() if k.startswith("objective_thresholds")})
    judge = ModelJudge(pipes["kr"], pipes["objective"], card, progress_pipeline=pipes["progress"])
    judge.save(out_dir)
    write_card_markdown(card, Path(out_dir) / "MODEL_CARD.md")
    report.seconds = round(time.perf_counter() - started, 1)
    return report
