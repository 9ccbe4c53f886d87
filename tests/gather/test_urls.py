import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.provisional import urls

from dateline.gather.urls import canonical_link, canonicalize, preferred_url, same_site, web_url


@pytest.mark.parametrize(
    ("url", "canonical"),
    [
        ("HTTPS://WWW.Example.COM:443/a/b#top", "https://www.example.com/a/b"),
        ("http://example.com:80", "http://example.com/"),
        ("http://example.com:8080/x", "http://example.com:8080/x"),
        (
            "https://n.example/s?utm_source=rss&utm_medium=feed&id=7&fbclid=abc&gclid=z",
            "https://n.example/s?id=7",
        ),
        (
            "https://n.example/s?b=2&a=1&mc_cid=1&mc_eid=2&igshid=3&ref_src=twsrc",
            "https://n.example/s?a=1&b=2",
        ),
        ("https://n.example/s?UTM_Campaign=x", "https://n.example/s"),
        ("https://n.example/s?page=", "https://n.example/s?page="),
        ("https://n.example./s", "https://n.example/s"),
        ("http://[2001:DB8::1]:8080/x", "http://[2001:db8::1]:8080/x"),
    ],
)
def test_canonicalize(url, canonical):
    assert canonicalize(url) == canonical


def test_the_canonical_link_wins_on_the_same_site():
    page = b"<html><head><link rel='canonical' href='/news/42'></head><body></body></html>"
    assert preferred_url("https://m.example.co.uk/amp/42?utm_source=x", page) == (
        "https://m.example.co.uk/news/42"
    )
    other_subdomain = b"<head><link rel=canonical href='https://www.example.co.uk/news/42'></head>"
    assert preferred_url("https://m.example.co.uk/42", other_subdomain) == (
        "https://www.example.co.uk/news/42"
    )


def test_a_canonical_on_another_site_is_not_taken_as_identity():
    page = b"<head><link rel='canonical' href='https://wire.example/story/1'></head>"
    assert preferred_url("https://local.example/reprint/1", page) == (
        "https://local.example/reprint/1"
    )
    assert canonical_link(page, "https://local.example/") == "https://wire.example/story/1"
    # Sites under one public suffix (co.uk) are different sites.
    assert not same_site("https://a.co.uk/", "https://b.co.uk/")


def test_canonical_links_that_are_not_http_are_ignored():
    page = b"<head><link rel=canonical href='javascript:alert(1)'></head>"
    assert canonical_link(page, "https://a.example/") is None
    assert canonical_link(b"", "https://a.example/") is None


@settings(max_examples=300, deadline=None)
@given(urls())
def test_canonicalize_is_idempotent(url):
    once = canonicalize(url)
    assert canonicalize(once) == once
    assert "utm_" not in once.partition("?")[2].lower().split("=")[0]


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_canonicalize_never_raises(text):
    canonicalize(text)
    preferred_url("https://a.example/", text)


@pytest.mark.parametrize(
    "url",
    [
        "https://news.example/a b",  # a space in the path is the fetcher's to quote
        "http://[::1]/x",
        "http://127.0.0.1:8080/feed",
        "http://bücher.example/x",
        "http://xn--bcher-kva.example/x",
        "http://under_score.example.com/",
        "http://foo-.blogspot.example/",
        "HTTPS://News.Example/",
        "https://xn--strae-oqa.de/",  # straße.de, in today's Punycode (IDNA 2008)
        "https://xn--nxasmm1c.example/",  # βόλος
        "https://xn--mgba3gch31f060k.example/",  # a Persian name with a joiner
    ],
)
def test_web_addresses(url):
    assert web_url(f"  {url} ") == url


def test_tabs_and_line_breaks_go_as_in_a_browser():
    assert web_url("https://news.example/a\n/b\t") == "https://news.example/a/b"


@pytest.mark.parametrize(
    "url",
    [
        "http://[::1/x",  # a bracket that never closes
        "http://[::g]/x",
        "http://a:99999999/x",
        "http://news.example:0/x",
        "http://exa mple.com/x",
        "http://a..b/x",
        "http://xn--/x",  # Punycode that decodes to nothing
        "http://bad!.example/x",
        "http://" + "a" * 64 + ".example/x",
        "http://" + "a." * 130 + "example/x",
        "http://news.example/\x00",
        "http://news.example/a\x0bb",  # a vertical tab no browser drops
        "http://user:secret@news.example/",
        "http://bank.example@evil.example/",
        "file:///etc/passwd",
        "javascript:alert(1)",
        "//news.example/x",
        "http:///x",
        "",
    ],
)
def test_not_web_addresses(url):
    assert web_url(url) is None


def test_a_feed_address_may_carry_its_credentials():
    assert web_url("https://me:secret@feeds.example/private", credentials=True)
