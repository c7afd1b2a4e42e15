"""Tokenisers, loaded once and lazily: jieba for Chinese, a blank spaCy pipeline for English.

jieba keeps its dictionary cache in the user cache directory (not the temp dir, which is
cleared), so the prefix dictionary is built once per machine, not on every process start.
"""
from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

_LOCK = threading.Lock()


@dataclass(frozen=True)
class Token:
    text: str
    start: int
    end: int
    pos: str = ""


def cache_dir() -> Path:
    base = os.environ.get("OKRCOACH_CACHE") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "okrcoach")
    path = Path(base)
    path.mkdir(parents=True, exist_ok=True)
    return path


@lru_cache(maxsize=1)
def jieba_tokenizer():
    """The shared jieba tokenizer with okrcoach's zh lexicon terms added as words."""
    import logging

    import jieba

    from .lexicon import default_lexicon

    with _LOCK:
        jieba.setLogLevel(logging.WARNING)
        tk = jieba.Tokenizer()
        tk.tmp_dir = str(cache_dir())
        tk.cache_file = "jieba.okrcoach.cache"
        tk.initialize()
        for terms in default_lexicon().entries.values():
            for term, lang in terms.items():
                if lang == "zh" and len(term) > 1:
                    tk.add_word(term, freq=20000)
        return tk


@lru_cache(maxsize=1)
def spacy_english():
    """A blank English spaCy pipeline (tokenizer only; pretrained pipelines are not installable offline)."""
    import spacy

    return spacy.blank("en")


def tokenize_zh(text: str) -> list[Token]:
    return [Token(w, s, e) for w, s, e in jieba_tokenizer().tokenize(text) if not w.isspace()]


def tokenize_en(text: str) -> list[Token]:
    doc = spacy_english().make_doc(text)
    return [Token(t.text, t.idx, t.idx + len(t.text)) for t in doc if not t.is_space]


def pos_tag_zh(text: str) -> list[Token]:
    """Part-of-speech tags from ``jieba.posseg`` (7× slower than plain cutting: not for hot paths)."""
    import jieba.posseg

    tagger = _posseg_tagger()
    out, pos = [], 0
    for pair in tagger.cut(text):
        start = text.find(pair.word, pos)
        if start < 0:
            start = pos
        pos = start + len(pair.word)
        if not pair.word.isspace():
            out.append(Token(pair.word, start, pos, pair.flag))
    return out


@lru_cache(maxsize=1)
def _posseg_tagger():
    import jieba.posseg

    return jieba.posseg.POSTokenizer(jieba_tokenizer())
