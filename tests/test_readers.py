"""Readers: every format, layout, header synonym and encoding, with files the tests create."""
from __future__ import annotations

import csv
import io

import openpyxl
import pandas as pd
import pytest

from okrcoach.core.errors import OKRInputError
from okrcoach.readers import read_okrs, table_from_frame
from okrcoach.readers.headers import canonical_column
from okrcoach.readers.markdown import parse_draft

LONG_ROWS = [
    ["目标", "关键结果", "负责人", "团队"],
    ["提升核心用户的续费体验", "续费率从 78% 提升至 85%", "王晓雯", "会员组"],
    ["提升核心用户的续费体验", "上线新版会员中心", "王晓雯", "会员组"],
    ["Make onboarding effortless", "Cut time-to-first-value from 14 to 3 days", "Priya", "Growth"],
]


def csv_bytes(rows, encoding="utf-8", delimiter=",") -> bytes:
    buf = io.StringIO()
    csv.writer(buf, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return buf.getvalue().encode(encoding)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030", "utf-16"])
def test_csv_encodings_are_detected(tmp_path, encoding):
    path = tmp_path / f"okrs-{encoding}.csv"
    path.write_bytes(csv_bytes(LONG_ROWS, encoding))
    table = read_okrs(path)
    assert [r.key_result for r in table.rows] == [r[1] for r in LONG_ROWS[1:]]
    assert table.rows[0].owner == "王晓雯" and table.rows[0].team == "会员组"


@pytest.mark.parametrize("delimiter,suffix", [(",", ".csv"), ("\t", ".tsv"), (";", ".csv"), ("\t", ".txt")])
def test_delimiters_are_sniffed(tmp_path, delimiter, suffix):
    path = tmp_path / f"okrs{suffix}"
    path.write_bytes(csv_bytes(LONG_ROWS, delimiter=delimiter))
    assert len(read_okrs(path).rows) == 3


@pytest.mark.parametrize("header,canonical", [
    ("objective", "objective"), ("Objective", "objective"), ("目标", "objective"), ("O", "objective"),
    ("目标(O)", "objective"), ("key_result", "key_result"), ("Key Result", "key_result"), ("kr", "key_result"),
    ("KR", "key_result"), ("关键结果", "key_result"), ("关键结果（KR）", "key_result"), ("owner", "owner"),
    ("负责人", "owner"), ("department", "department"), ("部门", "department"), ("team", "team"), ("团队", "team"),
    ("cycle", "cycle"), ("周期", "cycle"), ("id", "id"), ("ID", "id"), ("score", "score"), ("评分", "score"),
    ("得分", "score"), ("progress", "progress"), ("进度", "progress"), ("Ｏｂｊｅｃｔｉｖｅ", "objective"),
    ("  KEY_RESULT ", "key_result"), ("parent", "parent"), ("上级KR", "parent"),
])
def test_header_synonyms(header, canonical):
    assert canonical_column(header) == canonical


def test_minimal_two_column_table(tmp_path):
    path = tmp_path / "min.csv"
    path.write_text("objective,key_result\nGrow revenue,Hit $2M ARR\nGrow revenue,Sign 10 new logos\n", encoding="utf-8")
    table = read_okrs(path)
    assert [(r.objective, r.key_result, r.row) for r in table.rows] == [
        ("Grow revenue", "Hit $2M ARR", 2), ("Grow revenue", "Sign 10 new logos", 3)]


def test_outline_layout_fills_objective_and_owner(tmp_path):
    rows = [["O", "KR", "Owner"], ["提升续费体验", "", "王晓雯"], ["", "续费率达到 85%", ""], ["", "上线会员中心", ""],
            ["Make onboarding effortless", "", "Priya"], ["", "Cut TTFV to 3 days", ""]]
    path = tmp_path / "outline.csv"
    path.write_bytes(csv_bytes(rows))
    table = read_okrs(path)
    assert [(r.objective, r.key_result, r.owner) for r in table.rows] == [
        ("提升续费体验", "", "王晓雯"), ("提升续费体验", "续费率达到 85%", "王晓雯"), ("提升续费体验", "上线会员中心", "王晓雯"),
        ("Make onboarding effortless", "", "Priya"), ("Make onboarding effortless", "Cut TTFV to 3 days", "Priya")]
    assert table.rows[0].is_objective_row and not table.rows[1].is_objective_row


def test_typed_layout_with_type_column(tmp_path):
    rows = [["类型", "内容"], ["O", "提升续费体验"], ["KR", "续费率达到 85%"], ["KR2", "NPS 从 30 提升至 45"], ["任务", "写周报"]]
    path = tmp_path / "typed.csv"
    path.write_bytes(csv_bytes(rows))
    table = read_okrs(path)
    assert [(r.objective, r.key_result) for r in table.rows] == [
        ("提升续费体验", ""), ("提升续费体验", "续费率达到 85%"), ("提升续费体验", "NPS 从 30 提升至 45"), ("提升续费体验", "写周报")]
    assert [i.code for i in table.rows[3].issues] == ["IN006"]


def test_header_on_row_three(tmp_path):
    rows = [["2026 Q3 产品部 OKR 导出"], [""], ["目标", "关键结果"], ["提升续费体验", "续费率达到 85%"]]
    path = tmp_path / "title.csv"
    path.write_bytes(csv_bytes(rows))
    table = read_okrs(path)
    assert table.rows[0].row == 4 and table.rows[0].key_result == "续费率达到 85%"
    assert any("row 3" in n for n in table.notes)


def _xlsx(path, sheets: dict[str, list[list]], hidden: tuple = ()):
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for r in rows:
            ws.append(r)
        if name in hidden:
            ws.sheet_state = "hidden"
    wb.save(path)
    return path


def test_excel_long_format(tmp_path):
    path = _xlsx(tmp_path / "okrs.xlsx", {"OKR": LONG_ROWS})
    table = read_okrs(path)
    assert [r.key_result for r in table.rows] == [r[1] for r in LONG_ROWS[1:]]
    assert [r.row for r in table.rows] == [2, 3, 4]


def test_excel_picks_first_sheet_with_headers_and_sheet_option(tmp_path):
    path = _xlsx(tmp_path / "multi.xlsx", {"说明": [["这是填写说明"]], "Hidden": LONG_ROWS, "OKR": LONG_ROWS[:2],
                                            "Other": LONG_ROWS}, hidden=("Hidden",))
    assert len(read_okrs(path).rows) == 1  # "说明" has no headers, "Hidden" is hidden → "OKR"
    assert len(read_okrs(path, sheet="Other").rows) == 3
    assert len(read_okrs(path, sheet=1).rows) == 3
    with pytest.raises(OKRInputError, match="no sheet 'Nope'"):
        read_okrs(path, sheet="Nope")


def test_excel_merged_objective_cells(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    for r in [["目标", "关键结果"], ["提升续费体验", "续费率达到 85%"], [None, "NPS 提升至 45"], [None, "上线会员中心"]]:
        ws.append(r)
    ws.merge_cells("A2:A4")
    path = tmp_path / "merged.xlsx"
    wb.save(path)
    assert [r.objective for r in read_okrs(path).rows] == ["提升续费体验"] * 3


def test_excel_formula_without_cached_value_is_kept_as_text(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["objective", "key_result"])
    ws.append(["Grow revenue", '=CONCAT("Hit ", "$2M ARR")'])
    path = tmp_path / "formula.xlsx"
    wb.save(path)
    assert read_okrs(path).rows[0].key_result.startswith("=CONCAT")


def test_markdown_draft_formats(tmp_path):
    draft = ("# Q3 OKR\nO1: 提升续费体验\nKR1: 续费率达到 85% KR2: 上线新版会员中心\n"
             "目标二：团队建设\n关键结果 1：完成 3 次培训\n- 开展用户访谈\n"
             "Objective 3 - Make onboarding effortless\n  - KR 3.1 Cut TTFV from 14 to 3 days\n  1. Ship the flow by May 15\n")
    path = tmp_path / "draft.md"
    path.write_text(draft, encoding="utf-8")
    table = read_okrs(path)
    assert [(r.objective, r.key_result) for r in table.rows] == [
        ("提升续费体验", "续费率达到 85%"), ("提升续费体验", "上线新版会员中心"),
        ("团队建设", "完成 3 次培训"), ("团队建设", "开展用户访谈"),
        ("Make onboarding effortless", "Cut TTFV from 14 to 3 days"),
        ("Make onboarding effortless", "Ship the flow by May 15")]
    assert [r.row for r in table.rows] == [3, 3, 5, 6, 8, 9]


def test_markdown_columns_point_at_the_text():
    text = "O1: 提升续费体验\nKR1: 续费率达到 85% KR2: 上线新版会员中心"
    lines = text.splitlines()
    for d in parse_draft(text):
        assert lines[d.line - 1][d.column:d.column + len(d.text)] == d.text


def test_dataframe_input_keeps_rows():
    df = pd.DataFrame({"objective": ["A", "A", None], "key_result": ["Hit 10%", None, "orphan"]})
    table = table_from_frame(df)
    assert len(table.rows) == 3 and table.rows[1].is_objective_row
    assert table.rows[2].objective == "A"  # continuation rows inherit the objective above


# ------------------------------------------------------------------ bad input: one line, no traceback
@pytest.mark.parametrize("name,content,match", [
    ("missing.csv", None, "no such file"),
    ("empty.csv", b"", "empty"),
    ("spaces.csv", b"   \n\n", "empty"),
    ("nocols.csv", "name,age\nbob,3\n".encode(), "no objective or key-result column"),
    ("binary.csv", b"\x00\x01\x02\x03" * 200, "binary"),
    ("renamed.csv", b"PK\x03\x04" + b"\x00" * 100, "zip archive"),
    ("broken.xlsx", b"not a zip at all", "not a readable .xlsx"),
    ("locked.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 500, "password-protected"),
    ("old.xls", b"\xd0\xcf\x11\xe0", "old .xls"),
    ("notes.md", "just some notes\n".encode(), None),
    ("empty.md", b"", "empty"),
])
def test_bad_inputs_give_one_line_errors(tmp_path, name, content, match):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    if match is None:  # a plain line in a draft is read as an objective, not an error
        assert len(read_okrs(path).rows) == 1
        return
    with pytest.raises(OKRInputError, match=match) as info:
        read_okrs(path)
    message = str(info.value)
    assert "\n" not in message and name in message


def test_empty_kr_huge_cell_html_and_nul_become_row_findings(tmp_path):
    huge = "续费率达到 85%" + "很" * 100_000
    rows = [["objective", "key_result"], ["Grow", ""], ["Grow", huge], ["Grow", "<img src=x onerror=alert(1)> 90% NPS"],
            ["Grow", "Reach\x00 90%"], ["", ""], ["Grow", "Hit 10%"], ["", ""], ["", ""]]
    path = tmp_path / "bad-cells.csv"
    path.write_bytes(csv_bytes(rows))
    table = read_okrs(path)
    assert len(table.rows) == 6  # interior blank row kept; trailing blank rows are formatting, not data
    codes = [[i.code for i in r.issues] for r in table.rows]
    assert codes[0] == [] and table.rows[0].is_objective_row
    assert "IN002" in codes[1] and len(table.rows[1].key_result) == 2000
    assert "IN003" in codes[2]
    assert "IN005" in codes[3] and "\x00" not in table.rows[3].key_result
    assert "IN001" in codes[4] and table.rows[5].key_result == "Hit 10%"
    assert len(table.frame.iloc[1]["key_result"]) == len(huge)  # the output keeps the full cell


def test_ragged_rows_keep_overflow_cells(tmp_path):
    path = tmp_path / "ragged.csv"
    path.write_text("objective,key_result\nGrow,Hit 10%,extra note\nGrow\n", encoding="utf-8")
    table = read_okrs(path)
    assert len(table.rows) == 2 and "extra note" in table.frame.iloc[0].tolist()


def test_duplicate_and_blank_headers_are_kept(tmp_path):
    path = tmp_path / "dups.csv"
    path.write_text("objective,key_result,key_result,\nGrow,Hit 10%,Hit 20%,x\n", encoding="utf-8")
    table = read_okrs(path)
    assert list(table.frame.columns) == ["objective", "key_result", "key_result.2", "column_4"]
    assert table.rows[0].key_result == "Hit 10%"
    assert any("duplicate" in n for n in table.notes)


def test_mixed_line_endings(tmp_path):
    path = tmp_path / "endings.csv"
    path.write_bytes(b"objective,key_result\r\nGrow,Hit 10%\nGrow,Hit 20%\rGrow,Hit 30%\r\n")
    assert [r.key_result for r in read_okrs(path).rows] == ["Hit 10%", "Hit 20%", "Hit 30%"]
