"""The coach panel's type selector: one dropdown per objective (承诺型 / 挑战型 / 学习型 / none).

Choosing a type writes the tag into the draft (``O1 [承诺型]: …``) with
:func:`okrcoach.readers.okr_type.retag_draft`, so the draft stays the single source of truth and a
copied draft keeps its types. An inferred type is shown as the hint it is, not preselected.
"""
from __future__ import annotations

from typing import Callable

import ipywidgets as widgets

from ..readers.okr_type import OKR_TYPES

_LABELS = {
    "zh": {"": "未标注(按挑战型)", "committed": "承诺型", "aspirational": "挑战型", "learning": "学习型",
           "caption": "OKR 类型", "hint": "看起来像{name}"},
    "en": {"": "no type (aspirational)", "committed": "committed", "aspirational": "aspirational",
           "learning": "learning", "caption": "OKR type", "hint": "looks {name}"},
}


def type_selector(line, ui_lang: str, on_change: Callable[[str], None]) -> widgets.Dropdown:
    """A dropdown for one objective line; ``on_change(okr_type)`` is called with the chosen type ("" for none)."""
    labels = _LABELS["zh" if ui_lang == "zh" else "en"]
    given = line.okr_type if line.okr_type_source == "given" else ""
    options = [(labels[""], "")] + [(labels[t], t) for t in OKR_TYPES]
    if line.okr_type_source == "inferred" and line.okr_type:  # the hint, in the empty option's caption
        options[0] = (f"{labels['']} · {labels['hint'].format(name=labels[line.okr_type])}", "")
    dropdown = widgets.Dropdown(options=options, value=given, description=labels["caption"],
                                style={"description_width": "initial"}, layout=widgets.Layout(width="auto"))
    dropdown.add_class("okrc-type-select")
    dropdown.observe(lambda change: on_change(change["new"] or ""), names="value")
    return dropdown
