"""Run a function once typing pauses: on the kernel's asyncio loop when there is one, else a timer thread."""
from __future__ import annotations

import asyncio
import threading
from typing import Callable


class Debouncer:
    """``debouncer()`` (re)starts a ``delay``-second countdown; ``fn`` runs once it expires.

    Inside a Jupyter kernel widget callbacks run on the kernel's asyncio loop, so the countdown
    is ``loop.call_later`` and ``fn`` runs on the same thread as every other callback. Outside
    a loop (plain scripts) a :class:`threading.Timer` is used. ``flush()`` runs a pending call
    now (tests, the explicit "Check" button); ``cancel()`` drops it.
    """

    def __init__(self, fn: Callable[[], object], delay: float = 0.2):
        self.fn = fn
        self.delay = delay
        self._handle = None

    @property
    def pending(self) -> bool:
        return self._handle is not None

    def __call__(self) -> None:
        self.cancel()
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            loop = None
        if loop is not None:
            self._handle = loop.call_later(self.delay, self._fire)
        else:
            timer = threading.Timer(self.delay, self._fire)
            timer.daemon = True
            self._handle = timer
            timer.start()

    def _fire(self) -> None:
        self._handle = None
        self.fn()

    def cancel(self) -> None:
        handle, self._handle = self._handle, None
        if handle is not None:
            handle.cancel()

    def flush(self) -> None:
        if self.pending:
            self.cancel()
            self.fn()
