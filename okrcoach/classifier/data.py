"""Labeled examples: the shipped datasets and a user's own label files, validated row by row."""
from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd

from ..analysis.language import detect_language
from ..core.errors import OKRInputError
from .judge import KR_LABELS, OBJECTIVE_LABELS, PROGRESS_LABELS

DATASET_DIR = Path(__file__).resolve().parents[2] / "datasets"
LABELS = {"kr": KR_LABELS, "objective": OBJECTIVE_LABELS, "progress": PROGRESS_LABELS}
DATASET_FILES = {"kr": "key_results.csv", "objective": "objectives.csv", "progress": "progress_notes.csv"}
_TEXT_COLUMNS = ("text", "key_result", "kr", "关键结果", "objective", "目标", "内容")
_LABEL_ALIASES = {"to-do": "todo", "to do": "todo", "待办": "todo", "结果": "outcome", "合格": "ok", "模糊": "vague",
                  "任务": "task", "指标": "metric", "日常": "routine"}


def load_dataset(kind: str, directory: Path | None = None) -> pd.DataFrame:
    """The shipped labeled data (``datasets/key_results.csv``, ``objectives.csv`` or ``progress_notes.csv``),
    with its fixed split."""
    directory = directory or DATASET_DIR
    path = directory / DATASET_FILES[kind]
    if not path.is_file():
        raise OKRInputError("the shipped dataset is missing (run from a source checkout)", path=str(path))
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def data_hash(frame: pd.DataFrame) -> str:
    h = hashlib.sha256()
    for text, label in zip(frame["text"], frame["label"]):
        h.update(f"{text}\t{label}\n".encode("utf-8"))
    return h.hexdigest()


def _read_any(path: Path, sheet=None) -> pd.DataFrame:
    from ..readers.encoding import decode_bytes

    suffix = path.suffix.lower()
    if not path.is_file():
        raise OKRInputError("no such file", path=str(path))
    if suffix in (".xlsx", ".xlsm"):
        try:
            return pd.read_excel(path, sheet_name=sheet or 0, dtype=str, keep_default_na=False, engine="openpyxl")
        except Exception as exc:
            raise OKRInputError(f"is not a readable .xlsx workbook ({type(exc).__name__})", path=str(path)) from None
    data = path.read_bytes()
    if not data.strip():
        raise OKRInputError("is empty", path=str(path))
    text, _ = decode_bytes(data, str(path))
    import io

    from ..readers.tables import sniff_delimiter

    try:
        return pd.read_csv(io.StringIO(text.lstrip("\ufeff")), dtype=str, keep_default_na=False,
                           sep=sniff_delimiter(text, suffix), engine="python")
    except pd.errors.ParserError as exc:
        raise OKRInputError(f"is not a readable CSV ({exc})", path=str(path)) from None


def read_labels(path: str | Path, sheet=None) -> pd.DataFrame:
    """A user's label file → rows of ``text, kind, label, lang, borderline, row``.

    Needs a text column (``text``/``key_result``/``objective`` …) and a ``label`` column; ``kind``
    is optional (inferred from the label). Unknown labels and empty texts are errors that list
    the offending rows — nothing is dropped silently.
    """
    path = Path(path)
    raw = _read_any(path, sheet)
    lower = {str(c).strip().lower(): c for c in raw.columns}
    text_col = next((lower[c] for c in _TEXT_COLUMNS if c in lower), None)
    label_col = lower.get("label") or lower.get("标签") or lower.get("标注")
    if text_col is None or label_col is None:
        raise OKRInputError("needs a 'text' column (or key_result/objective) and a 'label' column; found: "
                            + ", ".join(map(str, raw.columns[:10])), path=str(path))
    kind_col = lower.get("kind")
    rows, bad_label, empty = [], [], []
    for i, rec in enumerate(raw.to_dict("records"), start=2):
        text = str(rec[text_col]).strip()
        label = str(rec[label_col]).strip().lower()
        label = _LABEL_ALIASES.get(label, label)
        if not text:
            empty.append(i)
            continue
        kind = str(rec[kind_col]).strip().lower() if kind_col else ""
        if kind not in LABELS:
            kind = ("kr" if label in KR_LABELS else "objective" if label in OBJECTIVE_LABELS
                    else "progress" if label in PROGRESS_LABELS else "")
        if not kind or label not in LABELS[kind]:
            bad_label.append((i, label))
            continue
        lang = str(rec.get(lower.get("lang", ""), "") or "").strip() or detect_language(text)[0]
        border = str(rec.get(lower.get("borderline", ""), "0") or "0").strip() in ("1", "true", "yes")
        rows.append({"text": text, "kind": kind, "label": label, "lang": lang, "borderline": int(border), "row": i})
    if bad_label:
        listed = ", ".join(f"row {r} ({l or 'empty'!s})" for r, l in bad_label[:8])
        more = f" and {len(bad_label) - 8} more" if len(bad_label) > 8 else ""
        raise OKRInputError(f"unknown labels in column {label_col!r}: {listed}{more}; use outcome/todo for key "
                            "results, ok/vague/task/metric/routine for objectives or key_progress/activity for "
                            "weekly progress notes", path=str(path))
    if empty:
        listed = ", ".join(map(str, empty[:10]))
        raise OKRInputError(f"empty text in column {text_col!r} on rows {listed}{' …' if len(empty) > 10 else ''}",
                            path=str(path))
    if not rows:
        raise OKRInputError("has no labeled rows", path=str(path))
    return pd.DataFrame(rows)
