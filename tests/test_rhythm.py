"""The rhythm of a cycle from weekly updates over several weeks: stale KRs (CHECKIN605), scores that do
not move (CHECKIN606), no mid-cycle review (CHECKIN607) — in Chinese and English, from one table with a
week column, from several weekly files, and on the bundled multi-week sample."""
from __future__ import annotations

import json

import pandas as pd
import pytest

from okrcoach.auditing.checkins import check_updates
from okrcoach.classifier.judge import LexiconJudge
from okrcoach.cli import main
from okrcoach.cycle.rhythm import week_ordinals
from okrcoach.rules.config import Config
from conftest import DATA, write_text

JUDGE = LexiconJudge()  # the rhythm does not depend on how notes are classified
SAMPLE = DATA / "sample_weekly_cycle.csv"

KR_ZH, KR_EN = "帮助中心自助解决率从 22% 提升到 40%", "Partner-sourced new ARR from ¥0.3M to ¥1.2M in Q3"


def weekly(rows: list[tuple]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["week", "owner", "key_result", "score", "progress"])


def codes_by_row(result) -> list[set[str]]:
    return [set(filter(None, s.split(";"))) for s in result.frame["findings"]]


def test_week_labels_are_read_as_calendar_weeks():
    w = week_ordinals(["2026-W36", "2026-W38", "2026-09-21", "2026 W39", "２０２６-W40"])
    assert [b - w[0] for b in w] == [0, 2, 3, 3, 4]
    assert week_ordinals(["第 3 周", "第 5 周"]) == [3, 5]
    assert week_ordinals(["36", "38", "Week 39"]) == [36, 38, 39]  # bare week numbers, as a spreadsheet stores them
    year_end = week_ordinals(["2026-W53", "2027-W01"])
    assert year_end[1] - year_end[0] == 1
    assert week_ordinals(["sprint a", "sprint b", "sprint a", ""]) == [0, 1, 0, None]  # labels ranked as they come


@pytest.mark.parametrize("kr,owner,note", [(KR_ZH, "林晓", "自助解决率 26%"), (KR_EN, "Maya", "¥0.55M closed")])
def test_a_kr_without_an_update_for_two_weeks_is_found(kr, owner, note):
    other = "续约率从 88% 提升到 93%" if owner == "林晓" else "Renewals from 88% to 93%"
    rows = [(w, owner, kr, "0.2", note) for w in ("2026-W30", "2026-W31")]
    rows += [(w, owner, other, s, f"{s}") for w, s in (("2026-W30", "0.2"), ("2026-W31", "0.3"), ("2026-W32", "0.4"),
                                                         ("2026-W33", "0.5"))]
    result = check_updates(weekly(rows), judge=JUDGE)
    found = codes_by_row(result)
    assert "CHECKIN605" in found[1] and "CHECKIN605" not in found[0]  # on the KR's last row
    assert not any("CHECKIN605" in f for f in found[2:])
    msg = next(f for f in result.findings[1] if f.code == "CHECKIN605")
    assert "2 周" in msg.message_zh and "2026-W31" in msg.message_zh and "2 weeks" in msg.message_en
    table = result.rhythm_table().set_index("key_result")
    assert table.loc[kr, "weeks_since_update"] == 2 and table.loc[other, "weeks_since_update"] == 0


@pytest.mark.parametrize("kr,note", [(KR_ZH, "本周和几位店长沟通了"), (KR_EN, "Had calls with partners")])
def test_one_quiet_week_is_not_stale_and_an_empty_note_is_no_update(kr, note):
    rows = [("2026-W30", "A", kr, "0.2", note), ("2026-W31", "A", kr, "0.3", note), ("2026-W32", "A", kr, "0.3", "")]
    assert not any("CHECKIN605" in f for f in codes_by_row(check_updates(weekly(rows), judge=JUDGE)))
    rows.append(("2026-W33", "A", kr, "0.3", ""))
    found = codes_by_row(check_updates(weekly(rows), judge=JUDGE))
    assert "CHECKIN605" in found[3]


@pytest.mark.parametrize("kr", [KR_ZH, KR_EN])
def test_a_score_flat_for_four_weeks_is_found(kr):
    rows = [(f"2026-W{w}", "A", kr, s, "x") for w, s in zip(range(27, 32), ("0.1", "0.3", "0.3", "0.3", "0.3"))]
    result = check_updates(weekly(rows), judge=JUDGE)
    assert "CHECKIN606" in codes_by_row(result)[-1]
    f = next(f for f in result.findings[-1] if f.code == "CHECKIN606")
    assert "4 周" in f.message_zh and "0.3" in f.message_zh and "4 weekly" in f.message_en
    moved = [(f"2026-W{w}", "A", kr, s, "x") for w, s in zip(range(27, 32), ("0.3", "0.3", "0.3", "0.35", "0.35"))]
    assert not any("CHECKIN606" in f for f in codes_by_row(check_updates(weekly(moved), judge=JUDGE)))
    done = [(f"2026-W{w}", "A", kr, "1.0", "x") for w in range(27, 32)]  # at 1.0 it is done, not stuck
    assert not any("CHECKIN606" in f for f in codes_by_row(check_updates(weekly(done), judge=JUDGE)))


def _cycle(owner: str, kr: str, weeks: int, review: dict | None = None) -> pd.DataFrame:
    rows = [{"week": f"2026-W{27 + i}", "owner": owner, "key_result": kr, "score": f"{0.1 * (i + 1):.1f}",
             "progress": f"{10 * (i + 1)}%", "review": ""} for i in range(weeks)]
    for i, text in (review or {}).items():
        rows[i].update(text)
    return pd.DataFrame(rows)


@pytest.mark.parametrize("owner,kr", [("林晓", KR_ZH), ("Maya Ortiz", KR_EN)])
def test_no_mid_cycle_review_after_seven_weeks(owner, kr):
    found = codes_by_row(check_updates(_cycle(owner, kr, 7), judge=JUDGE))
    assert "CHECKIN607" in found[-1] and not any("CHECKIN607" in f for f in found[:-1])
    assert not any("CHECKIN607" in f for f in codes_by_row(check_updates(_cycle(owner, kr, 6), judge=JUDGE)))


@pytest.mark.parametrize("review", [
    {4: {"review": "中期复盘：KR2 目标下调"}}, {4: {"review": "Held; KR3 target cut"}},
    {5: {"progress": "40%，本周完成中期复盘"}}, {5: {"progress": "40% after the mid-cycle review"}},
])
def test_a_recorded_review_in_a_column_or_a_note_counts(review):
    found = codes_by_row(check_updates(_cycle("A", KR_ZH, 8, review), judge=JUDGE))
    assert not any("CHECKIN607" in f for f in found)


def test_without_a_week_column_there_is_no_rhythm():
    frame = weekly([("2026-W30", "A", KR_ZH, "0.3", "x")] * 5).drop(columns=["week"])
    result = check_updates(frame, judge=JUDGE)
    assert result.rhythm is None and result.rhythm_table().empty
    assert not any(c.startswith("CHECKIN60") and c >= "CHECKIN605" for f in codes_by_row(result) for c in f)


def test_rhythm_rules_follow_select_and_ignore():
    result = check_updates(SAMPLE, Config(ignore=["CHECKIN606"]), judge=JUDGE)
    found = set().union(*codes_by_row(result))
    assert "CHECKIN606" not in found and {"CHECKIN605", "CHECKIN607"} <= found
    result = check_updates(SAMPLE, Config(stale_weeks=4), judge=JUDGE)
    assert result.summary()["stale_krs"] == 0


def test_the_bundled_multi_week_sample_shows_every_rhythm_finding():
    result = check_updates(SAMPLE, judge=JUDGE)
    s = result.summary()
    assert (s["stale_krs"], s["flat_krs"], s["no_review"]) == (2, 2, 1)
    assert len(result.frame) == 44  # every row in is a row out
    table = result.rhythm_table().set_index("key_result")
    assert table.loc[KR_ZH, "weeks_since_update"] == 3 and table.loc[KR_ZH, "last_update"] == "2026-W31"
    assert table.loc[KR_EN, "flat_weeks"] == 6
    langs = {f.code: lang for found, lang in zip(result.findings, result.langs) for f in found
             if f.code in ("CHECKIN605", "CHECKIN606")}
    assert set(langs.values()) == {"zh", "en"} or len(langs) == 2


@pytest.mark.parametrize("lang,word", [("zh", "没有更新"), ("en", "not been updated")])
def test_the_cycle_review_lists_the_rhythm_findings(lang, word):
    from okrcoach.auditing.cycle_review import rhythm_findings

    table = rhythm_findings(check_updates(SAMPLE, judge=JUDGE), lang)
    assert sorted(table["code"]) == ["CHECKIN605", "CHECKIN605", "CHECKIN606", "CHECKIN606", "CHECKIN607"]
    stale = table[table["code"] == "CHECKIN605"]
    assert set(stale["owner"]) == {"林晓", "Maya Ortiz"} and all(word in m for m in stale["message"])
    assert rhythm_findings(check_updates(DATA / "sample_weekly_updates.csv", judge=JUDGE)).empty


def test_several_weekly_markdown_files_are_one_cycle(tmp_path):
    def week_md(week: str, krs: dict[str, str]) -> str:
        blocks = "\n".join(f"### KR1.{i}: {kr}\n- 得分 / Score: 0.3\n- 进展 / Progress: {note}\n"
                           for i, (kr, note) in enumerate(krs.items(), 1))
        return f"# 周报 · Weekly update — {week} — 林晓\n\n## O1: 让门店店长愿意每天用会员系统\n\n{blocks}"

    other = "门店月活跃使用率从 34% 提升到 55%"
    files = [write_text(tmp_path / "w30.md", week_md("2026-W30", {KR_ZH: "自助解决率 26%", other: "月活 40%"})),
             write_text(tmp_path / "w31.md", week_md("2026-W31", {other: "月活 42%"})),
             write_text(tmp_path / "w32.md", week_md("2026-W32", {other: "月活 45%"}))]
    result = check_updates([str(f) for f in files], judge=JUDGE)
    assert result.frame["source_file"].tolist() == ["w30.md", "w30.md", "w31.md", "w32.md"]
    assert "CHECKIN605" in codes_by_row(result)[0]


def test_several_csv_files_without_a_week_column_take_the_file_name(tmp_path):
    header = "key_result,score,progress\n"
    files = [write_text(tmp_path / f"2026-W{w}.csv", header + f"{KR_EN},0.5,note {w}\n") for w in (30, 31, 32, 33)]
    result = check_updates([str(f) for f in files], judge=JUDGE)
    assert result.frame["week"].tolist() == ["2026-W30", "2026-W31", "2026-W32", "2026-W33"]
    assert "CHECKIN606" in codes_by_row(result)[-1]


def test_cli_checkin_reports_the_rhythm(runner, tmp_path, no_model_env):
    res = runner.invoke(main, ["checkin", str(SAMPLE), "--no-model"])
    assert res.exit_code == 0, res.output
    assert "CHECKIN605" in res.output and "CHECKIN607" in res.output
    assert "rhythm: 6 KRs" in res.output and "mid-cycle review 1" in res.output
    res = runner.invoke(main, ["checkin", str(SAMPLE), "--no-model", "--format", "json"])
    assert json.loads(res.output)["summary"]["stale_krs"] == 2
    files = [write_text(tmp_path / f"2026-W{w}.csv", f"key_result,score,progress\n{KR_ZH},0.3,第 {w} 周\n")
             for w in (30, 31, 32, 33)]
    res = runner.invoke(main, ["checkin", *map(str, files), "--no-model"])
    assert res.exit_code == 0, res.output
    assert "2026-W33.csv:2" in res.output and "CHECKIN606" in res.output
