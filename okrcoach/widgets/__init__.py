"""Jupyter widgets over the okrcoach API: ``CoachPanel`` for workshops, ``AuditExplorer`` for audits,
``LabelingStudio`` for labeling and retraining, ``CheckinPanel`` for weekly check-ins (also the
coach panel's second tab).

The widgets are thin views; the state and logic they show live in plain classes
(:class:`CoachSession`, :class:`AuditSession`, :class:`~okrcoach.classifier.labeling.LabelQueue`) that work and test without a browser.
The core package never imports this one. Names load lazily, so ``import okrcoach.widgets``
does not import ipywidgets until a widget is used.
"""
from __future__ import annotations

from ..core.lazy import lazy_exports

_EXPORTS = {
    "CoachPanel": "okrcoach.widgets.coach",
    "AuditExplorer": "okrcoach.widgets.audit",
    "CoachSession": "okrcoach.widgets.sessions",
    "AuditSession": "okrcoach.widgets.sessions",
    "AuditFilters": "okrcoach.widgets.sessions",
    "LabelingStudio": "okrcoach.widgets.labeling",
    "CheckinPanel": "okrcoach.widgets.checkin",
    "LabelQueue": "okrcoach.classifier.labeling",
}

__all__ = sorted(_EXPORTS)


__getattr__ = lazy_exports("okrcoach.widgets", _EXPORTS, globals())
