"""Header synonyms (zh/en, any case) → canonical column names, and header-row detection."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

SYNONYMS: dict[str, tuple[str, ...]] = {
    "objective": ("objective", "objectives", "obj", "o", "目标", "目标o", "okr目标", "o目标", "目标内容", "objectivetext", "goal", "goals"),
    "key_result": ("keyresult", "keyresults", "kr", "krs", "关键结果", "关键成果", "kr内容", "关键结果kr", "kr关键结果", "keyresulttext"),
    "owner": ("owner", "负责人", "责任人", "姓名", "name", "员工", "员工姓名", "assignee", "person", "所有者"),
    "department": ("department", "dept", "部门", "事业部", "bu", "division", "所属部门", "一级部门"),
    "team": ("team", "团队", "小组", "组", "group", "squad", "所属团队", "二级部门"),
    "cycle": ("cycle", "周期", "period", "quarter", "季度", "okr周期", "时间周期"),
    "id": ("id", "编号", "okrid", "序号", "krid", "key"),
    "score": ("score", "评分", "得分", "自评分", "分数", "打分", "selfscore"),
    "progress": ("progress", "进度", "进展", "完成进度", "progressnote"),
    "parent": ("parent", "上级", "上级目标", "上级kr", "对齐", "alignedto", "alignment", "parentkr", "parentobjective", "支撑", "对齐上级"),
    "type": ("type", "类型", "层级", "level", "kind"),
    # the OKR's kind (承诺型/挑战型/学习型); a plain type/类型 column means this too when the table has
    # objective/key-result columns (see readers.rows)
    "okr_type": ("okrtype", "okr类型", "目标类型", "objectivetype", "okr种类", "okr性质", "typeofokr"),
    "text": ("text", "内容", "content", "description", "描述", "条目"),
    "label": ("label", "标签", "标注"),
}
_LOOKUP = {syn: canon for canon, syns in SYNONYMS.items() for syn in syns}


def normalise_header(header: object) -> str:
    """'Key Result' → 'keyresult', '关键结果(KR)' → '关键结果kr', '  Ｏｂｊｅｃｔｉｖｅ ' → 'objective'."""
    text = unicodedata.normalize("NFKC", str(header or "")).lower()
    return re.sub(r"[\s_\-.:：()（）\[\]【】/#*]+", "", text)


def canonical_column(header: object) -> str | None:
    key = normalise_header(header)
    if key in _LOOKUP:
        return _LOOKUP[key]
    stripped = re.sub(r"[(（\[【].*?[)）\]】]", "", unicodedata.normalize("NFKC", str(header or "")).lower())
    return _LOOKUP.get(normalise_header(stripped))


@dataclass
class ColumnMap:
    """Canonical name → the header as written in the file (first one wins; duplicates reported)."""

    columns: dict[str, str] = field(default_factory=dict)
    duplicates: list[str] = field(default_factory=list)

    def get(self, name: str) -> str | None:
        return self.columns.get(name)

    def __contains__(self, name: str) -> bool:
        return name in self.columns

    @property
    def usable(self) -> bool:
        return "objective" in self.columns or "key_result" in self.columns or (
            "type" in self.columns and "text" in self.columns)


def map_columns(headers: list[str]) -> ColumnMap:
    cmap = ColumnMap()
    for h in headers:
        canon = canonical_column(h)
        if canon is None:
            continue
        if canon in cmap.columns:
            cmap.duplicates.append(h)
        else:
            cmap.columns[canon] = h
    return cmap


def find_header_row(rows: list[list[str]], max_scan: int = 20) -> int | None:
    """Index of the first row (within ``max_scan``) whose cells name an objective or KR column.

    Exports often put a title or a note above the table ("2026 Q3 产品部 OKR"), so the header
    is not always the first row.
    """
    for i, row in enumerate(rows[:max_scan]):
        if map_columns([str(c) for c in row]).usable:
            return i
    return None
