"""The examples in docstrings are part of the documentation: they must stay true."""
from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = [
    "okrcoach", "okrcoach.analysis.analyse", "okrcoach.analysis.normalize", "okrcoach.analysis.mentions",
    "okrcoach.cycle.scoring", "okrcoach.auditing.checkins", "okrcoach.classifier.labeling", "okrcoach.analysis.similarity",
    "okrcoach.reports.safe", "okrcoach.auditing.summary", "okrcoach.coaching.draft", "okrcoach.widgets.sessions",
    "okrcoach.readers.feishu", "okrcoach.readers.richtext",

    "okrcoach.rules.okr_types", "okrcoach.readers.okr_type", "okrcoach.cycle.rhythm",

    "okrcoach.analysis.metrics", "okrcoach.rules.suggest", "okrcoach.rules.objective_suggest", "okrcoach.coaching.ideas",
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples_hold(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0, f"{name} has no examples to check"
    assert result.failed == 0
