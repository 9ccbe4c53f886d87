import contextlib
import json
from datetime import UTC, datetime
from xml.sax.saxutils import escape

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dateline.gather.feeds import FeedError, parse_feed
from dateline.gather.fetch import fetch

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


RICH_RSS = b"""<?xml version="1.0"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"
     xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:sy="http://purl.org/rss/1.0/modules/syndication/"
     xmlns:atom="http://www.w3.org/2005/Atom">
<channel><title>Rich</title><link>https://rich.example/</link><ttl>45</ttl>
<sy:updatePeriod> Hourly </sy:updatePeriod><sy:updateFrequency>4</sy:updateFrequency>
<item><title>Full</title><link>https://rich.example/1</link><guid>r1</guid>
<dc:creator>Jane Doe</dc:creator><author>bob@rich.example (Bob Roe)</author>
<pubDate>Sun, 21 Jan 2024 10:00:00 GMT</pubDate><atom:updated>2024-01-22T08:00:00Z</atom:updated>
<description>Short</description>
<content:encoded><![CDATA[<p>The whole article.</p><p>Two paragraphs.</p>]]></content:encoded>
</item></channel></rss>"""

RICH_ATOM = b"""<feed xmlns="http://www.w3.org/2005/Atom"><title>A</title>
<entry><title>E</title><link href="https://a.example/e"/><id>urn:e</id>
<author><name>Ann</name></author><author><name>Ben</name></author>
<published>2024-01-20T10:00:00Z</published><updated>2024-01-21T10:00:00Z</updated>
<content type="html">&lt;p&gt;Body&lt;/p&gt;</content></entry></feed>"""


def test_rss_authors_content_and_polling_hints():
    feed = parse_feed(RICH_RSS)
    assert (feed.kind, feed.link, feed.ttl) == ("rss", "https://rich.example/", 45)
    assert (feed.update_period, feed.update_frequency) == ("hourly", 4)
    (entry,) = feed.entries
    assert entry.authors == ("Jane Doe", "Bob Roe")
    assert entry.content == "<p>The whole article.</p><p>Two paragraphs.</p>"
    assert entry.summary == "Short"
    assert entry.published == datetime(2024, 1, 21, 10, tzinfo=UTC)
    assert entry.updated == datetime(2024, 1, 22, 8, tzinfo=UTC)


def test_atom_authors_content_and_dates():
    feed = parse_feed(RICH_ATOM)
    (entry,) = feed.entries
    assert feed.kind == "atom" and entry.authors == ("Ann", "Ben")
    assert entry.content == "<p>Body</p>"
    assert entry.published == datetime(2024, 1, 20, 10, tzinfo=UTC)
    assert entry.updated == datetime(2024, 1, 21, 10, tzinfo=UTC)


def test_a_feed_without_update_dates_has_none():
    (entry,) = parse_feed(RSS).entries
    assert entry.updated is None and entry.authors == () and entry.content == ""


def test_json_feed_authors_content_and_modified_dates():
    data = b"""{"version": "https://jsonfeed.org/version/1", "title": "J",
    "author": {"name": "Feed Author"}, "home_page_url": "https://j.example/",
    "items": [{"id": 1, "url": "https://j.example/1", "content_html": "<p>Hi</p>",
               "date_modified": "2024-01-22T08:00:00Z"},
              {"id": 2, "url": "https://j.example/2", "authors": [{"name": "Item Author"}]}]}"""
    feed = parse_feed(data)
    first, second = feed.entries
    assert feed.kind == "json" and feed.link == "https://j.example/"
    assert first.authors == ("Feed Author",) and first.content == "<p>Hi</p>"
    assert first.published == first.updated == datetime(2024, 1, 22, 8, tzinfo=UTC)
    assert first.guid == "1" and second.authors == ("Item Author",)


def test_malformed_xml_recovers_entries_unless_strict():
    broken = RSS.replace(b"</channel></rss>", b"<item><title>cut &")
    feed = parse_feed(broken)
    assert [e.link for e in feed.entries] == ["https://news.example/1"]
    assert feed.problem and feed.problem.startswith("malformed XML")
    with pytest.raises(FeedError, match="not a readable feed: malformed XML"):
        parse_feed(broken, strict=True)
    assert parse_feed(RSS, strict=True).problem is None


def test_entity_expansion_attacks_do_not_expand():
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">'
        b'<!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;"><!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">'
        b'<!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">'
        b'<!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;">]>'
        b'<rss version="2.0"><channel><title>&g;</title><item><link>https://x.example/</link>'
        b"</item></channel></rss>"
    )
    try:
        feed = parse_feed(bomb)
    except FeedError:
        return
    assert len(feed.title) < 100_000


def test_the_publishers_feeds_agree(publisher):
    policy = publisher.policy()
    feeds = [
        parse_feed(fetch(publisher.url("alpha.test", path), policy).body)
        for path in ("/feed.xml", "/atom.xml", "/feed.json")
    ]
    assert [f.kind for f in feeds] == ["rss", "atom", "json"]
    links = [[e.link for e in f.entries] for f in feeds]
    assert links[0] == links[1] == links[2] and len(links[0]) == 12
    assert feeds[0].ttl == 30 and feeds[0].entries[0].authors == ("Staff Reporter",)


feed_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=60)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(feed_text, feed_text), max_size=5), st.booleans())
def test_generated_rss_with_arbitrary_text_parses_or_fails_clearly(items, escaped):
    # Arbitrary text in titles and links, escaped or raw: a Feed or a FeedError, nothing else.
    wrap = escape if escaped else (lambda s: s)
    body = "".join(
        f"<item><title>{wrap(t)}</title><link>{wrap(link)}</link></item>" for t, link in items
    )
    data = f"<rss version='2.0'><channel><title>x</title>{body}</channel></rss>"
    try:
        feed = parse_feed(data.encode("utf-8", "replace"))
    except FeedError:
        return
    assert all(isinstance(e.title, str) and e.link for e in feed.entries)


@settings(max_examples=200, deadline=None)
@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | feed_text,
        lambda kids: st.lists(kids, max_size=4) | st.dictionaries(feed_text, kids, max_size=4),
        max_leaves=20,
    )
)
def test_arbitrary_json_gives_a_feed_or_a_feed_error(value):
    document = {"version": "https://jsonfeed.org/version/1.1", "items": value, "title": value}
    with contextlib.suppress(FeedError):
        parse_feed(json.dumps(document).encode())


def test_a_malformed_feed_from_the_publisher(publisher):
    url = publisher.fault("alpha.test", "/feed.xml", "malformed-xml")
    body = fetch(url, publisher.policy()).body
    with pytest.raises(FeedError, match="malformed XML"):
        parse_feed(body, strict=True)
    recovered = parse_feed(body)
    assert recovered.problem and 0 < len(recovered.entries) < 12


def test_an_entry_whose_link_is_no_web_address_is_skipped_and_said():
    items = "".join(
        f"<item><title>{n}</title><link>{link}</link></item>"
        for n, link in enumerate(
            ["http://[::1/x", "javascript:alert(1)", "/news/relative", "https://news.example/ok"]
        )
    )
    data = f'<?xml version="1.0"?><rss version="2.0"><channel>{items}</channel></rss>'.encode()
    feed = parse_feed(data, base="https://me:secret@news.example/rss")
    assert [e.link for e in feed.entries] == [
        "https://news.example/news/relative", "https://news.example/ok",
    ]  # fmt: skip
    assert feed.problem == "2 entries skipped: the link is no http(s) address"
    json_feed = json.dumps(
        {"version": "https://jsonfeed.org/version/1.1",
         "items": [{"url": "file:///etc/passwd"}, {"url": "https://news.example/j"}]}
    ).encode()  # fmt: skip
    parsed = parse_feed(json_feed)
    assert [e.link for e in parsed.entries] == ["https://news.example/j"]
    assert parsed.problem == "1 entry skipped: the link is no http(s) address"
