"""A source's answer is a feed or a news sitemap; anything else is a clear error."""

import pytest

from dateline.gather.feeds import FeedError
from dateline.gather.fetch import FetchError
from dateline.store.source_reading import read_source

SM = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'


def _never(url: str) -> bytes:
    raise AssertionError(f"no child should be fetched: {url}")


def test_neither_feed_nor_sitemap_is_a_feed_error() -> None:
    with pytest.raises(FeedError, match="not a"):
        read_source(b"<html><body>hello</body></html>", "http://x.test/", _never)


def test_a_urlset_gives_entries_newest_first() -> None:
    body = (
        f"<urlset {SM}><url><loc>http://x.test/old</loc><lastmod>2026-01-01</lastmod></url>"
        f"<url><loc>http://x.test/new</loc><lastmod>2026-02-01</lastmod></url></urlset>"
    )
    feed = read_source(body.encode(), "http://x.test/sitemap.xml", _never)
    assert feed.kind == "sitemap"
    assert [e.link for e in feed.entries] == ["http://x.test/new", "http://x.test/old"]


def test_a_broken_child_sitemap_does_not_hide_the_others() -> None:
    index = (
        f"<sitemapindex {SM}><sitemap><loc>http://x.test/a.xml</loc></sitemap>"
        f"<sitemap><loc>http://x.test/b.xml</loc></sitemap></sitemapindex>"
    )
    good = f"<urlset {SM}><url><loc>http://x.test/story</loc></url></urlset>".encode()

    def fetch_child(url: str) -> bytes:
        if url.endswith("a.xml"):
            raise FetchError("HTTP 500")
        return good

    feed = read_source(index.encode(), "http://x.test/sitemap.xml", fetch_child)
    assert [e.link for e in feed.entries] == ["http://x.test/story"]
