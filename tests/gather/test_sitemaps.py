import contextlib
import gzip
from datetime import UTC, datetime
from xml.sax.saxutils import escape

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dateline.gather.fetch import fetch
from dateline.gather.sitemaps import SitemapError, parse_sitemap, parse_w3c_date
from tests.gather.publisher import Publisher

NEWS = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
  <url><loc>https://n.example/a</loc><lastmod>2024-01-21</lastmod>
    <news:news><news:publication><news:name>N</news:name><news:language>fr</news:language>
    </news:publication><news:publication_date>2024-01-21T10:00:00+01:00</news:publication_date>
    <news:title>Un titre</news:title></news:news></url>
  <url><loc>https://n.example/b</loc></url>
  <url><lastmod>2024-01-01</lastmod></url>
</urlset>"""


def test_news_sitemap_entries():
    sitemap = parse_sitemap(NEWS)
    assert sitemap.kind == "urlset"
    first, second = sitemap.entries
    assert first.loc == "https://n.example/a" and first.title == "Un titre"
    assert first.publication_date == datetime(2024, 1, 21, 9, tzinfo=UTC)
    assert first.lastmod == datetime(2024, 1, 21, tzinfo=UTC) and first.language == "fr"
    assert second.loc == "https://n.example/b" and second.publication_date is None


def test_gzip_sitemaps_and_indexes_from_the_publisher(publisher: Publisher):
    policy = publisher.policy()  # a .xml.gz passes the binary check: gzip is not refused
    index = parse_sitemap(fetch(publisher.url("alpha.test", "/sitemap_index.xml"), policy).body)
    assert index.kind == "index"
    children = [child.loc for child in index.children]
    assert children == [
        publisher.url("alpha.test", "/news-sitemap.xml"),
        publisher.url("alpha.test", "/sitemap.xml.gz"),
    ]
    plain, zipped = (parse_sitemap(fetch(url, policy).body) for url in children)
    assert plain == zipped and len(plain.entries) == 12
    site = publisher.sites["alpha.test"]
    assert [e.title for e in plain.entries] == [a.title for a in site.articles]
    assert plain.entries[0].publication_date == site.articles[0].published


def test_text_sitemaps():
    sitemap = parse_sitemap(b"https://n.example/a\nhttps://n.example/b\n")
    assert sitemap.kind == "text" and [e.loc for e in sitemap.entries][1] == "https://n.example/b"


BILLION_LAUGHS = b"""<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">
<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<urlset><url><loc>&lol3;</loc></url></urlset>"""
XXE = b"""<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>
<urlset><url><loc>&x;</loc></url></urlset>"""


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (BILLION_LAUGHS, "declares a DTD or entities"),
        (XXE, "declares a DTD or entities"),
        (b"<urlset><url><loc>x</loc>", "malformed XML"),
        (b"<rss version='2.0'></rss>", "root element is <rss>"),
        (b"", "neither XML nor a list of URLs|empty document"),
        (b"just words", "malformed XML"),
        (b"\x1f\x8bnot really gzip", "corrupt gzip"),
    ],
)
def test_bad_sitemaps_are_clear_errors(data, message):
    with pytest.raises(SitemapError, match=message):
        parse_sitemap(data)


def test_a_sitemap_bomb_stops_at_the_protocol_limit():
    bomb = gzip.compress(b"<urlset>" + b" " * (60 * 1024 * 1024))
    with pytest.raises(SitemapError, match="larger than 52428800 bytes"):
        parse_sitemap(bomb)


def test_w3c_dates():
    assert parse_w3c_date("2024-01-21T10:00Z") == datetime(2024, 1, 21, 10, tzinfo=UTC)
    assert parse_w3c_date("yesterday") is None and parse_w3c_date(None) is None


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=2000))
def test_arbitrary_bytes_give_a_sitemap_or_a_sitemap_error(data):
    with contextlib.suppress(SitemapError):
        parse_sitemap(data)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(max_size=40), max_size=5))
def test_sitemaps_with_arbitrary_text_in_their_fields(values):
    # Escaped text in the fields is data, never markup: either parsed back or a clear error.

    urls = "".join(
        f"<url><loc>{escape(v)}</loc><lastmod>{escape(v)}</lastmod></url>" for v in values
    )
    try:
        sitemap = parse_sitemap(f"<urlset>{urls}</urlset>".encode("utf-8", "surrogatepass"))
    except SitemapError:
        return
    assert all(isinstance(e.loc, str) and e.loc for e in sitemap.entries)


def test_a_malformed_sitemap_from_the_publisher(publisher: Publisher):
    url = publisher.fault("alpha.test", "/news-sitemap.xml", "malformed-xml")
    with pytest.raises(SitemapError, match="malformed XML"):
        parse_sitemap(fetch(url, publisher.policy()).body)


def test_locations_that_are_no_web_address_are_left_out():
    xml = (
        b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        b"<url><loc>http://[::1/x</loc></url><url><loc>file:///etc/passwd</loc></url>"
        b"<url><loc>https://news.example/a</loc></url></urlset>"
    )
    assert [e.loc for e in parse_sitemap(xml).entries] == ["https://news.example/a"]
    text = b"https://news.example/b\nhttp://a:99999999/\nftp://x/y\n"
    assert [e.loc for e in parse_sitemap(text).entries] == ["https://news.example/b"]
