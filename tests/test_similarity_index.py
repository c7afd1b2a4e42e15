"""The near-duplicate index must give exactly the findings of the exhaustive pairwise loop it replaced."""
from __future__ import annotations

import csv
import random
from pathlib import Path

import pytest

from okrcoach.analysis.similarity import JOIN_MIN_LINES, NearCopyIndex, near_copy, similarity

ROOT = Path(__file__).resolve().parents[1]


def exhaustive(texts: list[str], threshold: float) -> list[tuple[int, float] | None]:
    """The SET305 loop as it was: each line against every earlier line, first match wins."""
    out = []
    for i, later in enumerate(texts):
        hit = None
        for j in range(i):
            if near_copy(texts[j], later, threshold):
                hit = (j, similarity(texts[j], later))
                break
        out.append(hit)
    return out


_PARTS_ZH = ["续费率", "NPS", "客单价", "日活", "转化率", "投诉率", "交付周期", "留存率", "满意度", "回款率"]
_VERBS_ZH = ["提升至", "提升到", "降低至", "达到", "从 {a} 提升至", "稳定在"]
_PARTS_EN = ["renewal rate", "NPS", "weekly active users", "churn", "onboarding time", "ARR", "ticket backlog"]
_VERBS_EN = ["Grow {p} to", "Raise {p} to", "Cut {p} to", "Reach", "Keep {p} at", "Lift {p} from {a} to"]


def random_line(rng: random.Random) -> str:
    n = rng.choice([5, 8, 10, 12, 20, 30, 45, 60, 85, 90, 100])
    a = rng.choice([3, 10, 20, 35])
    if rng.random() < 0.5:
        verb = rng.choice(_VERBS_ZH).format(a=a)
        line = f"{rng.choice(['', 'Q3 ', '9 月底前', '@王磊 '])}{rng.choice(_PARTS_ZH)}{verb} {n}%"
    else:
        p = rng.choice(_PARTS_EN)
        verb = rng.choice(_VERBS_EN).format(p=p, a=a)
        line = f"{verb} {n}%" + ("" if "{p}" in rng.choice(_VERBS_EN) else f" {p}")
    if rng.random() < 0.2:
        line += rng.choice(["。", "!", " by end of Q2", "(全员)", " ", "【重点】"])
    return line


def random_set(rng: random.Random, size: int) -> list[str]:
    texts = [random_line(rng) for _ in range(size)]
    for k in range(size // 5):  # copies with small edits, the case SET305 exists for
        src = rng.choice(texts)
        edit = rng.choice([lambda s: s, lambda s: s.replace("至", "到"), lambda s: s.upper(), lambda s: s + "。",
                           lambda s: s[:-1], lambda s: "KR: " + s])
        texts.insert(rng.randrange(len(texts) + 1), edit(src))
    return texts + ["", "!!!", "a", "续"]


@pytest.mark.parametrize("seed", range(12))
@pytest.mark.parametrize("threshold", [1.0, 0.8, 0.6, 0.35, 0.2, 0.0])
def test_index_matches_exhaustive_on_random_sets(seed, threshold):
    rng = random.Random(seed)
    texts = random_set(rng, rng.choice([5, 30, 120]))
    expected = exhaustive(texts, threshold)
    assert NearCopyIndex(texts, threshold).first_copies(vectorized=False) == expected
    assert NearCopyIndex(texts, threshold).first_copies(vectorized=True) == expected
    assert any(e is not None for e in expected)  # the sets do contain near-copies


@pytest.mark.parametrize("a,b", [
    ("续费率提升至 90%", "续费率提升到 90%"), ("续费率提升至 90%", "NPS 从 30 提升至 45"),
    ("Reach 90% renewal rate", "Reach 90% renewal rates"), ("Reach 90% renewal rate", "Cut churn to 3%"),
    ("9 月 30 日前会员续费率提升至 85%", "9/30 前会员续费率提升到 85%"), ("Ship SSO", "ship sso!"),
])
def test_index_matches_exhaustive_on_the_rule_cases(a, b):
    for threshold in (0.8, 0.5):
        assert NearCopyIndex([a, b], threshold).first_copies() == exhaustive([a, b], threshold)


def test_index_matches_exhaustive_on_the_sample_department():
    with open(ROOT / "okrcoach" / "data" / "sample_department.csv", encoding="utf-8") as fh:
        texts = [r["key_result"] for r in csv.DictReader(fh) if r["key_result"]]
    texts = texts + texts[::7]  # every seventh KR pasted twice
    for threshold in (0.8, 0.5, 0.3):
        assert NearCopyIndex(texts, threshold).first_copies() == exhaustive(texts, threshold)


def test_queries_outside_the_index_match_a_linear_scan():
    rng = random.Random(7)
    parents = [random_line(rng) for _ in range(80)]
    index = NearCopyIndex(parents, 0.8)
    for _ in range(200):
        q = rng.choice([random_line(rng), rng.choice(parents).replace("至", "到")])
        want = next(((j, similarity(p, q)) for j, p in enumerate(parents) if near_copy(q, p, 0.8)), None)
        assert index.first_copy(q) == want


@pytest.mark.parametrize("threshold", [0.8, 0.5])
def test_array_join_matches_exhaustive_on_a_large_set(threshold):
    rng = random.Random(11)
    texts = random_set(rng, 500)  # above JOIN_MIN_LINES: the array form is the default
    index = NearCopyIndex(texts, threshold)
    assert len(texts) >= JOIN_MIN_LINES
    assert index.first_copies() == exhaustive(texts, threshold)


def test_align401_with_a_large_parent_file_matches_a_linear_scan():
    from okrcoach.analysis import analyse
    from okrcoach.core.model import Judgement
    from okrcoach.rules.config import Config
    from okrcoach.rules.context import KRContext
    from okrcoach.rules.registry import get_rule

    rng = random.Random(5)
    parents = [random_line(rng) for _ in range(200)]
    rule, cfg = get_rule("ALIGN401"), Config()
    j = Judgement("outcome", 0.9, {"outcome": 0.9, "todo": 0.1})
    for _ in range(60):
        kr = rng.choice([random_line(rng), rng.choice(parents).replace("至", "到")])
        hits = list(rule.check(KRContext(kr, analyse(kr), j, cfg), parents))
        want = next((p for p in parents if near_copy(kr, p, cfg.copy_similarity)), None)
        assert bool(hits) == (want is not None)
        if hits:
            assert f"superior's KR '{want}'" in hits[0].message_en


def test_bigram_codes_keep_every_size_and_overlap():
    """The index codes bigrams as ints: every line's gram count, and every pair's overlap, must be those of
    char_ngrams (one-character lines, punctuation only, astral characters and lone surrogates included)."""
    from okrcoach.analysis.similarity import bigram_codes, char_ngrams

    rng = random.Random(7)
    lines = [random_line(rng) for _ in range(300)]
    lines += ["", "!!", "a", "A.", "ab", "aba", "abab", "𝒜𝒜b", "x\ud800y", "续费率 90%", "客戶續約率達到９５％", "İstanbul"]
    codes = [bigram_codes(t) for t in lines]
    grams = [char_ngrams(t) for t in lines]
    for c, g in zip(codes, grams):
        assert len(c) == len(g)
    for i in range(len(lines)):
        for j in range(i):
            assert len(codes[i] & codes[j]) == len(grams[i] & grams[j]), (lines[i], lines[j])
