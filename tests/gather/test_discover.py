from dateline.gather.discover import discover, feed_links
from dateline.gather.fetch import FetchError, fetch
from tests.gather.publisher import Publisher


def getter(publisher: Publisher):
    policy = publisher.policy()

    def get(url: str) -> bytes | None:
        try:
            response = fetch(url, policy)
        except FetchError:
            return None
        return response.body if response.status == 200 else None

    return get


def test_announced_feeds_are_found_and_resolved(publisher: Publisher):
    home = publisher.url("alpha.test", "/")
    links = discover(home, getter(publisher))
    assert [(link.url, link.kind) for link in links] == [
        (publisher.url("alpha.test", "/feed.xml"), "rss"),
        (publisher.url("alpha.test", "/atom.xml"), "atom"),
        (publisher.url("alpha.test", "/feed.json"), "json"),
    ]
    assert links[0].title == "RSS"
    # The link written by document.write() inside a <script> is not a feed link.
    assert all("trap" not in link.url for link in links)


def test_a_feed_url_is_its_own_answer(publisher: Publisher):
    feed = publisher.url("beta.test", "/atom.xml")
    (link,) = discover(feed, getter(publisher))
    assert link.url == feed and link.kind == "atom" and link.title == "Beta News"


def test_fallback_paths_only_when_nothing_is_announced(publisher: Publisher):
    publisher.route("plain.test", "/", b"<html><head><title>No feeds</title></head></html>")
    publisher.route("plain.test", "/feed", b"<html>a page, not a feed</html>")
    publisher.route("plain.test", "/rss", publisher.routes[("alpha.test", "/feed.xml")].body)
    (link,) = discover(publisher.url("plain.test", "/"), getter(publisher))
    assert link.url == publisher.url("plain.test", "/rss") and link.kind == "rss"
    asked = [r.path for r in publisher.requests("plain.test")]
    assert asked == ["/", "/feed", "/rss"]  # stops at the first real feed


def test_nothing_found_is_an_empty_list(publisher: Publisher):
    publisher.route("empty.test", "/", b"<html><body>hello</body></html>")
    assert discover(publisher.url("empty.test", "/"), getter(publisher)) == []
    assert discover(publisher.url("gone.test", "/"), lambda url: None) == []


def test_base_href_and_odd_markup():
    page = (
        b"<html><head><base href='https://cdn.example/sub/'>"
        b"<LINK REL='Alternate feed' TYPE='application/RSS+XML; charset=utf-8' HREF='rss'>"
        b"<link rel='alternate' type='text/html' href='/other'>"
        b"<link rel='alternate' type='application/rss+xml' href='javascript:x()'>"
        b"<link rel='alternate' type='application/rss+xml'></head></html>"
    )
    links = feed_links(page, "https://www.example/")
    assert [link.url for link in links] == ["https://cdn.example/sub/rss"]
    assert feed_links(b"", "https://www.example/") == []
