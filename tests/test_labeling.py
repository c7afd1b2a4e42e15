"""Labeling: uncertainty sampling, labels on disk at once, undo, resume, retrain — core, widget and CLI."""
from __future__ import annotations

import csv

import pytest

from okrcoach.classifier.labeling import LabelQueue
from okrcoach.core.errors import OKRInputError
from okrcoach.core.model import Judgement

DRAFT = """O1: 让新会员在第一个月就养成复购习惯
KR1: 上线会员积分功能
KR2: 新会员 30 日复购率从 22% 提升至 30%
KR3: 完成 8 次用户访谈
O2: Make onboarding effortless for new admins
KR1: Ship the new setup wizard by May 15
KR2: Median time to first dashboard falls from 3 days to 1 day
KR3: Hold 4 onboarding webinars
"""

# what a model might say: confidence per text (the least certain must come first)
CONFIDENCE = {
    "上线会员积分功能": 0.91,
    "新会员 30 日复购率从 22% 提升至 30%": 0.97,
    "完成 8 次用户访谈": 0.55,
    "Ship the new setup wizard by May 15": 0.62,
    "Median time to first dashboard falls from 3 days to 1 day": 0.99,
    "Hold 4 onboarding webinars": 0.51,
}


class FixedJudge:
    """A judge whose confidences the test chooses, so the order is known."""

    name = "fixed"

    def judge_krs(self, texts, analyses=()):
        return [Judgement("todo", CONFIDENCE.get(t, 0.8), {"todo": CONFIDENCE.get(t, 0.8)}) for t in texts]

    def judge_objectives(self, texts, analyses=()):
        return [Judgement("ok", 0.9) for _ in texts]


def rows(path):
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture
def queue(tmp_path):
    return LabelQueue(DRAFT, tmp_path / "labels.csv", judge=FixedJudge())


def test_least_certain_key_results_come_first(queue):
    order = [c.text for c in queue.queue]
    assert order == sorted(CONFIDENCE, key=lambda t: CONFIDENCE[t])
    assert queue.current.text == "Hold 4 onboarding webinars"
    assert queue.current.uncertainty == pytest.approx(0.98)


def test_objectives_are_not_queued(queue):
    assert all("onboarding effortless" not in c.text and "复购习惯" not in c.text for c in queue.queue)
    assert queue.remaining == 6


def test_each_label_is_on_disk_before_the_next_is_asked(queue, tmp_path):
    queue.label("todo")
    first = rows(tmp_path / "labels.csv")
    assert [(r["text"], r["label"], r["lang"], r["kind"]) for r in first] == [
        ("Hold 4 onboarding webinars", "todo", "en", "kr")]
    assert first[0]["source_row"] == "8" and first[0]["model_label"] == "todo"
    queue.label("todo")
    assert [r["text"] for r in rows(tmp_path / "labels.csv")] == ["Hold 4 onboarding webinars", "完成 8 次用户访谈"]


def test_undo_takes_the_line_out_of_the_file_and_asks_again(queue, tmp_path):
    queue.label("todo")
    queue.label("outcome")  # a slip: 完成 8 次用户访谈 is a count of activities
    step = queue.undo()
    assert step.label == "outcome" and queue.current.text == "完成 8 次用户访谈"
    assert [r["text"] for r in rows(tmp_path / "labels.csv")] == ["Hold 4 onboarding webinars"]
    queue.label("todo")
    assert [r["label"] for r in rows(tmp_path / "labels.csv")] == ["todo", "todo"]


def test_skip_writes_nothing_and_undo_brings_it_back(queue, tmp_path):
    queue.skip()
    assert not (tmp_path / "labels.csv").exists()
    assert queue.current.text == "完成 8 次用户访谈"
    queue.undo()
    assert queue.current.text == "Hold 4 onboarding webinars"


def test_a_new_session_resumes_without_asking_labeled_lines_again(queue, tmp_path):
    queue.label("todo")
    queue.label("todo")
    again = LabelQueue(DRAFT, tmp_path / "labels.csv", judge=FixedJudge())
    assert again.already_labeled == 2 and again.remaining == 4
    assert again.current.text == "Ship the new setup wizard by May 15"
    assert again.counts() == {"outcome": 0, "todo": 2}


def test_undo_refuses_when_the_file_changed_underneath(queue, tmp_path):
    queue.label("todo")
    with open(tmp_path / "labels.csv", "a", encoding="utf-8") as fh:
        fh.write("someone else's line,kr,outcome,en,x,1,outcome,0.5,now\n")
    with pytest.raises(OKRInputError, match="changed since"):
        queue.undo()


def test_unknown_label_is_refused(queue):
    with pytest.raises(ValueError):
        queue.label("done")


def test_a_file_without_key_results_is_one_line(tmp_path):
    path = tmp_path / "objectives-only.md"
    path.write_text("O1: 提升续费体验\n", encoding="utf-8")
    with pytest.raises(OKRInputError) as exc:
        LabelQueue(path, tmp_path / "labels.csv", judge=FixedJudge())
    assert "\n" not in exc.value.one_line()


def test_csv_sources_keep_their_row_numbers(tmp_path):
    src = tmp_path / "okrs.csv"
    src.write_text("objective,key_result\n提升续费体验,上线新版会员中心\n提升续费体验,续费率从 60% 提升至 70%\n",
                   encoding="utf-8")
    q = LabelQueue(src, tmp_path / "labels.csv", judge=FixedJudge())
    assert sorted(c.row for c in q.queue) == [2, 3]
    assert q.source_name == "okrs.csv"


def test_retrain_reports_the_current_and_new_model_on_held_out_labels(tmp_path):
    lines = ([f"完成第 {i} 批供应商现场审核" for i in range(1, 9)]
             + [f"Run customer workshop number {i}" for i in range(1, 9)]
             + [f"华东区续约率从 {60 + i}% 提升至 {80 + i}%" for i in range(1, 9)]
             + [f"Grow weekly active teams from {1000 + i} to {2000 + i}" for i in range(1, 9)])
    draft = "O1: 让客户离不开我们\n" + "\n".join(f"KR{i}: {t}" for i, t in enumerate(lines, 1))
    q = LabelQueue(draft, tmp_path / "labels.csv", judge=FixedJudge())
    while q.current is not None:
        text = q.current.text
        q.label("todo" if text.startswith(("完成", "Run")) else "outcome")
    report = q.retrain(tmp_path / "model", base="none")
    assert report.rows["kr"]["user_test"] > 0
    assert set(report.before["kr"]) >= {"both"} and set(report.after["kr"]) >= {"both"}
    # the fixed judge calls everything todo; the retrained model learns both labels
    assert report.after["kr"]["both"]["macro_f1"] > report.before["kr"]["both"]["macro_f1"]
    assert (tmp_path / "model" / "kr.skops").is_file()


# ------------------------------------------------------------------------------------- widget
@pytest.fixture
def studio(tmp_path):
    from okrcoach.widgets import LabelingStudio

    return LabelingStudio(DRAFT, labels_path=tmp_path / "labels.csv", model_dir=tmp_path / "model", ui_lang="en",
                          judge=FixedJudge())


def test_studio_buttons_label_and_the_csv_grows(studio, tmp_path):
    assert "Hold 4 onboarding webinars" in studio.card.value
    studio.buttons["todo"].click()
    assert len(rows(tmp_path / "labels.csv")) == 1
    assert "完成 8 次用户访谈" in studio.card.value
    studio.buttons["todo"].click()
    assert len(rows(tmp_path / "labels.csv")) == 2
    assert "2 labeled so far" in studio.progress.value


def test_studio_keys_label_skip_and_undo(studio, tmp_path):
    studio.key_box.value = "2"
    assert studio.key_box.value == ""  # ready for the next key
    studio.key_box.value = "0"
    studio.key_box.value = "1"
    assert [r["text"] for r in rows(tmp_path / "labels.csv")] == ["Hold 4 onboarding webinars",
                                                                   "Ship the new setup wizard by May 15"]
    studio.key_box.value = "u"
    assert [r["text"] for r in rows(tmp_path / "labels.csv")] == ["Hold 4 onboarding webinars"]
    assert "Ship the new setup wizard" in studio.card.value


def test_studio_without_a_source_says_what_to_do(tmp_path):
    from okrcoach.widgets import LabelingStudio

    s = LabelingStudio(labels_path=tmp_path / "l.csv", ui_lang="zh", judge=FixedJudge())
    assert "请上传文件" in s.card.value
    s.buttons["outcome"].click()
    assert "okrc-error" in s.status.value and not (tmp_path / "l.csv").exists()


def test_studio_upload_of_a_bad_file_is_one_line(studio):
    studio.load_upload("okrs.csv", b"\x00\x01\x02binary")
    assert "okrc-error" in studio.status.value and "okrs.csv" in studio.status.value
    assert "okrcoach-label-" not in studio.status.value  # the temp copy's path is not shown


def test_studio_escapes_user_text(tmp_path):
    from okrcoach.widgets import LabelingStudio

    payload = "<img src=x onerror=alert(1)>"
    s = LabelingStudio(f"O1: 目标\nKR1: 上线 {payload} 功能", labels_path=tmp_path / "l.csv", judge=FixedJudge())
    html = "".join(s.html_values())
    assert payload not in html and "&lt;img src=x onerror=alert(1)&gt;" in html


def test_studio_retrain_with_too_few_labels_still_saves_and_says_why(studio, tmp_path):
    studio.buttons["todo"].click()
    studio.buttons["outcome"].click()
    studio.buttons["todo"].click()
    studio.retrain_button.click()
    html = studio.retrain_html.value
    assert "Too few labels" in html or "okrc-error" in html


# ---------------------------------------------------------------------------------------- CLI
def test_cli_label_reads_keys_and_appends_labels(runner, tmp_path):
    from okrcoach.cli import main

    src = tmp_path / "draft.md"
    src.write_text(DRAFT, encoding="utf-8")
    labels = tmp_path / "labels.csv"
    result = runner.invoke(main, ["label", str(src), "--labels", str(labels), "--no-model"], input="2 1 u 2 q")
    assert result.exit_code == 0, result.output
    got = rows(labels)
    assert len(got) == 2 and {r["label"] for r in got} == {"todo"}
    assert "2 labeled this time" in result.output


def test_cli_label_missing_file_is_one_line(runner, tmp_path):
    from okrcoach.cli import main

    result = runner.invoke(main, ["label", str(tmp_path / "nope.csv")])
    assert result.exit_code == 2 and "Traceback" not in result.output
