import threading
import time

import pytest

from dateline.gather.fetch import FetchError
from dateline.gather.robots import RobotsCache, fetcher
from tests.gather.publisher import Publisher

RULES = b"User-agent: *\nDisallow: /private/\nCrawl-delay: 2\nSitemap: https://a.example/sm.xml\n"


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class FakeSite:
    """Answers robots.txt requests from a list, recording each URL asked for."""

    def __init__(self, *answers) -> None:
        self.answers = list(answers)
        self.asked: list[str] = []

    def __call__(self, url: str) -> tuple[int, bytes]:
        self.asked.append(url)
        answer = self.answers.pop(0) if len(self.answers) > 1 else self.answers[0]
        if isinstance(answer, Exception):
            raise answer
        return answer


def test_rules_apply_and_are_cached_per_origin_until_they_expire():
    site, clock = FakeSite((200, RULES)), Clock()
    robots = RobotsCache(site, ttl=3600, clock=clock)
    assert robots.allowed("https://a.example/news/1")
    assert not robots.allowed("https://a.example/private/x")
    assert robots.crawl_delay("https://a.example/") == 2
    assert robots.sitemaps("https://a.example/") == ["https://a.example/sm.xml"]
    assert site.asked == ["https://a.example/robots.txt"]  # one fetch for four questions
    robots.allowed("https://b.example/")
    clock.now += 3601
    robots.allowed("https://a.example/news/2")
    assert site.asked == [
        "https://a.example/robots.txt",
        "https://b.example/robots.txt",
        "https://a.example/robots.txt",
    ]


def test_groups_for_our_product_token_win_over_the_star_group():
    site = FakeSite((200, b"User-agent: *\nAllow: /\n\nUser-agent: Dateline\nDisallow: /\n"))
    assert not RobotsCache(site).allowed("https://a.example/anything")


@pytest.mark.parametrize("status", [401, 403, 404, 410])
def test_a_missing_robots_txt_allows_everything(status):
    assert RobotsCache(FakeSite((status, b""))).allowed("https://a.example/private/x")


@pytest.mark.parametrize("answer", [(500, b""), (503, b""), FetchError("cannot connect")])
def test_server_errors_and_unreachable_disallow_for_a_while(answer):
    clock = Clock()
    site = FakeSite(answer, (200, b"User-agent: *\nDisallow:\n"))
    robots = RobotsCache(site, unreachable_ttl=600, clock=clock)
    assert not robots.allowed("https://a.example/news/1")
    assert robots.rules("https://a.example/").state == "disallow_all"
    clock.now += 601
    assert robots.allowed("https://a.example/news/1")  # asked again, and it recovered


def test_after_30_days_unreachable_it_counts_as_unavailable():
    clock = Clock()
    robots = RobotsCache(FakeSite((503, b"")), unreachable_ttl=86400, clock=clock)
    assert not robots.allowed("https://a.example/")
    clock.now += 31 * 86400
    assert robots.allowed("https://a.example/")


def test_against_the_publisher(publisher: Publisher):
    robots = RobotsCache(fetcher(publisher.policy()))
    assert robots.allowed(publisher.url("alpha.test", "/news/1-x"))
    assert not robots.allowed(publisher.url("alpha.test", "/private/report"))
    assert robots.crawl_delay(publisher.url("alpha.test", "/")) == 1
    publisher.robots("beta.test", status=503)
    assert not robots.allowed(publisher.url("beta.test", "/news/1-x"))
    assert robots.rules(publisher.url("beta.test", "/")).reason == "robots.txt answered HTTP 503"
    requests = publisher.requests("alpha.test", "/robots.txt")
    assert len(requests) == 1 and "Dateline/" in requests[0].headers["User-Agent"]


def test_threads_missing_together_share_one_fetch():
    release = threading.Event()
    asked = []

    def slow_site(url):
        asked.append(url)
        release.wait(5)
        return 200, RULES

    robots = RobotsCache(slow_site)
    results = []
    threads = [
        threading.Thread(target=lambda: results.append(robots.allowed("https://a.example/x")))
        for _ in range(5)
    ]
    for thread in threads:
        thread.start()
    time.sleep(0.2)  # let every thread reach the cache while the first fetch is in flight
    release.set()
    for thread in threads:
        thread.join()
    assert results == [True] * 5 and asked == ["https://a.example/robots.txt"]
