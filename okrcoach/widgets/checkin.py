"""``CheckinPanel``: paste or upload weekly updates; see each KR's traffic light, whether its
progress note is key progress or an activity list, and what a coach would flag.

A thin view over :func:`okrcoach.auditing.checkins.check_weekly_text` / :func:`~okrcoach.auditing.checkins.check_updates`;
it also sits in the coach panel's second tab.
"""
from __future__ import annotations

from html import escape

import ipywidgets as widgets

from ..auditing.checkins import CheckinResult, check_updates, check_weekly_text
from ..core.errors import OKRInputError
from .controls import file_upload, pick_ui_lang
from .render import STYLE, finding_html, mark_spans, message_html
from .sessions import DATA_DIR, uploaded_file
from .texts import t
from .tree import html_values

LIGHT_COLOURS = {"red": "#d9534f", "yellow": "#f0ad4e", "green": "#5cb85c"}
EXAMPLE = "weekly_update_zh.md"


_RHYTHM = {
    "zh": ("节奏", "KR", "负责人", "最近更新", "未更新(周)", "得分不动(周)", "{weeks} 周 · 未更新 {stale} 条 · 得分不动 {flat} 条 · "
           "缺少中期复盘 {review} 人"),
    "en": ("Rhythm", "KR", "owner", "last update", "weeks without update", "weeks flat",
           "{weeks} weeks · not updated {stale} · score flat {flat} · no mid-cycle review {review}"),
}


def rhythm_html(result: CheckinResult, lang: str) -> str:
    """The rhythm over the weeks (tables with a week column): KRs not updated or flat, worst first."""
    if result.rhythm is None or not result.rhythm.has_weeks:
        return ""
    title, kr_h, owner_h, last_h, stale_h, flat_h, line = _RHYTHM["zh" if lang == "zh" else "en"]
    s = result.summary()
    weeks = len({w for k in result.rhythm.krs for w in k.labels})
    table = result.rhythm_table().sort_values(["weeks_since_update", "flat_weeks"], ascending=False, kind="stable")
    rows = "".join(
        f"<tr><td>{escape(str(r.key_result))}</td><td>{escape(str(r.owner))}</td><td>{escape(str(r.last_update or '–'))}"
        f"</td><td>{int(r.weeks_since_update)}</td><td>{int(r.flat_weeks)}</td></tr>" for r in table.itertuples())
    return (f"<div class='okrc-rhythm'><b>{escape(title)}</b>: "
            f"{escape(line.format(weeks=weeks, stale=s['stale_krs'], flat=s['flat_krs'], review=s['no_review']))}"
            f"<table class='okrc-rhythm-table'><tr><th>{escape(kr_h)}</th><th>{escape(owner_h)}</th><th>{escape(last_h)}"
            f"</th><th>{escape(stale_h)}</th><th>{escape(flat_h)}</th></tr>{rows}</table></div>")


class CheckinPanel(widgets.VBox):
    """``CheckinPanel()`` to paste an update, ``CheckinPanel("updates.xlsx")`` to load a file."""

    def __init__(self, source=None, ui_lang: str = "zh", intro: bool = True, config=None, judge=None, **kwargs):
        self.config, self.judge = config, judge
        self.result: CheckinResult | None = None
        self._lang = pick_ui_lang(ui_lang)
        self._show_intro = intro

        self.header = widgets.HTML()
        self.textarea = widgets.Textarea(layout=widgets.Layout(width="100%", height="160px"))
        self.textarea.add_class("okrc-checkin-text")
        self.check_button = widgets.Button(button_style="primary")
        self.check_button.add_class("okrc-checkin-check")
        self.example_button = widgets.Button()
        self.upload = file_upload("okrc-checkin-upload", lambda name, content: self.load_upload(name, content))
        self.status = widgets.HTML()
        self.status.add_class("okrc-status")
        self.summary_html = widgets.HTML()
        self.summary_html.add_class("okrc-checkin-summary")
        self.results = widgets.HTML()
        self.results.add_class("okrc-checkin-results")

        self.check_button.on_click(lambda _: self.check_text())
        self.example_button.on_click(lambda _: self.load_example())
        super().__init__([self.header, self.textarea,
                          widgets.HBox([self.check_button, self.example_button, self.upload],
                                       layout=widgets.Layout(flex_flow="row wrap")),
                          self.status, self.summary_html, self.results], **kwargs)
        self.add_class("okrc-checkin")
        self._relabel()
        if source is not None:
            self.load(source)
        else:
            self._render()

    # -- input ------------------------------------------------------------------------------
    def check_text(self, text: str | None = None) -> None:
        """Check the pasted Markdown update (the template's format)."""
        if text is not None:
            self.textarea.value = text
        if not self.textarea.value.strip():
            self.result = None
            self.status.value = ""
            self._render()
            return
        self._run(lambda: check_weekly_text(self.textarea.value, self.config, self.judge, source="<pasted>"))

    def load(self, source, name: str | None = None) -> None:
        """Check a file (CSV/XLSX/MD, Feishu/Lark progress records as JSON) or a DataFrame of updates."""
        self._run(lambda: check_updates(source, self.config, self.judge), name)

    def load_example(self) -> None:
        self.check_text((DATA_DIR / EXAMPLE).read_text(encoding="utf-8"))

    def load_upload(self, filename: str, content: bytes) -> None:
        with uploaded_file(filename, content, "okrcoach-checkin-") as (path, name):
            self.load(path, name)
            self.status.value = self.status.value.replace(str(path), name)

    def _run(self, fn, name: str | None = None) -> None:
        try:
            self.result = fn()
        except OKRInputError as exc:
            self.status.value = message_html(exc.one_line(), "error")
            return
        if name:
            self.result.source = name
        self.status.value = ""
        self._render()

    # -- drawing ----------------------------------------------------------------------------
    def set_language(self, lang: str) -> None:
        self._lang = pick_ui_lang(lang)
        self._relabel()
        self._render()

    def _relabel(self) -> None:
        lang = self._lang
        intro = (f"<h3 style='margin:4px 0'>{escape(t(lang, 'checkin_title'))}</h3>"
                 f"<div class='okrc-meta'>{escape(t(lang, 'checkin_intro'))}</div>") if self._show_intro else ""
        self.header.value = STYLE + intro
        self.textarea.placeholder = t(lang, "checkin_placeholder")
        self.check_button.description = t(lang, "check")
        self.example_button.description = t(lang, "checkin_example")
        self.upload.description = t(lang, "checkin_upload")

    def _render(self) -> None:
        lang, r = self._lang, self.result
        if r is None:
            self.summary_html.value, self.results.value = "", message_html(t(lang, "checkin_empty"))
            return
        self.summary_html.value = (f"<div class='okrc-score'>{escape(t(lang, 'checkin_summary', **r.summary()))}</div>"
                                   + rhythm_html(r, lang))
        frame = r.frame
        kr_col, progress_col = r.column("key_result"), r.column("progress")
        cards = []
        for rec, found, message_lang in zip(frame.to_dict("records"), r.findings, r.langs):
            kr = str(rec.get(kr_col, "")) if kr_col else ""
            note = str(rec.get(progress_col, "")) if progress_col else ""
            light = rec["light"]
            score = rec["score_value"]
            badge_light = ""
            if light:
                badge_light = (f'<span class="okrc-badge okrc-light-{light}" style="background:{LIGHT_COLOURS[light]};'
                               f'color:#fff">{escape(t(lang, "light_" + light))} {score:g}</span>')
            label = rec["progress_label"] or "no_note"
            unsure = rec["progress_unsure"] == 1
            label_text = t(lang, "unsure_of", label=t(lang, label)) if unsure and label != "no_note" else t(lang, label)
            conf = f" · {rec['progress_confidence']:.0%}" if rec["progress_confidence"] == rec["progress_confidence"] \
                and rec["progress_confidence"] is not None else ""
            css = "okrc-unsure" if unsure else ("okrc-todo" if label == "activity" else "okrc-outcome"
                                                if label == "key_progress" else "okrc-kind")
            spans = [(f.start, f.end) for f in found if f.text == note and f.start is not None]
            items = "".join(finding_html(f, message_lang, lang) for f in found)
            cards.append(
                f'<div class="okrc-card okrc-checkin-card">{badge_light}'
                f'<span class="okrc-badge {css}">{escape(label_text)}{conf}</span>'
                f'<span class="okrc-meta">{escape(t(lang, "line", line=rec["okr_row"]))}</span>'
                f'<div class="okrc-line"><b>{escape(kr)}</b></div>'
                f'<div class="okrc-line okrc-progress-note">{mark_spans(note, spans) if note else ""}</div>'
                f'{items}</div>')
        self.results.value = "".join(cards)

    def rhythm_table(self):
        """One row per KR over the weeks (empty without a week column): see :mod:`okrcoach.cycle.rhythm`."""
        return self.result.rhythm_table() if self.result is not None else None

    def html_values(self) -> list[str]:
        """Every HTML string this panel shows (tests assert nothing unescaped gets in)."""
        return html_values(self)
