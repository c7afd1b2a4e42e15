"""The metric catalogue: its schema and counts (the datasheet's figures), and user extensions."""
from __future__ import annotations

import csv
import importlib.util
from itertools import accumulate
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from okrcoach.analysis.metrics import (COLUMNS, _BlockBounds, _zh_key, bundled_catalogue, load_catalogue,
                                       parse_catalogue)
from okrcoach.analysis.tokens import jieba_tokenizer
from okrcoach.coaching.ideas import suggest_krs
from okrcoach.core.errors import OKRInputError
from okrcoach.rules.config import load_config

ROOT = Path(__file__).resolve().parents[1]


def _checker():
    spec = importlib.util.spec_from_file_location("check_metric_catalogue", ROOT / "scripts" / "check_metric_catalogue.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_bundled_catalogue_passes_its_checks():
    checker = _checker()
    problems, counts = checker.check(ROOT / "okrcoach" / "data" / "metrics.tsv")
    assert problems == []
    assert counts["metrics"] >= 300 and len(counts["functions"]) >= 30


def test_checker_reports_a_thin_catalogue(tmp_path):
    path = tmp_path / "m.tsv"
    path.write_text("\t".join(COLUMNS) + "\nx-1\tsales\t赢单率\twin rate\t%\tup\t赢单\twin\t赢单比例\twon share\n",
                    encoding="utf-8")
    problems, _ = _checker().check(path)
    assert any("fewer than 300" in p for p in problems)


def test_every_metric_has_both_languages():
    for m in bundled_catalogue().metrics:
        assert m.name_zh and m.name_en and m.definition_zh and m.definition_en and m.signals_zh and m.signals_en


ROW = "acme-1\tsales\t回款及时率\ton-time collection rate\t%\tup\t回款节奏|账龄\tcollection cadence\t按期回款占比\tshare collected on time"


def test_a_user_file_extends_the_catalogue_through_the_config(tmp_path):
    (tmp_path / "our-metrics.tsv").write_text("\t".join(COLUMNS) + "\n" + ROW + "\n", encoding="utf-8")
    (tmp_path / "okrcoach.toml").write_text('[tool.okrcoach.metrics]\npath = "our-metrics.tsv"\n', encoding="utf-8")
    cfg = load_config(tmp_path / "okrcoach.toml")
    cat = cfg.metric_catalogue()
    assert len(cat) == len(bundled_catalogue()) + 1
    assert suggest_krs("理顺回款节奏", config=cfg)[0].metric.id == "acme-1"


def test_bundled_false_uses_only_the_user_file(tmp_path):
    (tmp_path / "m.csv").write_text(",".join(COLUMNS) + "\n" + ROW.replace("\t", ",") + "\n", encoding="utf-8")
    assert len(load_catalogue(tmp_path / "m.csv", bundled=False)) == 1


@pytest.mark.parametrize("row,column", [
    (ROW.replace("\tup\t", "\tsideways\t"), "direction"),
    (ROW.replace("\t%\t", "\tbananas\t"), "unit"),
    (ROW.replace("回款及时率", ""), "name_zh"),
    (ROW.replace("回款节奏|账龄\tcollection cadence", "\t"), "signals_zh"),
])
def test_a_bad_user_row_is_one_line_naming_file_row_and_column(tmp_path, row, column):
    path = tmp_path / "bad.tsv"
    path.write_text("\t".join(COLUMNS) + "\n" + row + "\n", encoding="utf-8")
    with pytest.raises(OKRInputError) as err:
        load_catalogue(path)
    line = err.value.one_line()
    assert "bad.tsv" in line and "row 2" in line and repr(column) in line


def test_missing_columns_and_duplicate_ids_are_reported(tmp_path):
    with pytest.raises(OKRInputError, match="lacks the column"):
        parse_catalogue("id\tfunction\n1\tsales\n", "m.tsv")
    text = "\t".join(COLUMNS) + "\n" + ROW + "\n" + ROW + "\n"
    with pytest.raises(OKRInputError, match="appears twice"):
        parse_catalogue(text, "m.tsv")


def test_unknown_metrics_setting_is_reported(tmp_path):
    (tmp_path / "okrcoach.toml").write_text('[tool.okrcoach.metrics]\nfile = "x.tsv"\n', encoding="utf-8")
    with pytest.raises(OKRInputError, match="takes path"):
        load_config(tmp_path / "okrcoach.toml")


def test_a_missing_user_file_is_one_line(tmp_path):
    with pytest.raises(OKRInputError, match="no such metric catalogue file"):
        load_catalogue(tmp_path / "nope.tsv")


def test_latin_signals_in_zh_do_not_fire_inside_words():
    cat = bundled_catalogue()
    assert "eng-08" not in [m.metric.id for m in cat.match("Migrate to the new CRM")]  # "CR" is not in "CRM"


def test_traditional_chinese_matches_like_simplified():
    cat = bundled_catalogue()
    assert cat.match("完成年度供應商大會的籌辦")[0].metric.id == cat.match("完成年度供应商大会的筹办")[0].metric.id


def _word_bounds(key: str) -> set[int]:
    """The reference: the cut points of jieba cutting the whole key string at once."""
    return set(accumulate(map(len, jieba_tokenizer().cut(key, HMM=False)), initial=0))


def _block_bounds(key: str) -> set[int]:
    bounds = _BlockBounds(key)
    return {p for p in range(len(key) + 1) if p in bounds}


def test_block_wise_word_bounds_are_those_of_cutting_the_whole_line():
    """Signals are kept by word bounds found block by block: the same as cutting the whole key string."""
    with open(ROOT / "datasets" / "key_results.csv", encoding="utf-8") as fh:
        keys = [_zh_key(row["text"]) for row in csv.DictReader(fh)]
    keys += ["", "a", "提升复购率\r\n完成 8 次访谈", "会员中心+APP改版.v2", "ＮＰＳ提升至50%", "\r\r\n\t上线 新版\u3000会员"]
    for key in keys:
        assert _block_bounds(key) == _word_bounds(key), key


_BOUND_CHARS = "会员中心复购率提升新版权益上线发布文章篇客户访谈满意度留存成本降低完成次的和与" + "aZ09+#&._%-" + " ，,。；:（）\r\n\t\u3000"


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=_BOUND_CHARS, max_size=40))
def test_block_wise_word_bounds_on_random_strings(key):
    assert _block_bounds(key) == _word_bounds(key)


def test_top_metrics_are_the_matches_reaching_the_share_of_the_best():
    """top_metrics (the rewrites' path) reads the ranking without MetricMatch objects: the same metrics as match."""
    with open(ROOT / "datasets" / "key_results.csv", encoding="utf-8") as fh:
        lines = [row["text"] for row in csv.DictReader(fh)][::7]
    objective = "让会员中心成为复购的主要入口"
    for general in (True, False):
        cat = load_catalogue(None).extended([])  # a fresh catalogue: empty caches
        for text in lines:
            for context in ("", objective):
                top = cat.top_metrics(text, context, limit=9, min_share=0.4, general=general)
                matches = cat.match(text, context, limit=9, general=general)
                assert top == [m.metric for m in matches if m.score >= matches[0].score * 0.4], text
                assert cat.top_metrics(text, context, limit=2, general=general) == [m.metric for m in matches[:2]]


def test_the_config_remembers_its_catalogue_and_follows_changed_settings(tmp_path):
    (tmp_path / "our-metrics.tsv").write_text("\t".join(COLUMNS) + "\n" + ROW + "\n", encoding="utf-8")
    cfg = load_config(discover=False)
    assert cfg.metric_catalogue() is bundled_catalogue() and cfg.metric_catalogue() is bundled_catalogue()
    cfg.metrics = {"path": str(tmp_path / "our-metrics.tsv")}
    assert len(cfg.metric_catalogue()) == len(bundled_catalogue()) + 1
    cfg.metrics = {"path": str(tmp_path / "our-metrics.tsv"), "bundled": False}
    assert len(cfg.metric_catalogue()) == 1
    cfg.metrics = {}
    assert cfg.metric_catalogue() is bundled_catalogue()
