"""The analysis layer's fast paths give what the plain code gives."""
from __future__ import annotations

import pickle

from okrcoach.analysis.quantities import Quantity, new_quantity


def test_new_quantity_is_the_quantity_the_constructor_builds() -> None:
    for args in [("50%", 3, 6, 50.0, "percent", "%", "", None), ("≥ 3 万", 0, 5, 30000.0, "number", "", "≥", 5e4),
                 ("x", 0, 1, None, "count")]:
        fast, plain = new_quantity(*args), Quantity(*args)
        assert fast == plain and hash(fast) == hash(plain) and repr(fast) == repr(plain)
        assert list(fast.__dict__.items()) == list(plain.__dict__.items())
        assert pickle.dumps(fast) == pickle.dumps(plain)
