"""Where a report goes: a temporary file beside the target, renamed into place at the end, so a
failed audit never leaves half a report (or a caller's stream, left open).

Its own module so every writer (CSV, JSON, Excel, HTML) can use it without importing another writer.
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path


class _FileTarget:
    def __init__(self, path: Path | None, stream=None, encoding: str = "utf-8", binary: bool = False):
        self.path = path
        if stream is not None:
            self.fh, self.tmp = stream, None
        else:
            fd, self.tmp = tempfile.mkstemp(prefix=".okrcoach-", suffix=path.suffix, dir=str(path.parent))
            os.close(fd)
            self.fh = None if binary else open(self.tmp, "w", encoding=encoding, newline="")

    def commit(self) -> Path | None:
        if self.tmp is None:
            return None
        if self.fh is not None:
            self.fh.close()
        os.replace(self.tmp, self.path)
        return self.path

    def abort(self) -> None:
        if self.tmp is not None:
            if self.fh is not None:
                self.fh.close()
            if os.path.exists(self.tmp):
                os.unlink(self.tmp)
