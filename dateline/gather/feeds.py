"""Reading a feed (RSS 0.9x/1.0/2.0 and Atom via feedparser, JSON Feed here) into plain entries.

Besides each entry's link, title, GUID, dates and summary we keep its authors and full
`content` when the feed carries it, and the feed's own polling hints (RSS `<ttl>`, the
syndication module's `sy:updatePeriod` / `sy:updateFrequency`) for the scheduler.

Broken XML is common in the wild: by default entries feedparser recovers are kept and
`Feed.problem` says what was wrong; `strict=True` turns any malformation into a FeedError.
"""

from __future__ import annotations

import calendar
import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urljoin

import feedparser

from dateline.gather.urls import web_url, without_credentials

# RSS <author> is "email (Name)"; feedparser mis-splits it when the TLD is longer than 4 letters.
_EMAIL_NAME = re.compile(r"(\S+@\S+)\s*\((.+)\)")
# feedparser's complaints that do not mean the XML is broken (a charset label mismatch).
_HARMLESS = (feedparser.CharacterEncodingOverride,)


class FeedError(ValueError):
    """The document is not a feed we can read."""


@dataclass(frozen=True)
class FeedEntry:
    link: str
    title: str
    guid: str | None
    published: datetime | None  # the published date, else the updated one
    summary: str
    authors: tuple[str, ...] = ()
    updated: datetime | None = None  # only when the feed states an update date
    content: str = ""  # the full body (content:encoded, Atom <content>, content_html)


@dataclass(frozen=True)
class Feed:
    title: str
    entries: list[FeedEntry]
    kind: str = ""  # "rss", "atom" or "json"
    link: str = ""  # the site the feed belongs to
    ttl: int | None = None  # RSS <ttl>: minutes the feed may be cached
    update_period: str | None = None  # sy:updatePeriod: hourly, daily, weekly, monthly, yearly
    update_frequency: int | None = None  # sy:updateFrequency: updates per period
    problem: str | None = None  # what was wrong with a feed we still read


def parse_feed(data: bytes, strict: bool = False, base: str | None = None) -> Feed:
    """Entries with a link, from RSS, Atom or JSON Feed; FeedError if the bytes are no feed.

    A link is read against `base` (the feed's own address) and kept only if it is then a web
    address (`urls.web_url`): one entry's "http://[::1/x" or "file:///etc/passwd" is that
    entry's problem, said in `Feed.problem`, not the whole feed's."""
    base = without_credentials(base) if base else None  # a private feed's stay its own
    if data.lstrip()[:1] == b"{":
        return _parse_json_feed(data, base)
    parsed = feedparser.parse(data)
    entries, unlinked = _entries(parsed, base)
    problems = []
    if parsed.get("bozo") and not isinstance(parsed.get("bozo_exception"), _HARMLESS):
        problems.append(f"malformed XML: {parsed.get('bozo_exception')}")
        if strict or not entries:
            raise FeedError(f"not a readable feed: {problems[0]}")
    problem = "; ".join(p for p in (*problems, _unlinked(unlinked)) if p) or None
    version = parsed.get("version") or ""
    if not version and not entries:
        raise FeedError("not a feed (no RSS, Atom or JSON Feed found)")
    info = parsed.feed
    return Feed(
        title=info.get("title", ""),
        entries=entries,
        kind="atom" if version.startswith("atom") else "rss",
        link=info.get("link", ""),
        ttl=_positive_int(info.get("ttl")),
        update_period=(info.get("sy_updateperiod") or "").strip().lower() or None,
        update_frequency=_positive_int(info.get("sy_updatefrequency")),
        problem=problem,
    )


def _link(value: object, base: str | None) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        value = urljoin(base or "", value.strip())
    except ValueError:
        return None
    return web_url(value)


def _unlinked(count: int) -> str | None:
    if not count:
        return None
    return f"{count} entr{'y' if count == 1 else 'ies'} skipped: the link is no http(s) address"


def _entries(parsed, base: str | None) -> tuple[list[FeedEntry], int]:
    entries, unlinked = [], 0
    for entry in parsed.entries:
        if not entry.get("link"):
            continue
        link = _link(entry.get("link"), base)
        if link is None:
            unlinked += 1
            continue
        when = entry.get("published_parsed") or entry.get("updated_parsed")
        # dict.get: feedparser's own .get would fall back from "updated" to "published".
        updated = dict.get(entry, "updated_parsed")
        entries.append(
            FeedEntry(
                link=link,
                title=entry.get("title", ""),
                guid=entry.get("id"),
                published=_from_struct(when),
                summary=entry.get("summary", ""),
                authors=_entry_authors(entry),
                updated=_from_struct(updated),
                content=_longest_content(entry.get("content") or []),
            )
        )
    return entries, unlinked


def _from_struct(value) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromtimestamp(calendar.timegm(value), UTC)
    except (OverflowError, ValueError, OSError):
        return None


def _entry_authors(entry) -> tuple[str, ...]:
    authors = [a for a in entry.get("authors") or [] if isinstance(a, dict)]
    match = _EMAIL_NAME.fullmatch((dict.get(entry, "author") or "").strip())
    if match:
        email, name = match.groups()
        authors = [a for a in authors if not (a.get("email") and email.startswith(a["email"]))]
        authors.append({"name": name})
    return _names(authors)


def _names(authors: list) -> tuple[str, ...]:
    """Author names in order, each once; a bare e-mail address is not a name."""
    names = []
    for author in authors:
        name = author.get("name") if isinstance(author, dict) else None
        if isinstance(name, str) and name.strip() and name.strip() not in names:
            names.append(name.strip())
    return tuple(names)


def _longest_content(contents: list) -> str:
    values = [c.get("value", "") for c in contents if isinstance(c, dict)]
    return max(values, key=len, default="")


def _positive_int(value: object) -> int | None:
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        return None
    return number if number > 0 else None


def _parse_json_feed(data: bytes, base: str | None = None) -> Feed:
    """JSON Feed 1.0/1.1 (https://jsonfeed.org), which feedparser 6.0 does not read."""
    try:
        document = json.loads(data)
    except (ValueError, UnicodeDecodeError, RecursionError) as exc:
        raise FeedError(f"not a readable feed: invalid JSON ({exc})") from exc
    if not isinstance(document, dict) or "jsonfeed.org" not in str(document.get("version", "")):
        raise FeedError("not a feed: JSON without a jsonfeed.org version")
    feed_authors = _json_authors(document)
    entries, unlinked = [], 0
    items = document.get("items")
    for item in items if isinstance(items, list) else []:
        if not isinstance(item, dict) or not isinstance(item.get("url"), str):
            continue
        link = _link(item["url"], base)
        if link is None:
            unlinked += 1
            continue
        published = _iso_date(item.get("date_published"))
        updated = _iso_date(item.get("date_modified"))
        entries.append(
            FeedEntry(
                link=link,
                title=str(item.get("title", "")),
                guid=str(item["id"]) if "id" in item else None,
                published=published or updated,
                summary=str(item.get("summary") or item.get("content_text") or ""),
                authors=_json_authors(item) or feed_authors,
                updated=updated,
                content=str(item.get("content_html") or item.get("content_text") or ""),
            )
        )
    return Feed(
        title=str(document.get("title", "")),
        entries=entries,
        kind="json",
        link=str(document.get("home_page_url") or ""),
        problem=_unlinked(unlinked),
    )


def _json_authors(node: dict) -> tuple[str, ...]:
    # 1.1 has "authors" (a list); 1.0 had a single "author" object.
    authors = node.get("authors")
    if not isinstance(authors, list):
        authors = [node["author"]] if isinstance(node.get("author"), dict) else []
    return _names([a for a in authors if isinstance(a, dict)])


def _iso_date(value: object) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
