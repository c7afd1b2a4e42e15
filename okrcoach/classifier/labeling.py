"""Active labeling: show a coach the key results the model is least sure about, save each label at once.

Uncertainty sampling spends a coach's time where it moves the model most: a KR the model
already calls with 0.98 teaches it little, one at 0.52 teaches it a lot. Every label is
appended to the labels CSV and flushed to disk the moment it is given, so a crashed kernel
or a closed laptop loses nothing, and a new session resumes where the last one stopped
(texts already in the labels file are not asked again).

>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> q = LabelQueue("O1: 提升续费体验\\nKR1: 上线新版会员中心\\nKR2: 续费率从 60% 提升至 70%", d / "labels.csv")
>>> q.remaining
2
>>> q.label("todo").label
'todo'
>>> len(q.labeled_rows())
1
"""
from __future__ import annotations

import csv
import io
import os
import time
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..analysis.language import detect_language
from ..core.errors import OKRInputError
from ..readers import OKRTable, read_draft, read_okrs
from .features import cached_analyse
from .judge import KR_LABELS

LABEL_COLUMNS = ["text", "kind", "label", "lang", "source", "source_row", "model_label", "model_confidence",
                 "labeled_at"]


@dataclass(frozen=True)
class Candidate:
    """A KR waiting for a label, with what the current model thinks of it."""

    text: str
    row: int  # 1-based row (or draft line) in the source
    lang: str
    model_label: str
    confidence: float

    @property
    def uncertainty(self) -> float:
        """1 at a coin flip, 0 when the model is certain (binary: 2 × (1 − top probability))."""
        return round(max(0.0, min(1.0, 2 * (1 - self.confidence))), 4)


@dataclass(frozen=True)
class Step:
    """One thing the coach did, kept so it can be undone: a label (written to the file) or a skip."""

    candidate: Candidate
    label: str | None  # None for a skip


def _kr_lines(table: OKRTable) -> list[tuple[str, int]]:
    if table.draft is not None:
        return [(d.text, d.line) for d in table.draft if d.kind == "kr" and d.text.strip()]
    return [(r.key_result, r.row) for r in table.rows if r.key_result.strip()]


def _read_source(source) -> tuple[OKRTable, str]:
    if isinstance(source, pd.DataFrame):
        return read_okrs(source), "<DataFrame>"
    if isinstance(source, str) and "\n" in source and not Path(source).suffix:
        return read_draft(source), "<draft>"
    return read_okrs(source), Path(source).name


class LabelQueue:
    """The KRs of ``source`` (a CSV/XLSX/MD file, a DataFrame or a pasted draft), least certain first.

    ``label()``, ``skip()`` and ``undo()`` move through the queue; labels go to ``labels_path``
    (a CSV that ``okrcoach train`` reads) as they are given.
    """

    def __init__(self, source, labels_path: str | Path, judge=None, config=None, name: str | None = None):
        from .model import default_judge

        self.labels_path = Path(labels_path)
        self.judge = judge if judge is not None else default_judge(config)
        table, self.source_name = _read_source(source)
        self.source_name = name or self.source_name
        done = set(self.labeled_rows()["text"])
        seen: set[str] = set()
        lines = []
        for text, row in _kr_lines(table):
            text = text.strip()
            if text in seen or text in done:
                continue
            seen.add(text)
            lines.append((text, row))
        if not lines and not done:
            raise OKRInputError("has no key results to label", path=self.source_name)
        texts = [t for t, _ in lines]
        judgements = self.judge.judge_krs(texts, [cached_analyse(t) for t in texts]) if lines else []
        candidates = [Candidate(t, r, detect_language(t)[0], j.label, round(float(j.confidence), 4))
                      for (t, r), j in zip(lines, judgements)]
        # least certain first; ties keep the source order
        self.queue: list[Candidate] = sorted(candidates, key=lambda c: (-c.uncertainty, c.row))
        self.history: list[Step] = []
        self.already_labeled = len(done)

    # -- where we are ------------------------------------------------------------------------
    @property
    def current(self) -> Candidate | None:
        return self.queue[0] if self.queue else None

    @property
    def remaining(self) -> int:
        return len(self.queue)

    def labeled_rows(self) -> pd.DataFrame:
        """Everything in the labels file (earlier sessions' labels included)."""
        if not self.labels_path.is_file() or self.labels_path.stat().st_size == 0:
            return pd.DataFrame(columns=LABEL_COLUMNS)
        try:
            return pd.read_csv(self.labels_path, dtype=str, keep_default_na=False)
        except (pd.errors.ParserError, UnicodeDecodeError) as exc:
            raise OKRInputError(f"is not a readable labels CSV ({type(exc).__name__})",
                                path=str(self.labels_path)) from None

    def counts(self) -> dict[str, int]:
        labels = self.labeled_rows()["label"]
        return {label: int((labels == label).sum()) for label in KR_LABELS}

    # -- acting ------------------------------------------------------------------------------
    def label(self, label: str) -> Step:
        """Give the current KR ``label`` (``outcome``/``todo``) and append it to the labels file at once."""
        if label not in KR_LABELS:
            raise ValueError(f"label must be one of {', '.join(KR_LABELS)}, not {label!r}")
        candidate = self._take()
        self._append(candidate, label)
        step = Step(candidate, label)
        self.history.append(step)
        return step

    def skip(self) -> Step:
        """Pass over the current KR (it is not written; ``undo`` brings it back)."""
        step = Step(self._take(), None)
        self.history.append(step)
        return step

    def undo(self) -> Step | None:
        """Take back the last label or skip: the KR comes back to the front, its line leaves the file."""
        if not self.history:
            return None
        step = self.history.pop()
        if step.label is not None:
            self._remove_last(step)
        self.queue.insert(0, step.candidate)
        return step

    def retrain(self, out_dir: str | Path, base: str = "default", test_size: float = 0.2, seed: int = 0):
        """Train on the labels so far (plus the shipped data unless ``base='none'``); see ``okrcoach train``.

        The returned report holds the current model's and the new model's macro-F1 on a held-out
        part of these labels, so the coach sees whether the labels helped.
        """
        from .train import train_from_labels

        if not self.labels_path.is_file():
            raise OKRInputError("has no labels yet; label a few key results first", path=str(self.labels_path))
        return train_from_labels(self.labels_path, out_dir, base=base, test_size=test_size, current=self.judge,
                                 seed=seed)

    # -- the file ----------------------------------------------------------------------------
    def _take(self) -> Candidate:
        if not self.queue:
            raise OKRInputError("nothing left to label", path=self.source_name)
        return self.queue.pop(0)

    def _append(self, candidate: Candidate, label: str) -> None:
        new = not self.labels_path.is_file() or self.labels_path.stat().st_size == 0
        self.labels_path.parent.mkdir(parents=True, exist_ok=True)
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        if new:
            writer.writerow(LABEL_COLUMNS)
        writer.writerow([candidate.text, "kr", label, candidate.lang, self.source_name, candidate.row,
                         candidate.model_label, f"{candidate.confidence:.4f}",
                         time.strftime("%Y-%m-%dT%H:%M:%S")])
        with open(self.labels_path, "a", encoding="utf-8", newline="") as fh:
            fh.write(buf.getvalue())
            fh.flush()
            os.fsync(fh.fileno())

    def _remove_last(self, step: Step) -> None:
        frame = self.labeled_rows()
        if frame.empty or frame["text"].iloc[-1] != step.candidate.text or frame["label"].iloc[-1] != step.label:
            raise OKRInputError("changed since this label was written (its last row is not the one to undo)",
                                path=str(self.labels_path))
        tmp = self.labels_path.with_suffix(self.labels_path.suffix + ".tmp")
        frame.iloc[:-1].to_csv(tmp, index=False, lineterminator="\n")
        os.replace(tmp, self.labels_path)
