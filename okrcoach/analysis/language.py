"""Language of a line without a network model: script counts, and for mixed lines the language of the verbs."""
from __future__ import annotations

import re

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_HAN_RUN = re.compile(_HAN.pattern + "+")
_LATIN_WORD = re.compile(r"[A-Za-z]{2,}")


# An address is not language: "联系 zhang.san@example.com 获取数据" is a Chinese line.
_ADDRESS = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+|(?:https?://|www\.)\S+", re.ASCII)


def script_counts(text: str) -> tuple[int, int]:
    """(Han characters, Latin words of two letters or more), not counting e-mail addresses and URLs."""
    text = _without_addresses(text)
    return _han_count(text), len(_LATIN_WORD.findall(text))


def _without_addresses(text: str) -> str:
    if "@" in text or "://" in text or "www." in text:
        text = _ADDRESS.sub(" ", text)
    return text


def _han_count(text: str) -> int:
    """How many Han characters ``text`` holds: the length its Han runs take up (one string built, where a
    ``findall`` of single characters builds one per character)."""
    return 0 if text.isascii() else len(text) - len(_HAN_RUN.sub("", text))


def detect_language(text: str, zh_verbs: int = 0, en_verbs: int = 0) -> tuple[str, bool]:
    """Return ``(lang, mixed)``; ``lang`` is ``zh`` or ``en``.

    Mixed lines take the language of their verbs (labeling guidelines §3): "完成 SSO 的 rollout"
    is Chinese, "Launch 会员中心 v2 in Shanghai" is English. Without verbs, the script with
    more weight wins (a Han character weighs half a Latin word, roughly a syllable vs a word).

    >>> detect_language("DAU 提升至 50 万")
    ('zh', True)
    >>> detect_language("联系 zhang.san@example.com 获取数据")
    ('zh', False)
    >>> detect_language("Launch 会员中心 v2 in Shanghai stores", zh_verbs=0, en_verbs=1)
    ('en', True)
    """
    text = _without_addresses(text)
    han = _han_count(text)
    if han == 0:  # the Latin words are not counted: they decide nothing here
        return "en", False
    latin = len(_LATIN_WORD.findall(text))
    if latin == 0:
        return "zh", False
    if zh_verbs != en_verbs:
        return ("zh" if zh_verbs > en_verbs else "en"), True
    return ("zh" if han / 2 >= latin else "en"), True
