"""What only a browser can show: the Voilà workshop app and JupyterLab rendering and driving the widgets.

Each test starts its own server on 127.0.0.1 with a free port (``browser_support``) and stops
it at the end; Chromium is Debian's ``/usr/bin/chromium`` driven by Playwright with a fresh
profile. Screenshots go to ``artifacts/screenshots/``; with ``OKRCOACH_UPDATE_SCREENSHOTS=1``
the coach-panel one is also copied to ``docs/screenshots/coach-panel.png`` for the README.
"""
from __future__ import annotations

import os
import re
import shutil

import pytest

from browser_support import ARTIFACTS, CHROMIUM, REPO, jupyterlab_server, launch_chromium, workshop_server

pytestmark = [pytest.mark.browser, pytest.mark.slow]

if not CHROMIUM.exists():
    pytest.skip(f"{CHROMIUM} not found (apt-get install chromium fonts-wqy-microhei)", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install playwright)")
expect = sync_api.expect

DRAFT_START = ("O1: 让新会员在第一个月就养成复购习惯\nKR1: 9 月底前，新会员 30 日内二次下单率从 22% 提升至 30%\n"
               "KR2: 复购提醒 push 点击率提升至 xx%\n")
TODO_KR = "KR3: 上线会员积分功能"
REWRITE = "9 月底前，会员积分兑换用户达到 3000 人"
UPLOAD_CSV = """department,team,owner,objective,key_result
浏览器测试部,浏览器测试组,林一,让新客户更快上手,9 月底前新客户首周激活率从 40% 提升至 55%
浏览器测试部,浏览器测试组,林一,让新客户更快上手,上线新手引导
浏览器测试部,上传检查组,Alex,Make onboarding faster,Cut time-to-first-value from 9 to 5 days by Sep 30
浏览器测试部,上传检查组,Alex,Make onboarding faster,Create onboarding deck
"""


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_api.sync_playwright() as p:
        context = launch_chromium(p, tmp_path_factory.mktemp("chromium-profile"))
        context.set_default_timeout(30_000)
        yield context
        context.close()


def _open_workshop(browser, server):
    """A page on the Voilà workshop app, once its draft box is there (Voilà runs the notebook first)."""
    page = browser.new_page()
    page.set_viewport_size({"width": 1280, "height": 1250})
    page.goto(server.url, timeout=60_000)
    textarea = page.locator(".okrc-draft textarea")
    textarea.wait_for(timeout=60_000)
    return page, textarea


def test_workshop_app_flags_a_todo_kr_and_apply_fixes_it(browser, tmp_path_factory):
    work = tmp_path_factory.mktemp("voila")
    with workshop_server(work) as server:
        page, textarea = _open_workshop(browser, server)
        title = page.get_by_role("heading", name="OKR 教练 · OKR coach")
        expect(title).to_be_visible()

        textarea.fill(DRAFT_START)
        textarea.press("End")
        textarea.press_sequentially(TODO_KR, delay=20)  # typed; checked ~200 ms after the typing pauses
        apply = page.locator("button.okrc-apply-KR101")
        expect(apply).to_have_count(1, timeout=30_000)
        finding = page.locator(".okrc-finding-widget", has_text="KR101")
        expect(finding).to_be_visible()
        expect(page.locator(".okrc-line-widget mark").first).to_be_visible()
        page.screenshot(path=str(ARTIFACTS / "voila-coach-todo-found.png"))

        row = page.locator(".widget-hbox", has=apply)
        row.locator(".okrc-rewrite input").fill(REWRITE)
        apply.click()
        expect(apply).to_have_count(0, timeout=30_000)
        expect(textarea).to_have_value(re.compile(re.escape(REWRITE)))
        expect(page.locator(".okrc-score-widget")).to_contain_text("修改前")
        expect(page.locator(".okrc-score-widget .okrc-up")).to_be_visible()
        expect(page.locator("button.okrc-apply-KR103")).to_have_count(1)  # the other finding stays
        title.evaluate("e => e.scrollIntoView()")
        shot = ARTIFACTS / "voila-coach-panel.png"
        page.screenshot(path=str(shot))
        if os.environ.get("OKRCOACH_UPDATE_SCREENSHOTS") == "1":
            shutil.copyfile(shot, REPO / "docs" / "screenshots" / "coach-panel.png")

        # the second tab: a weekly check-in with traffic lights and progress-note labels
        page.get_by_role("tab", name="周报 · 复盘").click()
        checkin = page.locator(".okrc-checkin")
        checkin.get_by_role("button", name="示例周报").click()
        expect(checkin.locator(".okrc-checkin-card")).to_have_count(7, timeout=30_000)
        expect(checkin.locator(".okrc-light-red").first).to_be_visible()
        expect(checkin.locator(".okrc-checkin-results")).to_contain_text("CHECKIN602")
        expect(checkin.locator(".okrc-checkin-summary")).to_contain_text("7 条更新")
        page.screenshot(path=str(ARTIFACTS / "voila-checkin-tab.png"))
        page.close()


def test_workshop_app_picks_a_rewrite_candidate_and_adds_a_kr_idea(browser, tmp_path_factory):
    work = tmp_path_factory.mktemp("voila-candidates")
    with workshop_server(work) as server:
        page, textarea = _open_workshop(browser, server)
        textarea.fill("O1: 提升会员复购\n")
        textarea.press("End")
        textarea.press_sequentially("KR1: 上线新版会员中心", delay=20)

        picker = page.locator(".okrc-candidates-KR101 select")
        expect(picker).to_have_count(1, timeout=30_000)
        options = picker.locator("option")
        expect(options).to_have_count(3)
        second = options.nth(1).inner_text().replace("\xa0", " ").strip()  # ipywidgets shows spaces as nbsp
        assert second.startswith("新版会员中心上线后，") and "[基线]" in second
        picker.select_option(index=1)
        apply = page.locator("button.okrc-apply-KR101")
        row = page.locator(".widget-hbox", has=apply)
        expect(row.locator(".okrc-rewrite input")).to_have_value(second)
        apply.click()
        expect(textarea).to_have_value(re.compile(re.escape("KR1: " + second)), timeout=30_000)
        expect(page.locator(".okrc-question").first).to_be_visible()

        page.locator("button.okrc-ideas").first.click()
        idea = page.locator(".okrc-idea input").first
        expect(idea).to_have_value(re.compile(r"会员复购率从 \[基线\] 提升至 \[目标\]"), timeout=30_000)
        idea.fill("9 月底前，会员复购率从 21% 提升至 28%")
        page.locator("button.okrc-add-kr-0").click()
        expect(textarea).to_have_value(re.compile(re.escape("KR2: 9 月底前，会员复购率从 21% 提升至 28%")),
                                       timeout=30_000)
        page.screenshot(path=str(ARTIFACTS / "voila-coach-kr-ideas.png"))


def test_jupyterlab_runs_the_audit_notebook_and_an_upload_draws_charts(browser, tmp_path_factory):
    work = tmp_path_factory.mktemp("lab")
    root = work / "root"
    root.mkdir()
    for nb in (REPO / "notebooks").glob("*.ipynb"):  # copies: JupyterLab autosaves outputs into what it opens
        shutil.copy(nb, root / nb.name)
    upload = work / "browser-upload.csv"
    upload.write_text(UPLOAD_CSV, encoding="utf-8")

    with jupyterlab_server(root, work) as server:
        page = browser.new_page()
        page.goto(server.url.replace("/lab?", "/lab/tree/02-department-audit.ipynb?"), timeout=60_000)
        expect(page.locator(".jp-NotebookPanel")).to_be_visible(timeout=60_000)
        expect(page.locator(".jp-Notebook .jp-Cell").first).to_be_visible()
        expect(page.locator("#jp-main-statusbar")).to_contain_text("Idle", timeout=60_000)  # kernel up, app ready

        page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(r"^Run$")).click()
        page.locator(".lm-Menu-itemLabel", has_text=re.compile(r"^Run All Cells$")).click()

        explorer = page.locator(".okrc-audit").last
        # the last cell's empty explorer exists once every cell ran
        expect(page.locator(".okrc-audit")).to_have_count(2, timeout=120_000)
        expect(explorer.locator(".okrc-status")).to_contain_text("还没有数据", timeout=60_000)
        expect(page.locator(".okrc-audit").first.locator("img.okrc-chart").first).to_be_visible()

        explorer.scroll_into_view_if_needed()
        with page.expect_file_chooser() as chooser:
            explorer.locator(".okrc-upload").click()
        chooser.value.set_files(str(upload))

        expect(explorer.locator(".okrc-status")).to_contain_text("browser-upload.csv", timeout=60_000)
        chart = explorer.locator("img.okrc-chart").first
        expect(chart).to_be_visible(timeout=30_000)
        page.wait_for_function("img => img.complete && img.naturalWidth > 100", arg=chart.element_handle())  # decoded
        expect(explorer.locator(".okrc-summary")).to_contain_text("浏览器测试组")
        expect(explorer.locator(".okrc-rows")).to_contain_text("上线新手引导")
        chart.scroll_into_view_if_needed()
        page.screenshot(path=str(ARTIFACTS / "jupyterlab-audit-upload.png"))
        page.close()


LABEL_DRAFT = """O1: 让新会员在第一个月就养成复购习惯
KR1: 上线会员积分功能
KR2: 新会员 30 日复购率从 22% 提升至 30%
KR3: 完成 8 次用户访谈
KR4: Hold 4 onboarding webinars
"""


def test_jupyterlab_labeling_studio_writes_each_label_to_the_csv(browser, tmp_path_factory):
    import csv

    import nbformat

    work = tmp_path_factory.mktemp("lab-labeling")
    root = work / "root"
    root.mkdir()
    labels = root / "browser-labels.csv"
    nb = nbformat.v4.new_notebook()
    nb.metadata = {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}}
    nb.cells = [nbformat.v4.new_code_cell(
        "from okrcoach.widgets import LabelingStudio\n"
        f"LabelingStudio({LABEL_DRAFT!r}, labels_path={str(labels)!r}, ui_lang='en')")]
    nbformat.write(nb, root / "label.ipynb")

    def csv_rows():
        if not labels.exists():
            return []
        with open(labels, encoding="utf-8", newline="") as fh:
            return list(csv.DictReader(fh))

    with jupyterlab_server(root, work) as server:
        page = browser.new_page()
        page.goto(server.url.replace("/lab?", "/lab/tree/label.ipynb?"), timeout=60_000)
        expect(page.locator("#jp-main-statusbar")).to_contain_text("Idle", timeout=60_000)
        page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(r"^Run$")).click()
        page.locator(".lm-Menu-itemLabel", has_text=re.compile(r"^Run All Cells$")).click()

        studio = page.locator(".okrc-labeling")
        card = studio.locator(".okrc-label-card")
        expect(card).to_be_visible(timeout=120_000)
        first = card.inner_text()
        studio.locator("button.okrc-label-outcome").click()  # a button
        expect(studio.locator(".okrc-label-progress")).to_contain_text("1 labeled so far", timeout=30_000)
        assert len(csv_rows()) == 1
        expect(card).not_to_have_text(first)

        keys = studio.locator(".okrc-label-keys input")
        keys.click()
        keys.press("2")  # a key: to-do
        expect(studio.locator(".okrc-label-progress")).to_contain_text("2 labeled so far", timeout=30_000)
        got = csv_rows()
        assert [r["label"] for r in got] == ["outcome", "todo"]
        assert got[0]["text"] in first
        expect(keys).to_have_value("")
        page.screenshot(path=str(ARTIFACTS / "jupyterlab-labeling-studio.png"))
        page.close()


def _demo_reports(folder):
    """The demo audit (``okrcoach audit --demo``) as HTML and Excel, through the command itself."""
    from click.testing import CliRunner

    from okrcoach.cli import main

    out = {}
    for suffix in (".html", ".xlsx"):
        path = folder / f"demo-audit{suffix}"
        result = CliRunner().invoke(main, ["audit", "--demo", "-o", str(path)])
        assert result.exit_code == 0, result.output
        out[suffix] = path
    return out


def test_html_report_sorts_filters_and_shows_chinese_offline(browser, tmp_path):
    html = _demo_reports(tmp_path)[".html"]
    page = browser.new_page()
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(html.as_uri())
    expect(page.get_by_role("heading", name=re.compile("OKR 审阅报告"))).to_be_visible()
    charts = page.locator(".charts img")
    expect(charts).to_have_count(4)
    for i in range(4):
        page.wait_for_function("img => img.complete && img.naturalWidth > 100", arg=charts.nth(i).element_handle())
    page.screenshot(path=str(ARTIFACTS / "html-report.png"))
    shot = ARTIFACTS / "html-report.png"
    if os.environ.get("OKRCOACH_UPDATE_SCREENSHOTS") == "1":
        shutil.copyfile(shot, REPO / "docs" / "screenshots" / "audit-report.png")

    rows = page.locator("#rows tbody tr")
    total = rows.count()
    assert total == 94
    page.locator("#q").fill("KR101")  # filter: only rows that mention the rule
    visible = page.locator("#rows tbody tr:visible")
    expect(visible).not_to_have_count(total)
    assert all("KR101" in t for t in visible.all_inner_texts())
    expect(page.locator("#count")).to_contain_text(f"/ {total}")
    page.locator("#q").fill("")
    page.locator("#sev").select_option("error")
    assert all(r.get_attribute("data-severity") == "error" for r in page.locator("#rows tbody tr:visible").all())
    page.locator("#sev").select_option("")

    team_table = page.locator("table.sortable").first
    health = team_table.locator("th", has_text="健康分")
    health.click()  # sort ascending by health score
    expect(health).to_have_attribute("aria-sort", "ascending")
    col = team_table.locator("th").all_inner_texts().index(health.inner_text())
    values = [float(r.locator("td").nth(col).inner_text()) for r in team_table.locator("tbody tr").all()]
    assert values == sorted(values)
    page.locator("#rows").scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "html-report-rows.png"))
    page.emulate_media(media="print")
    expect(page.locator(".controls")).to_be_hidden()
    assert all(u.startswith(("file:", "data:")) for u in requests), requests  # offline: nothing fetched
    page.close()


def test_excel_report_renders_with_its_charts(tmp_path):
    """The Excel report as a spreadsheet app draws it (LibreOffice → PDF → PNG); without LibreOffice,
    the chart images inside the workbook."""
    import subprocess
    import zipfile

    xlsx = _demo_reports(tmp_path)[".xlsx"]
    soffice, pdftoppm = shutil.which("soffice"), shutil.which("pdftoppm")
    if soffice and pdftoppm:
        subprocess.run([soffice, "--headless", f"-env:UserInstallation={(tmp_path / 'lo').as_uri()}",
                        "--convert-to", "pdf", "--outdir", str(tmp_path), str(xlsx)], check=True, timeout=180,
                       capture_output=True)
        subprocess.run([pdftoppm, "-r", "80", "-png", "-f", "1", "-l", "1", "-singlefile",
                        str(xlsx.with_suffix(".pdf")), str(ARTIFACTS / "excel-summary")], check=True, timeout=120)
        shot = ARTIFACTS / "excel-summary.png"
    else:
        with zipfile.ZipFile(xlsx) as z:
            media = sorted(n for n in z.namelist() if n.startswith("xl/media/"))
            assert len(media) == 4
            shot = ARTIFACTS / "excel-summary-chart.png"
            shot.write_bytes(z.read(media[0]))
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 10_000
