"""The check-in view: traffic lights, progress-note labels and findings, in its own panel and in the coach panel."""
from __future__ import annotations

import pytest

from okrcoach.core.model import Judgement

UPDATE = """# 周报 · Weekly update — 2026-W37 — 林一

## O1: 让续约不再靠季度最后一周冲刺

### KR1.1: 续约率（按 ARR）从 88% 提升到 93%
- 得分 / Score: 0.2
- 进展 / Progress: 本周拜访了 5 家客户，开了 2 次评审会
- 风险与支持 / Risks & support:
- 下周计划 / Next week: @林一 约客户总部采购；整理流失原因

### KR1.2: Enterprise churn below 5%
- 得分 / Score: 0.8
- 进展 / Progress: churn down to 4.6% from 5.4% after the save-desk pilot
- 风险与支持 / Risks & support:
- 下周计划 / Next week: @Priya review the pilot numbers
"""


class NoteJudge:
    """Progress notes with 拜访/开了 are activity lists; the rest key progress (the test fixes the verdicts)."""

    name = "fixed"

    def judge_progress(self, texts, analyses=()):
        return [Judgement("activity" if "拜访" in t else "key_progress", 0.9) for t in texts]

    def judge_krs(self, texts, analyses=()):
        return [Judgement("outcome", 0.9) for _ in texts]

    def judge_objectives(self, texts, analyses=()):
        return [Judgement("ok", 0.9) for _ in texts]


@pytest.fixture
def panel():
    from okrcoach.widgets import CheckinPanel

    return CheckinPanel(ui_lang="zh", judge=NoteJudge())


def test_pasted_update_shows_lights_labels_and_findings(panel):
    panel.check_text(UPDATE)
    html = panel.results.value
    assert "红灯 0.2" in html and "绿灯 0.8" in html
    assert "活动清单" in html and "关键进展" in html
    assert "CHECKIN601" in html and "CHECKIN602" in html  # activity list; red without a risk
    assert html.count("CHECKIN603") == 1  # only the KR whose next step 整理流失原因 names nobody
    assert "2 条更新" in panel.summary_html.value and "红灯 1" in panel.summary_html.value


def test_language_switch_relabels_the_check_in(panel):
    panel.check_text(UPDATE)
    panel.set_language("en")
    assert "red 0.2" in panel.results.value and "activity list" in panel.results.value
    assert panel.check_button.description == "Check"


def test_example_button_loads_the_bundled_update(panel):
    panel.example_button.click()
    assert "陈思琪" not in panel.status.value and panel.result is not None and len(panel.result.frame) == 7


def test_upload_of_a_table_without_progress_is_one_line(panel):
    panel.load_upload("updates.csv", "key_result,score\n续约率提升到 93%,0.5\n".encode())
    assert "okrc-error" in panel.status.value and "updates.csv" in panel.status.value
    assert "okrcoach-checkin-" not in panel.status.value


def test_uploaded_xlsx_updates_are_checked(panel, tmp_path):
    import pandas as pd

    path = tmp_path / "weekly.xlsx"
    pd.DataFrame({"关键结果": ["续约率提升到 93%"], "得分": ["30"], "进展": ["本周拜访了 3 家客户"],
                  "风险与支持": ["需要 @法务 加快合同审核"], "下周计划": ["@林一 跟进"]}).to_excel(path, index=False)
    panel.load_upload("weekly.xlsx", path.read_bytes())
    assert panel.result is not None and panel.result.frame.loc[0, "light"] == "red"
    assert "CHECKIN602" not in panel.results.value  # red, but a risk is written


def test_user_text_is_escaped(panel):
    payload = "<img src=x onerror=alert(1)>"
    panel.check_text(UPDATE.replace("本周拜访了 5 家客户", f"本周拜访了 5 家客户 {payload}"))
    html = "".join(panel.html_values())
    assert payload not in html and "&lt;img src=x onerror=alert(1)&gt;" in html


def test_coach_panel_has_the_check_in_tab_in_the_ui_language():
    from okrcoach.widgets import CoachPanel

    panel = CoachPanel(ui_lang="zh", judge=NoteJudge())
    assert panel.tabs.titles == ("写 OKR", "周报 · 复盘")
    panel.ui_lang.value = "en"
    assert panel.tabs.titles == ("Write OKRs", "Check-in · review")
    assert panel.checkin.check_button.description == "Check"
