"""Lexicon.scan matches lower-cased lines case-sensitively when it can (faster): the cues must be
exactly the IGNORECASE pattern's, whatever the line holds."""
from __future__ import annotations

import re

import pytest

from okrcoach.analysis import lexicon as lexicon_module
from okrcoach.analysis.frames import frame_lexicon
from okrcoach.analysis.lexicon import _CASE_SENSITIVE, default_lexicon
from okrcoach.analysis.normalize import shadow

SAFE = [chr(c) for c in range(0x10000) if _CASE_SENSITIVE.match(chr(c)) is None]
LINES = [
    "将客户首次响应时间从 4 小时缩短至 2 小时以内", "Grow weekly active teams from 1,200 to 2,000", "IMPROVE Onboarding",
    "Launch the NEW pricing page → 签约 5 家渠道商 · 完成 80%", "Run 3 times a week ①", "Reduce churn × 2 …",
    "The ſystem İstanbul ıs ready", "Kelvin K and µ", "ΣΑΣ straße", "follow-up  FOLLOW UP", "ＩＭＰＲＯＶＥ 提升", "",
    "롤아웃 Roll out ロールアウト", "Ship 100% of committed issues; close 20 bugs.",
]


def test_every_character_the_fast_path_accepts_is_caseless_or_ascii():
    assert len(SAFE) > 40000
    ascii_alnum = re.compile("[A-Za-z0-9]", re.IGNORECASE)
    for ch in SAFE:
        if ch.isascii():
            continue
        assert ch.lower() == ch == ch.upper(), hex(ord(ch))
        assert ascii_alnum.match(ch) is None, hex(ord(ch))


@pytest.mark.parametrize("lexicon", [default_lexicon(), frame_lexicon()], ids=["cues", "frames"])
@pytest.mark.parametrize("line", LINES)
def test_lower_cased_scan_finds_what_ignorecase_finds(lexicon, line, monkeypatch):
    pattern, _, lower_pattern = lexicon._scanner
    assert lower_pattern is not None
    for text in (line, shadow(line)):
        if _CASE_SENSITIVE.search(text) is None:
            assert [m.span() for m in lower_pattern.finditer(text.lower())] == \
                [m.span() for m in pattern.finditer(text)]
    fast = [lexicon.scan(text) for text in (line, shadow(line))]
    monkeypatch.setattr(lexicon_module, "_CASE_SENSITIVE", re.compile(r"[\s\S]"))  # every line: IGNORECASE
    assert fast == [lexicon.scan(text) for text in (line, shadow(line))]
