import contextlib
from datetime import UTC, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dateline.gather.feeds import FeedError, parse_feed

RSS = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>Example News</title>
<item><title>First</title><link>https://news.example/1</link><guid>a1</guid>
<pubDate>Sun, 21 Jan 2024 10:00:00 GMT</pubDate><description>Summary one</description></item>
<item><title>No link</title></item>
</channel></rss>"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">
<title>Atom News</title><entry><title>Entry</title><link href="https://news.example/e"/>
<id>urn:e</id><updated>2024-01-21T10:00:00Z</updated></entry></feed>"""

JSON_FEED = b"""{"version": "https://jsonfeed.org/version/1.1", "title": "JSON News",
"items": [{"id": "j1", "url": "https://news.example/j", "title": "J",
           "date_published": "2024-01-21T10:00:00Z"}]}"""


def test_rss_entries_without_links_are_dropped():
    feed = parse_feed(RSS)
    assert feed.title == "Example News"
    assert [(e.link, e.guid, e.summary) for e in feed.entries] == [
        ("https://news.example/1", "a1", "Summary one")
    ]
    assert feed.entries[0].published == datetime(2024, 1, 21, 10, tzinfo=UTC)


def test_atom():
    (entry,) = parse_feed(ATOM).entries
    assert entry.link == "https://news.example/e" and entry.published == datetime(
        2024, 1, 21, 10, tzinfo=UTC
    )


def test_json_feed():
    feed = parse_feed(JSON_FEED)
    assert feed.title == "JSON News"
    assert [e.link for e in feed.entries] == ["https://news.example/j"]


@pytest.mark.parametrize(
    "junk", [b"", b"<html><body>not a feed</body></html>", b"\x00\x01\x02", b"<rss><channel><item>"]
)
def test_non_feeds_raise_a_clear_error(junk):
    with pytest.raises(FeedError, match="feed"):
        parse_feed(junk)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=2000))
def test_arbitrary_bytes_never_crash(data):
    # Any bytes give a feed or a FeedError; any other exception fails the test.
    with contextlib.suppress(FeedError):
        parse_feed(data)
