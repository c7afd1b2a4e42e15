"""The top-level Python API the README documents."""
from __future__ import annotations

import pandas as pd

import okrcoach


def test_top_level_api(data_dir, tmp_path):
    report = okrcoach.check_draft("O1: 提升续费体验\nKR1: 上线新版会员中心", judge=okrcoach.default_judge())
    assert [l.kind for l in report.lines] == ["objective", "kr"]
    df = okrcoach.audit(pd.DataFrame({"objective": ["Grow"], "key_result": ["Hit 10% NPS growth"]}))
    assert len(df) == 1 and "kr_label" in df.columns
    result = okrcoach.run_audit(data_dir / "sample_department.csv")
    out = okrcoach.write_report(result, tmp_path / "r.json")
    assert out.exists()
    assert okrcoach.analyse("Q1 结束前将 NPS 从 35 提升至 50").has_baseline


def test_spacy_component_sets_extensions_and_spans():
    import spacy

    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    nlp.add_pipe("okrcoach", config={"kind": "kr", "use_model": False})
    doc = nlp("完成 8 次客户访谈")
    assert doc._.okr_label == "todo"
    assert ("KR107", "8 次") in [(s.label_, s.text.replace(" ", "")) for s in doc.spans["okrcoach"]] or \
        any(s.label_ == "KR107" for s in doc.spans["okrcoach"])
    assert doc._.okr_analysis.has_metric
    nlp_en = spacy.blank("en")
    nlp_en.add_pipe("okrcoach", config={"kind": "objective", "use_model": False})
    doc = nlp_en("Keep the lights on")
    assert doc._.okr_label == "routine" and [s.label_ for s in doc.spans["okrcoach"]] == ["O204"]
