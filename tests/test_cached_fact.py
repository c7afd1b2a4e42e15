"""cached_fact: computed once per instance, then a plain attribute; the Analysis facts use it."""
from __future__ import annotations

from okrcoach.analysis import analyse
from okrcoach.analysis.analyse import Analysis
from okrcoach.core.lazy import cached_fact


class Counted:
    calls = 0

    @cached_fact
    def value(self) -> int:
        """A fact that costs something."""
        Counted.calls += 1
        return 42


def test_computed_once_per_instance_then_read_from_the_instance() -> None:
    Counted.calls = 0
    a, b = Counted(), Counted()
    assert (a.value, a.value, b.value) == (42, 42, 42)
    assert Counted.calls == 2
    assert a.__dict__["value"] == 42
    assert isinstance(Counted.value, cached_fact) and Counted.value.__doc__ == "A fact that costs something."


def test_analysis_facts_are_kept() -> None:
    a = analyse("将 NPS 从 35 提升至 50，并举办 6 场培训")
    assert a.metrics is a.metrics and a.activity_counts is a.activity_counts
    assert {"metrics", "activity_counts"} <= set(vars(a))
    assert isinstance(vars(Analysis)["result_metrics"], cached_fact)
