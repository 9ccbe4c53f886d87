"""Reading a feed (RSS, Atom, JSON Feed via feedparser) into plain entries."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import UTC, datetime

import feedparser


class FeedError(ValueError):
    """The document is not a feed we can read."""


@dataclass(frozen=True)
class FeedEntry:
    link: str
    title: str
    guid: str | None
    published: datetime | None
    summary: str


@dataclass(frozen=True)
class Feed:
    title: str
    entries: list[FeedEntry]


def parse_feed(data: bytes) -> Feed:
    parsed = feedparser.parse(data)
    if parsed.get("bozo") and not parsed.entries:
        raise FeedError(f"not a readable feed: {parsed.get('bozo_exception')}")
    if not parsed.get("version") and not parsed.entries:
        raise FeedError("not a feed (no RSS, Atom or JSON Feed found)")
    entries = []
    for entry in parsed.entries:
        link = entry.get("link")
        if not link:
            continue
        when = entry.get("published_parsed") or entry.get("updated_parsed")
        entries.append(
            FeedEntry(
                link=link,
                title=entry.get("title", ""),
                guid=entry.get("id"),
                published=datetime.fromtimestamp(calendar.timegm(when), UTC) if when else None,
                summary=entry.get("summary", ""),
            )
        )
    return Feed(title=parsed.feed.get("title", ""), entries=entries)
