"""Rewrites that name the metric, objective rewrites that fit the label, KR ideas and coaching questions.

The table below has one to-do KR per catalogue function in each language (lines written for this
test); each must get a rewrite that names the expected metric among its candidates.
"""
from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

from okrcoach.analysis import analyse
from okrcoach.analysis.metrics import bundled_catalogue
from okrcoach.cli import main
from okrcoach.coaching.ideas import suggest_krs
from okrcoach.core.model import Judgement
from okrcoach.rules import suggest
from okrcoach.rules.config import Config
from okrcoach.rules.context import KRContext, ObjectiveContext
from okrcoach.rules.objective_suggest import metric_rewrites, subject_of, task_rewrites, vague_rewrites
from okrcoach.rules.registry import all_rules, get_rule

TABLE = [
    # function, zh to-do KR, zh expected metric id, en to-do KR, en expected metric id
    ("sales", "开展华东区域老客户陌拜和地推", "sales-08", "Run outbound prospecting to new logos in the Nordics", "sales-08"),
    ("marketing", "策划 3 场品牌投放活动", "marketing-03", "Launch a paid ads campaign on LinkedIn", "marketing-02"),
    ("product", "上线新版搜索推荐功能", "product-11", "Redesign the search and discovery page", "product-11"),
    ("growth", "上线新版会员中心", "growth-08", "Build a refer-a-friend invite flow", "growth-02"),
    ("engineering", "搭建 CI 流水线并接入自动化测试", "eng-05", "Refactor the legacy billing module to pay down tech debt", "eng-06"),
    ("sre", "完善监控告警和值班机制", "sre-04", "Set up on-call rotation and alerting for the payments API", "sre-04"),
    ("quality", "推行 8D 整改和 CAPA 跟踪", "quality-06", "Roll out CAPA tracking for non-conformance reports", "quality-06"),
    ("operations", "梳理 618 大促运营活动玩法", "ops-06", "Plan the Black Friday promotion calendar", "ops-06"),
    ("customer_success", "为重点客户开展 QBR 业务回顾", "cs-07", "Hold QBRs with our top 20 customers", "cs-07"),
    ("support", "搭建智能客服机器人和帮助中心", "support-05", "Launch a chatbot on the help center", "support-05"),
    ("hr", "优化招聘流程并增加面试官培训", "hr-02", "Revamp the interview process for engineering candidates", "hr-02"),
    ("finance", "推动月结关账流程标准化", "fin-01", "Automate month-end close reconciliations", "fin-01"),
    ("admin", "改造办公区会议室和工位", "admin-03", "Refit the office meeting rooms and desks", "admin-03"),
    ("manufacturing", "推行 TPM 设备保养制度", "mfg-04", "Introduce TPM maintenance routines on line 3", "mfg-04"),
    ("supply_chain", "梳理呆滞库存并制定清理方案", "scm-06", "Clean up obsolete stock in the regional warehouses", "scm-06"),
    ("logistics", "调整干线配送线路", "log-01", "Re-plan last mile delivery routes in the city", "log-01"),
    ("procurement", "完成年度集采招标", "proc-01", "Run the annual sourcing tender for packaging", "proc-01"),
    ("content", "本季度写 10 篇公众号文章", "content-01", "Publish 12 blog posts on the company site", "content-01"),
    ("education", "组织初三学生期末复习辅导", "edu-06", "Set up after-school tutoring for struggling readers", "edu-06"),
    ("healthcare", "开展出院患者随访", "health-03", "Start post-discharge follow-up calls for heart patients", "health-03"),
    ("retail", "调整门店陈列和导购话术", "retail-02", "Retrain store staff on merchandising and shopper greeting", "retail-02"),
    ("data", "建设自助分析 BI 看板平台", "data-02", "Roll out self-serve analytics in Looker", "data-02"),
    ("design", "搭建设计系统组件库", "design-01", "Build a design system component library", "design-01"),
    ("security", "全员开展钓鱼邮件演练和安全意识培训", "sec-02", "Run phishing simulations for all staff", "sec-02"),
    ("legal", "梳理并更新合同模板", "legal-04", "Draft standard contract templates for sales", "legal-04"),
    ("research", "推进预研成果转化和 POC 验证", "research-03", "Run a proof of concept with the product team", "research-03"),
    ("nonprofit", "组织年度募捐活动", "npo-02", "Organise the spring fundraising appeal", "npo-02"),
    ("public_sector", "推进一网通办窗口改造", "pub-01", "Open a one-stop service counter for permits", "pub-01"),
    ("energy", "建设屋顶光伏项目", "energy-02", "Install rooftop solar on the two warehouses", "energy-02"),
    ("agriculture", "制定葡萄园灌溉和施肥方案", "agri-02", "Plan the irrigation and fertilizer schedule for the vineyard", "agri-02"),
    ("hospitality", "更新酒店客房定价和收益管理策略", "hosp-02", "Rework room rate and revenue management rules", "hosp-02"),
    ("personal_reading", "每天睡前阅读半小时", "personal-19", "Start a bedtime reading habit", "personal-19"),
    ("personal_fitness", "办一张健身卡，开始健身", "personal-03", "Join a gym and start working out", "personal-03"),
    ("personal_study", "准备雅思考试", "personal-08", "Prepare for the IELTS exam", "personal-08"),
    ("personal_life", "开始记账，控制消费", "personal-10", "Set a monthly budget and track spending", "personal-10"),
    ("general", "完成旧系统到新系统的迁移", "gen-08", "Migrate the old system to the new one", "gen-08"),
]

GENERIC = ("[关键指标]", "[metric]", "[指标]", "[结果指标]", "[result metric]")
ASCII_NEXT_TO_CJK = re.compile(r"[\u4e00-\u9fff][,;:()?]|[,;:()][\u4e00-\u9fff]")


def test_the_table_covers_every_function_of_the_catalogue():
    assert {row[0] for row in TABLE} == set(bundled_catalogue().functions)


@pytest.mark.parametrize("function,zh,zh_id,en,en_id", TABLE, ids=[row[0] for row in TABLE])
def test_a_todo_kr_gets_a_rewrite_that_names_the_fitting_metric(function, zh, zh_id, en, en_id):
    cat = bundled_catalogue()
    for text, expected, lang in ((zh, zh_id, "zh"), (en, en_id, "en")):
        a = analyse(text)
        assert a.lang == lang
        rewrites = suggest.add_result(a)
        assert 1 <= len(rewrites) <= 3
        assert not any(g in r for r in rewrites for g in GENERIC)
        assert any(cat.by_id[expected].name(lang) in r for r in rewrites), (text, rewrites)
        assert all("[基线]" in r and "[目标]" in r for r in rewrites) if lang == "zh" else \
            all("[baseline]" in r and "[target]" in r or "[target]" in r for r in rewrites)


def test_zh_rewrite_uses_chinese_order_and_full_width_punctuation():
    rewrite = suggest.add_result(analyse("上线新版会员中心"))[0]
    assert rewrite == "新版会员中心上线后，会员复购率从 [基线] 提升至 [目标]"
    assert "," not in rewrite
    keep = suggest.add_result(analyse("开展用户访谈和竞品分析"))[0]
    assert keep.startswith("开展用户访谈和竞品分析，使") and "," not in keep


def test_en_rewrite_keeps_the_line_and_names_the_direction():
    rewrite = suggest.add_result(analyse("Ship the new onboarding flow by May 15"))[0]
    assert rewrite == "Ship the new onboarding flow by May 15, cutting time to first value from [baseline] to [target]"


def test_the_objective_steers_the_metric():
    a = analyse("开展用户访谈")
    alone = [m.id for m in suggest.metric_candidates(a)]
    steered = [m.id for m in suggest.metric_candidates(a, "提升新用户次月留存")]
    assert "gen-05" in alone and steered[0] in ("product-02", "growth-03")


def test_no_signal_word_keeps_the_generic_slot():
    assert suggest.add_result(analyse("做一件事"))[0] == "做一件事，使 [关键指标] 从 [基线] 提升至 [目标]"
    assert suggest.add_result(analyse("Do the thing"))[0] == "Do the thing, so that [metric] moves from [baseline] to [target]"


@pytest.mark.parametrize("text,fragment", [
    ("本季度写 10 篇公众号文章", "，带动内容阅读量从 [基线] 提升至 [目标]"),
    ("Run 4 webinars for the partner channel", ", raising event attendance rate from [baseline] to [target]"),
])
def test_kr107_says_what_the_activities_must_bring(text, fragment):
    ctx = KRContext(text, analyse(text), Judgement("todo", 0.9), Config())
    hit = next(iter(get_rule("KR107").check(ctx)))
    assert hit.suggestion.endswith(fragment)


def test_kr101_offers_the_other_candidates_as_alternatives():
    ctx = KRContext("上线新版会员中心", analyse("上线新版会员中心"), Judgement("todo", 0.9), Config())
    hit = next(iter(get_rule("KR101").check(ctx)))
    assert hit.suggestion.startswith("新版会员中心上线后，") and len(hit.alternatives) == 2
    assert len({hit.suggestion, *hit.alternatives}) == 3


# -- objectives ------------------------------------------------------------------------------
def objective_hit(code, text, label):
    ctx = ObjectiveContext(text, analyse(text), Judgement(label, 0.9), Config())
    return next(iter(get_rule(code).check(ctx)))


@pytest.mark.parametrize("text,subject,missing_zh,missing_en", [
    ("让 A 产品更好", "A 产品", "为谁", "for whom"),
    ("Make onboarding better", "onboarding", "", "for whom"),
])
def test_vague_objective_names_what_is_missing_in_its_own_words(text, subject, missing_zh, missing_en):
    hit = objective_hit("O201", text, "vague")
    assert subject_of(analyse(text)) == subject
    assert f"「{subject}」" in hit.message_zh and missing_zh in hit.message_zh
    assert f"'{subject}'" in hit.message_en and missing_en in hit.message_en
    assert subject in hit.suggestion


def test_vague_objective_gets_catalogue_directions():
    zh = vague_rewrites(analyse("提升会员复购"))
    assert zh[0] == "让 [谁] 在「会员复购」上 [获得什么改变]" and "提升会员复购率" in zh
    en = vague_rewrites(analyse("Increase brand awareness"))
    assert "Raise aided brand awareness" in en or "Raise branded search volume" in en


def test_task_objective_asks_what_it_is_for():
    hit = objective_hit("O202", "完成 3 场线上活动", "task")
    assert "「完成 3 场线上活动」" in hit.message_zh and "为了" in hit.message_zh
    assert hit.suggestion == "通过完成 3 场线上活动，[实现什么改变]"
    assert "通过完成 3 场线上活动，提升活动带来的有效线索数" in task_rewrites(analyse("完成 3 场线上活动"))
    en = objective_hit("O202", "Migrate to the new CRM", "task")
    assert "what is it for" in en.message_en and en.suggestion == "[What changes] by 'Migrate to the new CRM'"


def test_metric_objective_moves_the_number_into_a_kr():
    zh = metric_rewrites(analyse("将某功能点击率从 3% 提升至 5%"))
    assert zh[0] == "让用户更常用、更离不开产品；KR：将某功能点击率从 3% 提升至 5%"
    en = metric_rewrites(analyse("Increase signups by 20%"))
    assert en[0] == "Make new users stay and come back; KR: Increase signups by 20%"


def test_applying_a_metric_objective_rewrite_splits_it_into_objective_and_kr():
    from okrcoach.widgets.sessions import CoachSession

    s = CoachSession()
    s.check("O1: 将某功能点击率从 3% 提升至 5%\nKR1: 上线新版会员中心")
    j = [f.code for f in s.lines[0].findings].index("O203")
    s.apply(0, j)
    assert [(line.kind, line.text.rstrip("；")) for line in s.lines][:2] == [
        ("objective", "让用户更常用、更离不开产品"), ("kr", "将某功能点击率从 3% 提升至 5%")]


# -- KR ideas ---------------------------------------------------------------------------------
def test_kr_ideas_are_part_of_the_top_level_api():
    import okrcoach

    assert [i.text for i in okrcoach.suggest_krs("Increase brand awareness", n=3)][0] == (
        "Raise branded search volume from [baseline] to [target] by [date]")


def test_kr_ideas_for_a_zh_objective():
    ideas = suggest_krs("提升会员复购")
    assert 3 <= len(ideas) <= 5
    assert ideas[0].text == "在 [日期] 前，会员复购率从 [基线] 提升至 [目标]"
    assert all(i.lang == "zh" and "[基线]" in i.text and "[目标]" in i.text for i in ideas)
    assert not any(ASCII_NEXT_TO_CJK.search(i.text) for i in ideas)


def test_kr_ideas_for_an_en_objective():
    ideas = suggest_krs("Improve customer onboarding experience", n=4)
    assert 3 <= len(ideas) <= 4 and all(i.lang == "en" for i in ideas)
    assert ideas[0].metric.id == "cs-05"
    assert all(i.text.endswith("by [date]") and "[baseline]" in i.text for i in ideas)


def test_kr_ideas_can_be_asked_in_the_other_language():
    assert suggest_krs("提升会员复购", lang="en")[0].text == (
        "Raise member repeat purchase rate from [baseline] to [target] by [date]")


def test_kr_ideas_for_an_unknown_objective_are_none_not_invented():
    assert suggest_krs("xyz qwerty") == []


def test_kr_ideas_are_proposed_kr_lines_the_checker_reads_as_outcomes():
    import okrcoach

    idea = suggest_krs("提升会员复购")[0].text.replace("[日期]", "9 月底").replace("[基线]", "18%").replace("[目标]", "25%")
    report = okrcoach.check_draft(f"O1: 提升会员复购\nKR1: {idea}")
    kr = report.lines[1]
    assert kr.label == "outcome" and not [f for f in kr.findings if f.severity.rank >= 2]


# -- coaching questions -----------------------------------------------------------------------
def test_every_kr_and_objective_rule_has_a_coaching_question_in_both_languages():
    for r in all_rules():
        if r.code.startswith(("KR1", "O2")):
            assert r.question_zh.endswith("？") and r.question_en.endswith("?"), r.code


def test_findings_carry_the_question_into_json():
    import okrcoach

    report = okrcoach.check_draft("O1: 提升核心用户的续费体验\nKR1: 上线新版会员中心")
    finding = next(f for f in report.findings if f.code == "KR101")
    d = finding.to_dict("zh")
    assert d["question"] == "做完这件事，什么会发生变化？谁会受益？你怎么知道？"
    assert d["question_en"].startswith("Once this is done") and d["alternatives"]


def test_zh_rule_texts_use_full_width_punctuation():
    for r in all_rules():
        for text in (r.title_zh, r.doc.why_zh, r.doc.bad_zh, r.doc.better_zh, r.question_zh):
            assert not ASCII_NEXT_TO_CJK.search(text), (r.code, text)


# -- CLI --------------------------------------------------------------------------------------
def test_cli_suggest_zh_and_en():
    runner = CliRunner()
    out = runner.invoke(main, ["suggest", "提升会员复购"])
    assert out.exit_code == 0 and "会员复购率从 [基线] 提升至 [目标]" in out.output
    out = runner.invoke(main, ["suggest", "Increase brand awareness", "--format", "json", "-n", "3"])
    data = json.loads(out.output)
    assert out.exit_code == 0 and 1 <= len(data["ideas"]) <= 3 and data["ideas"][0]["lang"] == "en"


def test_cli_suggest_errors_are_one_line():
    out = CliRunner().invoke(main, ["suggest", "   "])
    assert out.exit_code == 2 and "objective is empty" in out.output and "Traceback" not in out.output


def test_cli_check_explain_shows_the_question_and_every_candidate():
    out = CliRunner().invoke(main, ["check", "--explain", "--no-model", "O1: 提升核心用户的续费体验\nKR1: 上线新版会员中心"])
    assert "教练会问：做完这件事，什么会发生变化？" in out.output
    assert "建议：新版会员中心上线后，" in out.output and "或：" in out.output
    plain = CliRunner().invoke(main, ["check", "--no-model", "O1: 提升核心用户的续费体验\nKR1: 上线新版会员中心"])
    assert "教练会问" not in plain.output


def test_audit_suggestions_column_lists_the_candidates():
    import okrcoach
    import pandas as pd

    frame = okrcoach.audit(pd.DataFrame({"objective": ["提升会员复购"], "key_result": ["上线新版会员中心"]}))
    cell = frame.loc[0, "suggestions"]
    assert "KR101: 新版会员中心上线后，会员复购率从 [基线] 提升至 [目标] ‖ " in cell
