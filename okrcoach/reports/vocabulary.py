"""The words of the reports people read: column, sheet and value names in Chinese and English.

CSV and JSON keep the machine names of the output contract (``kr_label``, ``todo_share`` …), so
scripts never break; Excel and HTML show these names instead, in the reader's language, and the
Excel Legend sheet explains every column in both. One entry per name: ``(zh, en, meaning_zh,
meaning_en)``.
"""
from __future__ import annotations

import pandas as pd

# the input columns okrcoach understands (readers/headers.py), shown under the reader's word
INPUT_COLUMNS: dict[str, tuple[str, str, str, str]] = {
    "department": ("部门", "Department", "来自源文件", "from the source file"),
    "team": ("团队", "Team", "来自源文件", "from the source file"),
    "owner": ("负责人", "Owner", "来自源文件", "from the source file"),
    "cycle": ("周期", "Cycle", "来自源文件", "from the source file"),
    "objective": ("目标", "Objective", "来自源文件", "from the source file"),
    "key_result": ("关键结果 (KR)", "Key result", "来自源文件", "from the source file"),
    "id": ("编号", "ID", "来自源文件", "from the source file"),
    "score": ("得分", "Score", "来自源文件(自评分)", "from the source file (self-score)"),
    "progress": ("进展", "Progress", "来自源文件", "from the source file"),
    "parent": ("上级 KR / 目标", "Parent", "来自源文件:对齐的上级", "from the source file: what it aligns to"),
}

# the columns the audit adds to every row (auditing/table.py)
ROW_COLUMNS: dict[str, tuple[str, str, str, str]] = {
    "kr_label": ("KR 判断", "KR judged", "结果型(outcome)或待办型(todo);只有目标的行为空",
                 "outcome or to-do (empty on objective-only rows)"),
    "objective_label": ("目标判断", "Objective judged", "合格 / 模糊 / 任务式 / 指标式 / 日常工作",
                        "ok / vague / task / metric / routine"),
    "findings": ("规则", "Rules", "触发的规则编号(详见 okrcoach rules --explain 编号)",
                 "rule codes that fired (see okrcoach rules --explain CODE)"),
    "messages": ("问题说明", "What to fix", "教练会怎么说", "what a coach would say"),
    "suggestions": ("改写建议", "Suggested rewrite", "可以从这里改起，最好的在前（其他候选用 ‖ 分隔）；[方括号] 由你填写",
                    "rewrites to start from, best first (other candidates after ‖); [brackets] are for you to fill in"),
    "severity": ("严重程度", "Severity", "最严重问题的级别:错误 / 警告 / 提示", "the worst finding: error / warning / info"),
    "kr_score": ("KR 得分 (0–1)", "KR score (0–1)", "自评分换算到 0–1", "the self-score on 0–1"),
    "kr_light": ("KR 红绿灯", "KR light", "按得分:红 / 黄 / 绿", "by score: red / yellow / green"),
    "objective_score": ("目标得分 (0–1)", "Objective score (0–1)", "该目标下 KR 得分的平均", "mean of its KRs' scores"),
    "objective_light": ("目标红绿灯", "Objective light", "按目标得分:红 / 黄 / 绿", "by objective score: red / yellow / green"),
    "okr_type": ("OKR 类型", "OKR type", "承诺型 / 挑战型 / 学习型：来自类型列或标签，或从文字推断",
                 "committed / aspirational / learning: from a type column or tag, or inferred from the text"),
    "okr_type_source": ("类型来源", "Type from", "given：填写的（规则按它判断）；inferred：推断的（只作提示）",
                        "given (the rules follow it) / inferred (a hint only)"),
    "okr_row": ("源文件行号", "Source row", "这一行在源文件中的行号", "row in the source file"),
    "kr_confidence": ("KR 判断置信度", "KR confidence", "KR 判断的概率", "probability of the KR judgement"),
    "objective_confidence": ("目标判断置信度", "Objective confidence", "目标判断的概率",
                             "probability of the objective judgement"),
    "has_metric": ("有指标", "Has metric", "KR 写了数字指标时为 1", "1 when the KR states a number"),
    "has_placeholder": ("有占位符", "Has placeholder", "KR 含 xx、TBD 之类占位符时为 1",
                        "1 when the KR has a placeholder such as xx or TBD"),
    "has_deadline": ("有截止时间", "Has deadline", "KR 写了时间限制时为 1", "1 when the KR states a time bound"),
    "kr_unsure": ("判断拿不准", "Unsure", "模型拿不准时为 1(值得人工看一眼)", "1 when the model is unsure (worth a look)"),
    "lang": ("语言", "Language", "zh 中文 / en 英文", "zh Chinese / en English"),
    "judged_by": ("判断来源", "Judged by", "模型(model)或词典规则(lexicon)", "the model or the lexicon rules"),
}
# what a reader scans first, in this order; everything else follows, the technical columns last
LEADING = ["department", "team", "owner", "cycle", "objective", "key_result", "kr_label", "objective_label",
           "findings", "messages", "suggestions", "severity", "score", "kr_score", "kr_light", "objective_score",
           "objective_light"]
TECHNICAL = ["okr_row", "kr_confidence", "objective_confidence", "has_metric", "has_placeholder", "has_deadline",
             "kr_unsure", "lang", "judged_by"]

# the per-group and overall figures (auditing/summary.py)
SUMMARY_COLUMNS: dict[str, tuple[str, str, str, str]] = {
    "objectives": ("目标数", "Objectives", "目标个数", "number of objectives"),
    "key_results": ("KR 数", "KRs", "关键结果条数", "number of key results"),
    "todo_krs": ("待办型 KR", "To-do KRs", "写成待办事项的 KR", "KRs written as to-do items"),
    "unsure_krs": ("拿不准的 KR", "Unsure KRs", "模型拿不准的 KR", "KRs the model is unsure about"),
    "krs_without_metric": ("无指标 KR", "KRs without a metric", "没有数字指标的 KR", "KRs without a number"),
    "placeholder_krs": ("占位符 KR", "Placeholder KRs", "含 xx、TBD 等占位符的 KR", "KRs with xx, TBD or similar"),
    "krs_with_deadline": ("有截止时间的 KR", "KRs with a deadline", "写了时间限制的 KR", "KRs with a time bound"),
    "objectives_vague": ("模糊目标", "Vague objectives", "方向不清的目标", "objectives without a clear direction"),
    "objectives_task": ("任务式目标", "Task objectives", "写成任务的目标", "objectives written as a task"),
    "objectives_metric": ("指标式目标", "Metric objectives", "写成指标的目标(指标应放在 KR)",
                          "objectives written as a metric (metrics belong in KRs)"),
    "objectives_routine": ("日常工作式目标", "Routine objectives", "写成日常职责的目标",
                           "objectives that restate routine duties"),
    "objectives_kr_count_out_of_range": ("KR 数超范围的目标", "Objectives with too few/many KRs",
                                         "KR 数不在建议范围内的目标", "objectives outside the advised KR count"),
    "todo_share": ("待办型占比", "To-do share", "待办型 KR ÷ KR 数(越低越好)", "to-do KRs ÷ KRs (lower is better)"),
    "no_metric_share": ("无指标占比", "No-metric share", "无指标 KR ÷ KR 数(越低越好)",
                        "KRs without a metric ÷ KRs (lower is better)"),
    "findings": ("问题数", "Findings", "所有规则发现的问题数", "findings of all rules"),
    "health": ("健康分", "Health", "0–100,越高越好;公式见汇总页", "0–100, higher is better; formula on the Summary sheet"),
}

SHEETS = {"summary": ("汇总", "Summary"), "rows": ("逐行结果", "Rows"), "legend": ("说明", "Legend"),
          "department": ("按部门", "By department"), "team": ("按团队", "By team"), "owner": ("按负责人", "By owner")}
VALUES = {
    "outcome": ("结果型", "outcome"), "todo": ("待办型", "to-do"), "ok": ("合格", "ok"), "vague": ("模糊", "vague"),
    "task": ("任务式", "task"), "metric": ("指标式", "metric"), "routine": ("日常工作", "routine"),
    "error": ("错误", "error"), "warning": ("警告", "warning"), "info": ("提示", "info"),
    "red": ("红", "red"), "yellow": ("黄", "yellow"), "green": ("绿", "green"),
}
VALUE_COLUMNS = ("kr_label", "objective_label", "severity", "kr_light", "objective_light")
WORDS = {
    "title": ("OKR 审阅报告", "OKR audit"), "source": ("源文件", "Source"), "generated": ("生成", "Generated by"),
    "charts": ("图表", "Charts"), "health_formula": ("健康分公式", "Health formula"), "note": ("注意", "Note"),
    "figure": ("指标", "Figure"), "value": ("数值", "Value"), "colour": ("颜色", "Colour"), "meaning": ("含义", "Meaning"),
    "column": ("列", "Column"), "machine": ("CSV / JSON 列名", "CSV / JSON name"),
    "must_fix": ("必须修改", "must fix"), "flag": ("教练会指出", "a coach would flag this"),
    "look": ("值得一看", "worth a look"), "good": ("好", "good"), "fair": ("一般", "fair"), "poor": ("差", "poor"),
    "rows_title": ("逐行结果", "Rows"), "filter": ("筛选", "Filter"), "shown": ("显示", "showing"),
    "by": ("按{level}", "By {level}"), "lights": ("红绿灯", "Traffic lights"),
    "lights_meaning": ("健康分 ≥70 绿、50–70 黄、<50 红;占比 ≤20% 绿、20–40% 黄、>40% 红",
                       "health ≥70 green, 50–70 yellow, <50 red; shares ≤20% green, 20–40% yellow, >40% red"),
    "all_findings": ("全部", "all"), "only_findings": ("只看有问题的行", "only rows with findings"),
}
LEVEL_WORDS = {"department": ("部门", "department"), "team": ("团队", "team"), "owner": ("负责人", "owner")}


def pick(pair: tuple, lang: str) -> str:
    return pair[0] if lang == "zh" else pair[1]


def word(key: str, lang: str) -> str:
    return pick(WORDS[key], lang)


def sheet_name(key: str, lang: str) -> str:
    return pick(SHEETS[key], lang)[:31]


def value_text(value: object, lang: str) -> object:
    """``todo`` → 待办型 (zh) / to-do (en); anything else unchanged."""
    return pick(VALUES[value], lang) if isinstance(value, str) and value in VALUES else value


def majority_lang(frame: pd.DataFrame) -> str:
    """The language most rows are written in ("zh" on a tie: the toolkit's first reader)."""
    col = "lang" if "lang" in frame.columns else "okrcoach_lang" if "okrcoach_lang" in frame.columns else None
    if col is None or frame.empty:
        return "zh"
    counts = frame[col].value_counts()
    return "zh" if counts.get("zh", 0) >= counts.get("en", 0) else "en"


def row_headers(columns: list[str], roles: dict[str, str], lang: str) -> tuple[list[str], list[str]]:
    """The Rows table's column order (what a reader scans first, technical last) and their human names.

    ``roles`` maps canonical input roles to the user's headers (``{"team": "团队"}``); an
    ``okrcoach_``-prefixed column (a clash with a user's column) is named like its plain one.
    """
    by_role = {canon: user for canon, user in roles.items() if user in columns}
    keys = {col: column_key(col, by_role) for col in columns}
    for col in columns:  # the user's own column that ours had to step aside for keeps its name
        if col not in by_role.values() and f"okrcoach_{col}" in columns:
            keys[col] = f"user:{col}"
    lead = [c for k in LEADING for c in columns if keys[c] == k]
    tech = [c for k in TECHNICAL for c in columns if keys[c] == k]
    rest = [c for c in columns if c not in lead and c not in tech]
    order = lead + rest + tech
    names = []
    for col in order:
        entry = INPUT_COLUMNS.get(keys[col]) if keys[col] in by_role else ROW_COLUMNS.get(keys[col])
        names.append(pick(entry, lang) if entry else keys[col].removeprefix("user:"))
    return order, _unique(names)


def summary_header(column: str, lang: str) -> str:
    if column in LEVEL_WORDS:
        return pick(INPUT_COLUMNS[column], lang)
    entry = SUMMARY_COLUMNS.get(column)
    return pick(entry, lang) if entry else column


def column_key(column: str, roles: dict[str, str]) -> str:
    """The machine name behind a Rows column (its role for a user's column, unprefixed for ours)."""
    for canon, user in roles.items():
        if user == column:
            return canon
    plain = column[len("okrcoach_"):]
    return plain if column.startswith("okrcoach_") and plain in ROW_COLUMNS else column


def _unique(names: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for n in names:
        seen[n] = seen.get(n, 0) + 1
        out.append(n if seen[n] == 1 else f"{n} ({seen[n]})")
    return out


def legend_rows() -> list[tuple[str, str, str, str, str]]:
    """Every column a report can show: (machine name, zh, en, meaning zh, meaning en)."""
    out = [(k, *v) for k, v in INPUT_COLUMNS.items()]
    out += [(k, *v) for k, v in ROW_COLUMNS.items()]
    out += [(k, *v) for k, v in SUMMARY_COLUMNS.items()]
    return out


# traffic lights on the figures (Excel conditional formats, HTML cells); see WORDS["lights_meaning"]
HEALTH_LIGHTS = (50.0, 70.0)   # below the first red, from the second green
SHARE_LIGHTS = (0.2, 0.4)      # shares of bad KRs: up to the first green, above the second red
SHARE_COLUMNS = ("todo_share", "no_metric_share")


def light_of(column: str, value: object) -> str:
    """``red`` / ``yellow`` / ``green`` for a health score or a bad-KR share; ``""`` for other columns."""
    try:
        v = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return ""
    if column == "health":
        return "red" if v < HEALTH_LIGHTS[0] else "yellow" if v < HEALTH_LIGHTS[1] else "green"
    if column in SHARE_COLUMNS:
        return "green" if v <= SHARE_LIGHTS[0] else "yellow" if v <= SHARE_LIGHTS[1] else "red"
    return ""


# The health score's formula as the Excel and HTML reports print it (see okrcoach.rules.figures.WEIGHTS).
HEALTH_FORMULA = ("100 × (0.35 outcome share + 0.25 measurable share + 0.20 objective ok share + 0.10 deadline share "
                  "+ 0.10 KR-count-in-range share)")
HEALTH_FORMULA_ZH = "100 × (0.35 结果型占比 + 0.25 可衡量占比 + 0.20 目标合格占比 + 0.10 有截止时间占比 + 0.10 KR 数在范围内占比)"
