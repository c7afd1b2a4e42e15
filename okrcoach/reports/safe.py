"""Spreadsheet-injection guard: text that Excel or LibreOffice would read as a formula gets a leading apostrophe."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

_NUMBER = re.compile(r"^[+-]?\d+(?:[.,]\d+)*%?$")
_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")  # a cell starting with one of these can run as a formula
# a separator then a trigger: in a column joined with "\x00" before each cell, every cell that starts with a
# trigger matches (a cell holding "\x00=" inside matches too; the per-cell test then sorts it out)
_TRIGGER_AFTER_SEP = re.compile("\x00[" + re.escape("".join(_TRIGGERS)) + "]")
# dtypes whose cells defuse never changes and that ``DataFrame.map`` gives back as they were
_UNTOUCHED = ("int64", "float64", "bool")


def defuse(value: object) -> object:
    """``=cmd|' /C calc'!A0`` → ``'=cmd|' /C calc'!A0``; numbers such as ``-5`` or ``+3%`` stay as they are.

    >>> defuse("=1+1"), defuse("-5%"), defuse("@SUM(A1)"), defuse("normal")
    ("'=1+1", '-5%', "'@SUM(A1)", 'normal')
    """
    if isinstance(value, str) and value.startswith(_TRIGGERS) and not _NUMBER.match(value):
        return "'" + value
    return value


# Control characters an .xlsx file cannot hold (openpyxl refuses the whole workbook over one of them)
_NOT_IN_XLSX = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def for_workbook(value: object) -> object:
    """:func:`defuse`, and a control character an .xlsx cannot store shown as U+FFFD.

    A CSV from a database export can carry \\x01 or \\x0b in a cell: the audit reports it (IN005) and the
    CSV/JSON reports keep it, but a workbook would not open, so there it becomes a visible "\ufffd".

    >>> for_workbook("NPS 50\x01"), for_workbook("=1+1"), for_workbook(3)
    ('NPS 50\ufffd', "'=1+1", 3)
    """
    if isinstance(value, str) and _NOT_IN_XLSX.search(value):
        value = _NOT_IN_XLSX.sub("\ufffd", value)
    return defuse(value)


def defuse_frame(frame: "pd.DataFrame") -> "pd.DataFrame":
    """``frame.map(defuse)``, written the same, at a fraction of the cost on an audit frame.

    Calling :func:`defuse` on every cell was most of a CSV report's writing time, yet numeric columns
    never change and in a column of plain text only cells starting with a trigger character can.
    Anything else (dates, nullable or mixed columns) still goes through ``map``, whose type inference
    decides how such a column is written.
    """
    import numpy as np
    import pandas as pd

    if frame.empty:
        return frame.map(defuse)
    out = frame.copy(deep=False)
    for j, dtype in enumerate(frame.dtypes):
        if isinstance(dtype, np.dtype) and dtype.name in _UNTOUCHED:
            continue
        column = frame.iloc[:, j]
        if dtype == object and pd.api.types.infer_dtype(column, skipna=False) == "string":
            values = column.to_numpy()
            if not _TRIGGER_AFTER_SEP.search("\x00" + "\x00".join(values)):
                continue  # no cell starts with a trigger: one scan of the joined column instead of a call per cell
            hits = [i for i, v in enumerate(values) if v.startswith(_TRIGGERS)]
            if not hits:
                continue
            values = values.copy()
            for i in hits:
                values[i] = defuse(values[i])
            out.isetitem(j, pd.Series(values, index=frame.index, dtype=object))
        else:
            out.isetitem(j, column.map(defuse))
    return out
