"""Cells cleaned a column at a time (``readers.rows._clean_column``) are what :func:`clean_cell` gives cell by
cell, issues included: both for a column of plain text (checked joined) and for one that needs the per-cell path."""
from __future__ import annotations

import pytest

from okrcoach.readers.rows import (MAX_ANALYSED_CHARS, _JOIN, _clean_column, _plain, _plain_column, clean_cell,
                                   frame_to_rows)

PLAIN = ["做强新注册用户业务增长", "Double NPS by Q2", "", "a | b", "x<y".replace("<", "≤"), "中 文", "A" * MAX_ANALYSED_CHARS]
NOT_PLAIN = [None, 3, 2.5, " lead", "trail ", " ", "two\nlines", "tab\there", "ctl\x01", "<b>bold</b>", "a < b",
             "A" * (MAX_ANALYSED_CHARS + 1), "nbsp\u00a0", f"x{_JOIN} y", f"x {_JOIN}y", _JOIN, "\u3000full-width space"]


def _per_cell(cells: list, column: str) -> tuple[list[str], dict[int, list]]:
    out, noted = [], {}
    for i, value in enumerate(cells):
        found: list = []
        out.append(clean_cell(value, column, found))
        if found:
            noted[i] = found
    return out, noted


@pytest.mark.parametrize("extra", [None, *NOT_PLAIN])
def test_a_column_is_cleaned_as_cell_by_cell(extra):
    cells = PLAIN + ([] if extra is None else [extra]) + PLAIN
    assert _clean_column(cells, "kr") == _per_cell(cells, "kr")
    plain = extra is None or (isinstance(extra, str) and (not extra or _plain(extra)))
    if isinstance(extra, str) and _JOIN in extra:
        assert plain or not _plain_column(cells)  # a separator in a cell may only cost the per-cell path
    else:
        assert _plain_column(cells) == plain


def test_the_joined_check_never_passes_a_cell_clean_cell_would_change():
    for extra in NOT_PLAIN:
        cells = [extra, "ok"]
        if _plain_column(cells):
            assert [clean_cell(c, "x", issues := []) for c in cells] == cells and not issues


def test_a_missing_cell_reads_as_empty():
    from okrcoach.readers.headers import map_columns
    from okrcoach.readers.rows import records_to_rows

    rows = records_to_rows(["objective", "key_result"], [{"objective": "O", "key_result": "a"}, {"objective": "O"}],
                           map_columns(["objective", "key_result"]), 1)
    assert [(r.objective, r.key_result, [i.code for i in r.issues]) for r in rows] == [("O", "a", []), ("O", "", [])]


def test_rows_note_the_issues_of_their_cells_in_order():
    import pandas as pd

    from okrcoach.readers.headers import map_columns

    frame = pd.DataFrame({"owner": ["Ann", " Bob\x01", ""], "objective": ["Grow", "<b>Ship</b>", ""],
                          "key_result": ["KR one", "KR\ttwo", "KR three"]}, dtype=object)
    rows = frame_to_rows(frame, map_columns(list(frame.columns)), 2)
    assert [(r.objective, r.key_result, r.owner) for r in rows] == [
        ("Grow", "KR one", "Ann"), ("<b>Ship</b>", "KR two", "Bob"), ("<b>Ship</b>", "KR three", "Bob")]
    assert [[(i.code, i.column) for i in r.issues] for r in rows] == [
        [], [("IN003", "objective"), ("IN005", "owner"), ("IN005", "owner")], []]


def test_typed_tail_and_type_cells_note_their_issues_as_before():
    """Expected values as the cell-by-cell reader gave them."""
    import pandas as pd

    from okrcoach.readers.headers import map_columns

    frame = pd.DataFrame({"team": ["T", None, "U"], "owner": [None, 3, "x "], "objective": ["O", "", None],
                          "key_result": ["", "k", "k2"], "id": ["1", " 2", None], "score": ["0.5", "x", ""],
                          "progress": ["", "<i>", "a\nb"], "type": ["committed", "bogus", ""]}, dtype=object)
    rows = frame_to_rows(frame, map_columns(list(frame.columns)), 2)
    assert [(r.objective, r.key_result, r.owner, r.team, r.id, r.score, r.progress, r.okr_type) for r in rows] == [
        ("O", "", "", "T", "1", "0.5", "", "committed"), ("O", "k", "3", "T", "2", "x", "<i>", ""),
        ("O", "k2", "x", "U", "", "", "a b", "")]
    assert [[(i.code, i.column, i.detail) for i in r.issues] for r in rows] == [
        [], [("IN003", "progress", ""), ("IN007", "type", "bogus")], []]
    typed = pd.DataFrame({"type": ["O", "KR", "x", "KR 2"], "text": ["obj", " kr\x02", "t", ""],
                          "owner": ["a", "", "b", "c"]}, dtype=object)
    rows = frame_to_rows(typed, map_columns(list(typed.columns)), 2)
    assert [(r.objective, r.key_result, r.owner, [(i.code, i.column, i.detail) for i in r.issues]) for r in rows] == [
        ("obj", "", "a", []), ("obj", "kr", "a", [("IN005", "text", "")]), ("obj", "t", "b", [("IN006", "type", "x")]),
        ("", "", "c", [("IN001", "text", "")])]
