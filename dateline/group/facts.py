"""The facts that tell one incident from a look-alike: the ages of the people it is about and
the day it happened, read from the title and lead (where reports state them).

Two shootings in the same city a week apart share topic words and town; they rarely share the
victim's age and never the day. The day is resolved from the lead's own words ("on Sunday",
"Saturday night", "yesterday", "March 3") against the article's arrival by the trace stage's
`dates_in_text`; only day-precise phrases up to `DAY_REACH` before arrival count, so "last
week" or "two years ago" say nothing about which incident this is.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from dateline.understand.text_dates import dates_in_text, looks_ahead

DAY = 86400.0
DAY_REACH = 10  # days before arrival a lead's date may lie and still be the incident's
MAX_AGES = 6
# "a 27-year-old man", "Boy, 10, critically wounded", "David McCray, 22, died"
_AGES = (
    re.compile(r"\b(\d{1,2})[- ]year[- ]old\b", re.IGNORECASE),
    re.compile(r"[A-Za-z], (\d{1,2}),"),
)
_VAGUE = re.compile(r"\b(?:week|month|year)s?\b", re.IGNORECASE)
# A short line with a year is the page's date stamp ("November 24, 2004" under a Wikinews
# title), the day it was written, not the day anything happened.
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
STAMP_CHARS = 40


@dataclass(frozen=True)
class Facts:
    ages: frozenset[int] = frozenset()
    day: float | None = None  # midnight UTC of the incident day, seconds since the epoch


def ages_in(text: str) -> frozenset[int]:
    found: list[int] = []
    for pattern in _AGES:
        found.extend(int(m) for m in pattern.findall(text) if 0 < int(m) < 100)
    return frozenset(sorted(set(found))[:MAX_AGES])


def incident_day(head: list[str], arrived: datetime) -> float | None:
    """The first day-precise date in the title and lead, if it lies just before arrival."""
    for evidence in dates_in_text(head, arrived):
        if evidence.basis == "month" or _VAGUE.search(evidence.detail):
            continue
        if looks_ahead(evidence.detail):
            continue  # "will be arraigned Monday": a later event of the story, not the incident
        days_before = (arrived.date() - evidence.value.date()).days
        if 0 <= days_before <= DAY_REACH:
            day = evidence.value.replace(hour=0, minute=0, second=0, microsecond=0)
            return day.replace(tzinfo=arrived.tzinfo).timestamp()
    return None


def facts_of(title: str, lead: str, arrived: datetime) -> Facts:
    lines = [line for line in lead.splitlines() if not _is_stamp(line)]
    return Facts(ages=ages_in(title + "\n" + lead), day=incident_day([title, *lines], arrived))


def _is_stamp(line: str) -> bool:
    line = line.strip()
    return len(line) <= STAMP_CHARS and bool(_YEAR.search(line))


def compare_ages(mine: frozenset[int], theirs: Iterable[int]) -> str:
    """Says "same" for an age in common, "different" when both give ages and none agree."""
    theirs = set(theirs)
    if not mine or not theirs:
        return "unknown"
    return "same" if mine & theirs else "different"


def compare_days(mine: float | None, theirs: Iterable[float], slack_days: float = 2.0) -> str:
    """Says "same" within a day of one the story reported, "different" more than `slack_days`
    from all of them, else "unknown" (either never said, or a day or two apart: late-night
    incidents and next-day reports blur by one)."""
    theirs = list(theirs)
    if mine is None or not theirs:
        return "unknown"
    nearest = min(abs(mine - day) for day in theirs) / DAY
    if nearest <= 1.0:
        return "same"
    return "different" if nearest > slack_days else "unknown"
