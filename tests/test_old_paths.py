"""Every module path users imported before the package was laid out by stage still imports, gives
the very module that now holds it (so the same objects, and ``mock.patch`` on an old path works),
and says once where it moved."""
from __future__ import annotations

import importlib
import subprocess
import sys
import warnings

import pytest

import okrcoach

OLD_NAMES = {  # old path → a name users import from it
    "okrcoach.model": "Finding",
    "okrcoach.errors": "OKRInputError",
    "okrcoach.config": "load_config",
    "okrcoach.sets": "build_sets",
    "okrcoach.scoring": "read_score",
    "okrcoach.rhythm": "build_rhythm",
    "okrcoach.checkins": "check_updates",
    "okrcoach.cycle_review": "score_table",
    "okrcoach.weekly_template": "write_weekly_template",
    "okrcoach.okr_types": "infer_okr_type",
    "okrcoach.figures": "overall_figures",
    "okrcoach.coach": "check_draft",
    "okrcoach.ideas": "suggest_krs",
    "okrcoach.labeling": "LabelQueue",
    "okrcoach.workshop": "workshop_command",
    "okrcoach.rules.similarity": "similarity",
    "okrcoach.rules.similarity_join": "first_copies",
}


def test_every_moved_module_is_listed():
    assert set(OLD_NAMES) == set(okrcoach._MOVED)


@pytest.mark.parametrize("old", sorted(OLD_NAMES))
def test_old_path_gives_the_new_module(old):
    new = importlib.import_module(okrcoach._MOVED[old])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        module = importlib.import_module(old)
    assert module is new
    assert module.__spec__.name == new.__name__  # the real spec, not the alias's
    assert getattr(module, OLD_NAMES[old]) is getattr(new, OLD_NAMES[old])


def test_old_names_still_importable_from_old_checkins():
    from okrcoach.auditing import checkins
    from okrcoach.cycle import updates
    from okrcoach.rules import context

    old = importlib.import_module("okrcoach.checkins")
    for name in ("CHECKIN_COLUMNS", "CheckinResult", "check_update_bytes", "check_weekly_text", "read_updates_bytes"):
        assert getattr(old, name) is getattr(checkins, name)
    for name in ("UPDATE_SYNONYMS", "next_items", "item_has_owner", "parse_weekly_markdown", "read_updates"):
        assert getattr(old, name) is getattr(updates, name)
    assert old.CheckinContext is context.CheckinContext


def test_old_path_warns_once_in_a_fresh_interpreter():
    code = ("import warnings; warnings.simplefilter('always')\n"
            "with warnings.catch_warnings(record=True) as w:\n"
            "    import okrcoach.coach\n"
            "    from okrcoach.coach import check_draft\n"
            "    import okrcoach.coach\n"
            "print(sum(issubclass(x.category, DeprecationWarning) and 'okrcoach.coaching.draft' in str(x.message)"
            " for x in w))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "1"


def test_python_m_old_workshop_path_runs():
    out = subprocess.run([sys.executable, "-m", "okrcoach.workshop", "--help"], capture_output=True, text=True)
    assert out.returncode == 0 and "Usage" in out.stdout
