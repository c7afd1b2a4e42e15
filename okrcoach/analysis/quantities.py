"""Quantities in OKR text: numbers with units, percentages, money, durations, ratios, ranges.

Found on the shadow text (see :mod:`normalize`), so ``５０％`` and ``50%`` are one case.
Numbers glued to letters (``Q3``, ``p95``, ``v3.2``, ``k8s``) are names, not quantities.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import groupby
from operator import attrgetter, itemgetter

from ..core.frozen import quick_init
from .normalize import CaselessPattern
from .numerals import CHINESE_NUMERAL_CHARS, chinese_to_number, parse_number

_NUM = r"\d+(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+"
_SCALE = r"(?:\s?(?:百万|千万|十万|万|亿|千|thousand|million|billion|bn|mn)|[kKwWMB](?![A-Za-z]))"
_PERCENT = r"(?:\s?(?:%|个百分点|百分点|pp(?![A-Za-z])|percentage\s+points?|percent|pts?(?![A-Za-z])))"
_MULT = r"(?:\s?(?:倍|[x×](?![A-Za-z])))"
_MONEY_SUFFIX = r"(?:\s?(?:元|块钱|块|美元|美金|人民币|欧元|英镑|RMB|CNY|USD|EUR|dollars?|euros?|pounds?)(?![A-Za-z]))"
_MONEY_PREFIX = r"(?:[$¥￥€£]|USD\s?|RMB\s?|CNY\s?|EUR\s?|US\$)"
_DURATION = (r"(?:\s?(?:毫秒|ms|秒钟|秒|seconds?|secs?|s(?![A-Za-z])|分钟|minutes?|mins?|小时|hours?|hrs?|h(?![A-Za-z])|"
             r"个工作日|工作日|天|days?|周|星期|weeks?|个月|months?|年|years?))")
_COUNT_UNIT = (r"(?:\s?(?:个|家|场次|场|次|篇|位|名|人次|人|条|单|笔|台|件|项|款|期|轮|份|所|座|套|批|级|分|星|张|例|户|门|节|课|支|种|点|处|"
               r"起|本|部|辆|吨|公斤|kg|平方米|㎡|GB|TB|MB|QPS|TPS))")

_ARABIC = rf"""
    (?P<cmp_pre>(?:≥|>=|≤|<=|>|<|不低于|不少于|不超过|不高于|不多于|超过|至少|最多|低于|高于|少于|多于|大于|小于|
        at\s+least|at\s+most|no\s+more\s+than|no\s+less\s+than|no\s+fewer\s+than|more\s+than|less\s+than|fewer\s+than|
        below|under|above|over|up\s+to|beyond)\s*)?
    (?P<cur>{_MONEY_PREFIX})?
    (?<![A-Za-z0-9.])(?P<num>{_NUM})(?P<scale>{_SCALE})?
    (?:\s?(?P<range>[-~])\s?(?P<cur2>{_MONEY_PREFIX})?(?P<num2>{_NUM})(?P<scale2>{_SCALE})?)?
    (?:(?P<ratio>/)(?P<den>\d+(?:\.\d+)?))?
    (?P<unit>{_PERCENT}|{_MULT}|{_MONEY_SUFFIX}|{_DURATION}|{_COUNT_UNIT})?
    (?P<cmp_post>\s?(?:以上|以下|以内|之内|\+(?!\d)))?
    (?![A-Za-z0-9])
"""
_CN_NUM = rf"[{CHINESE_NUMERAL_CHARS}]+"
_CHINESE = rf"""
    (?P<cmp_pre>(?:不低于|不少于|不超过|不高于|超过|至少|低于|高于|少于|多于)\s*)?
    (?:
      百分之(?P<pct>{_CN_NUM}|\d+(?:\.\d+)?)
    | (?<![{CHINESE_NUMERAL_CHARS}])(?P<cn>{_CN_NUM})(?P<cn_unit>个百分点|成|倍|个月|个工作日|
          个|家|场|次|篇|位|名|人|条|单|笔|台|件|项|款|期|轮|份|所|座|套|批|级|天|周|年|小时|分钟|秒|元|块|万|亿|
          本|部|张|门|节|首|章|公里|斤|组|遍|幅|颗|棵)
    )
    (?P<cmp_post>以上|以下|以内)?
"""
_HAS_CN_NUMERAL = re.compile(f"[{CHINESE_NUMERAL_CHARS}]")
_HAS_DIGIT = re.compile(r"\d")  # every Arabic quantity has one: a line without digits skips the long pattern
# Every match starts with a digit or "." (the number), a currency sign or code, or the first character of a
# comparison word (≥, 不低于, at least, below …), a Latin one only at a word start ("Recover $2M" holds no
# "over"): the lookahead skips all other positions before the long pattern is tried. Its letter branches
# open with the letter (a Chinese character or another letter leaves them without entering one), then
# look back for the word start and read the rest of a comparison word or currency code: ordinary words
# stop there (a tenth less time than any word start with one of those letters, on zh and en lines).
_LETTER_STARTS = (r"at\s", r"no\s", r"more\s", r"less\s", r"fewer\s", "below", "under", "above", "over", r"up\s", "beyond",
                  "usd", "rmb", "cny", "eur", r"us\$")
_WORD_START = "|".join(f"{first}(?<![A-Za-z]{first})(?:" + "|".join(word[1:] for word in words) + ")"
                       for first, words in groupby(sorted(_LETTER_STARTS), key=itemgetter(0)))
_ARABIC_FIRST = rf"(?=[\d.≥>≤<不超至最低高少多大小$¥￥€£]|{_WORD_START})"
ARABIC_RE = CaselessPattern(_ARABIC_FIRST + _ARABIC, re.VERBOSE)
# A Chinese quantity starts with a comparison word (不低于, 超过 …), 百分之 or a numeral: the lookahead skips every
# other position before the optional groups are tried (the same matches, a third of the time)
_CHINESE_FIRST = f"(?=[不超至低高少多百{CHINESE_NUMERAL_CHARS}])"
CHINESE_RE = re.compile(_CHINESE_FIRST + _CHINESE, re.VERBOSE)

# A lone 一 before these measure words is an article ("一个平台"), not a target.
_ONE_AS_ARTICLE = set("个套项款份条次家场批种遍本部张门节首章")


@quick_init  # an audit builds a couple per line
@dataclass(frozen=True)
class Quantity:
    """A stated quantity and what kind it is; ``value`` is in base units (3.5k → 3500, 20% → 20)."""

    text: str
    start: int
    end: int
    value: float | None
    kind: str  # percent | money | duration | multiplier | ratio | count | number
    unit: str = ""
    comparator: str = ""
    upper: float | None = None  # the top of a range (90-92% → 92)


_UNIT_KINDS = [(kind, re.compile(pattern.replace(r"\s?", ""), re.IGNORECASE))
               for kind, pattern in (("percent", _PERCENT), ("multiplier", _MULT), ("duration", _DURATION))]
_MONEY_UNIT = re.compile(_MONEY_SUFFIX.replace(r"\s?", ""), re.IGNORECASE)


_ARABIC_GROUPS = ("num", "scale", "unit", "cur", "num2", "scale2", "ratio", "cmp_pre", "cmp_post")


@lru_cache(maxsize=1024)  # a handful of units and currencies, asked for every number
def _unit_kind(unit: str, currency: str) -> str:
    u = unit.strip().lower()
    if currency or _MONEY_UNIT.fullmatch(unit.strip()):
        return "money"
    if not u:
        return "number"
    for kind, pattern in _UNIT_KINDS:
        if pattern.fullmatch(u):
            return kind
    return "count"


def extract_quantities(shadow_text: str, original: str | None = None) -> list[Quantity]:
    """All quantities in a line, left to right, with spans into the line.

    >>> [(q.text, q.kind, q.value) for q in extract_quantities("NPS 从 35 提升至 50,成本降低 1.5万 元")]
    [('35', 'number', 35.0), ('50', 'number', 50.0), ('1.5万 元', 'money', 15000.0)]
    >>> [(q.text, q.kind, q.value) for q in extract_quantities("好评率达到百分之95")]
    [('百分之95', 'percent', 95.0)]
    """
    original = shadow_text if original is None else original
    found: list[Quantity] = []
    for m in (ARABIC_RE.finditer(shadow_text) if _HAS_DIGIT.search(shadow_text) else ()):
        start, end = m.span()
        groups = m.group(*_ARABIC_GROUPS)  # one call
        if m.group(0) != shadow_text[start:end]:
            # the match ran over the line's lower-case copy: read units and words as written ("2M" is not "2m")
            groups = tuple(shadow_text[s:e] if s >= 0 else None for s, e in map(m.span, _ARABIC_GROUPS))
        num, scale, unit, cur, num2, scale2, ratio, cmp_pre, cmp_post = groups
        value = parse_number(num, scale or "")
        unit = (unit or "").strip()
        kind = _unit_kind(unit, cur or "")
        upper = parse_number(num2, scale2 or "") if num2 else None
        if ratio:
            kind = "ratio"
        cmp_ = (cmp_pre or cmp_post or "").strip()
        # 百分之95: the Chinese percent word before Arabic digits
        if not unit and not cmp_pre and start >= 3 and shadow_text.startswith("百分之", start - 3):
            start, kind, unit = start - 3, "percent", "%"
        found.append(Quantity(original[start:end].strip(), start, _rstrip_end(original, start, end), value, kind, unit, cmp_, upper))
    chinese = CHINESE_RE.finditer(shadow_text) if _HAS_CN_NUMERAL.search(shadow_text) else ()
    taken = [(q.start, q.end) for q in found] if chinese else []
    for m in chinese:
        if any(m.start() < e and s < m.end() for s, e in taken):
            continue
        if m.group("pct"):
            raw = m.group("pct")
            value = float(raw) if raw[0].isdigit() else chinese_to_number(raw)
            kind, unit = "percent", "%"
        else:
            cn, unit = m.group("cn"), m.group("cn_unit")
            if cn == "一" and unit in _ONE_AS_ARTICLE:
                continue
            # A numeral that is part of a word (统一, 唯一, 之一, 一流) is not a quantity.
            if m.start() > 0 and shadow_text[m.start() - 1] in "统唯之第每单逐同万某":
                continue
            value = chinese_to_number(cn)
            if value is None:
                continue
            if unit in ("万", "亿"):
                value, kind = value * (1e4 if unit == "万" else 1e8), "number"
            elif unit == "成":
                value, kind = value * 10, "percent"
            elif unit == "个百分点":
                kind = "percent"
            elif unit == "倍":
                kind = "multiplier"
            else:
                kind = _unit_kind(unit, "")
        cmp_ = (m.group("cmp_pre") or m.group("cmp_post") or "").strip()
        found.append(Quantity(original[m.start():m.end()], m.start(), m.end(), value, kind, unit, cmp_))
    # (a quantity with a unit, a comparison or another kind is never a version: no call for it)
    found = [q for q in found if q.unit or q.comparator or q.kind != "number" or not _is_version(shadow_text, q)]
    extra = _EXTRA_SCREENED if _ANY_EXTRA.search(shadow_text) else ()
    taken = [(q.start, q.end) for q in found] if extra else []
    for kind, pattern, screen in extra:
        if not screen.search(shadow_text):
            continue
        for m in pattern.finditer(shadow_text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            value, cmp_ = _extra_value(kind, m, shadow_text)
            if value is None:
                continue
            found.append(Quantity(original[m.start():m.end()], m.start(), m.end(), value, kind, "", cmp_))
            taken.append((m.start(), m.end()))
    if len(found) > 1:
        found.sort(key=_START)
    return found


_START = attrgetter("start")


# ---- quantities real drafts state without digits: number words, ranks, coverage ----------------
_EN_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
             "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40,
             "fifty": 50, "hundred": 100, "a hundred": 100, "a dozen": 12, "dozen": 12, "a thousand": 1000}
_EN_CMP = r"at\s+least|at\s+most|more\s+than|less\s+than|fewer\s+than|no\s+more\s+than|no\s+less\s+than|up\s+to|over|under"
# Each pattern opens with a lookahead of the characters its matches start with (case-insensitive), so the
# engine skips every other position before it tries the alternation.
_EXTRA = [
    # "five new import docs", "at least one regression", "no more than one business day"; a bare "one"
    # is an article ("one trusted view"), so it counts only after a comparison word
    ("count", CaselessPattern(rf"(?<![A-Za-z-])(?=[amlfnuotsehd])(?:(?P<cmp>{_EN_CMP})\s+)?(?P<word>a\s+dozen|a\s+hundred|a\s+thousand|"
                         r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|"
                         r"fifty|hundred|dozen)(?=\s+(?:(?:new|more|additional|major|key|distinct|separate|full|"
                         r"business|working|calendar|paying|active|qualified|top|senior|[a-z]+-[a-z]+)\s+)?[a-z]{3,})"
                         r"(?!\s+(?:of|another|by|at|on|thing|way|day\s+at|place|click|stop|team|voice|view|source))")),
    # ranks: 前三, 行业前十, 第一名, Top 3 is a number already
    ("rank", CaselessPattern(r"(?=[前第n#f])(?:前[一二两三四五六七八九十百]+[名位强]?(?![一二三四五六七八九十年月天周个])|第[一二三四五六七八九十]+名|"
                        r"(?<![A-Za-z])(?:No\.?\s?|#)1(?![\d.])|\bnumber\s+one\b|\bfirst\s+place\b)")),
]
# What each pattern above cannot match without: a number word, a rank's numeral or word. Most lines hold
# none, and a screen that opens with a literal in every branch runs as one C scan for its first characters,
# where the patterns (opening with a lookbehind) enter the engine at every position: they are tried only
# on a line that passes (the same matches; a test holds every match of a pattern to its screen).
# The number words go by first letter ("t(?:en|hree|wo…)"): sre tries one alternative at a "t", not seven.
_EXTRA_SCREENS = {
    "count": CaselessPattern("|".join(
        first + "(?:" + "|".join(word[1:] for word in words) + ")"
        for first, words in groupby(sorted({word.split()[-1] for word in _EN_WORDS}), key=itemgetter(0)))),
    "rank": CaselessPattern(r"前[一二两三四五六七八九十百]|第[一二三四五六七八九十]|no\.?\s?1|#1|number|first"),
}
_EXTRA_SCREENED = [(kind, pattern, _EXTRA_SCREENS[kind]) for kind, pattern in _EXTRA]
# Both screens in one: a line that passes neither (nearly all) costs one search
_ANY_EXTRA = CaselessPattern("|".join(screen.pattern for screen in _EXTRA_SCREENS.values()))
# coverage: 全员完成, 100% 覆盖 — a threshold (a whole population) that makes a line measurable without
# being a quantity of its own (see ``Analysis.coverage``)
_COVERAGE = re.compile(r"全员(?=\s*(?:完成|通过|参与|参加|覆盖|使用|掌握|上岗|持证|达标|知晓|签署|接种|考核通过))|"
                       r"100%\s?覆盖|全覆盖")


def extract_coverage(shadow_text: str, original: str | None = None) -> list[Quantity]:
    """Coverage thresholds: a whole population must be reached ("全员完成安全培训", "门店 100% 覆盖").

    English "all"/"every" is left out on purpose: on real drafts it far more often scopes a task
    ("Move all CI infrastructure to GCP") than states a threshold.

    >>> [q.text for q in extract_coverage("全员完成安全培训")]
    ['全员']
    >>> extract_coverage("完成全员绩效考核系统升级")  # a system for all staff, not a threshold
    []
    """
    original = shadow_text if original is None else original
    return [Quantity(original[m.start():m.end()], m.start(), m.end(), 100.0, "coverage", "%")
            for m in _COVERAGE.finditer(shadow_text)]


_VERSION_WORDS = frozenset(
    "version ver ver. release v rails python java jdk ios android node node.js vue react angular php ruby rust golang go "
    "http ipv windows macos ubuntu debian centos es html css web oauth tls ssl wave gen phase stage step sprint "
    "iteration chapter season part gitlab kubernetes k8s postgres postgresql mysql redis 版本".split())
_VERSION_AFTER = re.compile(r"\s?(?:version|release|版本|版|\.x\b)", re.IGNORECASE)
_DOTTED = re.compile(r"\d+\.\d+(?:\.\d+)?")
_CLAUSE_END = re.compile(r"\s*(?:$|[,.;:)）。，；])")


def _word_before(text: str, start: int) -> str:
    """The word right before ``start`` (one optional space between), read backwards without a regex search."""
    end = start - 1 if start > 0 and text[start - 1] == " " else start
    window = text[max(0, end - 12):end]
    if window.isalnum():  # the walk below would take all of it (a run of Chinese characters, mostly)
        return window
    i = end
    while i > 0 and (text[i - 1].isalnum() or text[i - 1] == ".") and end - i < 12:
        i -= 1
    return text[i:end]


def _is_version(shadow_text: str, q: "Quantity") -> bool:
    """A number that names a version or a product generation is not a target ("Rails 5", "stable 1.0
    version", "Srain 2.0"): after a version word or a capitalised name, or before "version/版本"."""
    if q.unit or q.comparator or q.kind != "number":
        return False
    word = _word_before(shadow_text, q.start)
    if word.lower() in _VERSION_WORDS or word.endswith("版本") or _VERSION_AFTER.match(shadow_text, q.end):
        return True
    # "Srain 2.0": a dotted number right after a capitalised name (not an acronym: "NPS 4.5" is a metric)
    return (len(word) > 1 and word[0].isupper() and word[1:].islower() and word.isalpha()
            and _DOTTED.fullmatch(q.text) is not None
            and _CLAUSE_END.match(shadow_text, q.end) is not None)


def _extra_value(kind: str, m: re.Match, text: str) -> tuple[float | None, str]:
    """The value of a number word or rank match, and its comparison word as the line writes it."""
    if kind == "count":
        word = re.sub(r"\s+", " ", m.group("word").lower())
        start, end = m.span("cmp")
        cmp_ = text[start:end].strip() if start >= 0 else ""
        if word == "one" and not cmp_:
            return None, ""
        return float(_EN_WORDS[word]), cmp_
    if kind == "rank":
        digits = re.sub(r"[^一二两三四五六七八九十百\d]", "", m.group(0))
        if digits.isdigit():
            return float(digits), ""
        return (chinese_to_number(digits) if digits else 1.0), ""
    return None, ""


def _rstrip_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end
