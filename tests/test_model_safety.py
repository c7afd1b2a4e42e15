"""Safe models: skops with an allowlist; crafted or pickled model files are refused with a clear error."""
from __future__ import annotations

import os
import pickle
import zipfile

import pytest

from okrcoach.classifier.model import ModelJudge, load_model
from okrcoach.classifier.persist import dump_model, load_model_file
from okrcoach.classifier.pipelines import build_pipeline
from okrcoach.core.errors import ModelFileError

KR = [("续费率从 78% 提升至 85%", "outcome"), ("上线新版会员中心", "todo"), ("Grow WAU from 1,200 to 2,000", "outcome"),
      ("Ship the onboarding flow by May 15", "todo"), ("NPS 达到 50", "outcome"), ("完成 8 次客户访谈", "todo"),
      ("Cut p95 latency below 300 ms", "outcome"), ("Run 4 webinars", "todo"), ("流失率降至 3%", "outcome"),
      ("搭建周会复盘机制", "todo")] * 3
OBJ = [("提升续费体验", "ok"), ("收入", "vague"), ("完成 3 场线上活动", "task"), ("Increase signups by 20%", "metric"),
       ("Keep the lights on", "routine"), ("Make onboarding effortless", "ok"), ("Growth", "vague"),
       ("Migrate to the new CRM", "task"), ("将点击率从 3% 提升至 5%", "metric"), ("持续举办活动", "routine")] * 3


@pytest.fixture(scope="module")
def tiny_model(tmp_path_factory):
    kr = build_pipeline("char+cues", calibrate=False).fit([t for t, _ in KR], [l for _, l in KR])
    obj = build_pipeline("char+cues", calibrate=False).fit([t for t, _ in OBJ], [l for _, l in OBJ])
    path = tmp_path_factory.mktemp("model") / "m"
    ModelJudge(kr, obj, {"name": "tiny"}).save(path)
    return path


def test_a_saved_model_round_trips(tiny_model):
    judge = load_model(tiny_model)
    assert judge.card["name"] == "tiny"
    labels = [j.label for j in judge.judge_krs(["上线新版会员中心", "续费率从 78% 提升至 85%"])]
    assert labels == ["todo", "outcome"]


def test_a_skops_file_with_a_dangerous_type_is_refused(tmp_path):
    path = tmp_path / "evil.skops"
    dump_model({"payload": os.system}, path)
    with pytest.raises(ModelFileError, match="not on okrcoach's allowlist") as info:
        load_model_file(path)
    assert "system" in str(info.value) and "\n" not in str(info.value)


def test_a_tampered_schema_naming_eval_is_refused(tiny_model, tmp_path):
    src = tiny_model / "kr.skops"
    evil = tmp_path / "kr.skops"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(evil, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "schema.json":
                text = data.decode()
                assert '"CueFeatures"' in text
                # point our own transformer's entry at builtins.eval, as an attacker editing the archive would
                text = text.replace('"CueFeatures"', '"eval"').replace('"okrcoach.classifier.features"', '"builtins"')
                data = text.encode()
            zout.writestr(item, data)
    with pytest.raises(ModelFileError, match="builtins.eval"):
        load_model_file(evil)


def test_pickle_and_joblib_files_are_refused(tmp_path):
    path = tmp_path / "model.pkl"
    path.write_bytes(pickle.dumps({"a": 1}))
    with pytest.raises(ModelFileError, match="pickle"):
        load_model_file(path)
    renamed = tmp_path / "kr.skops"
    renamed.write_bytes(pickle.dumps({"a": 1}))
    with pytest.raises(ModelFileError, match="pickle"):
        load_model_file(renamed)


@pytest.mark.parametrize("content,match", [(b"", "not a skops"), (b"PK\x03\x04garbage", "not a skops|not a readable")])
def test_junk_files_are_refused(tmp_path, content, match):
    path = tmp_path / "kr.skops"
    path.write_bytes(content)
    with pytest.raises(ModelFileError, match=match):
        load_model_file(path)


def test_missing_model_directory_is_a_clear_error(tmp_path):
    with pytest.raises(ModelFileError, match="no such model directory"):
        load_model(tmp_path / "nope")


def test_cli_refuses_a_malicious_model(tmp_path, runner, tiny_model):
    import shutil

    from okrcoach.cli import main

    bad = tmp_path / "bad-model"
    shutil.copytree(tiny_model, bad)
    dump_model({"payload": os.system}, bad / "kr.skops")
    result = runner.invoke(main, ["check", "-", "--model", str(bad)], input="O1: 提升续费体验\nKR1: 上线新版会员中心\n")
    assert result.exit_code == 2 and "allowlist" in result.output and "Traceback" not in result.output


def test_the_vocabulary_is_saved_as_one_array_and_comes_back_the_same(tiny_model, tmp_path):
    import json

    from okrcoach.classifier.features import CompactTfidfVectorizer

    kr = load_model_file(tiny_model / "kr.skops")
    vectorizer = kr.named_steps["features"].transformer_list[0][1].named_steps["tfidf"]
    assert isinstance(vectorizer, CompactTfidfVectorizer) and len(vectorizer.vocabulary_) > 50
    with zipfile.ZipFile(tiny_model / "kr.skops") as z:
        schema = z.read("schema.json").decode()
    # one node for the whole vocabulary, not one per term (that made large models slow to load)
    assert "vocabulary_terms_" in schema and '"vocabulary_"' not in schema
    term = max(vectorizer.vocabulary_, key=len)  # a 4-character n-gram, e.g. "续费率从"
    assert len(term) == 4 and json.dumps(term)[1:-1] not in schema
    again = tmp_path / "again.skops"
    dump_model(kr, again)
    reloaded = load_model_file(again)
    assert reloaded.named_steps["features"].transformer_list[0][1].named_steps["tfidf"].vocabulary_ == \
        vectorizer.vocabulary_
