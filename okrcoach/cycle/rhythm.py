"""The rhythm of a cycle, from weekly updates over several weeks: KRs nobody updates, scores that
do not move, and a cycle with no mid-cycle review.

The coaching brief's mistake no. 11 is "written and never tracked or scored" (缺乏定期回顾): OKRs
set at the start and left alone until the review. A weekly update table with a ``week`` column
(or several weekly files read together) shows it:

- **stale KR** (CHECKIN605): no update — no row, or a row with an empty progress note — for
  ``stale_weeks`` (2) or more weeks up to the latest week in the table;
- **flat score** (CHECKIN606): the last ``flat_weeks`` (4) weekly scores of a KR are the same (a KR
  already at 1.0 is done, not stuck);
- **no mid-cycle review** (CHECKIN607): an owner's updates span ``review_due_weeks`` (7, the middle
  of a 13-week quarter) or more weeks and none records a review — a ``review``/``复盘`` column with
  something in it, or a note that mentions 中期复盘/期中回顾/mid-cycle review.

Weeks are read as ISO weeks where they can be (``2026-W36``, ``W36``, ``第 36 周``, a date such as
``2026-09-07``), so a week with no row at all still counts; other labels are ranked in order of
first appearance.

>>> weeks = week_ordinals(["2026-W36", "2026-W38", "2026-09-21"])
>>> [w - weeks[0] for w in weeks]
[0, 2, 3]
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..analysis.normalize import shadow
from ..readers.headers import normalise_header

if TYPE_CHECKING:  # pandas only where a frame is built: the rhythm rules load with 'okrcoach check'
    import pandas as pd

REVIEW_SYNONYMS = ("review", "复盘", "中期复盘", "期中复盘", "回顾", "中期回顾", "midcyclereview", "midreview",
                   "checkpoint", "reviewnotes", "复盘记录")
_REVIEW_CUE = re.compile(r"中期复盘|期中复盘|中期回顾|期中回顾|半程复盘|季中复盘|mid[\s-]*(?:cycle|quarter|term|point)\s+review|"
                         r"midpoint\s+review|halfway\s+review|mid-?year\s+review", re.IGNORECASE)
_ISO_WEEK = re.compile(r"^\s*(\d{4})\s*-?\s*W\s*(\d{1,2})\s*$", re.IGNORECASE)
_WEEK_ONLY = re.compile(r"^\s*(?:W\s*(\d{1,2})|第\s*(\d{1,2})\s*周|week\s*(\d{1,2})|(\d{1,2}))\s*$", re.IGNORECASE)
_DATE = re.compile(r"^\s*(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?")
RHYTHM_COLUMNS = ["owner", "key_result", "updates", "first_week", "last_week", "last_update", "weeks_since_update",
                  "flat_weeks", "last_score"]


def _ordinal(label: str) -> int | None:
    """Weeks since 0001-01-01 of the label's ISO week (a bare week number: that number)."""
    text = shadow(str(label or ""))
    try:
        if m := _ISO_WEEK.match(text):
            return dt.date.fromisocalendar(int(m.group(1)), int(m.group(2)), 1).toordinal() // 7
        if m := _WEEK_ONLY.match(text):
            return int(next(g for g in m.groups() if g))
        if m := _DATE.match(text):
            day = dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            return (day - dt.timedelta(days=day.weekday())).toordinal() // 7
    except ValueError:
        return None
    return None


def week_ordinals(labels: list[str]) -> list[int | None]:
    """A number per week label, so that the difference of two is the number of weeks between them.

    All readable (ISO weeks, 第 N 周, dates) → calendar weeks (a missing week counts); otherwise the
    labels are ranked in order of first appearance. Blank labels stay ``None``.
    """
    given = [str(x or "").strip() for x in labels]
    parsed = [_ordinal(x) if x else None for x in given]
    if all(p is not None for p, x in zip(parsed, given) if x):
        return parsed
    order = {x: i for i, x in enumerate(dict.fromkeys(x for x in given if x))}
    return [order[x] if x else None for x in given]


@dataclass
class KRHistory:
    """One KR's weekly updates: where its rows are, when it was last updated, how long its score has sat still."""

    owner: str
    key_result: str
    indices: list[int] = field(default_factory=list)  # positions in the update table, in order
    weeks: list[int] = field(default_factory=list)  # week ordinals with a progress note
    labels: dict[int, str] = field(default_factory=dict)  # ordinal → the week as written
    scores: dict[int, float] = field(default_factory=dict)  # ordinal → the week's (last) readable score
    row: int | None = None  # source row of the KR's last update row (where findings go)
    weeks_since_update: int = 0
    flat_weeks: int = 0  # how many of the latest weekly scores are equal (1 when it just moved)

    @property
    def last_index(self) -> int:
        return self.indices[-1]

    @property
    def last_update(self) -> str:
        return self.labels.get(max(self.weeks), "") if self.weeks else ""

    @property
    def last_score(self) -> float | None:
        return self.scores[max(self.scores)] if self.scores else None


@dataclass
class OwnerCycle:
    """An owner's run of weekly updates: how many weeks it spans and whether a review was recorded."""

    owner: str
    first: int
    last: int
    first_label: str
    last_label: str
    reviewed: bool
    last_index: int
    row: int | None
    key_result: str

    @property
    def span_weeks(self) -> int:
        return self.last - self.first + 1


@dataclass
class Rhythm:
    """The whole table's rhythm (what the CHECKIN605–607 rules read)."""

    krs: list[KRHistory]
    owners: list[OwnerCycle]
    latest: int | None
    latest_label: str = ""

    @property
    def has_weeks(self) -> bool:
        return self.latest is not None and len({w for k in self.krs for w in k.labels}) > 1


def review_column(headers) -> str | None:
    """The user's header of a review column (review / 复盘 / 中期复盘 …), if there is one."""
    keys = {normalise_header(s) for s in REVIEW_SYNONYMS}
    return next((h for h in headers if normalise_header(h) in keys), None)


def build_rhythm(weeks: list[str], owners: list[str], krs: list[str], progress: list[str], scores: list[float | None],
                 rows: list[int], texts: list[str], reviews: list[str]) -> Rhythm:
    """Per-KR and per-owner rhythm from the update table's columns (one list entry per row, in order).

    ``texts`` are the free-text cells a review may be mentioned in (progress, risks, next), joined;
    ``reviews`` the review column's cells (all ``""`` without one).
    """
    ords = week_ordinals(weeks)
    history: dict[tuple[str, str], KRHistory] = {}
    owner_rows: dict[str, list[int]] = {}
    for i, (w, owner, kr) in enumerate(zip(ords, owners, krs)):
        if w is None or not kr.strip():
            continue
        h = history.setdefault((owner, kr), KRHistory(owner, kr))
        h.indices.append(i)
        h.labels.setdefault(w, weeks[i].strip())
        if progress[i].strip():
            h.weeks.append(w)
        if scores[i] is not None:
            h.scores[w] = scores[i]
        owner_rows.setdefault(owner, []).append(i)
    known = [w for w in ords if w is not None]
    if not known:
        return Rhythm([], [], None)
    latest, first = max(known), min(known)
    latest_label = weeks[ords.index(latest)].strip()
    for h in history.values():
        h.indices.sort(key=lambda i: (ords[i], i))
        h.row = rows[h.last_index]
        h.weeks_since_update = latest - (max(h.weeks) if h.weeks else first - 1)
        ordered = [h.scores[w] for w in sorted(h.scores)]
        run = 0
        for v in reversed(ordered):
            if round(v, 6) != round(ordered[-1], 6):
                break
            run += 1
        h.flat_weeks = run
    cycles = []
    for owner, idx in owner_rows.items():
        idx.sort(key=lambda i: (ords[i], i))
        o_first, o_last = ords[idx[0]], ords[idx[-1]]
        reviewed = any(reviews[i].strip() or _REVIEW_CUE.search(shadow(texts[i])) for i in idx)
        cycles.append(OwnerCycle(owner, o_first, o_last, weeks[idx[0]].strip(), weeks[idx[-1]].strip(), reviewed,
                                 idx[-1], rows[idx[-1]], krs[idx[-1]]))
    return Rhythm(list(history.values()), cycles, latest, latest_label)


def rhythm_frame(rhythm: Rhythm) -> "pd.DataFrame":
    """One row per KR: updates, first/last week, last update, weeks since it, flat weeks, last score."""
    out = []
    for h in rhythm.krs:
        ordered = sorted(h.labels)
        out.append({"owner": h.owner, "key_result": h.key_result, "updates": len(set(h.weeks)),
                    "first_week": h.labels[ordered[0]], "last_week": h.labels[ordered[-1]],
                    "last_update": h.last_update, "weeks_since_update": h.weeks_since_update,
                    "flat_weeks": h.flat_weeks, "last_score": h.last_score})
    import pandas as pd

    return pd.DataFrame(out, columns=RHYTHM_COLUMNS)
