"""Input rules (IN0xx): problems with the cells themselves, reported per row instead of failing the file."""
from __future__ import annotations

from typing import Iterator

from .base import Hit, rule
from .context import InputContext


def _col(ctx: InputContext) -> tuple[str, str]:
    return (f"「{ctx.column}」列", f"column '{ctx.column}'") if ctx.column else ("", "the row")


@rule("IN001", "empty-row", "info", "input",
      title_zh="空行", title_en="Empty row",
      why_zh="这一行既没有目标也没有 KR。保留在输出里以保证行号一致，请确认是否漏填。",
      why_en="The row has neither an objective nor a key result. It is kept in the output so row numbers stay aligned; "
             "check whether something is missing.",
      bad_zh="（空行）", better_zh="删除空行，或补上 KR", bad_en="(blank row)", better_en="Delete it, or fill in the KR")
def empty_row(ctx: InputContext) -> Iterator[Hit]:
    yield Hit(None, None, "这一行没有目标也没有 KR。", "This row has no objective and no key result.")


@rule("IN002", "cell-too-long", "warning", "input",
      title_zh="单元格过长", title_en="Cell too long",
      why_zh="超长单元格多半是粘贴错误（整段文档贴进了一格）。只分析前 2000 个字符，原文保留在输出中。",
      why_en="A huge cell is usually a paste error (a whole document in one cell). Only the first 2,000 characters are "
             "analysed; the full text is kept in the output.",
      bad_zh="一格里粘贴了整份周报", better_zh="一格一条 KR", bad_en="A whole report pasted into one cell",
      better_en="One KR per cell")
def cell_too_long(ctx: InputContext) -> Iterator[Hit]:
    cz, ce = _col(ctx)
    yield Hit(None, None, f"{cz}有 {ctx.detail} 个字符，只分析了前 2000 个。",
              f"{ce} has {ctx.detail} characters; only the first 2,000 were analysed.")


@rule("IN003", "markup-in-text", "info", "input",
      title_zh="文本中有 HTML 标记", title_en="HTML markup in text",
      why_zh="从网页或富文本系统导出时常带 HTML 标签。okrcoach 显示时会转义，不会执行，但标签会干扰分析。",
      why_en="Exports from web or rich-text systems often carry HTML tags. okrcoach escapes them when showing text "
             "(nothing runs), but tags disturb the analysis.",
      bad_zh="<b>续费率</b>达到 90%", better_zh="续费率达到 90%", bad_en="<p>Reach 90% renewals</p>",
      better_en="Reach 90% renewals")
def markup_in_text(ctx: InputContext) -> Iterator[Hit]:
    cz, ce = _col(ctx)
    yield Hit(None, None, f"{cz}含有 HTML 标记。", f"{ce} contains HTML markup.")


@rule("IN004", "kr-without-objective", "warning", "input",
      title_zh="KR 没有所属目标", title_en="Key result without an objective",
      why_zh="KR 需要一个它要证明的目标。大纲格式中，请把目标行放在它的 KR 之前。",
      why_en="A key result needs an objective to prove. In outline layouts, put the objective row above its KRs.",
      bad_zh="第一行就是 KR", better_zh="先写目标行，再写 KR", bad_en="The sheet starts with a KR row",
      better_en="Put the objective row first")
def kr_without_objective(ctx: InputContext) -> Iterator[Hit]:
    yield Hit(None, None, "这条 KR 上方没有目标。", "No objective above this key result.")


@rule("IN005", "control-characters", "info", "input",
      title_zh="文本中有控制字符", title_en="Control characters in text",
      why_zh="NUL 等不可见字符常来自损坏的导出，分析前已替换为空格。",
      why_en="NUL and other invisible characters usually come from a broken export; they were replaced by spaces before analysis.",
      bad_zh="续费率\\x00达到 90%", better_zh="续费率达到 90%", bad_en="Reach\\x00 90%", better_en="Reach 90%")
def control_characters(ctx: InputContext) -> Iterator[Hit]:
    cz, ce = _col(ctx)
    yield Hit(None, None, f"{cz}含有不可见的控制字符，已替换。", f"{ce} contained control characters; they were replaced.")


@rule("IN006", "unknown-row-type", "warning", "input",
      title_zh="无法识别的行类型", title_en="Unknown row type",
      why_zh="类型列应为 O/目标 或 KR/关键结果；无法识别时按 KR 处理。",
      why_en="The type column should say O/Objective or KR/Key result; an unknown value is treated as a KR.",
      bad_zh="类型：任务", better_zh="类型：KR", bad_en="type: task", better_en="type: KR")
def unknown_row_type(ctx: InputContext) -> Iterator[Hit]:
    yield Hit(None, None, f"类型「{ctx.detail}」无法识别，按 KR 处理。",
              f"Type '{ctx.detail}' is not O or KR; treated as a key result.")
