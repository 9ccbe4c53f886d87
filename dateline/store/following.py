"""Following feeds: add one (by its URL or a homepage announcing it), add a list of them (OPML or
one URL a line), export them all as OPML.

Every way in checks the address the same way: an http(s) URL with a host. A list's other lines
(file:, javascript:, a typo) are skipped and reported, never stored; private addresses are the
poller's to refuse, before each fetch, as configured.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.conf import settings

from dateline.gather.addresses import refusal
from dateline.gather.discover import discover
from dateline.gather.fetch import FetchError, check_url, fetch
from dateline.gather.opml import OpmlFeed, write_opml
from dateline.gather.sourcelist import read_sources
from dateline.gather.urls import web_url
from dateline.store.models import Source
from dateline.store.polling import fetch_policy

TITLE_CHARS = 300  # Source.title's length


class FollowError(ValueError):
    """The URL cannot be followed; the message says why."""


def follow(url: str, title: str = "") -> list[tuple[str, bool]]:
    """Follow `url`, or the feeds its page announces; (feed URL, newly added) for each.

    If the URL cannot be fetched now it is followed as given: its errors then show on the
    status page, and it is polled again with backoff, as any failing feed.
    """
    url = url.strip()
    try:
        check_url(url, allow_private=True)  # scheme and host only; the fetch checks addresses
    except FetchError as exc:
        if exc.kind == "refused":
            raise FollowError(str(exc)) from exc
    problem = feed_url_problem(url)
    if problem is not None:
        raise FollowError(f"refused {url!r}: {problem}")
    reached: list[bool] = []

    def get(candidate: str) -> bytes | None:
        try:
            response = fetch(candidate, fetch_policy())
        except FetchError:
            return None
        reached.append(True)
        return response.body if response.status < 400 else None

    found = discover(url, get)
    if not found and reached:
        raise FollowError(f"no feed found at {url}: neither a feed nor a page announcing one")
    feeds = [(link.url, title or link.title) for link in found]
    feeds = [(u, t) for u, t in feeds if feed_url_problem(u) is None]
    if found and not feeds:
        raise FollowError(f"no feed found at {url}: the feeds it announces are no web addresses")
    return [add_feed(feed_url, feed_title) for feed_url, feed_title in feeds or [(url, title)]]


def add_feed(url: str, title: str = "") -> tuple[str, bool]:
    """Follow a feed at an address `feed_url_problem` passed: (URL, newly added). The one
    write behind the CLI, the API, reader apps and lists."""
    url = url.strip()
    _, created = Source.objects.get_or_create(url=url, defaults={"title": title[:TITLE_CHARS]})
    return url, created


def opml_export() -> str:
    feeds = [OpmlFeed(xml_url=s.url, title=s.title) for s in Source.objects.order_by("url")]
    return write_opml(feeds).decode("utf-8")


def feed_url_problem(url: str) -> str | None:
    """Why `url` is no address a feed can be followed at, or None when it is one: an http(s)
    URL with a valid host (`urls.web_url`; a private feed's credentials are allowed), and not
    a cloud metadata address written as one. A host name (or an address spelt another
    way) is not looked up here: the poller checks what it resolves to before each fetch."""
    if web_url(url, credentials=True) is None:
        return "not an http(s) address with a valid host name"
    try:
        address = ipaddress.ip_address((urlsplit(url.strip()).hostname or "").split("%")[0])
    except ValueError:
        return None
    why = refusal(address, allow_private=True)
    return f"a {why}" if why else None


@dataclass(frozen=True)
class Listed:
    added: int  # feeds newly followed
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (address, why not)


def follow_listed(path: str | None = None) -> Listed:
    """Follow the feeds of an OPML or URL-list file (default: the configured list, else the
    bundled one) that are not followed yet. Raises `SourceListError` for a file that cannot
    be read; an address that is no feed's is skipped, with the reason."""
    added, skipped = 0, []
    for url, title in read_sources(path or settings.CONFIG["sources_file"] or None):
        problem = feed_url_problem(url)
        if problem is not None:
            skipped.append((url, problem))
            continue
        added += add_feed(url, title)[1]
    return Listed(added, skipped)
