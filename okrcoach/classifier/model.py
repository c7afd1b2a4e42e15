"""The trained judge: two scikit-learn pipelines (KR outcome/to-do, objective quality) and a card."""
from __future__ import annotations

import json
import os
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import Sequence

import numpy as np

from ..analysis import Analysis
from ..core.errors import ModelFileError
from ..core.model import Judgement
from .judge import LexiconJudge
from .persist import dump_model, load_model_file

PREDICT_SLICE = 4096
MEMO_TEXTS = 50_000  # per pipeline: a department's distinct lines, several times over
# Precision first: a not-ok objective label becomes a warning only at or above its threshold; below it
# the verdict is ``ok`` with the label as a hint (an ``info``). The shipped model's card carries the
# thresholds chosen on real OKR text (``benchmarks/choose_thresholds.py``); these apply to models
# whose card has none (a model from ``okrcoach train`` keeps its base model's).
DEFAULT_OBJECTIVE_THRESHOLDS = {"vague": 0.8, "task": 0.7, "metric": 0.7, "routine": 0.7}
PACKAGE_MODEL_DIR = Path(__file__).resolve().parent.parent / "data" / "model"
REPO_MODEL_DIR = Path(__file__).resolve().parents[2] / "models" / "default"


def default_model_dir() -> Path | None:
    """``$OKRCOACH_MODEL``, else the repository's ``models/default``, else the copy installed with the package."""
    env = os.environ.get("OKRCOACH_MODEL")
    if env:
        return Path(env)
    for d in (REPO_MODEL_DIR, PACKAGE_MODEL_DIR):
        if (d / "kr.skops").is_file():
            return d
    return None


class ModelJudge:
    """Judgements from trained pipelines; ``card`` holds the data hash, metrics and versions."""

    name = "model"

    def __init__(self, kr_pipeline, objective_pipeline, card: dict | None = None, unsure_low: float = 0.35,
                 unsure_high: float = 0.65, path: str = "", progress_pipeline=None):
        self.kr_pipeline = kr_pipeline
        self.objective_pipeline = objective_pipeline
        self._progress = progress_pipeline  # weekly notes: key_progress / activity (optional; a Path loads lazily)
        self.card = card or {}
        self.unsure_low, self.unsure_high = unsure_low, unsure_high
        self.path = path
        self._memo: dict[int, tuple[object, dict[str, list[float]]]] = {}  # id(pipeline) → (pipeline, text → probabilities)

    def _probabilities(self, pipeline, texts: list[str]) -> list[list[float]]:
        """Each text's class probabilities, computed once per distinct text for as long as the judge lives.

        An audit judges its lines chunk by chunk, and an objective, or a KR copied across teams, comes back
        in later chunks (a tenth of a department export's lines); a notebook audits the same file again. A
        text's probabilities do not depend on the batch it is predicted in (the batches are slices already),
        so a remembered row is the row a new prediction would give."""
        entry = self._memo.get(id(pipeline))
        if entry is None or entry[0] is not pipeline:  # a pipeline replaced on the judge starts afresh
            entry = self._memo[id(pipeline)] = (pipeline, {})
        memo = entry[1]
        rows = {t: memo.get(t) for t in texts}  # read once: another thread emptying the memo cannot lose a row
        new = [t for t, row in rows.items() if row is None]
        if new:
            # in slices smaller than the analysis cache: the char and cue features both read each line's
            # analysis, and one pass over 20,000 lines would evict the first lines before the second pass
            proba = np.vstack([np.asarray(pipeline.predict_proba(new[i:i + PREDICT_SLICE]))
                               for i in range(0, len(new), PREDICT_SLICE)])
            rows.update(zip(new, proba.tolist()))  # Python floats: one conversion per batch
            if len(memo) + len(new) > MEMO_TEXTS:  # emptied when full: memory stays bounded on any stream
                memo.clear()
            memo.update((t, rows[t]) for t in new)
        return [rows[t] for t in texts]

    def _judge(self, pipeline, texts: Sequence[str]) -> list[Judgement]:
        if not texts:
            return []
        rows = self._probabilities(pipeline, list(texts))
        classes = [str(c) for c in pipeline.classes_]
        out = []
        high = self.unsure_high
        for row in rows:
            k = max(range(len(row)), key=row.__getitem__)  # the first of equal maxima, as numpy's argmax
            conf = row[k]
            probs = {c: round(p, 4) for c, p in zip(classes, row)}
            out.append(Judgement(classes[k], conf, probs, unsure=conf < high, source="model"))
        return out

    def judge_krs(self, texts: Sequence[str], analyses: Sequence[Analysis] = ()) -> list[Judgement]:
        return self._judge(self.kr_pipeline, texts)

    @property
    def objective_thresholds(self) -> dict[str, float]:
        return {**DEFAULT_OBJECTIVE_THRESHOLDS, **self.card.get("objective_thresholds", {})}

    def judge_objectives(self, texts: Sequence[str], analyses: Sequence[Analysis] = ()) -> list[Judgement]:
        return [hold_below_threshold(j, self.objective_thresholds) for j in self._judge(self.objective_pipeline, texts)]

    @property
    def progress_pipeline(self):
        """Loaded on first use: drafts and audits never need it, and it is a third of the load time."""
        if isinstance(self._progress, Path):
            self._progress = _load_pipeline(self._progress)
        return self._progress

    def judge_progress(self, texts: Sequence[str], analyses: Sequence[Analysis] = ()) -> list[Judgement]:
        """Weekly progress notes; a model directory without ``progress.skops`` falls back to the cue rules."""
        if self.progress_pipeline is None:
            from .features import cached_analyse

            return LexiconJudge(self.unsure_low, self.unsure_high).judge_progress(
                texts, list(analyses) or [cached_analyse(t) for t in texts])
        return self._judge(self.progress_pipeline, texts)

    def save(self, directory: str | Path) -> Path:
        directory = Path(directory)
        directory.mkdir(parents=True, exist_ok=True)
        _save_pipeline(self.kr_pipeline, directory / "kr.skops")
        _save_pipeline(self.objective_pipeline, directory / "objective.skops")
        if self.progress_pipeline is not None:
            _save_pipeline(self.progress_pipeline, directory / "progress.skops")
        (directory / "card.json").write_text(json.dumps(self.card, ensure_ascii=False, indent=2, sort_keys=True) + "\n",
                                             encoding="utf-8")
        return directory


def _save_pipeline(pipeline, path: Path) -> None:
    """The skops file, then its fast form (:mod:`.fast_predict`) when every component compiles.

    A pipeline that was itself loaded in fast form (a kind ``okrcoach train`` kept from the current
    model) is copied file by file: its scikit-learn object was never built.
    """
    import shutil

    from .fast_predict import FastPipeline, fast_paths, save_fast

    if isinstance(pipeline, FastPipeline):
        if pipeline.skops_path.resolve() != path.resolve():
            shutil.copyfile(pipeline.skops_path, path)
            for src, dst in zip(fast_paths(pipeline.skops_path), fast_paths(path)):
                shutil.copyfile(src, dst)
        return
    dump_model(pipeline, path)
    save_fast(pipeline, path)


def _load_pipeline(path: Path):
    """The fast form when it is present and was compiled from this skops file, else skops + scikit-learn."""
    from .fast_predict import load_fast

    return load_fast(path) or load_model_file(path)


def hold_below_threshold(j: Judgement, thresholds: dict[str, float], accept: str = "ok") -> Judgement:
    """A not-``accept`` verdict below its label's threshold becomes ``accept`` with the label as a hint.

    >>> hold_below_threshold(Judgement("vague", 0.6, {"ok": 0.3, "vague": 0.6}), {"vague": 0.8})
    Judgement(label='ok', confidence=0.3, probabilities={'ok': 0.3, 'vague': 0.6}, unsure=True, source='model', hint='vague')
    """
    if j.label == accept or j.confidence >= thresholds.get(j.label, 0.0):
        return j
    return replace(j, label=accept, confidence=float(j.probabilities.get(accept, 1 - j.confidence)), unsure=True,
                   hint=j.label)


def load_model(directory: str | Path, unsure_low: float = 0.35, unsure_high: float = 0.65) -> ModelJudge:
    """Load a model directory written by ``okrcoach train`` (safely: see :mod:`.persist`)."""
    directory = Path(directory)
    if directory.is_file():
        raise ModelFileError("is a file; pass the model directory (with kr.skops, objective.skops, card.json)",
                             path=str(directory))
    if not directory.is_dir():
        raise ModelFileError("no such model directory", path=str(directory))
    for name in ("kr.skops", "objective.skops"):
        if not (directory / name).is_file():
            load_model_file(directory / name)  # the usual one-line error
    kr = _load_pipeline(directory / "kr.skops")
    obj = _load_pipeline(directory / "objective.skops")
    progress = directory / "progress.skops" if (directory / "progress.skops").is_file() else None
    card_path = directory / "card.json"
    try:
        card = json.loads(card_path.read_text(encoding="utf-8")) if card_path.is_file() else {}
    except json.JSONDecodeError as exc:
        raise ModelFileError(f"card.json is not valid JSON ({exc})", path=str(directory)) from None
    return ModelJudge(kr, obj, card, unsure_low, unsure_high, str(directory), progress)


@lru_cache(maxsize=4)
def _cached_load(directory: str, low: float, high: float) -> ModelJudge:
    return load_model(directory, low, high)


def default_judge(config=None):
    """The model named by the config, else the shipped model, else the lexicon rules."""
    low = getattr(config, "unsure_low", 0.35)
    high = getattr(config, "unsure_high", 0.65)
    directory = getattr(config, "model", None) or default_model_dir()
    if directory is None:
        return LexiconJudge(low, high)
    return _cached_load(str(Path(directory).resolve()), low, high)
