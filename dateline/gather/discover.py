"""Feed autodiscovery: from a homepage URL to the feeds it announces.

The page's `<link rel="alternate" type="application/rss+xml|atom+xml|feed+json">` elements
are the answer, resolved against the page's URL (or its `<base href>`). Only when a page
announces none do we try a short list of common feed paths, and keep only those that really
parse as feeds: a guessed URL is never returned on the strength of a 200 alone. Links written
by scripts do not count: lxml sees script bodies as text, not as elements.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from lxml import etree, html

from dateline.gather.feeds import FeedError, parse_feed

FEED_TYPES = {
    "application/rss+xml": "rss",
    "application/atom+xml": "atom",
    "application/feed+json": "json",
    "application/rdf+xml": "rss",  # RSS 1.0
}
# Tried in this order only when the page announces no feed (WordPress, Blogger, Hugo, Ghost...).
FALLBACK_PATHS = ("/feed", "/rss", "/feed.xml", "/rss.xml", "/atom.xml", "/index.xml", "/feed/")


@dataclass(frozen=True)
class FeedLink:
    url: str
    kind: str  # "rss", "atom" or "json"
    title: str = ""


def feed_links(page: bytes | str, base_url: str) -> list[FeedLink]:
    """The feeds a page announces in `<link rel="alternate">`, absolute, duplicates removed."""
    try:
        document = html.fromstring(page)
    except (etree.ParserError, ValueError):
        return []
    base = base_url
    for element in document.iter("base"):
        if element.get("href"):
            base = urljoin(base_url, element.get("href").strip())
            break
    found: dict[str, FeedLink] = {}
    for link in document.iter("link"):
        rel = (link.get("rel") or "").lower().split()
        kind = FEED_TYPES.get((link.get("type") or "").split(";")[0].strip().lower())
        href = (link.get("href") or "").strip()
        if "alternate" not in rel or not kind or not href:
            continue
        url = urljoin(base, href)
        if urlsplit(url).scheme in ("http", "https") and url not in found:
            found[url] = FeedLink(url, kind, (link.get("title") or "").strip())
    return list(found.values())


def fallback_urls(base_url: str) -> list[str]:
    parts = urlsplit(base_url)
    root = f"{parts.scheme}://{parts.netloc}"
    return [root + path for path in FALLBACK_PATHS]


def discover(url: str, get: Callable[[str], bytes | None]) -> list[FeedLink]:
    """Feeds for `url`: itself if it is a feed, else the ones its page announces, else the
    fallback paths that parse as feeds. `get(url)` returns the body, or None on failure."""
    body = get(url)
    if body is None:
        return []
    if (own := _as_feed(url, body)) is not None:
        return [own]
    links = feed_links(body, url)
    if links:
        return links
    found = []
    for candidate in fallback_urls(url):
        candidate_body = get(candidate)
        if candidate_body and (feed := _as_feed(candidate, candidate_body)):
            found.append(feed)
            break  # one working guess is enough; the rest would mostly be aliases
    return found


def _as_feed(url: str, body: bytes) -> FeedLink | None:
    try:
        feed = parse_feed(body)
    except FeedError:
        return None
    return FeedLink(url, feed.kind, feed.title)
