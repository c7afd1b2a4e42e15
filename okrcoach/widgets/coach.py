"""``CoachPanel``: paste a draft, see findings with the exact words marked, apply rewrites, watch the score.

A thin view over :class:`~okrcoach.widgets.sessions.CoachSession`: every decision is the
session's; this module only turns it into widgets and clicks back into session calls.
"""
from __future__ import annotations

import logging
from html import escape

import ipywidgets as widgets

from ..core.errors import OKRInputError
from .controls import language_toggle, pick_ui_lang
from .debounce import Debouncer
from .render import STYLE, finding_html, line_html, message_html, score_html
from .sessions import EXAMPLES, CoachSession, example_text
from .texts import t
from .tree import html_values
from .tree import walk as _walk  # the name the tests and older callers use

log = logging.getLogger(__name__)


class CoachPanel(widgets.VBox):
    """The workshop coach panel.

    >>> panel = CoachPanel("O1: 提升续费体验\\nKR1: 上线新版会员中心")   # doctest: +SKIP
    >>> panel                                                           # doctest: +SKIP
    """

    def __init__(self, text: str = "", ui_lang: str = "zh", session: CoachSession | None = None,
                 debounce: float = 0.2, intro: bool = True, config=None, judge=None, **kwargs):
        self.session = session or CoachSession(config=config, judge=judge)
        self._lang = pick_ui_lang(ui_lang)
        self._updating = False
        self.debouncer = Debouncer(self._check_from_typing, debounce)

        self.header = widgets.HTML()
        self.ui_lang = language_toggle(self._lang)
        self.message_lang = widgets.ToggleButtons(options=[("auto", "auto"), ("中文", "zh"), ("English", "en")],
                                                  value="auto", style={"button_width": "110px"})
        self.example = widgets.Dropdown(layout=widgets.Layout(width="260px"))
        self.textarea = widgets.Textarea(value=text, continuous_update=True,
                                         layout=widgets.Layout(width="100%", height="160px"))
        self.textarea.add_class("okrc-draft")
        self.check_button = widgets.Button(button_style="primary")
        self.check_button.add_class("okrc-check")
        self.reset_button = widgets.Button()
        self.score = widgets.HTML()
        self.score.add_class("okrc-score-widget")
        self.status = widgets.HTML()
        self.results = widgets.VBox()
        self.results.add_class("okrc-results")
        self._show_intro = intro
        self._ideas: tuple[int, list] | None = None  # the objective whose KR ideas are open, and the ideas

        self.textarea.observe(self._on_typing, names="value")
        self.check_button.on_click(lambda _: self.check_now())
        self.reset_button.on_click(lambda _: self._reset_before())
        self.ui_lang.observe(self._on_ui_lang, names="value")
        self.message_lang.observe(self._on_message_lang, names="value")
        self.example.observe(self._on_example, names="value")

        from .checkin import CheckinPanel  # the second tab: weekly check-ins (ipywidgets load with this panel)

        self.checkin = CheckinPanel(ui_lang=self._lang, intro=True, config=config, judge=judge)
        controls = widgets.HBox([self.ui_lang, self.message_lang], layout=widgets.Layout(flex_flow="row wrap"))
        actions = widgets.HBox([self.check_button, self.reset_button, self.example],
                               layout=widgets.Layout(flex_flow="row wrap"))
        draft = widgets.VBox([self.textarea, actions, self.score, self.status, self.results])
        self.tabs = widgets.Tab(children=[draft, self.checkin])
        self.tabs.add_class("okrc-tabs")
        super().__init__([self.header, controls, self.tabs], **kwargs)
        self.add_class("okrc-coach")
        self._relabel()
        if text.strip():
            self.check_now()
        else:
            self._render()

    # -- language ---------------------------------------------------------------------------
    @property
    def lang(self) -> str:
        return self._lang

    def _relabel(self) -> None:
        """All widget captions in the UI language (values kept)."""
        lang = self._lang
        intro = (f"<h3 style='margin:4px 0'>{t(lang, 'coach_title')}</h3><div class='okrc-meta'>"
                 f"{t(lang, 'coach_intro')}</div>") if self._show_intro else ""
        self.header.value = STYLE + intro
        self.tabs.titles = (t(lang, "tab_draft"), t(lang, "tab_checkin"))
        self.checkin.set_language(lang)
        self.textarea.placeholder = t(lang, "placeholder")
        self.check_button.description = t(lang, "check")
        self.reset_button.description = t(lang, "reset_before")
        self.ui_lang.description = t(lang, "ui_lang")
        current = self.message_lang.value or "auto"
        self._updating = True
        try:
            self.message_lang.options = [(t(lang, "msg_auto"), "auto"), ("中文", "zh"), ("English", "en")]
            self.message_lang.value = current
            self.message_lang.description = t(lang, "msg_lang")
            chosen = self.example.value
            self.example.options = [(t(lang, "example_none"), "")] + [
                (titles[0] if lang == "zh" else titles[1], name) for name, titles in EXAMPLES.items()]
            self.example.value = chosen or ""
        finally:
            self._updating = False

    def set_language(self, lang: str) -> None:
        self.ui_lang.value = lang

    def _on_ui_lang(self, change) -> None:
        self._lang = change["new"]
        self._relabel()
        self._render()

    def _on_message_lang(self, change) -> None:
        if self._updating:
            return
        self.session.message_lang = change["new"] or "auto"
        self._render()

    # -- checking ---------------------------------------------------------------------------
    def _on_typing(self, change) -> None:
        if self._updating or change["new"] == self.session.checked_text:
            return
        self.session.text = change["new"]
        self.debouncer()

    def _check_from_typing(self) -> None:
        self.check_now()

    def check_now(self) -> None:
        """Check the textarea's draft now (what the button does, and what the debounce ends in)."""
        self.debouncer.cancel()
        self.status.value = ""
        try:
            self.session.check(self.textarea.value)
        except OKRInputError as exc:
            self.status.value = message_html(exc.one_line(), "error")
            return
        except Exception as exc:  # a bug, but a workshop participant should see one line, not a dead panel
            log.exception("okrcoach: checking the draft failed")
            self.status.value = message_html(f"{type(exc).__name__}: {exc}", "error")
            return
        if self.session.checked_text != getattr(self, "_ideas_text", None):
            self._ideas = None  # ideas belong to the draft they were asked for
        self._render()

    def _reset_before(self) -> None:
        self.check_now()
        self.session.reset_before()
        self._render()

    def _on_example(self, change) -> None:
        if self._updating or not change["new"]:
            return
        self.load_text(example_text(change["new"]))

    def _write_text(self, text: str) -> None:
        """Put ``text`` in the textarea without the change triggering a debounced re-check."""
        self._updating = True
        try:
            self.textarea.value = text
        finally:
            self._updating = False

    def load_text(self, text: str) -> None:
        """Put ``text`` in the textarea and check it."""
        self._write_text(text)
        self.check_now()

    # -- applying ---------------------------------------------------------------------------
    def apply(self, line_index: int, finding_index: int, replacement: str | None = None) -> None:
        """Apply a rewrite to the draft (the "Apply" buttons call this) and check again."""
        self.debouncer.cancel()
        try:
            new_text = self.session.apply(line_index, finding_index, replacement, text=self.textarea.value)
        except OKRInputError as exc:
            self.status.value = message_html(exc.one_line(), "error")
            return
        self._write_text(new_text)
        self._render()
        self.status.value = message_html(t(self._lang, "applied"))

    def set_type(self, line_index: int, okr_type: str) -> None:
        """Tag objective ``line_index`` committed/aspirational/learning ("" removes the tag) and check again."""
        from ..readers.okr_type import retag_draft

        line = self.session.lines[line_index]
        self.load_text(retag_draft(self.textarea.value, line.line, line.column, okr_type, self._lang))

    # -- KR ideas ---------------------------------------------------------------------------
    def show_ideas(self, line_index: int) -> None:
        """Show KR ideas for the objective at ``line_index`` (what its "KR ideas" button does)."""
        try:
            ideas = self.session.kr_ideas(line_index)
        except OKRInputError as exc:
            self.status.value = message_html(exc.one_line(), "error")
            return
        self._ideas, self._ideas_text = (line_index, ideas), self.session.checked_text
        self._render()

    def add_kr(self, line_index: int, kr_text: str) -> None:
        """Insert an idea (as edited) under the objective and check again (the "Add" buttons call this)."""
        self.debouncer.cancel()
        try:
            new_text = self.session.add_kr(line_index, kr_text, text=self.textarea.value)
        except OKRInputError as exc:
            self.status.value = message_html(exc.one_line(), "error")
            return
        self._ideas = None
        self._write_text(new_text)
        self._render()
        self.status.value = message_html(t(self._lang, "kr_added"))

    def _ideas_widget(self, i: int) -> widgets.Widget:
        lang = self._lang
        ideas = self._ideas[1] if self._ideas and self._ideas[0] == i else None
        button = widgets.Button(description=t(lang, "kr_ideas"), tooltip=t(lang, "kr_ideas_tip"),
                                icon="lightbulb-o", layout=widgets.Layout(width="auto"))
        button.add_class("okrc-ideas")
        button.on_click(lambda _, i=i: self.show_ideas(i))
        if ideas is None:
            return widgets.HBox([button], layout=widgets.Layout(margin="0 0 0 18px"))
        if not ideas:
            note = widgets.HTML(message_html(t(lang, "no_ideas")))
            return widgets.VBox([button, note], layout=widgets.Layout(margin="0 0 0 18px"))
        rows = [widgets.HTML(f'<div class="okrc-meta">{escape(t(lang, "kr_ideas_title"))}</div>')]
        for k, idea in enumerate(ideas):
            text = widgets.Text(value=idea.text, layout=widgets.Layout(width="70%"),
                                tooltip=idea.metric.definition(idea.lang))
            text.add_class("okrc-idea")
            add = widgets.Button(description=t(lang, "add_kr"), tooltip=t(lang, "add_kr_tip"),
                                 layout=widgets.Layout(width="auto"))
            add.add_class("okrc-add-kr")
            add.add_class(f"okrc-add-kr-{k}")
            add.on_click(lambda _, i=i, w=text: self.add_kr(i, w.value))
            rows.append(widgets.HBox([text, add]))
        box = widgets.VBox(rows)
        box.add_class("okrc-ideas-box")
        return widgets.VBox([button, box], layout=widgets.Layout(margin="0 0 0 18px"))

    # -- drawing ----------------------------------------------------------------------------
    def _render(self) -> None:
        lang, session = self._lang, self.session
        self.score.value = score_html(session.before, session.after, lang)
        if session.checked_text is None:
            self.results.children = []
            return
        if not session.lines:
            self.results.children = [widgets.HTML(message_html(t(lang, "empty")))]
            return
        children = []
        for i, line in enumerate(session.lines):
            card = widgets.HTML(line_html(line, lang))
            card.add_class("okrc-line-widget")
            items = [card]
            if line.kind == "objective":  # 承诺型 / 挑战型 / 学习型: written into the draft as a tag
                from .okr_type_picker import type_selector

                items.append(type_selector(line, lang, lambda okr_type, i=i: self.set_type(i, okr_type)))
            for j, finding in enumerate(line.findings):
                items.append(self._finding_widget(i, j, line, finding))
            if line.kind == "objective":
                items.append(self._ideas_widget(i))
            children.append(widgets.VBox(items))
        self.results.children = children

    def _finding_widget(self, i: int, j: int, line, finding) -> widgets.Widget:
        lang = self._lang
        text = widgets.HTML(finding_html(finding, self.session.message_language(line), lang))
        text.add_class("okrc-finding-widget")
        if not finding.suggestion or finding.suggestion.strip() == line.text:
            return text
        rewrite = widgets.Text(value=finding.suggestion, layout=widgets.Layout(width="70%"),
                               description=t(lang, "rewrite"), style={"description_width": "initial"})
        rewrite.add_class("okrc-rewrite")
        button = widgets.Button(description=t(lang, "apply"), tooltip=t(lang, "apply_tip"),
                                layout=widgets.Layout(width="auto"))
        button.add_class("okrc-apply")
        button.add_class(f"okrc-apply-{finding.code}")
        button.on_click(lambda _, i=i, j=j, w=rewrite: self.apply(i, j, w.value))
        rows = [widgets.HBox([rewrite, button], layout=widgets.Layout(margin="0 0 0 18px"))]
        candidates = finding.candidates
        if len(candidates) > 1:  # other metrics that fit: picking one puts it in the rewrite box, to edit and apply
            pick = widgets.Dropdown(options=[(c, c) for c in candidates], value=candidates[0],
                                    description=t(lang, "candidates"), style={"description_width": "initial"},
                                    layout=widgets.Layout(width="70%", margin="0 0 0 18px"))
            pick.add_class("okrc-candidates")
            pick.add_class(f"okrc-candidates-{finding.code}")

            def choose(change, w=rewrite):
                if change["new"]:
                    w.value = change["new"]

            pick.observe(choose, names="value")
            rows.insert(0, pick)
        return widgets.VBox([text, *rows])

    def html_values(self) -> list[str]:
        """Every HTML string this panel shows (tests assert nothing unescaped gets in)."""
        return html_values(self)
