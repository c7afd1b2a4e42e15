"""Every shipped notebook runs top to bottom headless, and ``okrcoach workshop`` serves the app notebook.

Notebooks run with nbclient on a temp copy (the originals keep no outputs). The workshop
command is started as ``python -m okrcoach.widgets.workshop`` on a free 127.0.0.1 port and stopped
by ending its process group (see ``browser_support.Server``).
"""
from __future__ import annotations

import shutil
import sys
import urllib.request
from pathlib import Path

import nbformat
import pytest

from browser_support import workshop_server

REPO = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((REPO / "notebooks").glob("*.ipynb")) + [REPO / "okrcoach" / "data" / "workshop_app.ipynb"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_is_stored_clean(path):
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    assert nb.nbformat == 4 and nb.metadata.kernelspec.name == "python3"
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, f"stored output in {path.name}"


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_runs_top_to_bottom(path, tmp_path):
    from nbclient import NotebookClient

    copy = tmp_path / path.name
    shutil.copy(path, copy)
    nb = nbformat.read(copy, as_version=4)
    NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}).execute()
    errors = [out for cell in nb.cells if cell.cell_type == "code" for out in cell.outputs
              if out.output_type == "error" or (out.output_type == "stream" and out.name == "stderr"
                                                and "Traceback" in out.text)]
    assert not errors, "\n".join(f"{e.get('ename')}: {e.get('evalue')}" if "ename" in e else e.text for e in errors)
    widgets = [out for cell in nb.cells if cell.cell_type == "code" for out in cell.outputs
               if "application/vnd.jupyter.widget-view+json" in out.get("data", {})]
    assert widgets, f"{path.name} shows no widget"


def test_workshop_without_voila_is_one_line(monkeypatch):
    import importlib.util

    from click.testing import CliRunner

    from okrcoach.widgets.workshop import workshop_command

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "voila" else real(name, *a))
    result = CliRunner().invoke(workshop_command, ["--no-browser"])
    assert result.exit_code == 2
    assert result.output.strip().count("\n") == 0 and "Voilà" in result.output and "pip install" in result.output


def test_workshop_rejects_a_missing_notebook(tmp_path):
    from click.testing import CliRunner

    from okrcoach.widgets.workshop import workshop_command

    result = CliRunner().invoke(workshop_command, ["--no-browser", "--notebook", str(tmp_path / "nope.ipynb")])
    assert result.exit_code == 2 and "no such notebook" in result.output


def test_workshop_command_binds_localhost_only():
    from okrcoach.widgets.workshop import WORKSHOP_NOTEBOOK, voila_command

    cmd = voila_command(WORKSHOP_NOTEBOOK, 8899)
    assert cmd[:3] == [sys.executable, "-m", "voila"]
    assert "--Voila.ip=127.0.0.1" in cmd and "--port=8899" in cmd and "--no-browser" in cmd
    assert "--Voila.port_retries=0" in cmd  # the printed URL is the real one


@pytest.mark.slow
def test_workshop_command_serves_the_coach_panel_app(tmp_path):
    pytest.importorskip("voila")
    with workshop_server(tmp_path) as server:
        with urllib.request.urlopen(server.url, timeout=120) as response:  # Voilà runs the notebook for the page
            page = response.read().decode("utf-8")
        assert response.status == 200 and "把你的 OKR 草稿粘贴到下面的输入框" in page  # the intro, rendered
    assert f"Workshop app: {server.url}" in server.log()


@pytest.mark.slow
def test_audit_notebook_draws_chinese_with_a_stale_font_cache(tmp_path, monkeypatch):
    """Notebook 02 on a machine whose CJK font came after matplotlib's font cache: no empty boxes."""
    from nbclient import NotebookClient

    from stale_fonts import cjk_font_file, stale_mpl_config

    if cjk_font_file() is None:
        pytest.skip("no CJK font file on this machine (apt-get install fonts-wqy-microhei)")
    monkeypatch.setenv("MPLCONFIGDIR", str(stale_mpl_config(tmp_path / "mpl")))  # the kernel inherits it
    monkeypatch.delenv("OKRCOACH_FONT_DIRS", raising=False)
    copy = tmp_path / "02-department-audit.ipynb"
    shutil.copy(REPO / "notebooks" / copy.name, copy)
    nb = nbformat.read(copy, as_version=4)
    NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}).execute()
    outputs = [out for cell in nb.cells if cell.cell_type == "code" for out in cell.outputs]
    stderr = "".join(out.text for out in outputs if out.output_type == "stream" and out.name == "stderr")
    assert "missing from font" not in stderr and "no Chinese (CJK) font" not in stderr
    assert sum("image/png" in out.get("data", {}) for out in outputs) >= 4  # the charts cell drew its four
