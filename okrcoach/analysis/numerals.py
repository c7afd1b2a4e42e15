"""Chinese numerals → numbers (三 → 3, 二十五 → 25, 十万 → 100000, 两 → 2, 1.5万 → 15000)."""
from __future__ import annotations

_DIGITS = {"零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
_BIG_UNITS = {"万": 10_000, "亿": 100_000_000}

CHINESE_NUMERAL_CHARS = "零一二三四五六七八九十百千万亿两"


def chinese_to_number(text: str) -> float | None:
    """Parse a run of Chinese numeral characters; ``None`` if it is not a well-formed numeral.

    >>> chinese_to_number("二十五"), chinese_to_number("十万"), chinese_to_number("三千五百")
    (25, 100000, 3500)
    >>> chinese_to_number("万") is None
    True
    """
    if not text or any(ch not in CHINESE_NUMERAL_CHARS for ch in text):
        return None
    # 万 / 亿 alone multiply nothing: "x 万元", "万人" hold no number
    if all(ch in _BIG_UNITS for ch in text):
        return None
    total, section, digit = 0, 0, None
    for ch in text:
        if ch in _DIGITS:
            digit = _DIGITS[ch]
        elif ch in _SMALL_UNITS:
            section += (1 if digit is None else digit) * _SMALL_UNITS[ch]
            digit = None
        else:  # 万 / 亿
            section += digit or 0
            total = (total + section) * _BIG_UNITS[ch]
            section, digit = 0, None
    return total + section + (digit or 0)


SCALES = {
    "k": 1e3, "K": 1e3, "千": 1e3, "w": 1e4, "W": 1e4, "万": 1e4, "十万": 1e5, "百万": 1e6, "千万": 1e7,
    "M": 1e6, "mn": 1e6, "million": 1e6, "亿": 1e8, "B": 1e9, "bn": 1e9, "billion": 1e9, "thousand": 1e3,
}


def parse_number(digits: str, scale: str = "") -> float | None:
    """Arabic digits with separators and an optional scale word (3.5k, 1,000, 1.2 万)."""
    try:
        value = float(digits.replace(",", "") if "," in digits else digits)
    except ValueError:
        return None
    return value * SCALES.get(scale.strip(), 1.0) if scale else value  # (x * 1.0 is x)
