"""okrcoach: offline, explainable, bilingual (zh/en) OKR coaching.

The public API is imported lazily so ``import okrcoach`` (and the CLI's start-up) stays fast:

>>> import okrcoach
>>> okrcoach.analyse("Q1 结束前将 NPS 从 35 提升至 50").has_baseline
True
"""
from __future__ import annotations

from importlib import import_module

__version__ = "0.1.0"

_EXPORTS = {
    "analyse": "okrcoach.analysis",
    "Analysis": "okrcoach.analysis",
    "check_draft": "okrcoach.coaching.draft",
    "suggest_krs": "okrcoach.coaching.ideas",
    "audit": "okrcoach.auditing",
    "run_audit": "okrcoach.auditing",
    "write_report": "okrcoach.reports",
    "read_okrs": "okrcoach.readers",
    "load_config": "okrcoach.rules.config",
    "Config": "okrcoach.rules.config",
    "load_model": "okrcoach.classifier.model",
    "default_judge": "okrcoach.classifier.model",
    "Finding": "okrcoach.core.model",
    "Severity": "okrcoach.core.model",
    "OKRInputError": "okrcoach.core.errors",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    if name in _EXPORTS:
        value = getattr(import_module(_EXPORTS[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'okrcoach' has no attribute {name!r}")
