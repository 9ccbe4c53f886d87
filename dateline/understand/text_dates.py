"""Dates an article's text refers to: "on Jan. 14", "in September", "said Sunday", "last week".

Each is resolved against a reference (the date the page claims) as a reader of that day would: a
year-less date is its latest occurrence up to it (the next one when the words look ahead: "set
for", "will"), a weekday the one of the week before. English only, like the wire copy it is for.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from dateline.understand.article import Basis, DateEvidence
from dateline.understand.dates import find_dates

_MONTH_NAMES = (
    "January February March April May June July August September October November December"
).split()
_MONTH = {name: number for number, name in enumerate(_MONTH_NAMES, start=1)}
_MONTH.update({name[:3]: number for name, number in list(_MONTH.items())} | {"Sept": 9})
_DAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
_WEEKDAY = {name: number for number, name in enumerate(_DAYS)}
_ANY_MONTH = "|".join(sorted(_MONTH, key=len, reverse=True))
_FULL_MONTH = "|".join(_MONTH_NAMES)
_WEEKDAYS = "|".join(_WEEKDAY)

# Capitalised names only: "may 5" and "march 3 miles" are not dates.
_DAY_MONTH = re.compile(
    rf"\b(?:(?:{_WEEKDAYS}),?\s+)?"
    rf"(?:(?P<mon>{_ANY_MONTH})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?"
    rf"|(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon2>{_FULL_MONTH}))"
    r"(?![\d:%]|\.\d|,?\s+\d)"
)
_MONTH_ONLY = re.compile(
    rf"\b(?:(?P<prep>(?i:in|since|until|during|last|this|next|early|mid|late|of|from))[\s-]+)?"
    rf"(?P<mon>{_FULL_MONTH})\b(?:,?\s+(?P<y>(?:19|20)\d\d)\b)?"
)
_WEEKDAY_WORD = re.compile(
    rf"(?<!Black )(?<!Good )(?<!Super )(?<!Easter )(?<!Palm )(?<!Bloody )(?<!Cyber )"
    rf"(?<!Ash )(?<!Holy )(?<!Maundy )(?<!Shrove )(?<!Giving )(?<!every )(?<!each )"
    rf"\b(?P<wd>{_WEEKDAYS})\b(?!\s+[A-Z])"  # not "Sunday Times", "Monday Night Football"
)
_RELATIVE = re.compile(
    r"\b(?P<phrase>yesterday|last night|(?:earlier |later )?(?:this|last|next) week(?:end)?)\b",
    re.IGNORECASE,
)
_RELATIVE_DAYS = {"yesterday": -1, "last night": -1, "last": -7, "this": 0, "next": 7}
# Time measured in months or years ("two months ago", "six months after the flood", "last
# year"): the text knows its dated events are old.
_AGO = re.compile(
    r"\b(?:(?P<n>an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|few"
    r"|\d{1,2})\s+(?P<unit>months?|years?)\s+(?:ago|earlier|before|after|later)"
    r"|last\s+(?P<last>year|month))\b",
    re.IGNORECASE,
)
_NUMBER_WORDS = "a an one two three four five six seven eight nine ten eleven twelve several few"
_NUMBERS = dict(zip(_NUMBER_WORDS.split(), [1, 1, *range(1, 13), 3, 3], strict=True))
# Words just before (or after) a date that make it a date ahead: "set for", "will appear on".
_AHEAD_WORDS = re.compile(
    r"\b(?:will|won't|shall|scheduled|set (?:for|to)|slated|expected|due|upcoming|next|"
    r"this coming|takes? effect|deadline|is to be|are to be|to be held|to take place|"
    r"plans? to|planned for|planning|until|till|postponed|rescheduled|continued to|adjourned|"
    r"moved to)\b",
    re.IGNORECASE,
)
_AHEAD_AFTER = re.compile(  # "the Sept. 28 hearing will", "A Sept. 28 court date was set"
    r"[^.;!?]{0,20}?\b(?:will|is expected|deadline"
    r"|(?:is|are|was|were|has been) (?:set|scheduled))\b",
    re.IGNORECASE,
)
# A past-tense verb before a date makes it an event that happened ("voted on June 10, 2014"),
# not one announced ("the festival, June 10, 2014").
_PAST = re.compile(
    r"\b(?:was|were|had|did|said|began|died|met|took|came|went|told|held|fled|shot|hit|left|"
    r"found|made|got|gave|saw|won|lost|ran|\w{3,}ed)\b",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[;!?]|\.\s+(?=[A-Z])")
AHEAD_REACH = 45  # characters before a date searched for a look-ahead word
# A year-less date at most this far after the reference is the coming one ("a preliminary hearing
# Jan. 19" on Dec. 8), not one 10 months back: news gives the year of a date that old.
NEAR_AHEAD = timedelta(days=60)
_CONTEXT_STOP = re.compile(r"[,;:.!?()\"“”—–]")
# Words kept before a phrase, so a reader sees what was dated: "the test-firing on Jan. 14".
DATE_CONTEXT_WORDS = 3
WEEKDAY_CONTEXT_WORDS = 1  # "said Sunday", "on Thursday"


def looks_ahead(detail: str) -> bool:
    """Whether the words of a text date's `detail` make it one ahead ("scheduled for March 3")."""
    return bool(_AHEAD_WORDS.search(detail))


def told_as_past(detail: str) -> bool:
    """Whether a text date's `detail` tells of it as done ("voted on June 10, 2014")."""
    return bool(_PAST.search(detail)) and not looks_ahead(detail)


@dataclass(frozen=True)
class _Found:
    start: int
    end: int
    value: datetime
    basis: Basis
    context_words: int = DATE_CONTEXT_WORDS
    ahead: tuple[int, int] | None = None  # the span from the look-ahead word, if there is one
    kept: bool = True  # False: a page stamp ("Updated: Friday, Feb. 28, 2014"), not an event
    year: int | None = None  # the year it writes out, the context of year-less dates after it


def dates_in_text(paragraphs: list[str], reference: datetime) -> list[DateEvidence]:
    """Every date the text refers to, resolved against `reference`, in reading order.

    `detail` is the phrase with a few words before it ("the test-firing on Jan. 14"), from the
    look-ahead word on when there is one ("set for Sept. 3"), so `looks_ahead(detail)` tells.
    """
    anchor = reference.replace(tzinfo=None)  # phrases carry no zone: read them on the page's day
    evidence: list[DateEvidence] = []
    for paragraph in paragraphs:
        taken: list[_Found] = []
        for found in _found_in(paragraph, anchor):
            if any(found.start < other.end and other.start < found.end for other in taken):
                continue  # "Sunday, Jan. 21, 2024" is one date, not three
            taken.append(found)
        context: int | None = None
        for found in sorted(taken, key=lambda item: item.start):
            value, basis = found.value, found.basis
            if basis == "year-inferred" and context and context < anchor.year:
                # "On Sept. 11, 2001, ... and on June 3": the paragraph's year, not this year's
                value, basis = _in_year(value, context), "stated"
            context = found.year or context
            if found.kept:
                phrase = _with_context(paragraph, found)
                evidence.append(DateEvidence("text", value, phrase, basis))
    return evidence


def _found_in(text: str, anchor: datetime) -> Iterator[_Found]:
    """Candidates, most precise kind first so that it wins an overlap."""
    for mention in find_dates(text):
        value = mention.value.replace(tzinfo=None)
        ahead = _ahead_span(text, mention.start, mention.end)
        kept = mention.label is None
        yield _Found(
            mention.start, mention.end, value, "stated", ahead=ahead, kept=kept, year=value.year
        )
    for match in _DAY_MONTH.finditer(text):
        month = _MONTH[match["mon"] or match["mon2"]]
        day = int(match["d"] or match["d2"])
        ahead = _ahead_span(text, match.start(), match.end())
        value = _resolve(anchor, month, day, ahead is not None)
        if value is not None:
            yield _Found(match.start(), match.end(), value, "year-inferred", ahead=ahead)
    for match in _MONTH_ONLY.finditer(text):
        if not (match["prep"] or match["y"]):
            continue  # a bare "May" or "August" is too often a name
        month, year = _MONTH[match["mon"]], int(match["y"]) if match["y"] else None
        ahead = None if year else _ahead_span(text, match.start(), match.end())
        value = datetime(year, month, 1) if year else _resolve_month(anchor, month, bool(ahead))
        yield _Found(match.start(), match.end(), value, "month", ahead=ahead, year=year)
    for match in _WEEKDAY_WORD.finditer(text):
        ahead = _ahead_span(text, match.start(), match.end())
        before = text[max(0, match.start() - 5) : match.start()]
        value = _resolve_weekday(anchor, _WEEKDAY[match["wd"]], before, ahead is not None)
        yield _Found(match.start(), match.end(), value, "relative", WEEKDAY_CONTEXT_WORDS, ahead)
    for match in _RELATIVE.finditer(text):
        phrase = match["phrase"].casefold()
        key = phrase if phrase in _RELATIVE_DAYS else phrase.split()[-2]
        day = anchor.date() + timedelta(days=_RELATIVE_DAYS[key])
        value = datetime.combine(day, anchor.time())
        yield _Found(match.start(), match.end(), value, "relative", context_words=0)
    for match in _AGO.finditer(text):
        if match["last"]:
            days = 365 if match["last"].casefold() == "year" else 30
        else:
            days = _NUMBERS.get(match["n"].casefold()) or int(match["n"])
            days *= 365 if match["unit"].casefold().startswith("year") else 30
        value = anchor - timedelta(days=days)
        yield _Found(match.start(), match.end(), value, "relative", context_words=0)


def _ahead_span(text: str, start: int, end: int) -> tuple[int, int] | None:
    """From the look-ahead word before the date (same sentence) to the one after it, if any."""
    reach = max(0, start - AHEAD_REACH)
    ends = _SENTENCE_END.finditer(text, reach, start + 1)  # +1: the lookahead sees the date
    sentence = max((m.end() for m in ends), default=reach)
    before = list(_AHEAD_WORDS.finditer(text, sentence, start))
    after = _AHEAD_AFTER.match(text, end)
    if not before and not after:
        return None
    return (before[-1].start() if before else start, after.end() if after else end)


def _resolve(anchor: datetime, month: int, day: int, ahead: bool) -> datetime | None:
    """The year-less date's latest occurrence up to the reference, or the next one when the
    words look ahead or it is near."""
    today = anchor.date()
    values = []
    for year in range(today.year - 4, today.year + 5):  # four years reach a Feb. 29
        try:
            values.append(datetime(year, month, day))
        except ValueError:
            continue  # Feb. 29 outside a leap year, "Jan. 32"
    past = max((value for value in values if value.date() <= today), default=None)
    coming = min((value for value in values if value.date() >= today), default=None)
    if ahead or past is None or (coming and coming.date() - today <= NEAR_AHEAD):
        return coming
    return past


def _in_year(value: datetime, year: int) -> datetime:
    try:
        return value.replace(year=year)
    except ValueError:  # Feb. 29
        return value


def _resolve_month(anchor: datetime, month: int, ahead: bool) -> datetime:
    year = anchor.year
    if ahead and month < anchor.month:
        year += 1
    elif not ahead and month > anchor.month:
        year -= 1
    return datetime(year, month, 1)


def _resolve_weekday(anchor: datetime, weekday: int, before: str, ahead: bool) -> datetime:
    """The weekday of the week before the reference (of the week after when it looks ahead)."""
    before = before.casefold()
    back = (anchor.weekday() - weekday) % 7
    if "last " in before and back == 0:
        back = 7
    day: date = anchor.date() - timedelta(days=back)
    if ahead or "this " in before:
        day = anchor.date() + timedelta(days=(weekday - anchor.weekday()) % 7)
    return datetime.combine(day, anchor.time())


def _with_context(text: str, found: _Found) -> str:
    """The phrase and up to a few words before it in the same clause."""
    if found.ahead:
        return " ".join(text[found.ahead[0] : found.ahead[1]].split())
    words = found.context_words
    before = text[max(0, found.start - 60) : found.start]
    stop = max((m.end() for m in _CONTEXT_STOP.finditer(before)), default=0)
    kept = before[stop:].split()[-words:] if words else []
    return " ".join([*kept, text[found.start : found.end].strip()])
