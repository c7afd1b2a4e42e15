"""``quick_init`` gives the hot frozen dataclasses a faster constructor: the objects must be exactly the
ones the generated ``__init__`` builds, and everything a frozen dataclass promises must still hold."""
from __future__ import annotations

import copy
import dataclasses
import pickle

import pytest

from okrcoach.analysis.changes import Change
from okrcoach.analysis.deadlines import Deadline
from okrcoach.analysis.quantities import Quantity
from okrcoach.core.frozen import quick_init
from okrcoach.core.model import Finding, Judgement, Severity
from okrcoach.rules.base import Hit

q = Quantity("50%", 3, 6, 50.0, "percent", "%")
CASES = [
    (Quantity, ("50%", 3, 6, 50.0, "percent", "%", "", None), {}),
    (Quantity, ("x", 0, 1, None, "count"), {"upper": 5e4}),
    (Deadline, ("Q1 结束前", 0, 6), {}),
    (Change, ("baseline_target", 0, 9, q, q), {}),
    (Change, ("multiplier",), {"start": 2, "end": 4}),
    (Hit, (0, 3, "中", "en", "rewrite"), {"alternatives": ("a", "b"), "severity": "info"}),
    (Hit, (), {}),
    (Finding, ("KR101", "kr-is-todo", Severity.WARNING, "中", "en", "kr"), {"row": 4, "alternatives": ("x",)}),
    (Judgement, ("todo", 0.9), {"probabilities": {"todo": 0.9, "outcome": 0.1}, "hint": "vague"}),
    (Judgement, ("ok", 0.7), {}),
]


def _generated(cls):
    """The same fields with the constructor ``@dataclass`` generates (the reference)."""
    twin = dataclasses.make_dataclass(cls.__name__, [
        (f.name, f.type, dataclasses.field(default=f.default, default_factory=f.default_factory))
        for f in dataclasses.fields(cls)], frozen=True)
    twin.__qualname__ = cls.__qualname__
    return twin


@pytest.mark.parametrize("cls,args,kwargs", CASES, ids=[f"{c.__name__}{i}" for i, (c, _, _) in enumerate(CASES)])
def test_the_object_is_the_one_the_generated_constructor_builds(cls, args, kwargs) -> None:
    fast, plain = cls(*args, **kwargs), _generated(cls)(*args, **kwargs)
    assert list(fast.__dict__.items()) == list(plain.__dict__.items())  # same fields, values and order
    assert repr(fast) == repr(plain)
    try:
        expected = hash(plain)
    except TypeError:  # a dict field (Judgement.probabilities): unhashable, as before
        with pytest.raises(TypeError):
            hash(fast)
    else:
        assert hash(fast) == expected
    assert fast == cls(*args, **kwargs) and fast == copy.deepcopy(fast) and pickle.loads(pickle.dumps(fast)) == fast
    assert dataclasses.replace(fast) == fast and dataclasses.asdict(fast) == dataclasses.asdict(plain)
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(fast, dataclasses.fields(cls)[0].name, None)


def test_keywords_defaults_and_errors_are_the_generated_ones() -> None:
    assert Quantity(text="5", start=0, end=1, value=5.0, kind="number") == Quantity("5", 0, 1, 5.0, "number", "", "", None)
    with pytest.raises(TypeError):
        Quantity("5", 0, 1)  # value and kind are required
    with pytest.raises(TypeError):
        Hit(colour="red")
    with pytest.raises(TypeError):
        Deadline("x", 0, 1, start=0)  # given twice


def test_a_default_factory_gives_each_object_its_own_value() -> None:
    a, b = Judgement("ok", 0.5), Judgement("ok", 0.5)
    assert a.probabilities == {} and a.probabilities is not b.probabilities


def test_only_plain_frozen_dataclasses_are_accepted() -> None:
    @dataclasses.dataclass
    class Mutable:
        x: int

    @dataclasses.dataclass(frozen=True)
    class Checked:
        x: int

        def __post_init__(self) -> None:
            pass

    @dataclasses.dataclass(frozen=True, kw_only=True)
    class KeywordOnly:
        x: int

    @dataclasses.dataclass(frozen=True)
    class NotInit:
        x: int
        y: int = dataclasses.field(default=0, init=False)

    for cls in (Mutable, Checked, KeywordOnly, NotInit, int):
        with pytest.raises(TypeError):
            quick_init(cls)
