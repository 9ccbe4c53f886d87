"""What a source's answer holds: a feed (RSS, Atom, JSON Feed) or a news sitemap, as entries.

A news sitemap is a source like a feed: its `<url>` entries become `FeedEntry`s (link, the
`news:title`, the `news:publication_date`), newest first. A sitemap index is followed to its
newest child sitemaps, each fetched through the same polite path (robots.txt, host budget).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from urllib.parse import urlsplit

from dateline.gather.feeds import Feed, FeedEntry, FeedError, parse_feed
from dateline.gather.fetch import FetchError
from dateline.gather.sitemaps import Sitemap, SitemapError, parse_sitemap

CHILD_SITEMAPS = 3  # of an index, the newest few: news sitemaps hold the last two days
_OLDEST = datetime.min.replace(tzinfo=UTC)

FetchBody = Callable[[str], bytes]  # a child sitemap URL -> its body (polite, robots-checked)


def read_source(body: bytes, url: str, fetch_child: FetchBody) -> Feed:
    """The entries of a feed or a (news) sitemap; FeedError naming both when it is neither."""
    try:
        return parse_feed(body, base=url)
    except FeedError as feed_error:
        try:
            sitemap = parse_sitemap(body)
        except SitemapError:
            raise feed_error from None
    if sitemap.kind == "index":
        entries = []
        newest = sorted(sitemap.children, key=lambda c: c.lastmod or _OLDEST, reverse=True)
        for child in newest[:CHILD_SITEMAPS]:
            try:
                entries += _entries(parse_sitemap(fetch_child(child.loc)))
            except (FetchError, SitemapError):
                continue  # one broken child does not hide the others
    else:
        entries = _entries(sitemap)
    entries.sort(key=lambda e: e.published or e.updated or _OLDEST, reverse=True)
    return Feed(title=f"{urlsplit(url).netloc} sitemap", entries=entries, kind="sitemap")


def _entries(sitemap: Sitemap) -> list[FeedEntry]:
    return [
        FeedEntry(
            link=entry.loc,
            title=entry.title or "",
            guid=None,
            published=entry.publication_date,
            summary="",
            updated=entry.lastmod,
        )
        for entry in sitemap.entries
    ]
