"""``LabelingStudio``: label the KRs the model is least sure about, then retrain and compare.

A thin view over :class:`~okrcoach.classifier.labeling.LabelQueue` (which writes every label to disk
the moment it is given). Keys work through a small text box: click it, then press
1 (outcome), 2 (to-do), 0 (skip) or u (undo) — plain ipywidgets, no extra front-end code.
"""
from __future__ import annotations

from html import escape
from pathlib import Path

import ipywidgets as widgets

from ..classifier.labeling import LabelQueue
from ..core.errors import OKRInputError
from .controls import file_upload, language_toggle, pick_ui_lang
from .render import STYLE, label_badge, message_html, table_html
from .sessions import uploaded_file
from .texts import t
from .tree import html_values

KEYS = {"1": "outcome", "2": "todo", "0": "skip", "u": "undo", "U": "undo"}


class LabelingStudio(widgets.VBox):
    """``LabelingStudio("my-okrs.csv", labels_path="my-labels.csv")``, or upload a file in the widget."""

    def __init__(self, source=None, labels_path: str | Path = "my-labels.csv", model_dir: str | Path = "my-model",
                 ui_lang: str = "zh", judge=None, config=None, **kwargs):
        self.labels_path = Path(labels_path)
        self.judge, self.config = judge, config
        self.queue: LabelQueue | None = None
        self.report = None  # the last TrainReport
        self._lang = pick_ui_lang(ui_lang)

        self.header = widgets.HTML()
        self.ui_lang = language_toggle(self._lang)
        self.upload = file_upload("okrc-label-upload", lambda name, content: self.load_upload(name, content))
        self.status = widgets.HTML()
        self.status.add_class("okrc-status")
        self.progress = widgets.HTML()
        self.progress.add_class("okrc-label-progress")
        self.card = widgets.HTML()
        self.card.add_class("okrc-label-card")
        self.buttons = {name: widgets.Button(layout=widgets.Layout(width="auto"))
                        for name in ("outcome", "todo", "skip", "undo")}
        for name, button in self.buttons.items():
            button.add_class(f"okrc-label-{name}")
        self.buttons["outcome"].button_style = "success"
        self.buttons["todo"].button_style = "warning"
        self.key_box = widgets.Text(layout=widgets.Layout(width="260px"), continuous_update=True,
                                 style={"description_width": "initial"})
        self.key_box.add_class("okrc-label-keys")
        self.model_dir = widgets.Text(value=str(model_dir), layout=widgets.Layout(width="360px"),
                                      style={"description_width": "initial"})
        self.retrain_button = widgets.Button(layout=widgets.Layout(width="auto"), button_style="primary")
        self.retrain_button.add_class("okrc-retrain")
        self.retrain_html = widgets.HTML()
        self.retrain_html.add_class("okrc-retrain-result")

        self.ui_lang.observe(self._on_ui_lang, names="value")
        self.key_box.observe(self._on_key, names="value")
        for name, button in self.buttons.items():
            button.on_click(lambda _, name=name: self.act(name))
        self.retrain_button.on_click(lambda _: self.retrain())

        super().__init__([
            self.header, widgets.HBox([self.ui_lang, self.upload]), self.status, self.progress, self.card,
            widgets.HBox(list(self.buttons.values()) + [self.key_box], layout=widgets.Layout(flex_flow="row wrap")),
            widgets.HBox([self.model_dir, self.retrain_button]), self.retrain_html,
        ], **kwargs)
        self.add_class("okrc-labeling")
        self._relabel()
        if source is not None:
            self.load(source)
        else:
            self._render()

    # -- loading ----------------------------------------------------------------------------
    def load(self, source, name: str | None = None) -> None:
        """Queue the KRs of a path, DataFrame or draft; an input error shows as one line."""
        try:
            self.queue = LabelQueue(source, self.labels_path, judge=self.judge, config=self.config, name=name)
        except OKRInputError as exc:
            self.status.value = message_html(exc.one_line(), "error")
            return
        self.status.value = ""
        self._render()

    def load_upload(self, filename: str, content: bytes) -> None:
        with uploaded_file(filename, content, "okrcoach-label-") as (path, name):
            self.load(path, name=name)
            self.status.value = self.status.value.replace(str(path), name)

    # -- labeling ---------------------------------------------------------------------------
    def act(self, action: str) -> None:
        """``outcome`` / ``todo`` (label and save), ``skip``, or ``undo``."""
        if self.queue is None:
            self.status.value = message_html(t(self._lang, "label_no_source"), "error")
            return
        try:
            if action == "undo":
                step = self.queue.undo()
                self.status.value = message_html(t(self._lang, "label_undone", text=step.candidate.text)) if step else ""
            elif action == "skip":
                if self.queue.current is not None:
                    self.queue.skip()
                self.status.value = ""
            elif self.queue.current is not None:
                self.queue.label(action)
                self.status.value = message_html(t(self._lang, "label_saved", path=str(self.labels_path)))
        except OKRInputError as exc:
            self.status.value = message_html(exc.one_line(), "error")
        self._render()

    def _on_key(self, change) -> None:
        value = change["new"]
        if not value:
            return
        action = KEYS.get(value[-1])
        self.key_box.value = ""  # ready for the next key
        if action:
            self.act(action)

    def retrain(self) -> None:
        """Train on the labels so far and show the current vs new model on held-out labels."""
        if self.queue is None:
            self.status.value = message_html(t(self._lang, "label_no_source"), "error")
            return
        self.retrain_html.value = message_html(t(self._lang, "training"))
        try:
            self.report = self.queue.retrain(self.model_dir.value)
        except (OKRInputError, ValueError) as exc:
            one_line = exc.one_line() if isinstance(exc, OKRInputError) else str(exc)
            self.retrain_html.value = message_html(one_line, "error")
            return
        self._render_report()

    # -- drawing ----------------------------------------------------------------------------
    def _relabel(self) -> None:
        lang = self._lang
        self.header.value = (STYLE + f"<h3 style='margin:4px 0'>{escape(t(lang, 'label_title'))}</h3>"
                             f"<div class='okrc-meta'>{escape(t(lang, 'label_intro'))}</div>")
        self.upload.description = t(lang, "label_upload")
        for name, button in self.buttons.items():
            button.description = t(lang, f"label_{name}")
        self.key_box.description = t(lang, "keys")
        self.key_box.placeholder = t(lang, "keys_placeholder")
        self.model_dir.description = t(lang, "model_dir")
        self.retrain_button.description = t(lang, "retrain")

    def _on_ui_lang(self, change) -> None:
        self._lang = change["new"]
        self._relabel()
        self._render()
        if self.report is not None:
            self._render_report()

    def _render(self) -> None:
        lang, q = self._lang, self.queue
        if q is None:
            self.progress.value, self.card.value = "", message_html(t(lang, "label_no_source"))
            return
        counts = q.counts()
        self.progress.value = (f"<div class='okrc-meta'>{escape(t(lang, 'label_progress', done=sum(counts.values()), left=q.remaining, **counts))}</div>")
        c = q.current
        if c is None:
            self.card.value = message_html(t(lang, "label_done"))
            return
        badge = label_badge("kr", c.model_label, c.confidence, False, lang)
        self.card.value = (f"<div class='okrc-card'><div class='okrc-line' style='font-size:1.15em'>{escape(c.text)}</div>"
                           f"<div class='okrc-meta'>{escape(t(lang, 'model_guess'))}: {badge} "
                           f"{escape(t(lang, 'label_source', name=q.source_name, row=c.row))}</div></div>")

    def _render_report(self) -> None:
        lang, r = self._lang, self.report
        before, after, cv = r.before.get("kr", {}), r.after.get("kr", {}), r.cv.get("kr", {})
        if not after:
            self.retrain_html.value = message_html(t(lang, "trained_no_holdout", path=str(r.directory), seconds=r.seconds))
            return
        rows = []
        for key in ("zh", "en", "both"):
            if key in after:
                rows.append({"lang": key, "before": _f1(before.get(key)), "after": _f1(after.get(key)),
                             "cv": _f1(cv.get(key))})
        import pandas as pd

        table = table_html(pd.DataFrame(rows), ["lang", "before", "after", "cv"],
                           [t(lang, "col_lang"), t(lang, "col_before"), t(lang, "col_after"), t(lang, "col_cv")])
        n = r.rows.get("kr", {}).get("user_test", 0)
        self.retrain_html.value = message_html(t(lang, "trained", path=str(r.directory), seconds=r.seconds, n=n)) + table

    def html_values(self) -> list[str]:
        """Every HTML string this studio shows (tests assert nothing unescaped gets in)."""
        return html_values(self)


def _f1(m: dict | None) -> str:
    return f"{m['macro_f1']:.3f} (n={m['n']})" if m else "—"
