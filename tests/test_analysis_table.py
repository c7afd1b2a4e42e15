"""Table-driven tests of the text-analysis layer (okrcoach.analysis) on real zh / en OKR lines.

Every expectation is what a careful coach reads in the line (labeling guidelines §1–3), not
what the code happened to return: a span is asserted as the exact text ``line[start:end]``,
values in base units (3.5k → 3500, 20% → 20, 五成 → 50).
"""
from __future__ import annotations

import pytest

from okrcoach.analysis import analyse

P = pytest.param


def spans(line, items):
    return [line[i.start:i.end] for i in items]


# ---------------------------------------------------------------------------------------------
# Quantities: (line, exact span, value, kind, comparator, upper)
# kind None = not asserted (a score in 分 has no agreed kind).
# ---------------------------------------------------------------------------------------------
QUANTITIES = [
    # zh — separators, scale words, money
    P("用户数达到 1,000 人", "1,000 人", 1000, "count", "", None, id="zh-thousands-separator"),
    P("新增注册用户 1万", "1万", 10_000, "number", "", None, id="zh-wan-glued"),
    P("年营收突破 1 亿", "1 亿", 1e8, "number", "", None, id="zh-yi-spaced"),
    P("GMV 突破 ¥300万", "¥300万", 3_000_000, "money", "", None, id="zh-yen-prefix-wan"),
    P("预算控制在 300 万元以内", "300 万元以内", 3_000_000, "money", "以内", None, id="zh-wanyuan-within"),
    P("营收突破 1 亿元", "1 亿元", 1e8, "money", "", None, id="zh-yiyuan"),
    P("營收達到 500 萬元", "500 萬元", 5_000_000, "money", "", None, id="zh-traditional-wanyuan"),
    P("营收达到 RMB 500万", "RMB 500万", 5_000_000, "money", "", None, id="zh-rmb-prefix"),
    P("ARR 达到 3.5k", "3.5k", 3500, "number", "", None, id="zh-mixed-k-scale"),
    P("服务 2 万家门店", "2 万家", 20_000, "count", "", None, id="zh-wan-with-measure-word"),
    # zh — percentages
    P("付费转化率达到 12%", "12%", 12, "percent", "", None, id="zh-percent"),
    P("转化率提升百分之二十", "百分之二十", 20, "percent", "", None, id="zh-baifenzhi-numeral"),
    P("好评率达到百分之95", "百分之95", 95, "percent", "", None, id="zh-baifenzhi-digits"),
    P("毛利率提升 20 个百分点", "20 个百分点", 20, "percent", "", None, id="zh-percentage-points"),
    P("复购率达到五成", "五成", 50, "percent", "", None, id="zh-wucheng"),
    P("七成用户完成首单", "七成", 70, "percent", "", None, id="zh-qicheng"),
    P("错误率降至 0.5%", "0.5%", 0.5, "percent", "", None, id="zh-decimal-percent"),
    P("付费率达到５０％", "５０％", 50, "percent", "", None, id="zh-fullwidth-percent"),
    P("客戶續約率達到９５％", "９５％", 95, "percent", "", None, id="zh-traditional-fullwidth"),
    P("系统可用率保持在 90-92%", "90-92%", 90, "percent", "", 92, id="zh-percent-range"),
    # zh — Chinese numerals with measure words
    P("孵化三个新品牌", "三个", 3, "count", "", None, id="zh-cn-san-ge"),
    P("举办两场发布会", "两场", 2, "count", "", None, id="zh-cn-liang-chang"),
    P("新增十万用户", "十万", 100_000, "number", "", None, id="zh-cn-shiwan"),
    P("产能提升两倍", "两倍", 2, "multiplier", "", None, id="zh-cn-liang-bei"),
    P("活跃门店数超过一万家", "超过一万家", 10_000, "count", "超过", None, id="zh-cn-exceed-yiwan"),
    # zh — counts, durations, ratios
    P("招聘 5 名高级工程师", "5 名", 5, "count", "", None, id="zh-count-ming"),
    P("提升至２０００人", "２０００人", 2000, "count", "", None, id="zh-fullwidth-count"),
    P("满意度评分达到 4.5/5", "4.5/5", 4.5, "ratio", "", None, id="zh-ratio"),
    P("门店评分达到 4.8 分", "4.8 分", 4.8, None, "", None, id="zh-score-fen"),
    P("工单 48 小时内首次响应", "48 小时", 48, "duration", "", None, id="zh-hours"),
    P("首屏加载时间 3 秒以内", "3 秒以内", 3, "duration", "以内", None, id="zh-seconds-within"),
    P("平均处理时长 30 分钟", "30 分钟", 30, "duration", "", None, id="zh-minutes"),
    P("交付周期缩短至 30 天", "30 天", 30, "duration", "", None, id="zh-days"),
    P("上线周期压缩到 2 周", "2 周", 2, "duration", "", None, id="zh-weeks"),
    P("人效提升 3 倍", "3 倍", 3, "multiplier", "", None, id="zh-bei"),
    P("峰值支撑 5,000 QPS", "5,000 QPS", 5000, "count", "", None, id="zh-qps"),
    # zh — comparisons
    P("系统可用率 ≥ 99.9%", "≥ 99.9%", 99.9, "percent", "≥", None, id="zh-geq-sign"),
    P("准确率不低于 90%", "不低于 90%", 90, "percent", "不低于", None, id="zh-budiyu"),
    P("签约超过 500 家企业客户", "超过 500 家", 500, "count", "超过", None, id="zh-chaoguo"),
    P("处理时长不超过 24 小时", "不超过 24 小时", 24, "duration", "不超过", None, id="zh-buchaoguo"),
    P("投诉率低于 1%", "低于 1%", 1, "percent", "低于", None, id="zh-diyu"),
    P("覆盖率达到 50%以上", "50%以上", 50, "percent", "以上", None, id="zh-yishang"),
    P("每周至少 20 个有效线索", "至少 20 个", 20, "count", "至少", None, id="zh-zhishao"),
    P("接口 P99 延迟低于 200 毫秒", "低于 200 毫秒", 200, "duration", "低于", None, id="zh-ms-below-with-p99"),
    P("存储成本降低到 500 GB 以内", "500 GB 以内", 500, "count", "以内", None, id="zh-gb-within"),
    # en — separators, scale words, money
    P("Grow weekly active teams to 2,000", "2,000", 2000, "number", "", None, id="en-thousands-separator"),
    P("Reach 250k MAU", "250k", 250_000, "number", "", None, id="en-k-scale"),
    P("Revenue reaches 1.2M", "1.2M", 1_200_000, "number", "", None, id="en-M-scale"),
    P("Raise $2.5M in seed funding", "$2.5M", 2_500_000, "money", "", None, id="en-dollar-M"),
    P("Save €1.2k per month on tooling", "€1.2k", 1200, "money", "", None, id="en-euro-k"),
    P("Add £40k in new pipeline", "£40k", 40_000, "money", "", None, id="en-pound-k"),
    P("Raise US$1M from angels", "US$1M", 1_000_000, "money", "", None, id="en-us-dollar"),
    P("Cut cloud spend by 20,000 dollars", "20,000 dollars", 20_000, "money", "", None, id="en-dollars-suffix"),
    P("Grow ARR to 5 million euros", "5 million euros", 5_000_000, "money", "", None, id="en-million-euros"),
    P("Reach 1.2 million users", "1.2 million", 1_200_000, "number", "", None, id="en-million-word"),
    P("Process 3 billion events per day", "3 billion", 3e9, "number", "", None, id="en-billion-word"),
    # en — percentages, ratios, multipliers
    P("Lift trial-to-paid conversion to 12%", "12%", 12, "percent", "", None, id="en-percent"),
    P("Reduce ticket backlog by 30 percent", "30 percent", 30, "percent", "", None, id="en-percent-word"),
    P("Improve gross margin by 5pp", "5pp", 5, "percent", "", None, id="en-pp"),
    P("Boost activation by 15 percentage points", "15 percentage points", 15, "percent", "", None,
      id="en-percentage-points"),
    P("Keep availability at 90-92%", "90-92%", 90, "percent", "", 92, id="en-percent-range"),
    P("Raise CSAT to 4.5/5", "4.5/5", 4.5, "ratio", "", None, id="en-ratio"),
    P("Raise CSAT to 4.6", "4.6", 4.6, "number", "", None, id="en-decimal"),
    P("Raise conversion to ２５％", "２５％", 25, "percent", "", None, id="en-fullwidth-percent"),
    P("Deliver 2x throughput on the same hardware", "2x", 2, "multiplier", "", None, id="en-2x"),
    P("Handle 5,000 QPS at peak", "5,000 QPS", 5000, "count", "", None, id="en-qps"),
    # en — durations
    P("Keep API latency at 250 ms", "250 ms", 250, "duration", "", None, id="en-ms"),
    P("Load the dashboard in 3 seconds", "3 seconds", 3, "duration", "", None, id="en-seconds"),
    P("Answer every ticket within 4 hours", "4 hours", 4, "duration", "", None, id="en-hours"),
    P("Shorten the release cycle to 2 weeks", "2 weeks", 2, "duration", "", None, id="en-weeks"),
    P("Cut onboarding time to 5 days", "5 days", 5, "duration", "", None, id="en-days"),
    # en — comparisons
    P("Uptime ≥ 99.95%", "≥ 99.95%", 99.95, "percent", "≥", None, id="en-geq-sign"),
    P("Crash-free sessions >99.5%", ">99.5%", 99.5, "percent", ">", None, id="en-gt-sign"),
    P("Reach at least 500 paying customers", "at least 500", 500, "number", "at least", None, id="en-at-least"),
    P("Cut p95 checkout latency below 300 ms", "below 300 ms", 300, "duration", "below", None,
      id="en-below-with-p95"),
    P("Sign more than 40 new partners", "more than 40", 40, "number", "more than", None, id="en-more-than"),
    P("Keep error rate less than 2%", "less than 2%", 2, "percent", "less than", None, id="en-less-than"),
    P("Reduce cost to no more than $50 per order", "no more than $50", 50, "money", "no more than", None,
      id="en-no-more-than-money"),
    P("Keep uptime above 99.9%", "above 99.9%", 99.9, "percent", "above", None, id="en-above"),
    P("Under 200 ms p99 for search", "Under 200 ms", 200, "duration", "Under", None, id="en-under-with-p99"),
    P("Resolve P1 incidents in under 2 hrs", "under 2 hrs", 2, "duration", "under", None, id="en-under-hrs-with-P1"),
    P("Serve up to 10k requests per second", "up to 10k", 10_000, "number", "up to", None, id="en-up-to"),
    P("Reach NPS 45+", "45+", 45, "number", "+", None, id="en-nps-plus"),
    P("Reach 1,000+ paying users", "1,000+", 1000, "number", "+", None, id="en-thousands-plus"),
    # a comparison word must be a word of its own: "Recover" and "turnover" do not hold "over"
    P("Recover $150k of unpaid invoices", "$150k", 150_000, "money", "", None, id="en-over-inside-a-word"),
    P("Staff turnover 12% or lower", "12%", 12, "percent", "", None, id="en-turnover-not-over"),
    P("Uptime above 99.9% every month", "above 99.9%", 99.9, "percent", "above", None, id="en-above-a-word"),
]


@pytest.mark.parametrize("line, span, value, kind, comparator, upper", QUANTITIES)
def test_quantity(line, span, value, kind, comparator, upper):
    a = analyse(line)
    assert spans(line, a.quantities) == [span]
    q = a.quantities[0]
    assert q.text == span
    assert q.value == pytest.approx(value)
    if kind is not None:
        assert q.kind == kind
    assert q.comparator == comparator
    assert q.upper == (pytest.approx(upper) if upper is not None else None)
    assert a.has_metric


# Names, versions, periods and words that contain digits or numerals are not quantities.
NOT_QUANTITIES = [
    P("Q3 上线新版会员中心", id="zh-quarter-name"),
    P("p95 延迟持续下降", id="zh-p95"),
    P("客户端升级到 v3.2", id="zh-version"),
    P("Migrate all services to k8s", id="en-k8s"),
    P("H2 完成核心系统迁移", id="zh-half-year-name"),
    P("打造一个平台", id="zh-yi-ge-article"),
    P("建设一套监控体系", id="zh-yi-tao-article"),
    P("统一数据口径", id="zh-tongyi"),
    P("成为行业第一", id="zh-diyi"),
    P("成为唯一的首选供应商", id="zh-weiyi"),
    P("Launch the v2.1 SDK", id="en-version"),
    P("Adopt OAuth2 across all services", id="en-oauth2"),
    P("Improve P0 incident handling", id="en-p0"),
    P("通过 ISO27001 认证", id="zh-iso-standard"),
]


@pytest.mark.parametrize("line", NOT_QUANTITIES)
def test_not_a_quantity(line):
    a = analyse(line)
    assert spans(line, a.quantities) == []
    assert not a.has_metric


# ---------------------------------------------------------------------------------------------
# Baselines and changes: (line, kind, exact span, baseline value, target value, has_baseline)
# ---------------------------------------------------------------------------------------------
CHANGES = [
    # zh — from A to B
    P("NPS 从 35 提升至 50", "baseline_target", "从 35 提升至 50", 35, 50, True, id="zh-cong-tisheng-zhi"),
    P("交付周期由 45 天缩短到 30 天", "baseline_target", "由 45 天缩短到 30 天", 45, 30, True, id="zh-you-suoduan-dao"),
    P("将客户首次响应时间从 4 小时缩短至 2 小时以内", "baseline_target", "从 4 小时缩短至 2 小时以内", 4, 2, True,
      id="zh-hours-to-within"),
    P("将退货率从 5% 降低到 3%", "baseline_target", "从 5% 降低到 3%", 5, 3, True, id="zh-percent-down"),
    P("客单价从 ¥120 提升至 ¥150", "baseline_target", "从 ¥120 提升至 ¥150", 120, 150, True, id="zh-money"),
    P("故障恢复时间从 2 小时降到 30 分钟", "baseline_target", "从 2 小时降到 30 分钟", 2, 30, True,
      id="zh-hours-to-minutes"),
    P("日活从 10 万增长到 15 万", "baseline_target", "从 10 万增长到 15 万", 100_000, 150_000, True, id="zh-wan"),
    P("留存率由 40% 提升到 55%", "baseline_target", "由 40% 提升到 55%", 40, 55, True, id="zh-you-percent"),
    P("月活從 80 萬提升到 120 萬", "baseline_target", "從 80 萬提升到 120 萬", 800_000, 1_200_000, True,
      id="zh-traditional"),
    P("付费率从５％提升至８％", "baseline_target", "从５％提升至８％", 5, 8, True, id="zh-fullwidth"),
    # zh — relative changes
    P("营收同比增长 30%", "relative", "同比增长 30%", None, 30, False, id="zh-tongbi"),
    P("转化率提升 20%", "relative", "提升 20%", None, 20, False, id="zh-tisheng-percent"),
    P("交付周期缩短 30%", "relative", "缩短 30%", None, 30, False, id="zh-suoduan-percent"),
    P("毛利率提高 5 个百分点", "relative", "提高 5 个百分点", None, 5, False, id="zh-percentage-points"),
    P("GMV 环比增长 10%", "relative", "环比增长 10%", None, 10, False, id="zh-huanbi"),
    # zh — multipliers
    P("付费用户数翻倍", "multiplier", "翻倍", None, None, False, id="zh-fanbei"),
    P("销售额翻一番", "multiplier", "翻一番", None, None, False, id="zh-fanyifan"),
    P("把审批时间减半", "multiplier", "减半", None, None, False, id="zh-jianban"),
    # zh — baseline given as a note
    P("续费率提升至 70%（当前 62%）", "baseline_note", "（当前 62%）", None, None, True, id="zh-note-dangqian"),
    P("准确率达到 95%（基线 88%）", "baseline_note", "（基线 88%）", None, None, True, id="zh-note-jixian"),
    P("客诉量降低 30%（去年 1,200 单）", "baseline_note", "（去年 1,200 单）", None, None, True, id="zh-note-qunian"),
    P("续费率提升至 70%，当前 62%", "baseline_note", "当前 62%", None, None, True, id="zh-note-inline"),
    # en — from A to B
    P("Grow weekly active teams from 1,200 to 2,000", "baseline_target", "from 1,200 to 2,000", 1200, 2000, True,
      id="en-from-to-separators"),
    P("Grow MAU from 80,000 to 140,000", "baseline_target", "from 80,000 to 140,000", 80_000, 140_000, True,
      id="en-from-to-large"),
    P("Cut p95 checkout latency from 800 ms to 300 ms", "baseline_target", "from 800 ms to 300 ms", 800, 300, True,
      id="en-from-to-ms"),
    P("Increase NPS from 30 to 45", "baseline_target", "from 30 to 45", 30, 45, True, id="en-from-to-nps"),
    P("Improve activation rate from 25% to 40% by end of Q3", "baseline_target", "from 25% to 40%", 25, 40, True,
      id="en-from-to-with-deadline"),
    P("Move CSAT from 3.9 → 4.5", "baseline_target", "from 3.9 → 4.5", 3.9, 4.5, True, id="en-from-arrow"),
    # en — relative changes
    P("Reduce churn by 20%", "relative", "Reduce churn by 20%", None, 20, False, id="en-reduce-by"),
    P("Lower cost per lead by $15", "relative", "Lower cost per lead by $15", None, 15, False, id="en-lower-by-money"),
    P("Increase revenue by 15% year over year", "relative", "Increase revenue by 15%", None, 15, False,
      id="en-increase-by-yoy"),
    # en — multipliers
    P("Double the number of paying teams", "multiplier", "Double", None, None, False, id="en-double"),
    P("Halve onboarding time", "multiplier", "Halve", None, None, False, id="en-halve"),
    P("Triple qualified leads", "multiplier", "Triple", None, None, False, id="en-triple"),
    # en — baseline given as a note
    P("Raise CSAT to 4.5 (Q2: 3.9)", "baseline_note", "(Q2: 3.9)", None, None, True, id="en-note-quarter"),
    P("Get NPS to 50 (today 32)", "baseline_note", "(today 32)", None, None, True, id="en-note-today"),
    P("Raise win rate to 30% (currently 22%)", "baseline_note", "(currently 22%)", None, None, True,
      id="en-note-currently"),
    P("Reach 10,000 MAU, up from 6,500", "baseline_note", "up from 6,500", None, None, True, id="en-note-up-from"),
]


@pytest.mark.parametrize("line, kind, span, baseline, target, has_baseline", CHANGES)
def test_change(line, kind, span, baseline, target, has_baseline):
    a = analyse(line)
    of_kind = [c for c in a.changes if c.kind == kind]
    assert spans(line, of_kind) == [span]
    c = of_kind[0]
    assert (c.baseline.value if c.baseline else None) == (pytest.approx(baseline) if baseline is not None else None)
    assert (c.target.value if c.target else None) == (pytest.approx(target) if target is not None else None)
    assert a.has_baseline is has_baseline
    assert a.has_metric


# A target without a starting point states no baseline.
NO_BASELINE = [
    P("转化率提升至 20%", id="zh-tisheng-zhi"),
    P("营收达到 5000 万", id="zh-dadao"),
    P("将审批时长缩短至 2 天", id="zh-suoduan-zhi"),
    P("Grow ARR to $5M", id="en-grow-to"),
    P("Hit 99.9% uptime", id="en-hit"),
    P("Improve onboarding for new admins", id="en-no-number"),
]


@pytest.mark.parametrize("line", NO_BASELINE)
def test_no_baseline(line):
    a = analyse(line)
    assert not a.has_baseline
    assert [c.kind for c in a.changes if c.kind in ("baseline_target", "baseline_note")] == []


# ---------------------------------------------------------------------------------------------
# Deadlines: (line, exact spans, has_metric or None when not asserted)
# ---------------------------------------------------------------------------------------------
DEADLINES = [
    # zh
    P("2 月底前完成新版上线", ["2 月底前"], False, id="zh-month-end-before"),
    P("截止 3 月中旬完成招聘", ["截止 3 月中旬"], False, id="zh-jiezhi-mid-month"),
    P("Q1 结束前将 NPS 提升至 50", ["Q1 结束前"], True, id="zh-quarter-end"),
    P("本季度上线会员体系", ["本季度"], False, id="zh-ben-jidu"),
    P("双月内完成迁移", ["双月内"], False, id="zh-shuangyue-nei"),
    P("年底前实现盈亏平衡", ["年底前"], False, id="zh-niandi-qian"),
    P("6 月 30 日前完成审计", ["6 月 30 日前"], False, id="zh-date-digits-no-metric"),
    P("3 个月内完成 10 家试点", ["3 个月内"], True, id="zh-within-months"),
    P("2026-05-15 前完成系统切换", ["2026-05-15 前"], False, id="zh-iso-date"),
    P("2026 年 6 月前完成上市辅导", ["2026 年 6 月前"], False, id="zh-year-month"),
    P("下半年推出海外版", ["下半年"], False, id="zh-xia-bannian"),
    P("第三季度末完成认证", ["第三季度末"], False, id="zh-disan-jidu-mo"),
    P("9月底前完成库存盘点", ["9月底前"], False, id="zh-month-glued"),
    P("十二月底前完成年终盘点", ["十二月底前"], False, id="zh-cn-month"),
    P("国庆前完成大促备货", ["国庆前"], False, id="zh-holiday"),
    P("Q4 前完成数据迁移", ["Q4 前"], False, id="zh-quarter-before"),
    P("今年完成 A 轮融资", ["今年"], False, id="zh-jinnian"),
    P("下个月启动招聘", ["下个月"], False, id="zh-xia-ge-yue"),
    P("两周内完成评审", ["两周内"], False, id="zh-cn-weeks-within"),
    P("30 天内回款率达到 95%", ["30 天内"], True, id="zh-days-within-with-metric"),
    P("Q2 前上線新版會員中心", ["Q2 前"], False, id="zh-traditional"),
    P("３月底前完成", ["３月底前"], False, id="zh-fullwidth-month"),
    P("H2 完成核心系统迁移", ["H2"], False, id="zh-h2"),
    # zh — not deadlines
    P("留存 3 个月的用户占比达到 40%", [], True, id="zh-retention-duration"),
    P("次月留存率达到 40%", [], True, id="zh-next-month-retention"),
    P("每月举办 2 场分享", [], True, id="zh-frequency"),
    P("工单 48 小时内首次响应", [], True, id="zh-response-sla"),
    P("满意度评分达到 4.5/5", [], True, id="zh-ratio-is-not-date"),
    # en
    P("Ship SSO by May 15", ["by May 15"], False, id="en-by-month-day"),
    P("Launch the beta by end of Q3", ["by end of Q3"], False, id="en-end-of-quarter"),
    P("Migrate billing within 2 weeks", ["within 2 weeks"], False, id="en-within-weeks"),
    P("Close the books by EOQ", ["by EOQ"], False, id="en-eoq"),
    P("Launch the holiday campaign before Black Friday", ["before Black Friday"], False, id="en-black-friday"),
    P("Hire 3 engineers this quarter", ["this quarter"], True, id="en-this-quarter"),
    P("Expand to Europe in H2", ["in H2"], False, id="en-h2"),
    P("Go live on 2026-05-15", ["2026-05-15"], False, id="en-iso-date"),
    P("Complete the audit by March 31", ["by March 31"], False, id="en-by-march-31"),
    P("Roll out to all stores by June", ["by June"], False, id="en-by-month"),
    P("Publish the report no later than Oct 1", ["no later than Oct 1"], False, id="en-no-later-than"),
    P("Finish migration by 15 March 2026", ["by 15 March 2026"], False, id="en-day-month-year"),
    P("Deliver by the end of the year", ["by the end of the year"], False, id="en-end-of-year"),
    P("Launch in March", ["in March"], False, id="en-in-march"),
    P("Hire 2 designers in May", ["in May"], True, id="en-in-may"),
    P("Reach 500 customers in 2026", ["in 2026"], True, id="en-in-year"),
    P("Hit $1M ARR by FY2026", ["by FY2026"], True, id="en-fiscal-year"),
    P("Close 10 deals next quarter", ["next quarter"], True, id="en-next-quarter"),
    P("By end of Q2, ship the new billing page", ["By end of Q2"], False, id="en-leading-deadline"),
    # en — not deadlines
    P("We may launch a new plan", [], False, id="en-modal-may"),
    P("Grow to 2026 users", [], True, id="en-year-like-count"),
    P("March toward profitability", [], False, id="en-verb-march"),
    P("Raise CSAT to 4.5 (Q2: 3.9)", [], True, id="en-quarter-labels-baseline"),
    P("Net 30 days payment terms", [], None, id="en-net-30"),
]


@pytest.mark.parametrize("line, expected, has_metric", DEADLINES)
def test_deadline(line, expected, has_metric):
    a = analyse(line)
    assert spans(line, a.deadlines) == expected
    assert [d.text for d in a.deadlines] == expected
    assert a.has_deadline is bool(expected)
    if has_metric is not None:
        assert a.has_metric is has_metric


# ---------------------------------------------------------------------------------------------
# Placeholders: (line, exact spans, has_metric)
# ---------------------------------------------------------------------------------------------
PLACEHOLDERS = [
    # zh
    P("转化率提升至 xx%", ["xx"], False, id="zh-xx-percent"),
    P("新增 xxxx 万用户", ["xxxx"], False, id="zh-xxxx-wan"),
    P("转化率达到 XX%", ["XX"], False, id="zh-XX-percent"),
    P("续费率提升至 XX", ["XX"], False, id="zh-XX-after-zhi"),
    P("续费率达到 ＸＸ％", ["ＸＸ"], False, id="zh-fullwidth-XX"),
    P("目标值待定", ["待定"], False, id="zh-daiding"),
    P("新增 N 个渠道", ["N"], False, id="zh-N-ge"),
    P("满意度达到 [目标]", ["[目标]"], False, id="zh-bracket-target"),
    P("活跃率提升至【目标】", ["【目标】"], False, id="zh-cjk-bracket-target"),
    P("签约 XX 家客户", ["XX"], False, id="zh-XX-jia"),
    P("GMV 达到 ___ 万", ["___"], False, id="zh-blanks"),
    P("客单价提升 ？%", ["？"], False, id="zh-fullwidth-question"),
    P("成本降低 x 万元", ["x"], False, id="zh-x-wanyuan"),
    P("NPS 从 xx 提升至 50", ["xx"], True, id="zh-placeholder-baseline"),
    # en
    P("Revenue target TBD", ["TBD"], False, id="en-tbd"),
    P("Hit TBC revenue", ["TBC"], False, id="en-tbc"),
    P("Grow conversion to N%", ["N"], False, id="en-N-percent"),
    P("Increase NPS to ?%", ["?"], False, id="en-question-percent"),
    P("Increase retention to xx%", ["xx"], False, id="en-xx-percent"),
    P("Reduce churn by X%", ["X"], False, id="en-X-percent"),
    P("Grow MAU to XX users", ["XX"], False, id="en-XX-users"),
    P("Cut latency to XX ms", ["XX"], False, id="en-XX-ms"),
    P("Sign N new customers", ["N"], False, id="en-N-new-customers"),
    P("Reach [target] paying users", ["[target]"], False, id="en-bracket-target"),
    # not placeholders
    P("让 XX 产品更好", [], False, id="zh-XX-as-name"),
    P("联系 X 先生确认需求", [], False, id="zh-X-as-person"),
    P("完成 NPS 调研", [], False, id="zh-nps-acronym"),
    P("Launch XX product page", [], False, id="en-XX-as-name"),
    P("Net 30 days payment terms", [], True, id="en-net-30"),
    P("Support iOS and Android", [], False, id="en-no-placeholder"),
    P("Ship SSO for XYZ Corp", [], False, id="en-xyz-name"),
]


@pytest.mark.parametrize("line, expected, has_metric", PLACEHOLDERS)
def test_placeholder(line, expected, has_metric):
    a = analyse(line)
    assert spans(line, a.placeholders) == expected
    assert [p.text for p in a.placeholders] == expected
    assert a.has_placeholder is bool(expected)
    assert a.has_metric is has_metric


# ---------------------------------------------------------------------------------------------
# Language, @mentions, leading task verb, activity counts
# ---------------------------------------------------------------------------------------------
LANGUAGES = [
    P("付费转化率达到 12%", "zh", False, id="zh-plain"),
    P("客戶續約率達到９５％", "zh", False, id="zh-traditional-fullwidth"),
    P("Grow weekly active teams from 1,200 to 2,000", "en", False, id="en-plain"),
    P("完成 SSO 的 rollout", "zh", True, id="mixed-zh-verb"),
    P("上线 new onboarding flow", "zh", True, id="mixed-zh-verb-more-latin"),
    P("Launch 会员中心 v2 in Shanghai stores", "en", True, id="mixed-en-verb"),
    P("Ship the 会员中心 redesign", "en", True, id="mixed-en-verb-short"),
    P("DAU 提升至 50 万", "zh", True, id="mixed-zh-acronym"),
    P("联系 zhang.san@example.com 获取数据", "zh", None, id="zh-with-email"),
]


@pytest.mark.parametrize("line, lang, mixed", LANGUAGES)
def test_language(line, lang, mixed):
    a = analyse(line)
    assert a.lang == lang
    if mixed is not None:
        assert a.mixed is mixed


MENTIONS = [
    P("@产品部 3 月底前上线新版会员中心", ["@产品部"], ["产品部"], id="zh-department"),
    P("联合 @HRBP 完成 10 场培训", ["@HRBP"], ["HRBP"], id="zh-latin-role"),
    P("与 @市场部、@销售部 共同举办 3 场沙龙", ["@市场部", "@销售部"], ["市场部", "销售部"], id="zh-two-with-dunhao"),
    P("@Alice @Bob ship the SSO integration", ["@Alice", "@Bob"], ["Alice", "Bob"], id="en-two-people"),
    P("联系 zhang.san@example.com 获取数据", [], [], id="zh-email-is-not-mention"),
    P("Email support@acme.io for details", [], [], id="en-email-is-not-mention"),
]


@pytest.mark.parametrize("line, expected, names", MENTIONS)
def test_mentions(line, expected, names):
    a = analyse(line)
    assert spans(line, a.mentions) == expected
    assert [m.name for m in a.mentions] == names


def test_masked_text_hides_the_collaborator():
    assert analyse("联合 @HRBP 完成 10 场培训").masked_text == "联合 @ 完成 10 场培训"


LEADING_TASK = [
    P("3 月底前上线新版会员中心", "上线", id="zh-after-date"),
    P("@产品部 3 月底前上线新版会员中心", "上线", id="zh-after-mention-and-date"),
    P("力争 Q3 完成 A 轮融资", "完成", id="zh-after-lead-in-and-quarter"),
    P("开展用户访谈和竞品分析", "开展", id="zh-first-word"),
    P("Q2 前上線新版會員中心", "上线", id="zh-traditional"),
    P("下半年推出海外版", "推出", id="zh-tuichu"),
    P("本季度完成３場直播", "完成", id="zh-after-ben-jidu"),
    P("By end of Q2, ship the new billing page", "ship", id="en-after-date"),
    P("@Alice @Bob ship the SSO integration", "ship", id="en-after-mentions"),
    P("We will launch the partner portal in Q3", "launch", id="en-after-we-will"),
    P("付费转化率达到 12%", None, id="zh-metric-line"),
    P("Grow weekly active teams from 1,200 to 2,000", None, id="en-change-verb"),
    P("Reduce churn by 20%", None, id="en-reduce"),
]


@pytest.mark.parametrize("line, term", LEADING_TASK)
def test_leading_task(line, term):
    task = analyse(line).leading_task
    assert (task.term if task else None) == term


ACTIVITY_COUNTS = [
    P("完成 8 次客户访谈", ["8 次"], id="zh-interviews"),
    P("发布 10 篇文章", ["10 篇"], id="zh-articles"),
    P("本季度完成３場直播", ["３場"], id="zh-fullwidth-traditional"),
    P("举办 2 场活动，带来 15 个有效线索", ["2 场"], id="zh-activity-plus-result"),
    P("Run 4 webinars for the partner channel", ["4"], id="en-webinars"),
    P("Hold 5 trainings for new managers", ["5"], id="en-trainings"),
    P("Conduct 20 customer interviews", ["20"], id="en-interviews"),
    P("付费转化率达到 12%", [], id="zh-result-metric"),
    P("签约超过 500 家企业客户", [], id="zh-customers-are-results"),
    P("Sign 20 new customers", [], id="en-customers-are-results"),
]


@pytest.mark.parametrize("line, expected", ACTIVITY_COUNTS)
def test_activity_counts(line, expected):
    a = analyse(line)
    assert spans(line, a.activity_counts) == expected


# ---------------------------------------------------------------------------------------------
# Real-register facts (issue 11 §7): placeholders in the forms templates use, ranks and coverage,
# number words, versions that are not targets, relative time bounds. Written for this project.
# (line, has_metric, has_placeholder, has_deadline)
# ---------------------------------------------------------------------------------------------
REGISTER_FACTS = [
    P("X 月底前签约 X 家区域代理", False, True, True, id="zh-x-month-x-count"),
    P("本季度招募 x 人进入内测群", False, True, True, id="zh-lower-x-people"),
    P("单店月均营业额达到 xxx 元", False, True, False, id="zh-xxx-yuan"),
    P("Grow self-serve bookings to $N per month", False, True, False, id="en-dollar-n"),
    P("Raise NPS to ZZZ (target pending)", False, True, False, id="en-zzz"),
    P("Reduce checkout errors; target to be defined with finance", False, True, False, id="en-to-be-defined"),
    P("Speed up nightly builds >needs baseline and targets", False, True, False, id="en-needs-baseline"),
    P("xx 业务线 Q3 营收增长 20%", True, False, True, id="zh-xx-as-name-not-placeholder"),
    P("华南区销售额进入全国前三", True, False, False, id="zh-rank-top-three"),
    P("新品在类目销量排名第一名", True, False, False, id="zh-rank-first"),
    P("全员完成信息安全考试并 90 分以上", True, False, False, id="zh-coverage-all-staff"),
    P("门店收银系统 100% 覆盖", True, False, False, id="zh-coverage-percent"),
    P("完成全员绩效考核系统升级", False, False, False, id="zh-all-staff-system-is-no-threshold"),
    P("Three new integration guides published", True, False, False, id="en-number-word"),
    P("Catch at least one severity-1 bug before each release", True, False, False, id="en-at-least-one"),
    P("Give the support team one shared inbox", False, False, False, id="en-one-as-article"),
    P("Upgrade the monolith to Rails 7", False, False, False, id="en-version-after-product"),
    P("Stable 2.0 version released to the community", False, False, False, id="en-version-word-after"),
    P("今年读完十二本书", True, False, True, id="zh-numeral-books"),
    P("粗读一遍架构设计文档", False, False, False, id="zh-once-is-no-count"),
    P("三个月后能够连续跑完 10 公里", True, False, True, id="zh-months-later"),
    P("Cut median review time by 30% within the next two months", True, False, True, id="en-within-the-next"),
    P("Book 12 demos during quarter", True, False, True, id="en-during-quarter"),
    P("2026Q3 上线新版 App", False, False, True, id="zh-year-quarter-glued"),
    P("30 天后留存率达到 40%", True, False, False, id="zh-day-30-retention-is-no-deadline"),
]


@pytest.mark.parametrize("line, has_metric, has_placeholder, has_deadline", REGISTER_FACTS)
def test_register_facts(line, has_metric, has_placeholder, has_deadline):
    a = analyse(line)
    assert (a.has_metric, a.has_placeholder, a.has_deadline) == (has_metric, has_placeholder, has_deadline)
