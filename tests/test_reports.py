"""Reports a department head reads: Chinese that renders in every chart (even with a stale font
cache), column and sheet names in the reader's language, an Excel file and an HTML page that work
on their own — while the CSV and JSON keep the machine names of the output contract."""
from __future__ import annotations

import json
import logging
import shutil

import openpyxl
import pandas as pd
import pytest
from click.testing import CliRunner

from okrcoach.auditing import CONTRACT_COLUMNS, audit_to_file, run_audit
from okrcoach.classifier.judge import LexiconJudge
from okrcoach.cli import main
from okrcoach.reports import fonts, render_html, write_report
from okrcoach.reports import vocabulary as V
from okrcoach.reports.charts import bar_figure
from stale_fonts import GLYPH_WARNINGS, cjk_font_file, run_with_config, stale_mpl_config

JUDGE = LexiconJudge()
CJK_FILE = cjk_font_file()
needs_cjk_font = pytest.mark.skipif(CJK_FILE is None, reason="no CJK font file on this machine "
                                                              "(apt-get install fonts-wqy-microhei)")


@pytest.fixture(scope="module")
def demo():
    from conftest import DATA

    return run_audit(DATA / "sample_department.csv", judge=JUDGE)


# ------------------------------------------------------------------------------------- fonts
@needs_cjk_font
def test_a_cjk_font_in_a_folder_matplotlib_never_listed_is_found_and_registered(tmp_path):
    from matplotlib import font_manager

    folder = tmp_path / "fonts"
    folder.mkdir()
    copy = folder / CJK_FILE.name
    shutil.copyfile(CJK_FILE, copy)
    family, path = fonts.find_cjk_font(extra_dirs=[folder], use_cache=False)
    assert path == str(copy)
    assert any(f.fname == str(copy) for f in font_manager.fontManager.ttflist)
    assert fonts.has_glyph(font_manager.findfont(family, fallback_to_default=False), "审")


@needs_cjk_font
def test_charts_reports_and_notebook_charts_draw_chinese_with_a_stale_font_cache(tmp_path):
    config = stale_mpl_config(tmp_path / "mpl")
    # the bug this guards against: with that cache, naming CJK families draws boxes
    before = run_with_config(config, GLYPH_WARNINGS + """
import matplotlib.pyplot as plt
plt.rcParams["font.sans-serif"] = ["WenQuanYi Micro Hei", "Noto Sans CJK SC", "PingFang SC", "DejaVu Sans"]
fig, ax = plt.subplots(); ax.set_title("会员增长组"); fig.savefig(__import__("io").BytesIO(), format="png")
print(json.dumps(glyph_warnings()))
""")
    assert before.returncode == 0, before.stderr
    assert json.loads(before.stdout.splitlines()[-1]), "the cache is not stale: matplotlib already knows a CJK font"

    out = tmp_path / "out"
    out.mkdir()
    after = run_with_config(config, GLYPH_WARNINGS + f"""
from okrcoach.auditing import run_audit
from okrcoach.classifier.judge import LexiconJudge
from okrcoach.reports import write_report
from okrcoach.reports.charts import audit_charts
from okrcoach.reports.fonts import cjk_font
from okrcoach.widgets.sessions import AuditSession
from importlib.resources import files
result = run_audit(str(files("okrcoach") / "data" / "sample_department.csv"), judge=LexiconJudge())
write_report(result, {str(out / 'demo.html')!r}); write_report(result, {str(out / 'demo.xlsx')!r})
audit_charts(result.summary, fmt="png")                       # notebook 02's charts cell
session = AuditSession(judge=LexiconJudge()); session.load(result); session.charts("zh")   # the explorer
print(json.dumps({{"font": cjk_font(), "glyph": glyph_warnings()}}))
""")
    assert after.returncode == 0, after.stderr
    got = json.loads(after.stdout.splitlines()[-1])
    assert got["font"] and got["glyph"] == []
    assert "no Chinese (CJK) font" not in after.stderr


def test_no_cjk_font_is_said_once_in_one_line_with_the_install_hint(monkeypatch, caplog, recwarn):
    from okrcoach.reports.charts import bar_chart

    monkeypatch.setattr(fonts, "find_cjk_font", lambda *a, **k: None)
    fonts.reset()
    try:
        with caplog.at_level(logging.WARNING, logger="okrcoach"):
            bar_chart(["会员增长组", "支付平台组"], [1, 2], "待办型 KR", fmt="png")
            bar_chart(["数据智能组"], [3], "目标问题", fmt="svg")
        said = [r.getMessage() for r in caplog.records if "CJK" in r.getMessage()]
        assert len(said) == 1 and "\n" not in said[0] and "apt-get install fonts-wqy-microhei" in said[0]
        assert not [w for w in recwarn if "missing from font" in str(w.message)]  # not once per character
    finally:
        fonts.reset()


def test_counts_get_whole_number_ticks_and_shares_percent_ticks():
    fig = bar_figure(["模糊", "任务式"], [1, 2], "目标问题", integer=True)
    ticks = fig.axes[0].get_xticks()
    assert len(ticks) >= 2 and all(float(t).is_integer() for t in ticks)
    loose = bar_figure(["模糊", "任务式"], [1, 2], "目标问题").axes[0].get_xticks()
    assert not all(float(t).is_integer() for t in loose)  # what matplotlib does on its own


# --------------------------------------------------------------------------- reader's language
def test_majority_language_picks_the_headers():
    zh = pd.DataFrame({"lang": ["zh", "zh", "en"]})
    assert V.majority_lang(zh) == "zh" and V.majority_lang(zh.assign(lang=["en", "en", "zh"])) == "en"


def test_excel_speaks_the_readers_language_and_leads_with_what_a_reader_scans(demo, tmp_path):
    wb = openpyxl.load_workbook(write_report(demo, tmp_path / "zh.xlsx"))
    assert wb.sheetnames == ["汇总", "逐行结果", "按部门", "按团队", "按负责人", "说明"]
    rows = wb["逐行结果"]
    head = [c.value for c in rows[1]]
    assert head[:11] == ["部门", "团队", "负责人", "周期", "目标", "关键结果 (KR)", "KR 判断", "目标判断", "规则",
                         "问题说明", "改写建议"]
    assert head[-9:] == [V.pick(V.ROW_COLUMNS[k], "zh") for k in V.TECHNICAL]
    assert "待办型" in [c.value for c in next(rows.iter_cols(min_col=7, max_col=7))]  # label values too
    team = [c.value for c in wb["按团队"][1]]
    assert {"团队", "目标数", "KR 数", "待办型占比", "无指标占比", "健康分"} <= set(team)
    en = openpyxl.load_workbook(write_report(demo, tmp_path / "en.xlsx", lang="en"))
    assert en.sheetnames == ["Summary", "Rows", "By department", "By team", "By owner", "Legend"]
    assert [c.value for c in en["Rows"][1]][:3] == ["Department", "Team", "Owner"]
    assert {"To-do share", "Health"} <= {c.value for c in en["By team"][1]}


def test_excel_works_on_its_own(demo, tmp_path):
    wb = openpyxl.load_workbook(write_report(demo, tmp_path / "r.xlsx"))
    summary, rows, team = wb["汇总"], wb["逐行结果"], wb["按团队"]
    figures = {r[0].value: r[1].value for r in summary.iter_rows(min_row=6, max_col=2) if r[0].value}
    assert figures["KR 数"] == 92 and figures["健康分"] == demo.summary.overall["health"]
    assert len(summary._images) == 4  # the four charts
    lit = {str(cf.sqref): [r.formula for r in cf.rules] for cf in summary.conditional_formatting}
    health_row = next(r[0].row for r in summary.iter_rows(min_row=6, max_col=1) if r[0].value == "健康分")
    assert f"B{health_row}" in lit and len(lit[f"B{health_row}"]) == 3  # red, yellow, green
    for ws in (rows, team):
        assert ws.freeze_panes == "A2" and ws.auto_filter.ref.startswith("A1:")
    head = [c.value for c in team[1]]
    health_col = openpyxl.utils.get_column_letter(head.index("健康分") + 1)
    share_col = openpyxl.utils.get_column_letter(head.index("待办型占比") + 1)
    ranges = " ".join(str(cf.sqref) for cf in team.conditional_formatting)
    assert f"{health_col}2:{health_col}8" in ranges and f"{share_col}2:{share_col}8" in ranges
    assert team[f"{share_col}2"].number_format == "0%"
    rhead = [c.value for c in rows[1]]
    kr = openpyxl.utils.get_column_letter(rhead.index("关键结果 (KR)") + 1)
    assert rows.column_dimensions[kr].width >= 40 and rows[f"{kr}2"].alignment.wrap_text
    assert all(8 <= rows.column_dimensions[openpyxl.utils.get_column_letter(i + 1)].width <= 48
               for i in range(len(rhead)))
    severity = rows.conditional_formatting
    assert any('="警告"' in r.formula[0] for cf in severity for r in cf.rules if r.formula)
    assert summary["B2"].value == "sample_department.csv"  # by name, not the path it was read from


def test_the_legend_explains_every_column_in_both_languages(demo, tmp_path):
    for lang in ("zh", "en"):
        wb = openpyxl.load_workbook(write_report(demo, tmp_path / f"{lang}.xlsx", lang=lang))
        legend = wb[V.sheet_name("legend", lang)]
        entries = {(r[0], r[1], r[2]): (r[3], r[4]) for r in legend.iter_rows(values_only=True) if r[2]}
        names = {zh for zh, _, _ in entries} | {en for _, en, _ in entries}
        explained = all(m_zh and m_en for m_zh, m_en in entries.values())
        assert explained
        for sheet in wb.sheetnames[1:-1]:  # Rows and the per-group sheets
            assert {c.value for c in wb[sheet][1]} <= names, sheet
        summary = wb[V.sheet_name("summary", lang)]
        assert {r[0].value for r in summary.iter_rows(min_row=6, max_row=5 + len(demo.summary.overall), max_col=1)
                } <= names


def test_streamed_excel_equals_the_in_memory_one(demo, data_dir, tmp_path):
    whole = openpyxl.load_workbook(write_report(demo, tmp_path / "whole.xlsx"))
    audit_to_file(data_dir / "sample_department.csv", tmp_path / "streamed.xlsx", judge=JUDGE, chunk_rows=7,
                  stream_min_bytes=0)
    streamed = openpyxl.load_workbook(tmp_path / "streamed.xlsx")
    assert streamed.sheetnames == whole.sheetnames
    for name in whole.sheetnames[1:]:
        assert list(streamed[name].values) == list(whole[name].values), name


def test_csv_and_json_keep_the_machine_names_whatever_lang(data_dir, tmp_path):
    runner = CliRunner()
    src = str(data_dir / "sample_department.csv")
    outputs = {}
    for lang in (None, "zh", "en"):
        for suffix in (".csv", ".json"):
            out = tmp_path / f"{lang}{suffix}"
            args = ["audit", src, "--no-model", "-o", str(out)] + (["--lang", lang] if lang else [])
            result = runner.invoke(main, args)
            assert result.exit_code == 0, result.output
            outputs[(lang, suffix)] = out.read_bytes()
    for suffix in (".csv", ".json"):
        assert outputs[(None, suffix)] == outputs[("zh", suffix)] == outputs[("en", suffix)]
    header = outputs[(None, ".csv")].decode("utf-8-sig").splitlines()[0].split(",")
    assert header[:9] == ["id", "department", "team", "owner", "cycle", "objective", "key_result", "score", "parent"]
    assert header[9:9 + len(CONTRACT_COLUMNS)] == CONTRACT_COLUMNS
    rows = json.loads(outputs[(None, ".json")])["rows"]
    assert list(rows[0])[9:9 + len(CONTRACT_COLUMNS)] == CONTRACT_COLUMNS


def test_cli_lang_names_the_excel_and_html_columns(data_dir, tmp_path):
    runner = CliRunner()
    src = str(data_dir / "sample_department.csv")
    for lang, sheet, header in (("en", "Rows", "To-do share"), ("zh", "逐行结果", "待办型占比")):
        xlsx, html = tmp_path / f"{lang}.xlsx", tmp_path / f"{lang}.html"
        for out in (xlsx, html):
            result = runner.invoke(main, ["audit", src, "--no-model", "--lang", lang, "-o", str(out)])
            assert result.exit_code == 0, result.output
        assert sheet in openpyxl.load_workbook(xlsx).sheetnames
        assert f"<th>{header}</th>" in html.read_text(encoding="utf-8")
    bad = runner.invoke(main, ["audit", src, "--no-model", "--lang", "fr", "-o", str(tmp_path / "x.html")])
    assert bad.exit_code == 2


def test_english_input_gets_english_headers_by_default(tmp_path):
    df = pd.DataFrame({"team": ["Growth"] * 3, "objective": ["Make onboarding faster"] * 3,
                       "key_result": ["Cut time-to-value from 9 to 5 days by Sep 30", "Create onboarding deck",
                                      "Hold 4 webinars"]})
    result = run_audit(df, judge=JUDGE)
    assert "Rows" in openpyxl.load_workbook(write_report(result, tmp_path / "r.xlsx")).sheetnames
    assert '<html lang="en">' in render_html(result)


# ------------------------------------------------------------------------------------- HTML
def test_html_report_is_readable_offline_and_printable(demo, data_dir):
    html = render_html(demo)
    assert '<html lang="zh-CN">' in html and "<th>待办型占比</th>" in html and "<th>关键结果 (KR)</th>" in html
    assert str(data_dir) not in html and "sample_department.csv" in html  # the file by name only
    assert 'id="q"' in html and 'id="sev"' in html and "aria-sort" in html  # filter and sort, inline
    assert "@media print" in html
    assert "http://" not in html and "https://" not in html  # no CDN, nothing fetched
    assert '<span class="code">KR101</span>' in html  # findings as badges with their message
    en = render_html(demo, lang="en")
    assert "<th>To-do share</th>" in en and "Most common findings" in en


def test_html_escapes_user_text_in_every_new_place(tmp_path):
    evil = "<img src=x onerror=alert(1)>"
    df = pd.DataFrame({"team": [evil], "owner": [evil], "objective": [evil], "key_result": ["上线 " + evil]})
    html = render_html(run_audit(df, judge=JUDGE))
    assert "<img src=x" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html


def test_report_source_name_hides_the_folder():
    from okrcoach.reports.html import source_name

    assert source_name("/home/ana/exports/okrs.csv") == "okrs.csv"
    assert source_name("C:\\Users\\ana\\okrs.xlsx") == "okrs.xlsx"
    assert source_name("<DataFrame>") == "<DataFrame>"


def test_control_characters_in_cells_still_make_an_xlsx(tmp_path):
    # a database export with \x01 / \x0b in a cell: openpyxl refuses such text and the whole workbook was lost
    src = tmp_path / "ctrl.csv"
    src.write_text("objective,key_result,owner\n提升客户满意度,\"NPS 从 30 提升至 50\x01\",张三\nGrow revenue,\"Ship \x0b SSO\",Li\n",
                   encoding="utf-8")
    summary, n, _, path = audit_to_file(src, tmp_path / "ctrl.xlsx", judge=LexiconJudge())
    assert n == 2 and summary.findings_by_code.get("IN005") == 2
    cells = [c for ws in openpyxl.load_workbook(path).worksheets for row in ws.iter_rows(values_only=True) for c in row]
    assert any(isinstance(c, str) and "NPS 从 30 提升至 50\ufffd" in c for c in cells)


def test_control_characters_in_check_ins_still_make_an_xlsx(tmp_path):
    from okrcoach.auditing.checkins import check_updates
    from okrcoach.reports.checkin_report import write_checkins

    result = check_updates(pd.DataFrame({"key_result": ["签约 3 家"], "progress": ["本周拜访了 5 家客户\x02"],
                                         "score": ["0.2"], "risks": [""], "next": ["=整理报价"]}), judge=LexiconJudge())
    cells = [c for row in openpyxl.load_workbook(write_checkins(result, tmp_path / "c.xlsx")).active.iter_rows(values_only=True)
             for c in row]
    assert "本周拜访了 5 家客户\ufffd" in cells and "'=整理报价" in cells
