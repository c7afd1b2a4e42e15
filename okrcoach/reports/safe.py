"""Spreadsheet-injection guard: text that Excel or LibreOffice would read as a formula gets a leading apostrophe."""
from __future__ import annotations

import re

_NUMBER = re.compile(r"^[+-]?\d+(?:[.,]\d+)*%?$")


def defuse(value: object) -> object:
    """``=cmd|' /C calc'!A0`` → ``'=cmd|' /C calc'!A0``; numbers such as ``-5`` or ``+3%`` stay as they are.

    >>> defuse("=1+1"), defuse("-5%"), defuse("@SUM(A1)"), defuse("normal")
    ("'=1+1", '-5%', "'@SUM(A1)", 'normal')
    """
    if isinstance(value, str) and value and value[0] in "=+-@\t\r" and not _NUMBER.match(value):
        return "'" + value
    return value
