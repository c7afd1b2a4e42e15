"""okrcoach: offline, explainable, bilingual (zh/en) OKR coaching.

The package is laid out by stage (see docs/architecture.md): core → analysis → readers →
cycle + classifier → rules → reports → auditing → coaching → views (cli, widgets, spacy_component).

The public API is imported lazily so ``import okrcoach`` (and the CLI's start-up) stays fast:

>>> import okrcoach
>>> okrcoach.analyse("Q1 结束前将 NPS 从 35 提升至 50").has_baseline
True
"""
from __future__ import annotations

import importlib.abc
import importlib.util
import sys
import warnings
from importlib import import_module

from .core.lazy import lazy_exports

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


__getattr__ = lazy_exports("okrcoach", _EXPORTS, globals())


# Modules that moved when the package was laid out by stage: old dotted name → new one. Importing an
# old name gives the new module itself (same objects, so ``mock.patch`` on an old path still works)
# and warns once; no file is left at the old place.
_MOVED = {
    "okrcoach.model": "okrcoach.core.model",
    "okrcoach.errors": "okrcoach.core.errors",
    "okrcoach.config": "okrcoach.rules.config",
    "okrcoach.sets": "okrcoach.readers.sets",
    "okrcoach.scoring": "okrcoach.cycle.scoring",
    "okrcoach.rhythm": "okrcoach.cycle.rhythm",
    "okrcoach.checkins": "okrcoach.auditing.checkins",
    "okrcoach.cycle_review": "okrcoach.auditing.cycle_review",
    "okrcoach.weekly_template": "okrcoach.reports.weekly_template",
    "okrcoach.okr_types": "okrcoach.rules.okr_types",
    "okrcoach.figures": "okrcoach.rules.figures",
    "okrcoach.coach": "okrcoach.coaching.draft",
    "okrcoach.ideas": "okrcoach.coaching.ideas",
    "okrcoach.labeling": "okrcoach.classifier.labeling",
    "okrcoach.workshop": "okrcoach.widgets.workshop",
    "okrcoach.rules.similarity": "okrcoach.analysis.similarity",
    "okrcoach.rules.similarity_join": "okrcoach.analysis.similarity_join",
}


class _MovedModules(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Resolves an old module path to the module that now holds it."""

    def __init__(self) -> None:
        self._specs: dict = {}

    def find_spec(self, fullname: str, path=None, target=None):
        if fullname in _MOVED:  # origin: so ``python -m <old name>`` sees the new file as __file__
            return importlib.util.spec_from_loader(fullname, self, origin=importlib.util.find_spec(_MOVED[fullname]).origin)
        return None

    def create_module(self, spec):
        new = _MOVED[spec.name]
        warnings.warn(f"{spec.name} moved to {new}; import it from there", DeprecationWarning, stacklevel=2)
        module = import_module(new)
        self._specs[spec.name] = module.__spec__  # the import system sets the alias's spec; put the real one back
        return module

    def exec_module(self, module) -> None:
        module.__spec__ = self._specs.pop(module.__spec__.name, module.__spec__)

    def get_code(self, fullname: str):
        """What ``python -m <old name>`` runs: the new module's code."""
        new = _MOVED[fullname]
        warnings.warn(f"{fullname} moved to {new}; run it from there", DeprecationWarning, stacklevel=2)
        return importlib.util.find_spec(new).loader.get_code(new)


if not any(isinstance(f, _MovedModules) for f in sys.meta_path):
    sys.meta_path.append(_MovedModules())
