"""From a table of strings to OKR rows: column mapping, layouts (long / outline / typed), cell hygiene."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..core.errors import OKRInputError
from .headers import SYNONYMS, ColumnMap
from .okr_type import parse_okr_type

# Cells longer than this are analysed on their first MAX_ANALYSED_CHARS characters only; the
# output keeps the full cell. Nobody writes a 5,000-character KR on purpose.
MAX_ANALYSED_CHARS = 2000
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_MARKUP = re.compile(r"<\s*/?\s*[A-Za-z!][^<>]{0,200}>")
_TYPE_OBJECTIVE = {"o", "objective", "目标", "obj", "goal"}
_SPACES = re.compile(r"\s+")
_TRAILING_NUMBER = re.compile(r"[\d.]+$")
_TYPE_KR = {"kr", "keyresult", "key result", "key_result", "关键结果", "关键成果"}


@dataclass(frozen=True)
class RowIssue:
    """Something wrong with a cell that the audit reports as an input finding (IN… rules)."""

    code: str
    column: str
    detail: str = ""


@dataclass
class OKRRow:
    """One source row, normalised. ``key_result`` is empty on objective-only rows."""

    row: int
    objective: str = ""
    key_result: str = ""
    owner: str = ""
    team: str = ""
    department: str = ""
    cycle: str = ""
    id: str = ""
    score: str = ""
    progress: str = ""
    parent: str = ""
    okr_type: str = ""  # committed / aspirational / learning as given in a type cell ("" when none)
    issues: list[RowIssue] = field(default_factory=list)
    objective_parent: str = ""  # the objective's own superior, where a reader knows it (Feishu alignments)

    @property
    def is_objective_row(self) -> bool:
        return not self.key_result


def clean_cell(value: object, column: str, issues: list[RowIssue]) -> str:
    """A cell as analysable text: control characters out, very long text cut, markup noted."""
    if value is None:
        return ""
    text = value if isinstance(value, str) else str(value)
    if not text:
        return ""
    if _plain(text):
        return text
    if _CONTROL.search(text):
        text = _CONTROL.sub(" ", text)
        issues.append(RowIssue("IN005", column))
    text = " ".join(text.split()) if ("\n" in text or "\r" in text or "\t" in text) else text.strip()
    if len(text) > MAX_ANALYSED_CHARS:
        issues.append(RowIssue("IN002", column, str(len(text))))
        text = text[:MAX_ANALYSED_CHARS]
    if "<" in text and _MARKUP.search(text):
        issues.append(RowIssue("IN003", column))
    return text


def _plain(text: str) -> bool:
    """True when :func:`clean_cell` would give ``text`` back unchanged and note nothing: most cells.

    A printable string holds no control character, tab or line break, and its only whitespace is
    the ASCII space (other spaces are not printable), so ``strip`` could only remove end spaces.
    """
    return (text.isprintable() and len(text) <= MAX_ANALYSED_CHARS and "<" not in text
            and text[0] != " " and text[-1] != " ")


# joins a column's cells for :func:`_plain_column`: printable (so the joined text is printable exactly when
# every cell is) and rare in OKR text (a cell holding it next to a space only costs the per-cell path)
_JOIN = "\u00a6"


def _plain_column(cells: list) -> bool:
    """True when :func:`clean_cell` gives every cell back unchanged and notes nothing: each is an empty or a
    :func:`_plain` string. Checked on the column joined (one scan in C, not two calls per cell): printable,
    no "<", no space at either end or beside a separator, no cell too long."""
    try:
        joined = _JOIN.join(cells)
    except TypeError:  # None or a number: clean_cell makes text of those
        return False
    return (joined.isprintable() and "<" not in joined and joined[:1] != " " and joined[-1:] != " "
            and " " + _JOIN not in joined and _JOIN + " " not in joined
            and max(map(len, cells), default=0) <= MAX_ANALYSED_CHARS)


# a column's cleaned cells and, by record index, the issues of the few cells that noted any
_Cleaned = tuple[list[str], dict[int, list[RowIssue]]]


def _clean_column(raw: list, column: str) -> _Cleaned:
    """:func:`clean_cell` over the cells ``raw`` of one column."""
    if _plain_column(raw):
        return raw, {}
    cells, noted = [], {}
    for i, value in enumerate(raw):
        found: list[RowIssue] = []
        cells.append(clean_cell(value, column, found))
        if found:
            noted[i] = found
    return cells, noted


def _cell(cleaned: _Cleaned, i: int, issues: list[RowIssue]) -> str:
    """Record ``i``'s cleaned cell; the issues it noted join ``issues`` (what ``clean_cell(..., issues)`` did)."""
    cells, noted = cleaned
    if noted and i in noted:
        issues.extend(noted[i])
    return cells[i]


def _carried_cells(i: int, carried_cols: list, cleaned: dict[str, _Cleaned], carried: dict,
                   issues: list[RowIssue]) -> list:
    """Owner/team/department/cycle cells of record ``i``: each non-blank one is carried down; returns
    ``(name, text, issues it noted)`` per cell for the objective-row pass over the same cells."""
    owned = []
    for name, col in carried_cols:
        cells, noted = cleaned[col]
        value = cells[i]
        found = noted.get(i, ()) if noted else ()
        if found:
            issues.extend(found)
        if value:
            carried[name] = value
        owned.append((name, value, found))
    return owned


@dataclass
class FillState:
    """What continuation rows inherit; carried from one chunk of a large file to the next."""

    objective: str = ""
    carried: dict = field(default_factory=lambda: {"owner": "", "team": "", "department": "", "cycle": ""})


def frame_to_rows(frame: "pd.DataFrame", cmap: ColumnMap, first_row: int, path: str = "",
                  state: FillState | None = None) -> list[OKRRow]:
    """Turn a string DataFrame into OKR rows, one per frame row, in order.

    Works for the long layout (objective repeated on every KR row), the outline layout (an
    objective row, then KR rows with the objective cell empty or merged) and a typed layout
    (a ``type`` column saying O/KR with the line in a ``text`` column). Continuation rows
    inherit the objective and the owner/team/department/cycle of the row above.
    """
    columns = list(frame.columns)
    if _string_frame(frame):  # what the readers make: each column's cells are read straight from the frame
        n = len(frame)
        return _to_rows(columns, n, lambda col: frame[col].tolist() if col in frame.columns else [None] * n,
                        cmap, first_row, path, state)
    records = frame.to_dict("records") if len(frame.columns) else [{} for _ in range(len(frame))]
    return records_to_rows(columns, records, cmap, first_row, path, state)


def _string_frame(frame: "pd.DataFrame") -> bool:
    """A table of strings under unique column names: its cells need none of ``to_dict``'s boxing of numpy
    scalars, which cost more than the rows' cleaning."""
    from pandas.api.types import infer_dtype

    return (frame.columns.is_unique and len(frame) > 0 and len(frame.columns) > 0
            and all(dtype == object for dtype in frame.dtypes)
            and all(infer_dtype(frame.iloc[:, j], skipna=False) == "string" for j in range(len(frame.columns))))


def records_to_rows(columns: list[str], records: list[dict], cmap: ColumnMap, first_row: int, path: str = "",
                    state: FillState | None = None) -> list[OKRRow]:
    """:func:`frame_to_rows` on plain records (``{column: cell}`` per row): drafts need no pandas."""
    return _to_rows(columns, len(records), lambda col: [rec.get(col) for rec in records], cmap, first_row, path, state)


def _to_rows(columns: list[str], n: int, cells_of, cmap: ColumnMap, first_row: int, path: str,
             state: FillState | None) -> list[OKRRow]:
    """The rows of a table of ``n`` records whose column ``col`` holds the cells ``cells_of(col)`` (None where a
    record has no such cell)."""
    if not cmap.usable:
        found = ", ".join(repr(str(c)) for c in columns[:12]) or "none"
        raise OKRInputError(
            "no objective or key-result column found (headers seen: " + found + "); name a column "
            "objective/目标/O or key_result/KR/关键结果", path=path)
    cols = {name: cmap.get(name) for name in SYNONYMS}
    typed = cols["type"] is not None and cols["text"] is not None and cols["objective"] is None and cols["key_result"] is None
    # the OKR type: an okr_type column, else a type/类型 column when that does not name O/KR lines and at
    # least one of its cells names an OKR type (a 类型 column of 个人/团队 is someone else's column, not ours)
    type_col = cols["okr_type"]
    if type_col is None and cols["type"] is not None and not typed and any(
            parse_okr_type(v) for v in cells_of(cols["type"])[:5000] if isinstance(v, str) and v.strip()):
        type_col = cols["type"]
    out: list[OKRRow] = []
    state = state if state is not None else FillState()
    current_obj = state.objective
    carried = state.carried
    # the columns each row reads, looked up once: an absent column reads as "" and notes nothing
    carried_cols = [(name, cols.get(name)) for name in carried if cols.get(name) is not None]
    tail_cols = [cols[name] for name in ("id", "score", "progress", "parent")]
    obj_col, kr_col, type_c, text_c = cols["objective"], cols["key_result"], cols["type"], cols["text"]
    # every cell a row reads, cleaned a column at a time: most columns are plain text, checked in one go
    read = [type_c, text_c] if typed else [obj_col, kr_col]
    read += [col for _, col in carried_cols] + tail_cols + [type_col]
    cleaned = {col: _clean_column(cells_of(col), col) for col in dict.fromkeys(read) if col is not None}
    obj_cells = cleaned[obj_col] if obj_col is not None and not typed else None
    kr_cells = cleaned[kr_col] if kr_col is not None and not typed else None
    any_tail = any(col is not None for col in tail_cols)
    for i in range(n):
        issues: list[RowIssue] = []
        if typed:
            kind = _SPACES.sub(" ", _cell(cleaned[type_c], i, issues).lower()).strip()
            text = _cell(cleaned[text_c], i, issues)
            kind_key = _TRAILING_NUMBER.sub("", kind).strip()
            if kind_key in _TYPE_OBJECTIVE:
                obj, kr = text, ""
            elif kind_key in _TYPE_KR:
                obj, kr = "", text
            else:
                obj, kr = "", text
                if text:
                    issues.append(RowIssue("IN006", type_c, kind))
        else:
            obj = _cell(obj_cells, i, issues) if obj_cells is not None else ""
            kr = _cell(kr_cells, i, issues) if kr_cells is not None else ""
        owned = _carried_cells(i, carried_cols, cleaned, carried, issues)
        if obj:
            current_obj = obj
            for name, value, noted in owned:  # a new objective row does not inherit blanks from the one above
                issues.extend(noted)  # the cell is read twice on such a row, so its issues are noted twice
                if not value:
                    carried[name] = ""
        elif kr:
            obj = current_obj
            if not obj and (obj_col is not None or typed):
                issues.append(RowIssue("IN004", kr_col or text_c or ""))
        ident = score = progress = parent = okr_type = ""
        if any_tail:
            ident, score, progress, parent = (_cell(cleaned[col], i, issues) if col is not None else ""
                                              for col in tail_cols)
        if type_col is not None:
            given = _cell(cleaned[type_col], i, issues)
            parsed = parse_okr_type(given)
            if parsed is None:
                issues.append(RowIssue("IN007", type_col, given))
            okr_type = parsed or ""
        if not obj and not kr:
            issues.append(RowIssue("IN001", kr_col or obj_col or text_c or ""))
        out.append(OKRRow(first_row + i, objective=obj, key_result=kr, owner=carried["owner"], team=carried["team"],
                          department=carried["department"], cycle=carried["cycle"], id=ident, score=score,
                          progress=progress, parent=parent, okr_type=okr_type, issues=issues))
    state.objective = current_obj
    return out
