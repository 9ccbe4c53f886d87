"""The fixture publisher itself: real pages, addressing, conditional GET, bookkeeping."""

import pytest

from dateline.gather.feeds import parse_feed
from dateline.gather.fetch import fetch
from tests.gather.publisher import Publisher
from tests.gather.site_content import real_pages
from tests.paths import require_shared


@pytest.mark.dataset
def test_article_pages_are_the_benchmarks_real_pages(publisher: Publisher):
    require_shared("datasets/scrapinghub-article-extraction-benchmark/html")
    site = publisher.sites["alpha.test"]
    article = site.articles[0]
    response = fetch(publisher.url("alpha.test", "/" + article.slug), publisher.policy())
    assert response.body == article.html == real_pages()[0][1]
    assert len(response.body) > 10_000  # a real news page, scripts and all
    beta = publisher.sites["beta.test"].articles[0]
    assert beta.html != article.html  # sites get different pages


def test_hosts_by_header_and_by_path_prefix(publisher: Publisher):
    policy = publisher.policy()
    by_host = fetch(publisher.url("beta.test", "/feed.xml"), policy)
    by_prefix = fetch(publisher.url("beta.test", "/feed.xml", by_prefix=True), policy)
    assert by_host.body == by_prefix.body and b"Beta News" in by_host.body
    assert [r.host for r in publisher.requests()] == ["beta.test", "beta.test"]


def test_conditional_get_and_the_no_etag_fault(publisher: Publisher):
    url, policy = publisher.url("alpha.test", "/feed.xml"), publisher.policy()
    first = fetch(url, policy)
    assert fetch(url, policy, {"If-None-Match": first.headers["etag"]}).status == 304
    since = {"If-Modified-Since": first.headers["last-modified"]}
    assert fetch(url, policy, since).status == 304
    publisher.fault("alpha.test", "/feed.xml", "no-etag")
    again = fetch(url, policy, {"If-None-Match": first.headers["etag"]})
    assert again.status == 200 and "etag" not in again.headers


def test_unknown_paths_and_faults(publisher: Publisher):
    assert fetch(publisher.url("alpha.test", "/nope"), publisher.policy()).status == 404
    with pytest.raises(ValueError, match="unknown fault"):
        publisher.fault("alpha.test", "/", "gremlins")


def test_the_resolver_only_knows_fixture_hosts(publisher: Publisher):
    assert publisher.resolve("alpha.test", 80) == ["127.0.0.1"]
    with pytest.raises(Exception, match="not a fixture host"):
        publisher.resolve("example.com", 80)


def test_many_feeds_on_one_host(publisher: Publisher):
    policy = publisher.policy()
    urls = [publisher.add_feed("many.test", 3, f"/feeds/{k}.xml") for k in range(4)]
    feeds = [parse_feed(fetch(url, policy).body) for url in urls]
    links = [entry.link for feed in feeds for entry in feed.entries]
    assert len(links) == len(set(links)) == 12  # every feed has its own pages
    assert all(fetch(link, policy).status == 200 for link in links[:4])
    assert publisher.add_feed("solo.test", 2) == publisher.url("solo.test", "/feed.xml")
