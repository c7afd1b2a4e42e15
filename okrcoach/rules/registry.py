"""The rule registry: every rule of every module, by code. The CLI, the audit, the widgets and the
spaCy component all read this one registry, so no rule is implemented twice.

A rule is defined and registered in :mod:`.base`; this module loads the rule modules (on first use,
so the cold start does not pay for them) and answers what is registered.
"""
from __future__ import annotations

from .base import TARGETS, Hit, Rule, RuleDoc, _REGISTRY, iter_rules, rule

__all__ = ["TARGETS", "Hit", "Rule", "RuleDoc", "rule", "all_rules", "get_rule", "iter_rules"]


def all_rules() -> list[Rule]:
    """Every registered rule, sorted by code (importing the rule modules registers them)."""
    from . import (alignment_rules, checkin_rules, input_rules, kr_rules, objective_rules,  # noqa: F401
                   score_rules, set_rules)
    from . import rhythm_rules, type_rules  # noqa: F401

    return sorted(_REGISTRY.values(), key=lambda r: r.code)


def get_rule(code_or_name: str) -> Rule:
    for r in all_rules():
        if r.code == code_or_name.upper() or r.name == code_or_name.lower():
            return r
    raise KeyError(code_or_name)
