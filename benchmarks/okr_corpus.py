"""Real-length OKR lines for benchmarks, generated (written for this project, seeded, no data files).

Lines follow the registers of real OKR exports in both languages: outcome KRs with a baseline and
target, to-do lines that list work, deadlines in several formats, @owners, 【tags】, placeholders
(xx%, TBD), and long compound lines that join two or three clauses. Most lines are 15–60
characters; about one in eight is a compound line of 60–160.

    from benchmarks.okr_corpus import kr_lines, objective_lines
    lines = kr_lines(20000, seed=1)
"""
from __future__ import annotations

import random

SEGMENTS_ZH = ["华东区中小企业客户", "新注册用户", "付费会员", "年卡用户", "渠道代理商", "重点行业客户", "海外站点用户",
               "线下门店", "B 端大客户", "内部业务团队", "一线销售", "客服坐席", "新入职员工", "供应商", "小程序用户"]
METRICS_ZH = ["续费率", "NPS", "客单价", "日活跃用户数", "次日留存率", "付费转化率", "投诉率", "平均交付周期", "工单积压量",
              "首响时长", "回款率", "毛利率", "线索转化率", "复购率", "页面加载时间", "系统可用性", "缺陷逃逸率",
              "培训覆盖率", "员工满意度", "库存周转天数", "退货率", "获客成本", "月度 GMV", "活动 ROI", "自助解决率"]
CHANGE_ZH = ["从 {a}{u} 提升至 {b}{u}", "由 {a}{u} 提高到 {b}{u}", "从 {b}{u} 降低至 {a}{u}", "提升至 {b}{u}",
             "达到 {b}{u}", "稳定在 {b}{u} 以上", "降到 {a}{u} 以内", "同比增长 {a}%", "环比提升 {a} 个百分点"]
TODO_ZH = ["完成 {n} 次客户访谈", "组织 {n} 场产品培训", "上线新版会员中心", "梳理{seg}的服务流程", "开展竞品分析",
           "推进 CRM 系统建设", "输出{seg}运营方案", "搭建数据看板", "召开 {n} 次复盘会", "拜访 {n} 家{seg}",
           "优化{seg}的注册流程", "制定年度招聘计划", "完成 {n} 篇行业白皮书", "协调研发资源支持{seg}"]
DEADLINES_ZH = ["Q{q} 结束前", "{mo} 月底前", "{mo} 月 {d} 日前", "本季度内", "年底前", "{mo}/{d} 前", "H{h} 内", "第 {w} 周前"]
TAGS_ZH = ["【重点】", "【增长】", "【体验】", "【降本】", "【合规】", "【新业务】"]
NAMES = ["王磊", "李娜", "张伟", "陈静", "刘洋", "赵敏", "黄婷", "周杰", "Alice", "Ben", "Chen Yu", "Priya"]
PLACEHOLDERS_ZH = ["xx%", "XX 万", "N 个", "待定", "TBD"]

SEGMENTS_EN = ["mid-market customers", "new sign-ups", "paying members", "channel partners", "enterprise accounts",
               "EMEA SMB customers", "self-serve users", "frontline reps", "support agents", "new hires", "app users"]
METRICS_EN = ["renewal rate", "NPS", "average order value", "weekly active users", "day-7 retention", "trial-to-paid conversion",
              "complaint rate", "lead time", "ticket backlog", "first response time", "gross margin", "churn",
              "page load time", "uptime", "escaped defects", "onboarding time", "expansion ARR", "CSAT", "cost per lead"]
CHANGE_EN = ["Grow {m} from {a}{u} to {b}{u}", "Raise {m} to {b}{u}", "Cut {m} from {b}{u} to {a}{u}", "Reach {b}{u} {m}",
             "Keep {m} above {b}{u}", "Reduce {m} to under {a}{u}", "Lift {m} by {a}%", "Double {m} for {seg}"]
TODO_EN = ["Run {n} customer interviews", "Host {n} webinars for {seg}", "Launch the new member portal", "Set up a KPI dashboard",
           "Migrate billing to the new platform", "Write {n} case studies", "Hold {n} retro meetings", "Visit {n} {seg}",
           "Redesign the onboarding flow", "Draft the hiring plan", "Support {seg} with release notes", "Do competitor research"]
DEADLINES_EN = ["by end of Q{q}", "by {mon} {d}", "by the end of {mon}", "this quarter", "before H{h} close", "in {w} weeks"]
TAGS_EN = ["[P0]", "[growth]", "[CX]", "[cost]", "[compliance]"]
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "June", "July", "Aug", "Sept", "Oct", "Nov", "Dec"]
PLACEHOLDERS_EN = ["xx%", "TBD", "N", "$X"]


def _fill(template: str, rng: random.Random, seg: str, metric: str = "") -> str:
    a = rng.choice([rng.randint(2, 40), round(rng.uniform(1, 30), 1)])
    b = a + rng.choice([rng.randint(3, 60), round(rng.uniform(1, 25), 1)])
    unit = rng.choice(["%", "%", "", " 分", " 天", " 万"]) if "{u}" in template and _is_zh(template) else \
        rng.choice(["%", "%", "", " days", "k", " pts"])
    return template.format(a=a, b=b, u=unit, n=rng.randint(3, 30), seg=seg, m=metric, q=rng.randint(1, 4),
                           mon=rng.choice(MONTHS), mo=rng.randint(1, 12), d=rng.randint(1, 28), h=rng.randint(1, 2), w=rng.randint(2, 12))


def _is_zh(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def _clause_zh(rng: random.Random) -> str:
    seg = rng.choice(SEGMENTS_ZH)
    if rng.random() < 0.35:
        return _fill(rng.choice(TODO_ZH), rng, seg)
    metric = rng.choice(METRICS_ZH)
    change = _fill(rng.choice(CHANGE_ZH), rng, seg)
    if rng.random() < 0.08:
        change = rng.choice(["提升至 ", "达到 "]) + rng.choice(PLACEHOLDERS_ZH)
    return f"{seg}{'的' if rng.random() < 0.5 else ''}{metric}{change}"


def _clause_en(rng: random.Random) -> str:
    seg = rng.choice(SEGMENTS_EN)
    if rng.random() < 0.35:
        return _fill(rng.choice(TODO_EN), rng, seg)
    metric = rng.choice(METRICS_EN)
    line = _fill(rng.choice(CHANGE_EN), rng, seg, metric)
    if rng.random() < 0.5 and "{seg}" not in line:
        line += f" for {seg}"
    if rng.random() < 0.08:
        line = f"Raise {metric} to {rng.choice(PLACEHOLDERS_EN)}"
    return line


def kr_line(rng: random.Random, lang: str | None = None) -> str:
    """One KR line in the register of a real export."""
    zh = (lang or rng.choice(["zh", "zh", "en"])) == "zh"
    clause = _clause_zh if zh else _clause_en
    parts = [clause(rng)]
    if rng.random() < 0.12:  # the long compound lines people paste from planning documents
        parts += [clause(rng) for _ in range(rng.randint(1, 2))]
        parts = [(",并" if zh else ", and ").join(parts)]
    line = parts[0]
    if rng.random() < 0.4:
        dl = _fill(rng.choice(DEADLINES_ZH if zh else DEADLINES_EN), rng, "")
        line = f"{dl}{line}" if zh and rng.random() < 0.6 else f"{line}{',' if zh else ' '}{dl}"
    if rng.random() < 0.15:
        line = rng.choice(TAGS_ZH if zh else TAGS_EN) + line
    if rng.random() < 0.15:
        line += f" @{rng.choice(NAMES)}" + (f" @{rng.choice(NAMES)}" if rng.random() < 0.3 else "")
    if rng.random() < 0.1:
        line += "。" if zh else "."
    return line


OBJECTIVES_ZH = ["让{seg}愿意长期留下来", "打造{seg}的一流服务体验", "提升{seg}的运营效率", "做强{seg}业务增长",
                 "继续推进数字化建设", "做好日常运维", "让{seg}用得更顺手"]
OBJECTIVES_EN = ["Make {seg} stay and grow with us", "Deliver a world-class experience for {seg}",
                 "Run support for {seg} without firefighting", "Win the market with {seg}", "Keep the lights on"]


def objective_line(rng: random.Random, lang: str | None = None) -> str:
    zh = (lang or rng.choice(["zh", "zh", "en"])) == "zh"
    seg = rng.choice(SEGMENTS_ZH if zh else SEGMENTS_EN)
    line = rng.choice(OBJECTIVES_ZH if zh else OBJECTIVES_EN).format(seg=seg)
    return line + (f"({rng.choice(['Q3', 'H2', '2026'])})" if rng.random() < 0.3 else "")


def kr_lines(n: int, seed: int = 1) -> list[str]:
    rng = random.Random(seed)
    return [kr_line(rng) for _ in range(n)]


def objective_lines(n: int, seed: int = 2) -> list[str]:
    rng = random.Random(seed)
    return [objective_line(rng) for _ in range(n)]


if __name__ == "__main__":
    lines = kr_lines(20000)
    lengths = sorted(len(l) for l in lines)
    print(f"{len(lines)} lines, {len(set(lines))} distinct, length p5 {lengths[len(lines) // 20]}, median "
          f"{lengths[len(lines) // 2]}, p95 {lengths[len(lines) * 19 // 20]}, max {lengths[-1]}")
    for line in lines[:12]:
        print(line)


def department_rows(n_krs: int, seed: int = 3, teams: bool = True, one_objective: bool = False) -> list[dict]:
    """Rows of a department export (long layout): 3–5 objectives per owner, 2–5 KRs per objective.

    ``teams=False`` leaves out the team and owner columns (the export that makes one huge set);
    ``one_objective=True`` puts every KR under one objective (a file whose objective column was lost).
    """
    rng = random.Random(seed)
    krs = kr_lines(n_krs, seed)
    rows, k, owner_no = [], 0, 0
    while k < n_krs:
        owner_no += 1
        lang = rng.choice(["zh", "zh", "en"])
        owner = f"{rng.choice(NAMES)}-{owner_no}"
        team = f"{rng.choice(['增长', '平台', 'Sales', 'Support', '产品', 'Data'])}-{owner_no // 6}"
        for _ in range(rng.randint(3, 5)):
            objective = "提升客户满意度" if one_objective else objective_line(rng, lang)
            for _ in range(rng.randint(2, 5)):
                if k >= n_krs:
                    break
                row = {"objective": objective, "key_result": krs[k]}
                if teams:
                    row = {"team": team, "owner": owner, **row}
                rows.append(row)
                k += 1
    return rows
