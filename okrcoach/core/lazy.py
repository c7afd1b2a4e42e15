"""Lazy re-exports for a package ``__init__``: a name is imported from its module on first use.

``import okrcoach`` and ``import okrcoach.widgets`` stay light this way (no pandas, no ipywidgets)
while ``okrcoach.check_draft`` and ``okrcoach.widgets.CoachPanel`` still work.
"""
from __future__ import annotations

from importlib import import_module
from typing import Any, Callable


def lazy_exports(package: str, exports: dict[str, str], namespace: dict[str, Any]) -> Callable[[str], Any]:
    """A module ``__getattr__`` for ``package`` that imports ``exports[name]`` and keeps the value in
    ``namespace`` (the package's globals), so each name is looked up once."""

    def __getattr__(name: str) -> Any:
        if name in exports:
            value = getattr(import_module(exports[name]), name)
            namespace[name] = value
            return value
        raise AttributeError(f"module {package!r} has no attribute {name!r}")

    return __getattr__
