"""@mentions of collaborators (@产品部, @A, @HRBP): kept as facts, masked from the text's meaning."""
from __future__ import annotations

import re
from dataclasses import dataclass

_MENTION_RE = re.compile(r"(?<![A-Za-z0-9._%+-])@([^\s@,，;；:：。.!！?？()（）、/\\]+)")


@dataclass(frozen=True)
class Mention:
    name: str
    start: int
    end: int


def extract_mentions(text: str) -> list[Mention]:
    """
    >>> [m.name for m in extract_mentions("联合 @产品部 和 @HRBP 完成, mail a@b.com")]
    ['产品部', 'HRBP']
    """
    if "@" not in text:  # most lines: no scan at all
        return []
    return [Mention(m.group(1), m.start(), m.end()) for m in _MENTION_RE.finditer(text)]
