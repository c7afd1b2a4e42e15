"""Configuration like ruff's: ``[tool.okrcoach]`` in pyproject.toml or an ``okrcoach.toml``.

    [tool.okrcoach]
    select = ["ALL"]            # codes, prefixes (KR1) or names (kr-is-todo)
    ignore = ["KR104"]
    fail-on = "warning"
    min-objectives = 3
    max-objectives = 5
    min-krs = 2
    max-krs = 4
    [tool.okrcoach.vocabulary]  # an organisation's own words, added to the lexicons
    task = ["对齐", "drive"]
    metric = ["ACV", "回款率"]
    [tool.okrcoach.metrics]     # an organisation's own metrics, added to the bundled catalogue
    path = "our-metrics.tsv"    # same columns as okrcoach/data/metrics.tsv; relative to this file
    bundled = true              # false: use only your file
"""
from __future__ import annotations

import sys
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from ..core.errors import OKRInputError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


@dataclass
class Config:
    select: list[str] = field(default_factory=list)  # empty: the default rule set
    ignore: list[str] = field(default_factory=list)
    fail_on: str = "warning"
    min_objectives: int = 3
    max_objectives: int = 5
    min_krs: int = 2
    max_krs: int = 4
    duplicate_similarity: float = 0.8
    copy_similarity: float = 0.8
    max_objective_chars_zh: int = 40
    max_objective_words_en: int = 20
    sandbagging_score: float = 0.95  # an owner whose mean KR score reaches this …
    sandbagging_cycles: int = 2  # … in at least this many cycles (SCORE504)
    repeat_similarity: float = 0.7  # an objective this close to one of the owner's earlier cycles (SCORE505)
    stale_weeks: int = 2  # a KR with no update for this many weeks (CHECKIN605)
    flat_weeks: int = 4  # a KR whose last this-many weekly scores are equal (CHECKIN606)
    review_due_weeks: int = 7  # updates spanning this many weeks need a mid-cycle review (CHECKIN607)
    unsure_low: float = 0.35
    unsure_high: float = 0.65
    vocabulary: dict[str, list[str]] = field(default_factory=dict)
    metrics: dict[str, Any] = field(default_factory=dict)  # {"path": ..., "bundled": bool}
    model: str | None = None
    source: str = ""

    def with_overrides(self, **kwargs: Any) -> "Config":
        return replace(self, **{k: v for k, v in kwargs.items() if v is not None})

    def selected_rules(self):
        from .registry import all_rules

        rules = all_rules()
        chosen = [r for r in rules if (any(r.matches(s) for s in self.select) if self.select else r.default)]
        return [r for r in chosen if not any(r.matches(s) for s in self.ignore)]

    def lexicon(self):
        from ..analysis.lexicon import default_lexicon

        return default_lexicon().extended(self.vocabulary) if self.vocabulary else default_lexicon()

    def metric_catalogue(self):
        """The metric catalogue the rewrites and KR ideas draw from (the bundled one plus the user's file).

        Remembered on the config with the settings it was made from (asked once per to-do KR: the import
        and the look-ups are done once per config, not once per line)."""
        cached = self.__dict__.get("_catalogue")
        if not self.metrics:
            if cached is None or cached[0] is not None:
                from ..analysis.metrics import bundled_catalogue

                cached = self.__dict__["_catalogue"] = (None, bundled_catalogue())
            return cached[1]
        key = (str(self.metrics.get("path")), bool(self.metrics.get("bundled", True)), self.source)
        if cached is None or cached[0] != key:  # read the user's file once per config, not once per line
            from ..analysis.metrics import load_catalogue

            path = self.metrics.get("path")
            if path and self.source and not Path(path).is_absolute():
                path = Path(self.source).parent / path
            cached = (key, load_catalogue(path, key[1]))
            self.__dict__["_catalogue"] = cached
        return cached[1]


_KEYS = {f.name.replace("_", "-"): f.name for f in fields(Config)}


def config_from_mapping(data: dict[str, Any], source: str = "") -> Config:
    values: dict[str, Any] = {}
    for key, value in data.items():
        name = _KEYS.get(key) or _KEYS.get(key.replace("_", "-"))
        if name is None or name == "source":
            raise OKRInputError(f"unknown setting {key!r} in [tool.okrcoach]; known: {', '.join(sorted(_KEYS))}",
                                path=source)
        values[name] = value
    for key in ("select", "ignore"):
        if isinstance(values.get(key), str):
            values[key] = [values[key]]
    metrics = values.get("metrics")
    if metrics is not None:
        if not isinstance(metrics, dict) or set(metrics) - {"path", "bundled"}:
            raise OKRInputError("[tool.okrcoach.metrics] takes path = \"file.tsv\" and bundled = true/false",
                                path=source)
        if "path" in metrics and not isinstance(metrics["path"], str):
            raise OKRInputError("[tool.okrcoach.metrics] path must be a string", path=source)
    return Config(**values, source=source)


def find_config(start: str | Path | None = None) -> Path | None:
    """The nearest ``okrcoach.toml`` or ``pyproject.toml`` with a ``[tool.okrcoach]`` table, walking up."""
    here = Path(start or Path.cwd()).resolve()
    for folder in [here, *here.parents]:
        candidate = folder / "okrcoach.toml"
        if candidate.is_file():
            return candidate
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file():
            try:
                if "okrcoach" in tomllib.loads(pyproject.read_text(encoding="utf-8")).get("tool", {}):
                    return pyproject
            except (tomllib.TOMLDecodeError, UnicodeDecodeError):
                continue
    return None


def load_config(path: str | Path | None = None, *, discover: bool = True) -> Config:
    """Read settings from ``path``, or from the nearest config file, or the defaults."""
    if path is None and discover:
        path = find_config()
    if path is None:
        return Config()
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise OKRInputError("no such config file", path=str(path)) from None
    except tomllib.TOMLDecodeError as exc:
        raise OKRInputError(f"is not valid TOML ({exc})", path=str(path)) from None
    table = data.get("tool", {}).get("okrcoach", {}) if path.name == "pyproject.toml" else data.get("tool", {}).get("okrcoach", data)
    return config_from_mapping(table, str(path))
