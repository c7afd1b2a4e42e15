"""Rule documentation, generated from the rule objects (never written twice): the table for
``okrcoach rules``, ``--explain CODE``, and ``docs/rules.md``."""
from __future__ import annotations

import json

from .registry import Rule, all_rules


def rules_table() -> str:
    rows = [f"{'code':<9} {'name':<24} {'severity':<8} {'default':<7} title"]
    for r in all_rules():
        rows.append(f"{r.code:<9} {r.name:<24} {r.severity.value:<8} {'yes' if r.default else 'opt-in':<7} "
                    f"{r.title_en} / {r.title_zh}")
    return "\n".join(rows)


def explain(r: Rule) -> str:
    d = r.doc
    return "\n".join([
        f"{r.code} {r.name} ({r.severity.value}, {r.target}{'' if r.default else ', opt-in'})",
        f"  {r.title_en} / {r.title_zh}", "",
        "Why is this bad?", f"  {d.why_en}", f"  {d.why_zh}", "",
        "Example", f"  en: {d.bad_en}", f"  zh: {d.bad_zh}", "",
        "Use instead", f"  en: {d.better_en}", f"  zh: {d.better_zh}",
    ] + (["", "A coach asks", f"  en: {r.question_en}", f"  zh: {r.question_zh}"] if r.question_en else []))


def rules_markdown() -> str:
    out = ["# okrcoach rules", "",
           "Generated from the rule registry by `okrcoach rules --format markdown` — do not edit by hand.", "",
           "Select and ignore rules like ruff: `okrcoach check --select KR1 --ignore KR105`, or in "
           "`[tool.okrcoach]` (`select = [...]`, `ignore = [...]`). Opt-in rules run only when selected.", "",
           "**Rules by OKR type.** A type given in a `type`/`类型`/`OKR 类型` column or a draft tag (`O1 [承诺型]:`, "
           "`O2 (learning):`) changes the judgement. *Learning* (学习型): KR101 and KR107 do not fire on knowledge KRs "
           "(interviews, research, experiments, a report); KR108 asks instead what will be decided and by when. "
           "*Committed* (承诺型): scores read as met/missed, a KR below 1.0 is SCORE506, 1.0s do not count for "
           "SCORE503/SCORE504, and O204 (routine) does not fire — keeping a level is the commitment. *Aspirational* "
           "(挑战型) or no type: the rules below as written, plus the KR109/O207 hints for absolute targets. A type "
           "inferred from clear wording is only a hint (O206) and changes no other rule.", "",
           "| code | name | severity | default | title (en) | title (zh) |", "|---|---|---|---|---|---|"]
    rules = all_rules()
    for r in rules:
        out.append(f"| [{r.code}](#{r.code.lower()}-{r.name}) | `{r.name}` | {r.severity.value} | "
                   f"{'yes' if r.default else 'opt-in'} | {r.title_en} | {r.title_zh} |")
    for r in rules:
        d = r.doc
        out += ["", f"## {r.code} {r.name}", "", f"**{r.title_en}** / **{r.title_zh}** — {r.severity.value}, "
                f"applies to {r.target}{'' if r.default else ', opt-in'}.", "",
                "**Why is this bad?**", "", d.why_en, "", d.why_zh, "",
                "**Example**", "", f"- en: {d.bad_en}", f"- zh: {d.bad_zh}", "",
                "**Use instead**", "", f"- en: {d.better_en}", f"- zh: {d.better_zh}"]
        if r.question_en:
            out += ["", "**A coach asks**", "", f"- en: {r.question_en}", f"- zh: {r.question_zh}"]
    return "\n".join(out) + "\n"


def rules_json() -> str:
    return json.dumps([{"code": r.code, "name": r.name, "severity": r.severity.value, "target": r.target,
                        "default": r.default, "title_zh": r.title_zh, "title_en": r.title_en,
                        "why_zh": r.doc.why_zh, "why_en": r.doc.why_en, "question_zh": r.question_zh,
                        "question_en": r.question_en} for r in all_rules()],
                      ensure_ascii=False, indent=2)
