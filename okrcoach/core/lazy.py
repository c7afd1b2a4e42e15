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


class cached_fact:  # noqa: N801 - used like functools.cached_property
    """``functools.cached_property`` without its lock: a value computed on first access and kept in
    the instance's ``__dict__`` (which then shadows this descriptor, so later reads are plain).

    Python 3.11's cached_property takes one lock shared by every instance on each first access; an
    audit makes tens of thousands of analyses with four or five such facts each, all on one thread.
    Two threads racing on one instance compute the same pure value twice, which is harmless here.
    """

    def __init__(self, func: Callable[[Any], Any]):
        self.func = func
        self.name = func.__name__
        self.__doc__ = func.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, instance: Any, owner: type | None = None) -> Any:
        if instance is None:
            return self
        value = instance.__dict__[self.name] = self.func(instance)
        return value
