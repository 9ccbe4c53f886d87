"""Following feeds: by feed URL, by homepage (autodiscovery), and OPML out and back in."""

import pytest

from dateline.gather.sourcelist import SourceListError
from dateline.store.following import FollowError, follow, follow_listed, opml_export
from dateline.store.models import Source
from tests.servers import serve

RSS = b'<?xml version="1.0"?><rss version="2.0"><channel><title>Harbour</title></channel></rss>'


@pytest.fixture
def loopback_allowed(settings):
    settings.CONFIG = {**settings.CONFIG, "allow_private_networks": True, "fetch_timeout": 5}


def test_a_homepage_is_followed_through_the_feed_it_announces(db, loopback_allowed):
    routes = {"/news.rss": (200, {"Content-Type": "application/rss+xml"}, RSS)}
    with serve(routes) as base:
        routes["/"] = (
            200,
            {"Content-Type": "text/html"},
            b'<html><head><link rel="alternate" type="application/rss+xml" href="/news.rss"'
            b' title="Harbour news"></head><body>Home</body></html>',
        )
        assert follow(base + "/") == [(base + "/news.rss", True)]
        assert follow(base + "/news.rss") == [(base + "/news.rss", False)]
    assert Source.objects.get().title == "Harbour news"


def test_a_page_without_a_feed_is_refused(db, loopback_allowed):
    page = (200, {"Content-Type": "text/html"}, b"<html><body>hi</body></html>")
    with serve({"/": page}) as base, pytest.raises(FollowError, match="no feed found"):
        follow(base + "/")
    assert not Source.objects.exists()


def test_an_unreachable_feed_is_followed_as_given(db):
    assert follow("http://feeds.invalid/rss") == [("http://feeds.invalid/rss", True)]
    with pytest.raises(FollowError, match="only http and https"):
        follow("ftp://example.org/feed")


def test_opml_export_reads_back_in(db, tmp_path):
    Source.objects.create(url="https://a.example/rss", title="A & B")
    Source.objects.create(url="https://b.example/atom", title="")
    path = tmp_path / "feeds.opml"
    path.write_text(opml_export())
    Source.objects.all().delete()
    assert follow_listed(str(path)).added == 2
    titles = dict(Source.objects.values_list("url", "title"))
    assert set(titles) == {"https://a.example/rss", "https://b.example/atom"}
    assert titles["https://a.example/rss"] == "A & B"


def test_a_list_follows_only_http_feeds_and_says_what_it_skipped(db, tmp_path):
    path = tmp_path / "hostile.opml"
    path.write_text(
        '<opml version="2.0"><body>'
        '<outline text="Good" xmlUrl="https://news.example/rss"/>'
        '<outline text="Local file" xmlUrl="file:///etc/passwd"/>'
        '<outline text="Script" xmlUrl="javascript:alert(1)"/>'
        '<outline text="No host" xmlUrl="http:///feed"/>'
        "</body></opml>"
    )
    listed = follow_listed(str(path))
    assert listed.added == 1
    assert [url for url, _ in listed.skipped] == [
        "file:///etc/passwd", "javascript:alert(1)", "http:///feed",
    ]  # fmt: skip
    assert all("http(s)" in why for _, why in listed.skipped)
    assert list(Source.objects.values_list("url", flat=True)) == ["https://news.example/rss"]


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (b"<opml><body><outline xmlUrl='https://a.example/rss'/>", "malformed XML"),
        (b"<rss><channel/></rss>", "not OPML"),
        (bytes(range(128, 256)), "not UTF-8"),
    ],
)
def test_a_list_that_cannot_be_read_adds_nothing_and_says_why(db, tmp_path, content, says):
    path = tmp_path / "feeds.opml"
    path.write_bytes(content)
    with pytest.raises(SourceListError, match=says) as raised:
        follow_listed(str(path))
    assert str(raised.value).startswith(str(path))
    with pytest.raises(SourceListError, match="cannot be read"):
        follow_listed(str(tmp_path / "missing.opml"))
    assert not Source.objects.exists()


@pytest.mark.parametrize(
    ("url", "why"),
    [
        ("http://[::1/", "not a valid URL"),
        ("http://exa mple.com/feed", "valid host name"),
        ("http://xn--/feed", "valid host name"),
        ("http://a..b/feed", "valid host name"),
        ("http://feeds.example:0/rss", "valid host name"),
        ("http://" + "a" * 5000 + ".example/rss", "valid host name"),
        ("http://169.254.169.254/", "cloud metadata address"),
    ],
)
def test_an_address_that_is_no_feeds_is_refused_before_anything_is_stored(db, url, why):
    with pytest.raises(FollowError, match=why):
        follow(url)
    assert not Source.objects.exists()


def test_a_followed_address_is_trimmed_and_its_title_fits(db):
    (added,) = follow("  http://feeds.invalid/rss \n", title="T" * 1000)
    assert added == ("http://feeds.invalid/rss", True)
    assert len(Source.objects.get().title) == 300


def test_a_page_announcing_only_broken_feed_addresses_is_refused(db, loopback_allowed):
    page = (
        200,
        {"Content-Type": "text/html"},
        b'<html><head><link rel="alternate" type="application/rss+xml"'
        b' href="http://exa mple.com/rss"></head><body>hi</body></html>',
    )
    with serve({"/": page}) as base, pytest.raises(FollowError, match="no web addresses"):
        follow(base + "/")
    assert not Source.objects.exists()  # not the homepage itself, followed as a feed


@pytest.mark.parametrize("name", ["feeds.opml", "feeds.txt"])
def test_a_list_saved_with_a_byte_order_mark_is_read_whole(db, tmp_path, name):
    path = tmp_path / name
    if name.endswith(".opml"):
        text = '<opml><body><outline xmlUrl="https://a.example/rss"/></body></opml>'
    else:
        text = "https://a.example/rss A\nhttps://b.example/rss B\n"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode())
    listed = follow_listed(str(path))
    assert listed.skipped == [] and listed.added == text.count("https://")
