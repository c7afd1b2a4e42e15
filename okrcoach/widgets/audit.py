"""``AuditExplorer``: a department's OKRs → per-group figures, charts, filtered rows, exports.

A thin view over :class:`~okrcoach.widgets.sessions.AuditSession`.
"""
from __future__ import annotations

from pathlib import Path

import ipywidgets as widgets

from ..core.errors import OKRInputError
from ..rules.registry import all_rules
from .controls import file_upload, language_toggle, pick_ui_lang
from .render import STYLE, download_link, message_html, table_html
from .sessions import EXPORT_FORMATS, AuditSession
from .texts import label_name, t
from .tree import html_values

SUMMARY_COLUMNS = ["objectives", "key_results", "todo_share", "no_metric_share", "placeholder_krs", "objectives_vague",
                   "objectives_task", "objectives_metric", "objectives_routine", "findings", "health"]
CHART_ORDER = ["todo_share", "no_metric", "objective_problems", "kr_distribution"]
EXPORT_LABELS = {"xlsx": "Excel", "html": "HTML", "csv": "CSV"}


class AuditExplorer(widgets.VBox):
    """Explore a department audit: ``AuditExplorer("okrs.csv")``, ``AuditExplorer(df)`` or upload a file."""

    def __init__(self, source=None, ui_lang: str = "zh", folder: str | Path = ".", session: AuditSession | None = None,
                 config=None, judge=None, max_rows: int = 200, **kwargs):
        self.session = session or AuditSession(config=config, judge=judge)
        self._lang = pick_ui_lang(ui_lang)
        self.max_rows = max_rows
        self._updating = False

        self.header = widgets.HTML()
        self.ui_lang = language_toggle(self._lang)
        self.upload = file_upload("okrc-upload", lambda name, content: self.load_upload(name, content))
        self.status = widgets.HTML()
        self.status.add_class("okrc-status")
        self.level = widgets.ToggleButtons(style={"button_width": "90px"})
        self.summary_html = widgets.HTML()
        self.summary_html.add_class("okrc-summary")
        self.chart_images = {name: widgets.Image(format="png", layout=widgets.Layout(width="48%", height="auto",
                                                                                      margin="2px"))
                             for name in CHART_ORDER}
        for image in self.chart_images.values():
            image.add_class("okrc-chart")
        self.codes = widgets.SelectMultiple(rows=6, layout=widgets.Layout(width="340px"))
        self.severity = widgets.Dropdown(layout=widgets.Layout(width="220px"))
        self.teams = widgets.SelectMultiple(rows=6, layout=widgets.Layout(width="260px"))
        self.clear_button = widgets.Button()
        self.rows_html = widgets.HTML()
        self.rows_html.add_class("okrc-rows")
        self.folder = widgets.Text(value=str(folder), layout=widgets.Layout(width="420px"),
                                   style={"description_width": "initial"})
        self.export_buttons = {fmt: widgets.Button(description=EXPORT_LABELS[fmt], layout=widgets.Layout(width="auto"))
                               for fmt in EXPORT_FORMATS}
        self.export_html = widgets.HTML()
        self.export_html.add_class("okrc-export")
        self.section_titles = {key: widgets.HTML() for key in ("summary", "charts", "filters", "rows", "export")}

        self.ui_lang.observe(self._on_ui_lang, names="value")
        self.level.observe(lambda _: self._render_summary(), names="value")
        for w in (self.codes, self.severity, self.teams):
            w.observe(self._on_filter, names="value")
        self.clear_button.on_click(lambda _: self.clear_filters())
        for fmt, button in self.export_buttons.items():
            button.on_click(lambda _, fmt=fmt: self.export(fmt))

        s = self.section_titles
        self.body = widgets.VBox([
            s["summary"], self.level, self.summary_html,
            s["charts"], widgets.HBox(list(self.chart_images.values()), layout=widgets.Layout(flex_flow="row wrap")),
            s["filters"], widgets.HBox([self.codes, widgets.VBox([self.severity, self.clear_button]), self.teams],
                                       layout=widgets.Layout(flex_flow="row wrap")),
            s["rows"], self.rows_html,
            s["export"], self.folder, widgets.HBox(list(self.export_buttons.values())), self.export_html,
        ])
        super().__init__([self.header, widgets.HBox([self.ui_lang, self.upload]), self.status, self.body], **kwargs)
        self.add_class("okrc-audit")
        self._relabel()
        if source is not None:
            self.load(source)
        else:
            self._render()

    # -- loading ----------------------------------------------------------------------------
    def load(self, source, name: str | None = None) -> None:
        """Audit a path, DataFrame or AuditResult and show it (input errors as one line)."""
        self.session.load(source, name)
        self._after_load()

    def load_upload(self, filename: str, content: bytes) -> None:
        self.session.load_upload(filename, content)
        self._after_load()

    def _after_load(self) -> None:
        self._refresh_options()
        self._render()

    # -- language ---------------------------------------------------------------------------
    def _relabel(self) -> None:
        lang = self._lang
        self.header.value = (STYLE + f"<h3 style='margin:4px 0'>{t(lang, 'audit_title')}</h3>"
                             f"<div class='okrc-meta'>{t(lang, 'audit_intro')}</div>")
        self.upload.description = t(lang, "upload")
        for key, w in self.section_titles.items():
            w.value = f"<h4 style='margin:10px 0 2px 0'>{t(lang, key)}</h4>"
        self.level.description = t(lang, "group_by")
        self.codes.description = t(lang, "rule")
        self.severity.description = t(lang, "severity")
        self.teams.description = t(lang, "team")
        self.clear_button.description = t(lang, "clear_filters")
        self.folder.description = t(lang, "folder")
        self._refresh_options()

    def _on_ui_lang(self, change) -> None:
        self._lang = change["new"]
        self._relabel()
        self._render()

    def _refresh_options(self) -> None:
        lang, s = self._lang, self.session
        titles = {r.code: (r.title_zh if lang == "zh" else r.title_en) for r in all_rules()}
        f = s.filters
        self._updating = True
        try:
            levels, current = s.levels(), self.level.value
            self.level.options = [(t(lang, level), level) for level in levels]
            # keep the chosen level; else teams (the usual audit unit), else the first there is
            self.level.value = current if current in levels else "team" if "team" in levels else \
                (levels[0] if levels else None)
            self.codes.options = [(f"{code} {titles.get(code, '')} ({n})", code) for code, n in s.codes()]
            self.codes.value = tuple(c for c in f.codes if c in dict(s.codes()))
            self.severity.options = [(t(lang, "all"), "")] + [(t(lang, f"severity_{v}"), v)
                                                             for v in ("error", "warning", "info")]
            self.severity.value = f.severity
            self.teams.options = s.teams()
            self.teams.value = tuple(x for x in f.teams if x in s.teams())
            self.teams.disabled = not s.teams()
        finally:
            self._updating = False

    # -- filtering --------------------------------------------------------------------------
    def _on_filter(self, change) -> None:
        if self._updating:
            return
        self.set_filters(self.codes.value, self.severity.value, self.teams.value)

    def set_filters(self, codes=(), severity: str = "", teams=()) -> None:
        """Filter the drill-down (what the filter widgets do)."""
        self.session.set_filters(codes, severity, teams)
        self._updating = True
        try:
            self.codes.value = tuple(codes)
            self.severity.value = severity or ""
            self.teams.value = tuple(teams)
        finally:
            self._updating = False
        self._render_rows()

    def clear_filters(self) -> None:
        self.set_filters()

    # -- exporting --------------------------------------------------------------------------
    def export(self, fmt: str) -> Path | None:
        """Write the report into the chosen folder and show its path and a download link."""
        lang = self._lang
        try:
            path = self.session.export(fmt, self.folder.value.strip() or ".", lang=lang)
        except OKRInputError as exc:
            self.export_html.value = message_html(exc.one_line(), "error")
            return None
        link = download_link(path.name, path.read_bytes(), f"{t(lang, 'download')} {path.name}")
        self.export_html.value = (message_html(f"{t(lang, 'saved')} {path}") + f"<div>{link}</div>")
        return path

    # -- drawing ----------------------------------------------------------------------------
    def _render(self) -> None:
        lang, s = self._lang, self.session
        if s.error:
            self.status.value = message_html(s.error, "error")
        elif s.loaded:
            o = s.result.summary.overall
            self.status.value = message_html(t(lang, "loaded", name=s.name, rows=len(s.result.frame),
                                               krs=o["key_results"], objectives=o["objectives"], health=o["health"]))
        else:
            self.status.value = message_html(t(lang, "no_data"))
        self.body.layout.display = None if s.loaded else "none"
        if not s.loaded:
            return
        self._render_summary()
        for name, image in self.chart_images.items():
            png = s.charts(lang).get(name)
            image.value = png or b""
            image.layout.display = None if png else "none"
        self._render_rows()

    def _render_summary(self) -> None:
        s, lang = self.session, self._lang
        level = self.level.value
        if not s.loaded or not level:
            self.summary_html.value = ""
            return
        frame = s.summary(level)
        cols = [level] + [c for c in SUMMARY_COLUMNS if c in frame.columns]
        headers = [t(lang, level)] + [_summary_header(lang, c) for c in cols[1:]]
        self.summary_html.value = table_html(frame, cols, headers, max_rows=500,
                                             percent=("todo_share", "no_metric_share"))

    def _render_rows(self) -> None:
        s, lang = self.session, self._lang
        if not s.loaded:
            self.rows_html.value = ""
            return
        rows = s.drill_down()
        cols = ["row", "team", "owner", "objective", "key_result", "label", "findings", "messages", "suggestions"]
        cols = [c for c in cols if c not in ("team", "owner") or c in s.levels()]
        headers = [t(lang, {"row": "col_row", "objective": "col_objective", "key_result": "col_kr",
                            "label": "col_label", "findings": "col_findings", "messages": "col_messages",
                            "suggestions": "col_suggestions"}.get(c, c)) for c in cols]
        shown = min(len(rows), self.max_rows)
        note = t(lang, "showing", shown=shown, total=len(rows), all=len(s.result.frame))
        link = download_link(f"{s.stem}-filtered.csv", s.filtered_csv().encode("utf-8-sig"),
                             t(lang, "download_filtered"))
        self.rows_html.value = (message_html(note) + f"<div>{link}</div>" +
                                table_html(rows, cols, headers, max_rows=self.max_rows))

    def html_values(self) -> list[str]:
        """Every HTML string this explorer shows (tests assert nothing unescaped gets in)."""
        return html_values(self)


def _summary_header(lang: str, column: str) -> str:
    if column.startswith("objectives_"):
        return f"O: {label_name(lang, column.split('_', 1)[1])}"
    return t(lang, column)
