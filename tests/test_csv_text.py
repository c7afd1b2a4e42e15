"""The CSV report's fast text (``reports.writers.csv_text``) and the defusing prefilter give what pandas and
the per-cell ``defuse`` give, byte for byte; frames the fast path does not cover go to ``to_csv``."""
from __future__ import annotations

import csv
import io
import random

import numpy as np
import pandas as pd
import pytest

from okrcoach.reports.safe import defuse, defuse_frame
from okrcoach.reports.writers import CSVWriter, _Lines, _quote_cells, csv_text

TRICKY = ["", "plain", "a,b", 'say "hi"', '"', "two\nlines", "cr\ronly", "crlf\r\nend", " lead", "trail ",
          "中文，全角逗号", "=1+1", "-5", "+x", "@SUM(A1)", "\tTab", "\rCR", "nul\x00in", "\x01ctl", ",", '""', "\u2028"]


def _to_csv(frame: pd.DataFrame, header: bool) -> str:
    return frame.to_csv(index=False, header=header, lineterminator="\n")


def _frame(n: int = 60, seed: int = 0) -> pd.DataFrame:
    rng = random.Random(seed)
    floats = [0.0, -0.0, 0.1 + 0.2, 1e-5, 1e-4, 1e16, 1e15 + 0.5, -3.25, float("nan"), float("inf"), 0.999, 5e-324]
    return pd.DataFrame({  # text as the readers and the audit make it: object columns of str
        "text": pd.Series([rng.choice(TRICKY) for _ in range(n)], dtype=object),
        "more, text": pd.Series([rng.choice(TRICKY) + rng.choice(TRICKY) for _ in range(n)], dtype=object),
        'quote"d': [rng.randint(-10**12, 10**12) for _ in range(n)],
        "flag": [rng.randint(0, 1) for _ in range(n)],
        "confidence": [rng.choice(floats) if rng.random() < 0.5 else round(rng.random(), 3) for _ in range(n)],
        "\u2028odd\nname": [rng.choice(floats) for _ in range(n)],
    }).set_axis(range(100, 100 + n))


@pytest.mark.parametrize("header", [True, False])
@pytest.mark.parametrize("seed", range(5))
def test_csv_text_is_to_csv(seed, header):
    frame = _frame(seed=seed)
    assert csv_text(frame, header) == _to_csv(frame, header)


def test_cells_are_quoted_as_the_csv_module_quotes_them():
    rng = random.Random(7)
    alphabet = list(',"\n\r a中\x00\t=') + ["\r\n", '""']
    cells = ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 8))) for _ in range(3000)] + TRICKY[1:]
    lines = _Lines()
    csv.writer(lines, lineterminator="\n").writerows([c, "x"] for c in cells)
    assert [line[: -len(",x\n")] for line in lines] == _quote_cells(cells)


@pytest.mark.parametrize("frame", [
    pd.DataFrame({"only": ["", "a", ""]}),  # one column: an empty cell is written '""'
    pd.DataFrame({"a": ["x", "y"], "b": [True, False]}),
    pd.DataFrame({"a": pd.Series(["x", None], dtype="str"), "b": [1, 2]}),  # pandas' own string dtype
    pd.DataFrame({"a": ["x", None], "b": ["1", "2"]}),
    pd.DataFrame({"a": ["x", 3], "b": [1.5, 2.0]}),
    pd.DataFrame({"a": ["x", "y"], "b": pd.to_datetime(["2024-01-01", "2024-02-03"])}),
    pd.DataFrame({"a": ["x", "y"], "b": np.array([1, 2], dtype="int32")}),
    pd.DataFrame({"a": ["x", "y"], "b": pd.array([1, None], dtype="Int64")}),
    pd.DataFrame({0: ["x", "y"], 1: ["z", "w"]}),
    pd.DataFrame(columns=["a", "b"]),
])
def test_other_frames_are_left_to_pandas_and_the_writer_still_matches_it(frame):
    assert csv_text(frame, True) is None
    buf = io.StringIO()
    writer = CSVWriter(stream=buf)
    writer.add(frame)
    writer.add(frame)
    expected = _to_csv(frame.map(defuse), True) + _to_csv(frame.map(defuse), False)
    assert buf.getvalue() == expected


def test_writer_output_is_to_csv_of_the_defused_frame_chunk_after_chunk():
    frames = [_frame(seed=s) for s in range(3)]
    buf = io.StringIO()
    writer = CSVWriter(stream=buf)
    for f in frames:
        writer.add(f)
    assert buf.getvalue() == "".join(_to_csv(f.map(defuse), i == 0) for i, f in enumerate(frames))


@pytest.mark.parametrize("cells", [
    ["plain", "no trigger", ""],  # the prefilter finds nothing: the column is kept as it is
    ["=1+1", "ok", "-5", "+3%", "@x", "\tt", "\rr", "a=b"],  # hits: the per-cell test
    ["x\x00=y", "z"],  # a separator-looking character inside a cell: a false hit, nothing changes
])
def test_defuse_frame_is_map_defuse(cells):
    frame = pd.DataFrame({"text": pd.Series(cells, dtype=object), "n": range(len(cells))})
    out = defuse_frame(frame)
    assert out["text"].tolist() == [defuse(c) for c in cells] and out["n"].equals(frame["n"])
    assert out.dtypes.equals(frame.dtypes)
