"""Lower-case matching gives the spans re.IGNORECASE gives, on any text.

The analysis patterns run without ``re.IGNORECASE`` over ``text.lower()`` (a third less time per
scan); :class:`CaselessPattern` falls back to the folded pattern on the few characters where that
would differ. These tests hold every such pattern in the package to the IGNORECASE result.
"""
from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from okrcoach.analysis import analyse, changes, deadlines, normalize, placeholders, quantities
from okrcoach.analysis import analyse as analyse_module
from okrcoach.analysis.frames import frame_lexicon
from okrcoach.analysis.lexicon import default_lexicon
from okrcoach.analysis.normalize import CaselessPattern
from okrcoach.rules import okr_types


def _patterns() -> list[tuple[str, CaselessPattern]]:
    found = []
    for module in (analyse_module, changes, deadlines, placeholders, quantities, normalize):
        for name, value in vars(module).items():
            if isinstance(value, CaselessPattern):
                found.append((f"{module.__name__}.{name}", value))
    found += [(f"quantities._EXTRA[{kind}]", p) for kind, p in quantities._EXTRA if isinstance(p, CaselessPattern)]
    found += [(f"okr_types[{name}]", p) for name, p in okr_types._patterns().items()]  # the OKR-type words (a TSV)
    found += [(f"lexicon.{name}.{half}", getattr(lexicon._scanner[0], half))
              for name, lexicon in (("cues", default_lexicon()), ("frames", frame_lexicon())) for half in ("both", "zh", "en")]
    return found


PATTERNS = _patterns()
# Characters whose lower case is longer (İ), or that re folds beyond str.lower() (ı ~ i, ſ ~ s, K ~ k …)
TRICKY = ["İ", "ı", "ſ", "K", "µ", "Σ", "ς", "ΐ", "ß", "ﬅ", "Å", "ǅ", "Q1", "q1", "H2", "FY26", "By May 15", "BY MAY 15",
          "WITHIN 2 WEEKS", "AT LEAST 5", "Over 12%", "$2M", "3.5K QPS", "No.1", "TBD", "Undefined", "ZERO", "DOUBLE",
          "From 3 To 5", "Reduce churn BY 20%", "(Q2: 3.9)", "currently 62%", "ınçrease bı 20%", "ſeven ſeſſions",
          "KEEP 99.9% UPTIME", "Keep SLA", "Assess Whether", "zero DEFECTS", "100% On-Time", "ENSURE Availability"]
SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def test_the_package_has_caseless_patterns() -> None:
    # the analysis modules switched to CaselessPattern; a module that stops using it drops out of the test
    assert len(PATTERNS) >= 8


@pytest.mark.parametrize("name,pattern", PATTERNS, ids=[n for n, _ in PATTERNS])
@pytest.mark.parametrize("text", TRICKY + ["", "x" * 50, "Q1 结束前将 NPS 从 35 提升至 50", "İstanbul ofisi Q3'te açılır"])
def test_same_spans_as_ignorecase(name: str, pattern: CaselessPattern, text: str) -> None:
    folded = re.compile(pattern.pattern, pattern.flags)
    assert [m.span() for m in pattern.finditer(text)] == [m.span() for m in folded.finditer(text)]
    assert (pattern.search(text) or re.match("", "")).span() == (folded.search(text) or re.match("", "")).span()


@SETTINGS
@given(st.lists(st.one_of(st.sampled_from(TRICKY), st.text(max_size=8)), max_size=10).map(" ".join))
def test_same_spans_on_any_text(text: str) -> None:
    for _, pattern in PATTERNS:
        folded = re.compile(pattern.pattern, pattern.flags)
        assert [m.span() for m in pattern.finditer(text)] == [m.span() for m in folded.finditer(text)]


def test_groups_are_read_from_the_line_not_its_lower_case_copy() -> None:
    # "2M" is two million as written; the lower-case copy's "m" must not leak into units or comparators
    q = quantities.extract_quantities("Reach $2M ARR AT LEAST 30 USD")
    assert [(x.text, x.unit, x.comparator, x.value) for x in q] == [("$2M", "", "", 2_000_000.0),
                                                                   ("AT LEAST 30 USD", "USD", "AT LEAST", 30.0)]
    assert [x.comparator for x in quantities.extract_quantities("AT LEAST FIVE new customers")] == ["AT LEAST"]


def test_a_line_with_a_special_fold_still_matches() -> None:
    # the dotless ı folds to i only under IGNORECASE: the folded pattern runs for this line
    assert [d.text for d in deadlines.extract_deadlines("Shıp wıthın 2 weeks")] == \
        [m.group(0).strip() for m in re.compile(deadlines._DEADLINE_RE.pattern, re.IGNORECASE).finditer("Shıp wıthın 2 weeks")]
    assert analyse("İ " * 3 + "by May 15").has_deadline


def test_an_ascii_line_is_its_own_shadow() -> None:
    # shadow() returns an ASCII line untouched without translating it: valid only while the table maps
    # nothing below U+0080
    assert min(normalize.shadow_table()) >= 0x80
    assert normalize.shadow("Cut p95 latency to 300 ms") == "Cut p95 latency to 300 ms"
    assert normalize.shadow("客戶續約率達到９５％") == "客户续约率达到95%"


@pytest.mark.parametrize("source", ["ıd", "ſale", "ΑΣ", "straße", "İstanbul", "Äpfel|ÖL", "[À-Ö]+", r"\bQ[1-4]\b", "(?P<Unit>KG|Kg)"])
@pytest.mark.parametrize("text", ["ID id ıd İD", "SALE sale ſale", "ΑΣ ας ασ Ασ", "STRASSE straße STRAẞE", "İSTANBUL istanbul",
                                  "äpfel ÄPFEL öl", "ÀÉÖ àéö", "q1 Q2 q5", "kg KG Kg"])
def test_patterns_with_any_letters_match_as_ignorecase(source: str, text: str) -> None:
    # configured vocabularies can hold any letters: a pattern whose letters fold specially always folds
    pattern, folded = CaselessPattern(source), re.compile(source, re.IGNORECASE)
    assert [m.span() for m in pattern.finditer(text)] == [m.span() for m in folded.finditer(text)]
