"""Walking a widget tree: every panel finds its own parts this way (texts to show, buttons to test).

Its own module so the panels can share it without importing one another.
"""
from __future__ import annotations

from typing import Iterator

import ipywidgets as widgets


def walk(widget) -> Iterator:
    """``widget`` and every widget below it, depth first."""
    yield widget
    for child in getattr(widget, "children", ()):
        yield from walk(child)


def html_values(widget) -> list[str]:
    """Every HTML string ``widget`` shows, itself and below (tests assert nothing unescaped gets in)."""
    return [w.value for w in walk(widget) if isinstance(w, (widgets.HTML, widgets.HTMLMath))]
