"""The controls every panel has, built one way: the interface-language toggle and the file upload.

One place, so the panels cannot drift apart in what files they accept or how the toggle looks.
"""
from __future__ import annotations

from typing import Callable

import ipywidgets as widgets

UI_LANGS = ("zh", "en")
UPLOAD_ACCEPT = ".csv,.tsv,.txt,.xlsx,.xlsm,.md,.json,.jsonl"


def pick_ui_lang(value: str) -> str:
    """The interface language to use for ``value``: "zh" or "en", Chinese when it is neither."""
    return value if value in UI_LANGS else "zh"


def language_toggle(lang: str) -> widgets.ToggleButtons:
    """中文 / English, set to ``lang``."""
    return widgets.ToggleButtons(options=[("中文", "zh"), ("English", "en")], value=lang,
                                 style={"button_width": "80px"})


def file_upload(css_class: str, on_file: Callable[[str, bytes], None]) -> widgets.FileUpload:
    """One file of any format the readers take, tagged with ``css_class`` for the page's tests and styles;
    ``on_file(name, content)`` gets each file uploaded."""
    upload = widgets.FileUpload(accept=UPLOAD_ACCEPT, multiple=False,
                                icon="")  # the default icon needs FontAwesome from a CDN
    upload.add_class(css_class)

    def on_change(change) -> None:
        files = change["new"]
        if files:
            on_file(files[0]["name"], files[0]["content"])

    upload.observe(on_change, names="value")
    return upload
