"""Shared fixtures: files the tests create, a CLI runner, the bundled sample data."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

DATA = Path(__file__).resolve().parents[1] / "okrcoach" / "data"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def data_dir() -> Path:
    return DATA


@pytest.fixture
def no_model_env(monkeypatch):
    """Tests of the rule plumbing judge with lexicon rules, independent of the shipped model."""
    monkeypatch.setenv("OKRCOACH_MODEL", "")
    return None


def write_text(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path
