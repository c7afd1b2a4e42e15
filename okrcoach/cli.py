"""The ``okrcoach`` command line: check, suggest, audit, rules, train, label, checkin, template, workshop.

Exit status like a linter: 0 clean, 1 findings at or above ``--fail-on``, 2 usage or input
errors (always one line on stderr, never a traceback).
"""
from __future__ import annotations

import json
import sys
import unicodedata
from pathlib import Path

import click

from .core.errors import OKRInputError
from .core.model import Severity
from .rules.config import Config, load_config

SAMPLE_DIR = Path(__file__).parent / "data"


class InputFailure(click.ClickException):
    exit_code = 2

    def show(self, file=None) -> None:
        click.echo(f"okrcoach: {self.format_message()}", err=True)


def _fail(exc: Exception) -> InputFailure:
    return InputFailure(exc.one_line() if isinstance(exc, OKRInputError) else str(exc))


def _config(ctx_opts: dict) -> Config:
    try:
        cfg = load_config(ctx_opts.get("config"))
    except OKRInputError as exc:
        raise _fail(exc) from None
    overrides = {}
    if ctx_opts.get("select"):
        overrides["select"] = [s for v in ctx_opts["select"] for s in v.split(",") if s]
    if ctx_opts.get("ignore"):
        overrides["ignore"] = cfg.ignore + [s for v in ctx_opts["ignore"] for s in v.split(",") if s]
    if ctx_opts.get("model"):
        overrides["model"] = ctx_opts["model"]
    return cfg.with_overrides(**overrides)


def _judge(cfg: Config, no_model: bool):
    from .classifier.judge import LexiconJudge
    from .classifier.model import default_judge

    if no_model:
        return LexiconJudge(cfg.unsure_low, cfg.unsure_high)
    try:
        return default_judge(cfg)
    except OKRInputError as exc:
        raise _fail(exc) from None


def _parents(path: str | None) -> list[str]:
    if not path:
        return []
    from .readers import read_okrs

    try:
        table = read_okrs(path)
    except OKRInputError as exc:
        raise _fail(exc) from None
    return [r.key_result for r in table.rows if r.key_result] + [r.objective for r in table.rows if r.objective and not r.key_result]


def rule_options(fn):
    for opt in reversed([
        click.option("--select", multiple=True, help="Rules to run: codes, prefixes (KR1) or names; comma-separated."),
        click.option("--ignore", multiple=True, help="Rules to skip (same forms as --select)."),
        click.option("--config", type=click.Path(dir_okay=False), help="okrcoach.toml or pyproject.toml to read."),
        click.option("--model", type=click.Path(file_okay=False), help="Model directory from 'okrcoach train'."),
        click.option("--no-model", is_flag=True, help="Judge with lexicon rules only (no trained model)."),
        click.option("--parent", "parent_file", type=click.Path(dir_okay=False),
                     help="The superior's OKRs (CSV/XLSX/MD) for alignment checks."),
    ]):
        fn = opt(fn)
    return fn


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="okrcoach")
def main() -> None:
    """Coach OKRs offline, in Chinese and English: check drafts, audit departments, train the classifier."""


# ---------------------------------------------------------------------------------------- check
def _display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _severity_style(sev: Severity) -> dict:
    return {"error": {"fg": "red", "bold": True}, "warning": {"fg": "yellow", "bold": True},
            "info": {"fg": "cyan"}}[sev.value]


def _label_text(line, lang: str) -> str:
    names = {"outcome": "结果", "todo": "待办", "ok": "合格", "vague": "模糊", "task": "任务", "metric": "指标", "routine": "日常"}
    label = names.get(line.label, line.label) if lang == "zh" else line.label
    unsure = ("?" if line.unsure else "")
    return f"{label}{unsure} {line.confidence:.0%}"


def render_human(report, source: str, ui_lang: str | None, explain: bool = False) -> str:
    out = []
    for line in report.lines:
        lang = ui_lang or line.lang
        kind = ("目标" if line.kind == "objective" else "KR") if lang == "zh" else ("O" if line.kind == "objective" else "KR")
        head = click.style(f"{source}:{line.line}:{line.column + 1}", bold=True)
        okr_type = ""
        if line.kind == "objective" and line.okr_type:  # "?" marks a type inferred as a hint, not given
            from .rules.okr_types import type_name

            okr_type = f" [{type_name(line.okr_type, lang)}{'?' if line.okr_type_source == 'inferred' else ''}]"
        out.append(f"{head} {kind} [{_label_text(line, lang)}]{okr_type} {line.text}")
        for f in line.findings:
            style = _severity_style(f.severity)
            out.append("    " + click.style(f"{f.code} {f.severity.value}", **style) + f" {f.message(lang)}")
            if f.start is not None and f.end is not None and f.end > f.start and f.text == line.text:
                pad = _display_width(line.text[:f.start])
                width = max(1, _display_width(line.text[f.start:f.end]))
                out.append("      " + line.text)
                out.append("      " + " " * pad + click.style("^" * width, **style))
            for k, candidate in enumerate(f.candidates):
                head = ("建议：" if k == 0 else "或：") if lang == "zh" else ("try: " if k == 0 else " or: ")
                out.append("      " + head + candidate)
            if explain and f.question(lang):
                out.append("      " + click.style(("教练会问：" if lang == "zh" else "a coach asks: ") + f.question(lang),
                                                  italic=True))
    counts = {}
    for f in report.findings:
        counts[f.severity.value] = counts.get(f.severity.value, 0) + 1
    summary = ", ".join(f"{n} {sev}" for sev, n in sorted(counts.items())) or "no findings"
    out.append("")
    out.append(click.style(f"{len(report.lines)} lines, {summary}; health {report.score:.0f}/100", bold=True))
    return "\n".join(out)


@main.command()
@click.argument("text", required=False)
@click.option("--format", "fmt", type=click.Choice(["human", "json"]), default="human", show_default=True)
@click.option("--fail-on", type=click.Choice(["error", "warning", "info", "never"]), default=None,
              help="Exit 1 when a finding at or above this severity exists [default: warning, or fail-on in config].")
@click.option("--lang", type=click.Choice(["auto", "zh", "en"]), default="auto", show_default=True,
              help="Language of messages; auto uses each line's own language.")
@click.option("--explain", is_flag=True, help="Also show the question a coach would ask about each finding.")
@rule_options
def check(text, fmt, fail_on, lang, explain, select, ignore, config, model, no_model, parent_file):
    """Check a pasted draft: TEXT, a .md/.txt file path, or - for standard input."""
    from .coaching.draft import check_draft

    cfg = _config(dict(select=select, ignore=ignore, config=config, model=model))
    source = "<text>"
    if text is None or text == "-":
        if text is None and sys.stdin.isatty():
            raise click.UsageError("give the draft as TEXT, a file path, or - to read standard input")
        text, source = sys.stdin.read(), "<stdin>"
    elif len(text) < 300 and "\n" not in text and Path(text).suffix.lower() in (".md", ".txt", ".markdown") and Path(text).is_file():
        from .readers.encoding import decode_bytes

        source = text
        try:
            text = decode_bytes(Path(text).read_bytes(), text)[0].lstrip("\ufeff")
        except OKRInputError as exc:
            raise _fail(exc) from None
    if not text.strip():
        raise InputFailure(f"{source}: the draft is empty")
    judge = _judge(cfg, no_model)
    report = check_draft(text, cfg, judge, _parents(parent_file))
    if not report.lines:
        raise InputFailure(f"{source}: no objectives or key results found (write lines like 'O1: …' and 'KR1: …')")
    if fmt == "json":
        click.echo(json.dumps({"source": source, **report.to_dict()}, ensure_ascii=False, indent=2))
    else:
        click.echo(render_human(report, source, None if lang == "auto" else lang, explain))
    threshold = fail_on or cfg.fail_on
    worst = report.worst()
    if threshold != "never" and worst is not None and worst.rank >= Severity.parse(threshold).rank:
        sys.exit(1)


# ---------------------------------------------------------------------------------------- audit
def _summary_text(result) -> str:
    o = result.summary.overall
    lines = [click.style("OKR audit", bold=True) + f"  {result.table.source}",
             f"  objectives {o['objectives']}, key results {o['key_results']}, to-do KRs {o['todo_krs']} "
             f"({o['todo_share']:.0%}), without metric {o['krs_without_metric']} ({o['no_metric_share']:.0%}), "
             f"placeholders {o['placeholder_krs']}, health {o['health']}/100",
             "  objective problems: " + ", ".join(f"{p} {o['objectives_' + p]}" for p in ("vague", "task", "metric", "routine"))
             + f"; KR count out of range {o['objectives_kr_count_out_of_range']}"]
    for note in result.table.notes:
        lines.append(f"  note: {note}")
    for warning in result.summary.warnings:
        lines.append(click.style(f"  warning: {warning}", fg="yellow"))
    level = next((lv for lv in ("team", "department", "owner") if lv in result.summary.groups), None)
    if level:
        df = result.summary.groups[level]
        lines.append("")
        header = f"  {level:<22} {'O':>3} {'KR':>4} {'to-do':>6} {'no-metric':>9} {'xx':>3} {'O-problems':>10} {'health':>6}"
        lines.append(click.style(header, bold=True))
        for rec in df.to_dict("records"):
            name = str(rec[level])
            pad = 22 - _display_width(name) + len(name)
            probs = sum(rec[f"objectives_{p}"] for p in ("vague", "task", "metric", "routine"))
            lines.append(f"  {name:<{max(pad, 1)}} {rec['objectives']:>3} {rec['key_results']:>4} {rec['todo_share']:>6.0%} "
                         f"{rec['no_metric_share']:>9.0%} {rec['placeholder_krs']:>3} {probs:>10} {rec['health']:>6}")
    by_type = result.summary.by_type
    if len(by_type) and set(by_type["okr_type"]) != {"(none)"}:  # committed / aspirational / learning, each judged by its rules
        lines.append("")
        lines.append(click.style(f"  {'OKR type':<14} {'O':>3} {'KR':>4} {'inferred':>8} {'to-do':>6} {'no-decision':>11} "
                                 f"{'missed':>6} {'absolute':>8}", bold=True))
        for rec in by_type.to_dict("records"):
            lines.append(f"  {rec['okr_type']:<14} {rec['objectives']:>3} {rec['key_results']:>4} "
                         f"{rec['inferred_objectives']:>8} {rec['todo_findings']:>6} {rec['learning_no_decision']:>11} "
                         f"{rec['committed_missed']:>6} {rec['absolute_targets']:>8}")
    if result.summary.findings_by_code:
        lines.append("")
        lines.append("  findings: " + ", ".join(f"{c} {n}" for c, n in result.summary.findings_by_code.items()))
    if "kr_score" in result.frame.columns:  # scores given: the cycle review table
        from .auditing.cycle_review import score_table

        scores = score_table(result)
        if len(scores):
            committed = bool((scores["met"] + scores["missed"]).sum())  # committed KRs read met/missed, not lights
            lines.append("")
            lines.append(click.style(f"  {'owner':<22} {'cycle':<10} {'score':>6} {'light':<7} {'red':>4} {'yellow':>6} "
                                     f"{'green':>6}" + (f" {'met':>4} {'missed':>6}" if committed else ""), bold=True))
            for rec in scores.to_dict("records"):
                name = str(rec["owner"])
                pad = 22 - _display_width(name) + len(name)
                score = f"{rec['score']:.2f}" if rec["score"] is not None and rec["score"] == rec["score"] else "–"
                light = click.style(f"{rec['light']:<7}", fg={"red": "red", "yellow": "yellow", "green": "green"}.get(
                    rec["light"]))
                lines.append(f"  {name:<{max(pad, 1)}} {rec['cycle']:<10} {score:>6} {light} {rec['red']:>4} "
                             f"{rec['yellow']:>6} {rec['green']:>6}"
                             + (f" {rec['met']:>4} {rec['missed']:>6}" if committed else ""))
    return "\n".join(lines)


@main.command()
@click.argument("input_path", metavar="INPUT", required=False, type=click.Path(dir_okay=False))
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write .csv, .xlsx, .json or .html (by extension).")
@click.option("--demo", is_flag=True, help="Audit the bundled sample department.")
@click.option("--sheet", help="Excel sheet name or 0-based index [default: first with OKR headers].")
@click.option("--rows", "show_rows", type=int, default=0, help="Also print the first N annotated rows (without -o).")
@click.option("--progress/--no-progress", default=None, help="Progress bar [default: on for large inputs in a terminal].")
@click.option("--lang", type=click.Choice(["zh", "en"]), default=None,
              help="Column and sheet names of the Excel/HTML report [default: the input's majority language]; "
                   "CSV/JSON keep the machine names.")
@rule_options
def audit(input_path, output, demo, sheet, show_rows, progress, lang, select, ignore, config, model, no_model,
          parent_file):
    """Audit a department's OKRs from CSV/XLSX/MD/TXT or Feishu/Lark OKR JSON ('-': stdin) and write a report."""
    from .auditing import AuditResult, audit_to_file, run_audit

    if demo == bool(input_path):
        raise click.UsageError("give INPUT or --demo (not both)")
    path = str(SAMPLE_DIR / "sample_department.csv") if demo else input_path
    if path == "-":  # standard input: Feishu/Lark JSON (lark-cli okr … | okrcoach audit -) or CSV
        from .readers import read_okrs_bytes

        try:
            path = read_okrs_bytes(sys.stdin.buffer.read(), "<stdin>")
        except OKRInputError as exc:
            raise _fail(exc) from None
    if demo and not parent_file:
        parent_file = str(SAMPLE_DIR / "company_okrs.csv")
    cfg = _config(dict(select=select, ignore=ignore, config=config, model=model))
    judge = _judge(cfg, no_model)
    if progress is None:  # a bar only where someone watches
        progress = None if sys.stderr.isatty() else False
    try:
        if output:  # stream rows straight into the report: memory bounded on huge inputs
            summary, n, table, written = audit_to_file(path, output, cfg, judge, _parents(parent_file), sheet, progress,
                                                      lang=lang)
            import pandas as pd

            result = AuditResult(pd.DataFrame(), summary, table, [])
        else:
            result = run_audit(path, config=cfg, judge=judge, parents=_parents(parent_file), sheet=sheet,
                               progress=progress)
            n, written = len(result.frame), None
    except OKRInputError as exc:
        raise _fail(exc) from None
    click.echo(_summary_text(result))
    if show_rows and not output:
        cols = [c for c in ("okr_row", "kr_label", "objective_label", "findings") if c in result.frame.columns]
        click.echo(result.frame[cols].head(show_rows).to_string(index=False))
    if written:
        click.echo(f"wrote {written} ({n} rows)")


# -------------------------------------------------------------------------------------- suggest
@main.command()
@click.argument("objective", required=False)
@click.option("-n", "count", type=click.IntRange(1, 5), default=5, show_default=True, help="How many KR ideas (at most 5).")
@click.option("--lang", type=click.Choice(["auto", "zh", "en"]), default="auto", show_default=True,
              help="Language of the ideas; auto uses the objective's own.")
@click.option("--format", "fmt", type=click.Choice(["human", "json"]), default="human", show_default=True)
@click.option("--config", type=click.Path(dir_okay=False), help="okrcoach.toml or pyproject.toml to read.")
def suggest(objective, count, lang, fmt, config):
    """KR ideas for an OBJECTIVE (or - for standard input): outcome KRs built from the metric catalogue."""
    from .coaching.ideas import suggest_krs

    if objective is None or objective == "-":
        if objective is None and sys.stdin.isatty():
            raise click.UsageError("give the objective as OBJECTIVE, or - to read standard input")
        objective = sys.stdin.read()
    objective = " ".join(objective.split())
    cfg = _config(dict(config=config))
    try:
        ideas = suggest_krs(objective, count, None if lang == "auto" else lang, cfg)
    except OKRInputError as exc:
        raise _fail(exc) from None
    if fmt == "json":
        click.echo(json.dumps({"objective": objective, "ideas": [i.to_dict() for i in ideas]}, ensure_ascii=False,
                              indent=2))
        return
    zh = (ideas[0].lang if ideas else (lang if lang != "auto" else "")) == "zh" or (
        not ideas and any("\u4e00" <= ch <= "\u9fff" for ch in objective))
    click.echo(click.style(objective, bold=True))
    if not ideas:
        click.echo("  没有找到合适的指标：目标里没有指标目录认识的词。可用 [tool.okrcoach.metrics] 加入你们自己的指标。"
                   if zh else "  No metric in the catalogue fits: the objective uses none of its words. "
                              "Add your own metrics with [tool.okrcoach.metrics].")
        return
    for k, idea in enumerate(ideas, 1):
        m = idea.metric
        why = ("、" if zh else ", ").join(idea.words)
        because = (f"（因为：{why}）" if zh else f" (because of: {why})") if why else (
            "（同一领域）" if zh else " (same function)")
        click.echo(f"  {k}. {idea.text}")
        click.echo(click.style(f"     {m.name(idea.lang)}{'：' if zh else ': '}{m.definition(idea.lang)}{because}", dim=True))
    click.echo(click.style("  方括号里的数字和日期由你来填。" if zh else "  Fill in the bracketed numbers and dates.", dim=True))


# ---------------------------------------------------------------------------------------- rules
@main.command()
@click.option("--explain", "code", help="Show the full documentation of one rule (code or name).")
@click.option("--format", "fmt", type=click.Choice(["table", "markdown", "json"]), default="table", show_default=True)
def rules(code, fmt):
    """List every rule: code, name, severity, title zh/en (or explain one)."""
    from .rules.docs import explain, rules_json, rules_markdown, rules_table
    from .rules.registry import get_rule

    if code:
        try:
            click.echo(explain(get_rule(code)))
        except KeyError:
            raise InputFailure(f"no rule {code!r}; see 'okrcoach rules'") from None
        return
    text = {"table": rules_table, "markdown": rules_markdown, "json": rules_json}[fmt]()
    click.echo(text, nl=not text.endswith("\n"))


# ---------------------------------------------------------------------------------------- train
def _fmt_f1(m: dict) -> str:
    return f"{m['macro_f1']:.3f} [{m['ci95'][0]:.3f}–{m['ci95'][1]:.3f}] n={m['n']}" if m else "—"


@main.command()
@click.argument("labels", type=click.Path(dir_okay=False))
@click.option("-o", "--output", "out_dir", default="okrcoach-model", show_default=True, type=click.Path(file_okay=False),
              help="Directory for the new model (kr.skops, objective.skops, card.json, MODEL_CARD.md).")
@click.option("--base", type=click.Choice(["default", "none"]), default="default", show_default=True,
              help="Add your rows to the shipped training data, or train on yours alone.")
@click.option("--test-size", type=click.FloatRange(0.05, 0.5), default=0.2, show_default=True,
              help="Share of your rows held out to compare the current and the new model.")
@click.option("--model", type=click.Path(file_okay=False), help="The current model to compare against [default: shipped].")
@click.option("--seed", type=int, default=0, show_default=True)
def train(labels, out_dir, base, test_size, model, seed):
    """Retrain the classifiers with your own labeled rows (CSV/XLSX with text + label columns)."""
    from .classifier.judge import LexiconJudge
    from .classifier.model import default_judge, load_model
    from .classifier.train import train_from_labels

    try:
        current = load_model(model) if model else default_judge()
        if isinstance(current, LexiconJudge) and base == "default":
            click.echo("note: no shipped model found; comparing against the lexicon rules", err=True)
        report = train_from_labels(labels, out_dir, base=base, test_size=test_size, current=current, seed=seed)
    except OKRInputError as exc:
        raise _fail(exc) from None
    for kind, rows in report.rows.items():
        name = "key results" if kind == "kr" else "objectives"
        click.echo(click.style(f"{name}", bold=True) + f": your rows {rows['user_train']} train + {rows['user_test']} "
                   f"held out; shipped rows {rows['base']}")
        for lang, m in report.cv.get(kind, {}).items():
            click.echo(f"  cross-validated macro-F1 ({lang}): {_fmt_f1(m)}")
        for lang in ("zh", "en", "both"):
            b, a = report.before.get(kind, {}).get(lang), report.after.get(kind, {}).get(lang)
            if a:
                delta = a["macro_f1"] - b["macro_f1"] if b else float("nan")
                click.echo(f"  held-out ({lang}): current {_fmt_f1(b)} → new {_fmt_f1(a)}  ({delta:+.3f})")
    click.echo(f"wrote {report.directory} in {report.seconds}s; use it with --model {report.directory}")


# ---------------------------------------------------------------------------------------- label
LABEL_KEYS = {"1": "outcome", "o": "outcome", "2": "todo", "t": "todo", "0": "skip", "s": "skip", "u": "undo",
              "q": "quit"}


def _read_key() -> str:
    """One key press on a terminal; from a pipe or a script, the next non-blank character ("" at the end)."""
    if sys.stdin.isatty():
        return click.getchar()
    while True:
        ch = sys.stdin.read(1)
        if not ch or not ch.isspace():
            return ch


@main.command()
@click.argument("input_path", type=click.Path(dir_okay=False))
@click.option("--labels", "labels_path", default="my-labels.csv", show_default=True, type=click.Path(dir_okay=False),
              help="CSV the labels are appended to (one line per label, written at once; 'okrcoach train' reads it).")
@click.option("--model", type=click.Path(file_okay=False), help="Model that picks the uncertain KRs [default: shipped].")
@click.option("--no-model", is_flag=True, help="Order by the lexicon rules' confidence instead of a model's.")
@click.option("--sheet", help="Excel sheet (name or 0-based index).")
def label(input_path, labels_path, model, no_model, sheet):
    """Label the KRs of a file as outcome or to-do, least certain first.

    Keys: 1/o outcome, 2/t to-do, 0/s skip, u undo, q quit. Labels are saved as you go;
    run again to resume, then 'okrcoach train LABELS'.
    """
    from .classifier.judge import LexiconJudge
    from .classifier.model import load_model
    from .classifier.labeling import LabelQueue

    try:
        source = input_path
        if sheet is not None:
            from .readers import read_okrs

            source = read_okrs(input_path, sheet=int(sheet) if sheet.isdigit() else sheet).frame
        judge = LexiconJudge() if no_model else load_model(model) if model else None
        queue = LabelQueue(source, labels_path, judge=judge, name=Path(input_path).name)
    except OKRInputError as exc:
        raise _fail(exc) from None
    click.echo(f"{queue.remaining} key results to label ({queue.already_labeled} already in {labels_path}). "
               "Keys: 1/o outcome, 2/t to-do, 0/s skip, u undo, q quit.")
    given = 0
    while queue.current is not None:
        c = queue.current
        click.echo("")
        click.echo(click.style(c.text, bold=True))
        click.echo(f"  row {c.row} · model: {c.model_label} {c.confidence:.0%} · [1] outcome [2] to-do [0] skip "
                   "[u] undo [q] quit ", nl=False)
        key = _read_key()
        action = LABEL_KEYS.get(key.lower() if key else "", "")
        click.echo(action or repr(key))
        if action == "quit" or key in ("", "\x03", "\x04"):
            break
        if action == "undo":
            step = queue.undo()
            given -= 1 if step and step.label else 0
        elif action == "skip":
            queue.skip()
        elif action:
            queue.label(action)
            given += 1
    counts = queue.counts()
    click.echo(f"\n{given} labeled this time; {labels_path} holds {sum(counts.values())} "
               f"(outcome {counts['outcome']}, to-do {counts['todo']}). Next: okrcoach train {labels_path}")


# -------------------------------------------------------------------------------------- checkin
@main.command()
@click.argument("updates", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write .csv, .xlsx or .json (by extension).")
@click.option("--format", "fmt", type=click.Choice(["human", "json"]), default="human", show_default=True)
@click.option("--lang", type=click.Choice(["auto", "zh", "en"]), default="auto", show_default=True,
              help="Language of messages; auto uses each note's own language.")
@click.option("--sheet", help="Excel sheet name or 0-based index.")
@rule_options
def checkin(updates, output, fmt, lang, sheet, select, ignore, config, model, no_model, parent_file):
    """Check weekly updates (CSV/XLSX with progress/risks/next columns, the Markdown weekly template, or Feishu/Lark
    progress records as JSON; '-' reads standard input).

    Several files (one per week) are read as one table; with a week column (or several weeks), KRs not
    updated for two weeks, scores flat for four and a missing mid-cycle review are found too."""
    from .auditing.checkins import check_updates

    cfg = _config(dict(select=select, ignore=ignore, config=config, model=model))
    judge = _judge(cfg, no_model)
    try:
        if list(updates) == ["-"]:  # standard input: Feishu/Lark progress records (JSON) or a CSV table
            from .auditing.checkins import check_update_bytes

            result = check_update_bytes(sys.stdin.buffer.read(), cfg, judge)
        else:
            result = check_updates(updates[0] if len(updates) == 1 else list(updates), cfg, judge,
                                   sheet=int(sheet) if sheet and sheet.isdigit() else sheet)
        written = None
        if output:
            from .reports.checkin_report import write_checkins

            written = write_checkins(result, output)
    except OKRInputError as exc:
        raise _fail(exc) from None
    if fmt == "json":
        records = json.loads(result.frame.to_json(orient="records", force_ascii=False))
        click.echo(json.dumps({"source": result.source, "summary": result.summary(), "updates": records},
                              ensure_ascii=False, indent=2))
    else:
        click.echo(_checkin_text(result, result.source, None if lang == "auto" else lang))
    if written:  # on stderr with --format json, so standard output stays one JSON document
        click.echo(f"wrote {written} ({len(result.frame)} rows)", err=fmt == "json")


def _checkin_text(result, source: str, ui_lang: str | None) -> str:
    frame = result.frame
    kr_col = result.column("key_result")
    names = {"key_progress": ("关键进展", "key progress"), "activity": ("活动清单", "activity list"), "": ("无进展", "no note")}
    lights = {"red": "red", "yellow": "yellow", "green": "green"}
    out = []
    for rec, found, row_lang in zip(frame.to_dict("records"), result.findings, result.langs):
        lang = ui_lang or row_lang
        light = rec["light"] or "-"
        score = "" if rec["score_value"] is None or rec["score_value"] != rec["score_value"] else f" {rec['score_value']:g}"
        label = names.get(rec["progress_label"], (rec["progress_label"],) * 2)[0 if lang == "zh" else 1]
        head = click.style(f"{rec.get('source_file') or source}:{rec['okr_row']}", bold=True)
        out.append(f"{head} " + click.style(f"[{light}{score}]", fg=lights.get(rec["light"])) + f" [{label}] {rec[kr_col]}")
        for f in found:
            out.append("    " + click.style(f"{f.code} {f.severity.value}", **_severity_style(f.severity))
                       + f" {f.message(lang)}")
    s = result.summary()
    out.append("")
    out.append(click.style(f"{s['updates']} updates: key progress {s['key_progress']}, activity lists {s['activity']}, "
                           f"no note {s['no_progress']}; red {s['red']}, yellow {s['yellow']}, green {s['green']}; "
                           f"{s['findings']} findings", bold=True))
    if result.rhythm is not None and result.rhythm.has_weeks:
        out.append(f"rhythm: {len(result.rhythm_table())} KRs over the weeks; not updated for weeks {s['stale_krs']}, "
                   f"score flat {s['flat_krs']}, owners without a mid-cycle review {s['no_review']}")
    return "\n".join(out)


@main.command()
@click.argument("input_path", metavar="INPUT", type=click.Path(dir_okay=False))
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False),
              help="weekly.md (Markdown) or weekly.xlsx (Excel).")
@click.option("--week", default="", help="Week label for the title, e.g. 2026-W38.")
@click.option("--cycle", help="Cycle to take the OKRs from [default: the latest in INPUT].")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True, help="Excel header language.")
@click.option("--sheet", help="Excel sheet name or 0-based index.")
def template(input_path, output, week, cycle, lang, sheet):
    """Write the weekly update template (per objective, each KR: score / progress / risks / next week)."""
    from .reports.weekly_template import write_weekly_template

    try:
        path = write_weekly_template(input_path, output, week=week, lang=lang,
                                     sheet=int(sheet) if sheet and sheet.isdigit() else sheet, cycle=cycle)
    except OKRInputError as exc:
        raise _fail(exc) from None
    click.echo(f"wrote {path}; fill it in, then: okrcoach checkin {path}")

# ------------------------------------------------------------------------------------- workshop
from .widgets.workshop import workshop_command  # noqa: E402  (its module is light: click and subprocess)

main.add_command(workshop_command)

if __name__ == "__main__":  # pragma: no cover
    main()
