"""Is the date a page claims believable? Three checks against every other date we have, each
flag a sentence a reader can check against the evidence it lists:
- "redated-copy": the page copies a story we first saw well before the date it claims;
- "backdated": the page claims a date earlier than the original it copies, or than every other
  date its own address and markup give;
- "text-inconsistent": the events the text dates do not fit the claimed date.
Thresholds are generous on purpose: a wrong flag on an honest page costs more than a missed one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Literal

from dateline.understand.article import DateEvidence
from dateline.understand.html_meta import as_utc
from dateline.understand.text_dates import dates_in_text, told_as_past

__all__ = ["DateEvidence", "DateFlag", "Original", "date_flags", "dates_in_text"]

FlagKind = Literal["redated-copy", "backdated", "text-inconsistent"]

# Wire clients print within hours, weekly papers within the week; later, old news passes as new.
REDATED_COPY_MIN_GAP = timedelta(days=7)
# Time zones (up to 26 hours apart) and date-only values (midnight) move honest dates by a day.
BACKDATED_MIN_GAP = timedelta(days=2)
# Sites that move to a new CMS re-stamp one of their dates (a trafilatura-eval page's
# article:published_time is 8 months after its true date): two kinds must agree (URL, meta...).
MIN_BACKDATED_SOURCES = 2
# A text whose news is at least this old on its claimed date, and that still says "on Sunday" and
# "last week", was written around its dated events. Follow-up stories name older dates too, so
# the gap must be long and the week's news plentiful (see bench/trace_dates.py).
STALE_TEXT_MIN_DAYS = 60
MIN_RECENCY_CUES = 3
# "last week" reaches back up to two weeks: the text's own time is within that of its news.
RECENCY_REACH = timedelta(days=14)
# Past-tense text dates this far after the claimed date (or its update) cannot have been written
# on it; stories updated in the following days (an arrest, a funeral) name dates up to that.
TEXT_AFTER_CLAIM_MIN_DAYS = 14
# Evidence of a later publication that is only a change: an update says nothing about birth.
_CHANGE = re.compile(r"modif|updat|lastmod|last-modified|revis", re.IGNORECASE)
_BIRTH_SOURCES = {"url", "meta", "json-ld", "feed", "sitemap"}
_NAMES = {
    "url": "its address",
    "meta": "a <meta> tag",
    "json-ld": "its JSON-LD",
    "feed": "the publisher's feed",
    "sitemap": "the publisher's sitemap",
}
_LAST = re.compile(r"\blast\s+[A-Z]")  # "last Aug. 17": the writer says it is an old date


@dataclass(frozen=True)
class Original:
    """The earliest credible version of a copied story (from the trace stage's copy detection)."""

    publisher: str
    first_seen: datetime
    wire: str | None = None  # the agency credited, when the original is a wire story
    claimed: datetime | None = None  # its own date; before first_seen after a bulk import

    @property
    def name(self) -> str:
        return self.wire or self.publisher

    def known_by(self) -> DateEvidence:
        """When it surely existed: first seen, or its own date if days earlier (a late import)."""
        own = self.published()
        if own and as_utc(own.value) < as_utc(self.first_seen) - BACKDATED_MIN_GAP:
            return own
        return DateEvidence("first-seen", self.first_seen, f"{self.name}'s story, first seen")

    def published(self) -> DateEvidence | None:
        """Its own date, the earliest a copy can be (first-seen bounds nothing from below); None
        if missing or later than we saw it."""
        if self.claimed and as_utc(self.claimed) <= as_utc(self.first_seen) + BACKDATED_MIN_GAP:
            return DateEvidence("claimed", self.claimed, f"published by {self.publisher}")
        return None


@dataclass(frozen=True)
class DateFlag:
    """A doubt about the claimed date: a sentence for readers and the evidence behind it."""

    kind: FlagKind
    message: str
    evidence: list[DateEvidence]


def date_flags(
    claimed: datetime | None, evidence: list[DateEvidence], original: Original | None = None
) -> list[DateFlag]:
    """Every doubt the evidence raises about the `claimed` date; an empty list if none.

    `evidence` holds the page's other dates (`Article.date_evidence`, feed, sitemap, HTTP) and
    the dates in its text (`dates_in_text` with `claimed` as reference); `original` is given when
    the page copies an earlier story by someone else.
    """
    if claimed is None:
        return []
    said = DateEvidence("claimed", claimed, "the date this page gives")
    checks = (
        _against_original(said, original),
        _backdated(said, evidence),
        _stale_text(said, evidence),
        _text_after_claim(said, evidence),
    )
    return [flag for flag in checks if flag is not None]


def _against_original(said: DateEvidence, original: Original | None) -> DateFlag | None:
    """A copy dated well after its original was known (re-dated), or before it (backdated)."""
    if original is None:
        return None
    known, published = original.known_by(), original.published()
    seen = "first seen" if known.source == "first-seen" else "published"
    gap = as_utc(said.value) - as_utc(known.value)
    if gap >= REDATED_COPY_MIN_GAP:
        message = (
            f"Copy of {original.name}'s story {seen} {_day(known.value)}; this page claims "
            f"{_day(said.value)}, {_span(gap)} later."
        )
        return DateFlag("redated-copy", message, [said, known])
    early = as_utc(published.value) - as_utc(said.value) if published else timedelta(0)
    if published and early >= BACKDATED_MIN_GAP:
        message = (
            f"This page claims {_day(said.value)}, {_span(early)} before {original.name}'s story "
            f"it copies was published ({_day(published.value)})."
        )
        return DateFlag("backdated", message, [said, published])
    return None


def _backdated(said: DateEvidence, evidence: list[DateEvidence]) -> DateFlag | None:
    """Claimed before every other date the page's address, markup, feed or sitemap give for its
    birth. The markup the claim was read from is no other date, but an address dated like the
    claim backs it (a CMS move re-stamps markup, not old addresses); modification dates, a
    sitemap's lastmod and HTTP Last-Modified tell of changes, not birth."""
    births = sorted(
        (
            item
            for item in evidence
            if item.source in _BIRTH_SOURCES
            and (item.source == "url" or as_utc(item.value) != as_utc(said.value))
        ),
        key=lambda item: as_utc(item.value),
    )
    births = [item for item in births if not _CHANGE.search(item.detail)]
    if len({item.source for item in births}) < MIN_BACKDATED_SOURCES:
        return None
    gap = as_utc(births[0].value) - as_utc(said.value)
    if gap < BACKDATED_MIN_GAP:
        return None
    where = f"{_NAMES.get(births[0].source, 'its ' + births[0].source)} ({births[0].detail})"
    message = (
        f"This page claims {_day(said.value)}, but every other date it gives is later: the "
        f"earliest, {where}, says {_day(births[0].value)}, {_span(gap)} later."
    )
    return DateFlag("backdated", message, [said, *births])


def _stale_text(said: DateEvidence, evidence: list[DateEvidence]) -> DateFlag | None:
    """The text tells of the past week's events, but its latest dated event is long before.
    Only a year-less latest date counts: news writes the year of a date in another year, so a
    text giving years knows how old its events are (a follow-up, an anniversary, history)."""
    text = [item for item in evidence if item.source == "text"]
    claimed_day = said.value.date()
    dated = [
        item
        for item in text
        if item.basis in ("stated", "year-inferred") and item.value.date() <= claimed_day
    ]
    if not dated:
        return None
    latest = max(dated, key=lambda item: item.value)
    gap = (claimed_day - latest.value.date()).days
    if latest.basis != "year-inferred" or gap < STALE_TEXT_MIN_DAYS or _LAST.search(latest.detail):
        return None
    recent = claimed_day - RECENCY_REACH
    firsts: dict[date, DateEvidence] = {}  # "on Sunday" twice is one cue
    for item in text:
        if item.basis == "relative" and item.value.date() >= recent:
            firsts.setdefault(item.value.date(), item)
    cues = list(firsts.values())
    if len(cues) < MIN_RECENCY_CUES:
        return None
    month = latest.value.month
    after_latest = date(latest.value.year + month // 12, month % 12 + 1, 1)
    for item in text:
        if item.basis == "relative" and item.value.date() < recent:
            return None  # "two months ago", "last year": the text knows its events are old
        if item.basis == "month" and after_latest <= item.value.date() <= claimed_day:
            return None  # it names a later month: it knows a time after its latest date
    window = _period(latest.value.date(), latest.value.date() + RECENCY_REACH)
    examples = ", ".join(f"“{cue.detail}”" for cue in cues[:3])
    message = (
        f"The latest event the text dates is {latest.value.day} {latest.value:%B}, no year given "
        f"(“{latest.detail}”), at least {_span(timedelta(days=gap))} before this page's "
        f"date, {_day(said.value)}, yet it tells of the past week's events ({examples}): the "
        f"text points to {window}, not {said.value:%B}."
    )
    return DateFlag("text-inconsistent", message, [said, latest, *cues])


def _text_after_claim(said: DateEvidence, evidence: list[DateEvidence]) -> DateFlag | None:
    """The text tells, as past, of an event dated (with its year) after the page's date and
    after its last update, when the page gives one."""
    changes = [
        item
        for item in evidence
        if item.source == "http-last-modified"
        or (item.source in _BIRTH_SOURCES and _CHANGE.search(item.detail))
    ]
    since = max([said, *changes], key=lambda item: as_utc(item.value)).value.date()
    later = [
        item
        for item in evidence
        if item.source == "text"
        and item.basis == "stated"
        and told_as_past(item.detail)
        and (item.value.date() - since).days >= TEXT_AFTER_CLAIM_MIN_DAYS
    ]
    if not later:
        return None
    later.sort(key=lambda item: item.value)
    gap = timedelta(days=(later[0].value.date() - said.value.date()).days)
    message = (
        f"The text tells of an event on {_day(later[0].value)} (“{later[0].detail}”), "
        f"{_span(gap)} after the date this page claims, {_day(said.value)}."
    )
    return DateFlag("text-inconsistent", message, [said, *changes, *later])


def _day(value: datetime) -> str:
    value = as_utc(value) if value.tzinfo else value
    return f"{value.day} {value:%B %Y}"


def _span(gap: timedelta) -> str:
    """A reader's length of time: hours, days up to three months, then months, then years."""
    days = gap.total_seconds() / 86400
    number, unit = (
        (round(days * 24), "hour") if days < 2
        else (round(days), "day") if days < 90
        else (round(days / 30.44), "month") if days < 730
        else (round(days / 365.25), "year")
    )  # fmt: skip
    return f"{number} {unit}" + ("" if number == 1 else "s")


def _period(start: date, end: date) -> str:
    """'mid to late January', 'late January to early February' (no year: the text gives none)."""

    def part(day: date) -> str:
        return "early" if day.day <= 10 else "mid" if day.day <= 20 else "late"

    if (start.year, start.month) == (end.year, end.month):
        if part(start) == part(end):
            return f"{part(start)}{'-' if part(start) == 'mid' else ' '}{start:%B}"
        return f"{part(start)} to {part(end)} {start:%B}"
    return f"{part(start)} {start:%B} to {part(end)} {end:%B}"
