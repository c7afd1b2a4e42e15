"""The bad-input corpus: files as they arrive from the wild, and what okrcoach must do with each.

``python tests/bad_inputs.py`` writes the corpus to tests/data/bad/ for people to inspect; the
tests regenerate it into a temporary folder so they never depend on stale files.
Each case: (file name, bytes or a writer function, expected) where expected is
``("rows", n)`` — audited, n rows out — or ``("error", text)`` — one line naming the file.
"""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

ROWS = [["objective", "key_result", "owner"], ["提升续费体验", "续费率从 78% 提升至 85%", "王晓雯"],
        ["提升续费体验", "上线新版会员中心", "王晓雯"], ["Make onboarding effortless", "Cut TTFV from 14 to 3 days", "Priya"]]


def _csv(rows, encoding="utf-8", delimiter=",", newline="\r\n") -> bytes:
    buf = io.StringIO()
    csv.writer(buf, delimiter=delimiter, lineterminator=newline).writerows(rows)
    return buf.getvalue().encode(encoding)


def _xlsx(path: Path, sheets: dict, hidden=(), merge=None, formulas=False) -> None:
    import openpyxl

    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for r in rows:
            ws.append(r)
        if name in hidden:
            ws.sheet_state = "hidden"
        if merge and name == next(iter(sheets)):
            ws.merge_cells(merge)
    if formulas:
        ws = wb[next(iter(sheets))]
        ws.append(["提升续费体验", '=CONCATENATE("NPS 提升至 ", 45)', "王晓雯"])
    wb.save(path)


def _bytes(data: bytes):
    return lambda path: path.write_bytes(data)


CASES = [
    ("gbk.csv", _bytes(_csv(ROWS, "gbk")), ("rows", 3)),
    ("gb18030.csv", _bytes(_csv(ROWS, "gb18030")), ("rows", 3)),
    ("utf8-bom.csv", _bytes(_csv(ROWS, "utf-8-sig")), ("rows", 3)),
    ("utf16-bom.csv", _bytes(_csv(ROWS, "utf-16")), ("rows", 3)),
    ("utf16le-nobom.csv", _bytes(_csv(ROWS, "utf-16-le")), ("rows", 3)),
    ("mixed-line-endings.csv", _bytes(b"objective,key_result\r\nGrow,Hit 10%\nGrow,Hit 20%\rGrow,Hit 30%\r\n"), ("rows", 3)),
    ("semicolon.csv", _bytes(_csv(ROWS, delimiter=";")), ("rows", 3)),
    ("tabs.tsv", _bytes(_csv(ROWS, delimiter="\t")), ("rows", 3)),
    ("quoted-newlines.csv", _bytes('objective,key_result\nGrow,"Hit 10%\nby Q3"\nGrow,"Sign 5 logos"\n'.encode()), ("rows", 2)),
    # a quote never closed: the rows after it are read into one cell; the audit says so (row 2, lines 2–5)
    ("unclosed-quote.csv", _bytes('objective,key_result\nGrow,"Hit 10%\nGrow,Sign 5 logos\nGrow,Cut churn to 3%\n'
                                  'Grow,Ship SSO\n'.encode()), ("rows", 1)),
    ("duplicate-headers.csv", _bytes(b"objective,key_result,key_result\nGrow,Hit 10%,Hit 20%\n"), ("rows", 1)),
    ("blank-headers.csv", _bytes(b"objective,key_result,,\nGrow,Hit 10%,x,y\n"), ("rows", 1)),
    ("header-on-row-3.csv", _bytes(_csv([["Q3 OKR export"], [""]] + ROWS)), ("rows", 3)),
    ("interior-empty-rows.csv", _bytes(_csv(ROWS[:2] + [["", "", ""], ["", "", ""]] + ROWS[2:])), ("rows", 5)),
    ("ragged-rows.csv", _bytes(b"objective,key_result\nGrow,Hit 10%,stray note\nGrow\n"), ("rows", 2)),
    ("million-char-cell.csv", _bytes(_csv([ROWS[0], ["Grow", "续费率达到 85%" + "很" * 1_000_000, "x"]])), ("rows", 1)),
    ("nul-bytes.csv", _bytes(b"objective,key_result\nGrow,Hit\x00 10%\n"), ("rows", 1)),
    ("html-and-script.csv", _bytes(_csv([ROWS[0], ["<script>alert(1)</script>", "<img src=x onerror=alert(1)> 90%", "x"]])),
     ("rows", 1)),
    ("csv-injection.csv", _bytes(_csv([ROWS[0], ["=cmd|' /C calc'!A0", "+SUM(1,2)", "@SUM(1+1)"], ["-2+3", "=HYPERLINK(\"x\")", "y"]])),
     ("rows", 2)),
    ("very-wide.csv", _bytes(_csv([ROWS[0] + [f"extra{i}" for i in range(500)], ROWS[1] + ["v"] * 500])), ("rows", 1)),
    ("outline.csv", _bytes(_csv([["O", "KR"], ["提升续费体验", ""], ["", "续费率达到 85%"], ["", "NPS 提升至 45"]])), ("rows", 3)),
    ("cp1252.csv", _bytes("objective,key_result\nCafé growth,Reach 90% NPS\n".encode("cp1252")),
     ("error", "neither UTF-8 nor GBK")),
    ("empty.csv", _bytes(b""), ("error", "empty")),
    ("whitespace-only.csv", _bytes(b"  \r\n\t\n"), ("error", "empty")),
    ("header-only.csv", _bytes(b"objective,key_result\n"), ("error", "no data rows")),
    ("no-okr-columns.csv", _bytes(b"name,age\nbob,3\n"), ("error", "no objective or key-result column")),
    ("binary-renamed.csv", _bytes(bytes(range(256)) * 40), ("error", "binary")),
    ("xlsx-renamed.csv", _bytes(b"PK\x03\x04" + b"\x00" * 300), ("error", "zip archive")),
    ("pdf-renamed.csv", _bytes(b"%PDF-1.7\n" + b"x" * 300), ("error", "PDF")),
    ("broken.xlsx", _bytes(b"this is not a workbook"), ("error", "not a readable .xlsx")),
    ("zero-bytes.xlsx", _bytes(b""), ("error", "empty")),
    ("password-protected.xlsx", _bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600), ("error", "password-protected")),
    ("empty-workbook.xlsx", lambda p: _xlsx(p, {"Sheet1": []}), ("error", "is empty")),
    ("merged-cells.xlsx", lambda p: _xlsx(p, {"OKR": [["目标", "关键结果"], ["提升续费体验", "续费率达到 85%"], [None, "NPS 提升至 45"]]},
                                          merge="A2:A3"), ("rows", 2)),
    ("hidden-sheet.xlsx", lambda p: _xlsx(p, {"Hidden": ROWS, "Visible": ROWS[:2]}, hidden=("Hidden",)), ("rows", 1)),
    ("formulas.xlsx", lambda p: _xlsx(p, {"OKR": ROWS}, formulas=True), ("rows", 4)),
    ("several-sheets.xlsx", lambda p: _xlsx(p, {"说明": [["填写说明"]], "Q3": ROWS, "Q2": ROWS[:2]}), ("rows", 3)),
    ("old-format.xls", _bytes(b"\xd0\xcf\x11\xe0" + b"\x00" * 100), ("error", "old .xls")),
    ("draft-no-krs.md", _bytes("O1: 提升续费体验\nO2: Make onboarding effortless\n".encode()), ("rows", 2)),
    ("draft-nothing.md", _bytes("# Notes\n\n---\n".encode()), ("error", "no objective or key result lines")),
]


def _feishu(objectives, name="2026 Q3", **wrapper) -> bytes:
    """An Open API v1 users/:user_id/okrs response (see okrcoach.readers.feishu)."""
    return json.dumps({**wrapper, "code": 0, "msg": "success",
                       "data": {"okr_list": [{"name": name, "objective_list": objectives}]}}, ensure_ascii=False).encode()


_GALLERY = json.dumps({"blocks": [{"block_element_type": "gallery", "gallery": {"images": [{"src": "https://x/1.png"}]}}]})
_FEISHU_OK = [{"id": "1", "content": "提升续费体验", "kr_list": [{"id": "11", "content": "续费率从 78% 提升至 85%", "score": 60}]}]


def _feishu_many(path: Path, users: int = 1000, per_user: int = 10) -> None:
    """10,000 objectives from 1,000 users, one JSON document a line (JSONL)."""
    with open(path, "w", encoding="utf-8") as fh:
        for u in range(users):
            objs = [{"id": f"{u}-{i}", "content": f"让第 {i % 5} 类门店的复购率持续提升",
                     "kr_list": [{"id": f"{u}-{i}-1", "content": f"30 日复购率从 20% 提升到 {30 + i}%（9 月 30 日前）"}]}
                    for i in range(per_user)]
            fh.write(_feishu(objs, user_name=f"user{u}").decode() + "\n")


FEISHU_CASES = [
    ("feishu-truncated.json", _bytes(_feishu(_FEISHU_OK)[:-40]), ("error", "cut off")),
    ("feishu-error-envelope.json", _bytes(b'{"code": 99991663, "msg": "Invalid access token for authorization.", "data": {}}'),
     ("error", "Feishu API error response (code 99991663")),
    ("feishu-empty-okr-list.json", _bytes(b'{"code": 0, "msg": "success", "data": {"total": 0, "okr_list": []}}'),
     ("error", "has no OKRs")),
    ("feishu-not-okr.json", _bytes(b'{"code": 0, "data": {"items": [{"name": "x"}]}}'),
     ("error", "not a Feishu/Lark OKR export")),
    ("feishu-only-progress.json", _bytes(b'{"progress_list": [{"progress_id": "1", "content": "done"}]}'),
     ("error", "only progress records")),
    ("feishu-images-only.jsonl", _bytes(json.dumps({"cycle_id": "1", "objectives": [
        {"id": "1", "content": _GALLERY, "key_results": [{"id": "11", "content": _GALLERY}, {"id": "12", "content": "NPS 提升至 45"}]},
        {"id": "2", "content": {"text": "", "images": ["https://x/2.png"]}}]}).encode()), ("rows", 3)),
    ("feishu-no-access.json", _bytes(_feishu([{"id": "1", "permission": 0}] + _FEISHU_OK)), ("rows", 2)),
    ("feishu-concatenated.json", _bytes(_feishu(_FEISHU_OK, user_name="王晓雯") + b"\n" + _feishu(_FEISHU_OK, user_name="Priya")),
     ("rows", 2)),
    ("feishu-10000-objectives.jsonl", _feishu_many, ("rows", 10000)),
]
CASES += FEISHU_CASES


def write_corpus(folder: Path) -> list[tuple[Path, tuple]]:
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for name, make, expected in CASES:
        path = folder / name
        make(path)
        out.append((path, expected))
    return out


if __name__ == "__main__":
    written = write_corpus(Path(__file__).parent / "data" / "bad")
    print(f"wrote {len(written)} files to tests/data/bad/")
