"""Input errors that name the file, row and column — shown to users as one line, never a traceback."""
from __future__ import annotations


class OKRInputError(Exception):
    """A problem with what the user gave us (a file, a table, a label), not a bug in okrcoach."""

    def __init__(self, message: str, *, path: str | None = None, row: int | None = None, column: str | None = None):
        self.message = message
        self.path = path
        self.row = row
        self.column = column
        super().__init__(self.one_line())

    def one_line(self) -> str:
        where = []
        if self.path:
            where.append(str(self.path))
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column:
            where.append(f"column {self.column!r}")
        prefix = ", ".join(where)
        text = " ".join(self.message.split())
        return f"{prefix}: {text}" if prefix else text


class ModelFileError(OKRInputError):
    """A model file that cannot be loaded safely (untrusted types, wrong format, tampering)."""
