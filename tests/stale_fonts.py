"""A matplotlib font cache written before the CJK font was installed, as on a new laptop or CI.

``stale_mpl_config(tmp)`` runs matplotlib once in a subprocess with ``MPLCONFIGDIR=tmp`` (so it
writes its font list there), then takes every CJK-capable font out of that list: the state of
a cache built before the font was added. ``run_with_config`` runs a script against it.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from okrcoach.reports.fonts import CJK_FILE_PREFIXES, _font_files, font_dirs, has_glyph

GLYPH_WARNINGS = """
import json, warnings
warnings.simplefilter("always")
_caught = warnings.catch_warnings(record=True)
_records = _caught.__enter__()
def glyph_warnings():
    return [str(w.message) for w in _records if "missing from font" in str(w.message)]
"""


def cjk_font_file() -> Path | None:
    """A CJK font file on this machine (a known one first), or None."""
    files = _font_files(font_dirs())
    for path in sorted(files, key=lambda p: not p.name.lower().startswith(CJK_FILE_PREFIXES)):
        if has_glyph(path):
            return path
    return None


def run_with_config(config_dir: Path, script: str, timeout: int = 300) -> subprocess.CompletedProcess:
    env = {**os.environ, "MPLCONFIGDIR": str(config_dir), "MPLBACKEND": "Agg"}
    env.pop("OKRCOACH_FONT_DIRS", None)
    return subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=timeout)


def stale_mpl_config(config_dir: Path) -> Path:
    """Write matplotlib's font cache into ``config_dir``, then drop every CJK font from it."""
    config_dir.mkdir(parents=True, exist_ok=True)
    done = run_with_config(config_dir, "import matplotlib.font_manager")
    assert done.returncode == 0, done.stderr
    caches = list(config_dir.glob("fontlist-*.json"))
    assert caches, f"matplotlib wrote no font cache into {config_dir}"
    for cache in caches:
        data = json.loads(cache.read_text(encoding="utf-8"))
        data["ttflist"] = [f for f in data["ttflist"] if not has_glyph(f["fname"])]
        cache.write_text(json.dumps(data), encoding="utf-8")
    return config_dir
