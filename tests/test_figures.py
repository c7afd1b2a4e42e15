"""check's pandas-free figures equal the pandas audit summary's, and check imports no heavy library."""
from __future__ import annotations

import random
import subprocess
import sys
from pathlib import Path

import pytest

from okrcoach.classifier.judge import LexiconJudge
from okrcoach.coaching.draft import check_draft
from okrcoach.rules.config import Config

ROOT = Path(__file__).resolve().parents[1]
DRAFTS = sorted((ROOT / "okrcoach" / "data").glob("draft_*.md"))


def _random_draft(rng: random.Random) -> str:
    krs = ["上线新版会员中心", "续费率从 78% 提升至 xx%", "Q3 结束前 NPS 达到 50", "Run 4 webinars", "Grow WAU to 2,000",
           "完成 8 次客户访谈", "Cut churn from 5% to 3% by June 30", "流失率降至 3%", "Ship SSO", "续费率从 78% 提升至 85%"]
    objs = ["提升续费体验", "收入", "Make onboarding effortless", "Keep the lights on", "完成 3 场线上活动"]
    out = []
    for o in range(rng.randint(1, 6)):
        out.append(f"O{o + 1}: {rng.choice(objs)}")
        out += [f"KR{k + 1}: {rng.choice(krs)}" for k in range(rng.randint(0, 6))]
    return "\n".join(out)


@pytest.mark.parametrize("judge", [None, LexiconJudge()], ids=["model", "lexicon"])
def test_pure_figures_equal_the_pandas_summary(judge):
    rng = random.Random(4)
    drafts = [p.read_text(encoding="utf-8") for p in DRAFTS] + [_random_draft(rng) for _ in range(25)]
    for cfg in (Config(), Config(min_krs=1, max_krs=6)):
        for text in drafts:
            report = check_draft(text, cfg, judge)
            assert report.overall == report.audit.summary.overall
            assert report.score == report.audit.summary.overall["health"]


def test_check_imports_no_heavy_library():
    code = ("import sys\nfrom okrcoach.cli import main\n"
            "try:\n    main(['check', 'O1: 提升续费体验\\nKR1: 完成 8 次客户访谈'])\nexcept SystemExit:\n    pass\n"
            "heavy = [m for m in ('pandas', 'sklearn', 'skops', 'matplotlib', 'openpyxl', 'ipywidgets', 'spacy', "
            "'scipy', 'jinja2') if m in sys.modules]\nprint('HEAVY', heavy)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT).stdout
    assert "HEAVY []" in out, out
