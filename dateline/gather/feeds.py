"""Reading a feed (RSS, Atom, JSON Feed via feedparser) into plain entries."""

from __future__ import annotations

import calendar
import json
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
    """Entries with a link, from RSS, Atom or JSON Feed; FeedError if the bytes are no feed."""
    if data.lstrip()[:1] == b"{":
        return _parse_json_feed(data)
    parsed = feedparser.parse(data)
    entries = _entries(parsed)
    if parsed.get("bozo") and not entries:
        raise FeedError(f"not a readable feed: {parsed.get('bozo_exception')}")
    if not parsed.get("version") and not entries:
        raise FeedError("not a feed (no RSS, Atom or JSON Feed found)")
    return Feed(title=parsed.feed.get("title", ""), entries=entries)


def _entries(parsed) -> list[FeedEntry]:
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
    return entries


def _parse_json_feed(data: bytes) -> Feed:
    """JSON Feed 1.0/1.1 (https://jsonfeed.org), which feedparser 6.0 does not read."""
    try:
        document = json.loads(data)
    except (ValueError, UnicodeDecodeError) as exc:
        raise FeedError(f"not a readable feed: invalid JSON ({exc})") from exc
    if not isinstance(document, dict) or "jsonfeed.org" not in str(document.get("version", "")):
        raise FeedError("not a feed: JSON without a jsonfeed.org version")
    entries = []
    for item in document.get("items") or []:
        if not isinstance(item, dict) or not isinstance(item.get("url"), str):
            continue
        entries.append(
            FeedEntry(
                link=item["url"],
                title=str(item.get("title", "")),
                guid=str(item["id"]) if "id" in item else None,
                published=_iso_date(item.get("date_published") or item.get("date_modified")),
                summary=str(item.get("summary") or item.get("content_text") or ""),
            )
        )
    return Feed(title=str(document.get("title", "")), entries=entries)


def _iso_date(value: object) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
