"""Every file of the bad-input corpus: a clear one-line error or a per-row finding; no traceback; no row lost."""
from __future__ import annotations

import csv

import pytest

from bad_inputs import CASES, write_corpus
from okrcoach.cli import main


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return dict((p.name, (p, e)) for p, e in write_corpus(tmp_path_factory.mktemp("bad")))


def test_corpus_is_large_enough():
    assert len(CASES) >= 30


@pytest.mark.parametrize("name", [c[0] for c in CASES])
def test_bad_input(corpus, runner, tmp_path, name):
    path, (kind, expected) = corpus[name]
    out = tmp_path / "out.csv"
    result = runner.invoke(main, ["audit", str(path), "--no-model", "-o", str(out)])
    assert "Traceback" not in result.output
    if kind == "error":
        assert result.exit_code == 2, result.output
        lines = [l for l in result.output.splitlines() if l.strip()]
        assert len(lines) == 1 and name in lines[0] and expected in lines[0], lines
    else:
        assert result.exit_code == 0, result.output
        with open(out, encoding="utf-8-sig", newline="") as fh:
            rows = list(csv.reader(fh))
        assert len(rows) - 1 == expected


def test_injection_payloads_are_defused_in_csv_output(corpus, runner, tmp_path):
    path, _ = corpus["csv-injection.csv"]
    out = tmp_path / "out.csv"
    runner.invoke(main, ["audit", str(path), "--no-model", "-o", str(out)])
    with open(out, encoding="utf-8-sig", newline="") as fh:
        cells = [c for row in csv.reader(fh) for c in row]
    assert not [c for c in cells if c[:1] in ("=", "+", "@") or (c[:1] == "-" and not c[1:2].isdigit())]


@pytest.mark.parametrize("stream", [False, True], ids=["whole", "streamed"])
def test_unclosed_quote_is_reported_with_its_row(corpus, tmp_path, stream):
    from okrcoach.auditing import audit_to_file
    from okrcoach.classifier.judge import LexiconJudge

    path, _ = corpus["unclosed-quote.csv"]
    _, n, table, _ = audit_to_file(path, tmp_path / "out.csv", judge=LexiconJudge(), stream_min_bytes=0 if stream else None)
    assert n == 1
    assert any(note.startswith("row 2:") and "line 2 to line 5" in note and "not closed" in note for note in table.notes), \
        table.notes


def test_unclosed_quote_note_is_printed(corpus, runner):
    path, _ = corpus["unclosed-quote.csv"]
    result = runner.invoke(main, ["audit", str(path), "--no-model"])
    assert "note: row 2: a quoted cell runs from line 2 to line 5" in result.output


def test_a_legitimate_multiline_cell_is_noted_without_alarm(corpus, runner):
    path, _ = corpus["quoted-newlines.csv"]
    result = runner.invoke(main, ["audit", str(path), "--no-model"])
    assert "note: row 2: a quoted cell spans lines 2–3 (kept as one cell)" in result.output
    assert "not closed" not in result.output
