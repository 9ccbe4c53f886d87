"""What a page dump claims about its story around the body: the dates and the byline."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

from dateline.understand.authors import split_authors
from dateline.understand.dateline import wire_name
from dateline.understand.dates import find_dates
from dateline.understand.textlines import BYLINE_PREFIX, Kind, Line, is_name

_CLAIM_KINDS = (Kind.DATE, Kind.BYLINE)


def header_lines(lines: list[Line], headline: int, body: range) -> Iterator[Line]:
    """The lines that speak for the story, nearest first: from the headline down to the body,
    then upwards from the headline (a date above the headline beats one in a sidebar)."""
    yield from lines[headline : body.start]
    yield from reversed(lines[:headline])


def claimed_dates(
    lines: list[Line], headline: int, body: range
) -> tuple[datetime | None, datetime | None]:
    """(published, updated) as the page states them.

    Only date and byline lines count: a date inside a sentence or a list item is someone
    else's. Below the body only a labelled date counts ("Published on …"), not a list's.
    """
    published: datetime | None = None
    updated: datetime | None = None
    below = (line for line in lines[body.stop :] if line.kind is Kind.DATE)
    for line in (*header_lines(lines, headline, body), *below):
        if line.kind not in _CLAIM_KINDS or line.index in body:
            continue
        for mention in line.dates:
            if line.index >= body.stop and mention.label is None:
                continue
            if mention.label == "updated":
                updated = updated or mention.value
            else:
                published = published or mention.value
    return published, updated


def read_byline(lines: list[Line], headline: int, body: range) -> tuple[list[str], str | None]:
    """(authors, wire credit) from the first byline: 'By Jane Doe, Associated Press'."""
    for line in header_lines(lines, headline, body):
        if line.kind is Kind.BYLINE:
            return byline_names(line.text)
    return [], None


def byline_names(byline: str) -> tuple[list[str], str | None]:
    """'By JANE DOE and John Roe | March 3, 2024' -> (['Jane Doe', 'John Roe'], None)."""
    match = BYLINE_PREFIX.match(byline)
    rest = byline[match.end() :] if match else byline
    dates = find_dates(rest)
    if dates:
        rest = rest[: dates[0].start]
    rest = rest.replace("·", "|").replace("•", "|").split("|")[0]
    authors: list[str] = []
    credit: str | None = None
    for name in split_authors(rest):
        wire = wire_name(name)
        if wire:
            credit = credit or wire
        elif is_name(name):
            authors.append(name.title() if name.isupper() else name)
    return authors, credit
