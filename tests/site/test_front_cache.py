"""Pages kept for new visitors: served without Django, each with its own visitor cookie and CSRF
token (which really pass the CSRF check), dropped when what they show changes, never used for
anyone with a cookie of ours, and every view still counted as a read."""

from __future__ import annotations

import re
import time
from concurrent.futures import ThreadPoolExecutor
from http.cookies import SimpleCookie

import pytest
from django.conf import settings
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import Client, RequestFactory

from dateline.site import front_cache
from dateline.site.front_cache import CSRF_SLOT, PAGES, FrontCache, Page, PageStore
from dateline.site.read_batch import READS
from dateline.store import page_generation
from dateline.store.models import Article, Read
from tests.site.builders import LANES, ferry_story, news_page, store

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class Counting:
    """The Django application, counting the requests that reach it."""

    def __init__(self) -> None:
        from dateline.wsgi import django_application

        self.inner = django_application
        self.calls = 0

    def __call__(self, environ, start_response):
        self.calls += 1
        return self.inner(environ, start_response)


@pytest.fixture
def site(db):
    article = store(ferry_story(published="2026-11-20T08:00:00Z"))
    store(news_page("Cycle lanes approved", LANES, "Town Crier", "https://crier.example/l"))
    django = Counting()
    return article, django, FrontCache(django)


def call(app, path: str, method: str = "GET", cookie: str = "") -> tuple[str, dict, bytes]:
    environ = RequestFactory().generic(method, path).environ
    if cookie:
        environ["HTTP_COOKIE"] = cookie
    seen: dict = {}

    def start_response(status, headers, exc_info=None):
        seen["status"], seen["headers"] = status, headers

    # As Django's test client does: a request must not close the test's database connection.
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    try:
        result = app(environ, start_response)
        body = b"".join(result)
        if hasattr(result, "close"):
            result.close()
    finally:
        for signal in (request_started, request_finished):
            signal.connect(close_old_connections)
    return seen["status"], seen["headers"], body


def cookies(headers) -> dict[str, str]:
    jar: SimpleCookie = SimpleCookie()
    for name, value in headers:
        if name == "Set-Cookie":
            jar.load(value)
    return {name: morsel.value for name, morsel in jar.items()}


def test_a_new_visitors_repeat_view_is_served_without_django(site):
    article, django, app = site
    first = call(app, article.get_absolute_url())
    second = call(app, article.get_absolute_url())
    third = call(app, article.get_absolute_url())
    assert django.calls == 1
    assert first[0] == second[0] == "200 OK"
    pages = [first, second, third]
    visitors = {cookies(h)["dl_visitor"] for _, h, _ in pages}
    secrets = {cookies(h)["csrftoken"] for _, h, _ in pages}
    tokens = {TOKEN.search(body.decode()).group(1) for _, _, body in pages}
    assert len(visitors) == len(secrets) == len(tokens) == 3  # nobody shares a token
    assert all(CSRF_SLOT.encode() not in body for _, _, body in pages)
    # Apart from the token, the same page; its length header is right.
    assert TOKEN.sub("", first[2].decode()) == TOKEN.sub("", second[2].decode())
    for _, headers, body in pages:  # a wrong length leaves browsers waiting for bytes
        assert dict(headers)["Content-Length"] == str(len(body))
    assert "Content-Security-Policy" in dict(second[1])


def test_the_token_of_a_kept_page_passes_the_csrf_check(site):
    article, django, app = site
    call(app, article.get_absolute_url())
    _, headers, body = call(app, article.get_absolute_url())  # from the kept page
    assert django.calls == 1
    browser = Client(enforce_csrf_checks=True)
    for name, value in cookies(headers).items():
        browser.cookies[name] = value
    token = TOKEN.search(body.decode()).group(1)
    forged = Client(enforce_csrf_checks=True)
    forged.cookies["dl_visitor"] = cookies(headers)["dl_visitor"]
    url = f"/articles/{article.key}/react"
    assert forged.post(url, {"csrfmiddlewaretoken": token}).status_code == 403
    assert browser.post(url, {"csrfmiddlewaretoken": token}).status_code == 302
    article.refresh_from_db()
    assert article.reactions == 1


def test_every_view_counts_as_a_read(site):
    article, django, app = site
    _, first, _ = call(app, article.get_absolute_url())
    for _ in range(3):
        call(app, article.get_absolute_url())
    # Django rendered the first, the kept page served the rest: all four wait in the batch.
    assert django.calls == 1 and READS.pending() == 4
    assert cookies(first)["dl_first"] == str(article.pk)
    assert READS.flush() == 4
    article.refresh_from_db()
    assert article.reads == 4 and article.heat is not None
    # No visitor row on any view: they come back with the article in a cookie, if ever.
    assert not Read.objects.filter(article=article).exists()


def test_a_returning_visitor_gets_their_first_read_in_their_history(site):
    article, _, app = site
    call(app, article.get_absolute_url())
    _, headers, _ = call(app, article.get_absolute_url())  # from the kept page
    READS.flush()
    jar = cookies(headers)
    assert jar["dl_first"] == str(article.pk)
    browser = Client()
    for name, value in jar.items():
        browser.cookies[name] = value
    response = browser.get("/you.json")
    assert Read.objects.filter(article=article, visitor=jar["dl_visitor"]).exists()
    assert response.cookies["dl_first"].value == ""  # said once
    article.refresh_from_db()
    assert article.reads == 2  # counted once, when it was served
    history = [item["key"] for item in response.json()["history"]]
    assert history == [article.key]
    # The cookie is the visitor's own to send: forgetting takes no count back for it.
    assert browser.post("/you/forget").status_code == 200
    article.refresh_from_db()
    assert article.reads == 2 and not Read.objects.filter(article=article).exists()


def test_a_first_read_cookie_that_is_no_article_id_is_ignored(site):
    browser = Client()
    browser.get("/about")  # an established visitor
    for odd in ("9" * 5000, "²", "-1"):
        browser.cookies["dl_first"] = odd
        assert browser.get("/about").status_code == 200, odd[:10]
    assert not Read.objects.exists()


def test_a_committed_change_drops_kept_pages(site, django_capture_on_commit_callbacks):
    article, django, app = site
    call(app, article.get_absolute_url())
    call(app, article.get_absolute_url())
    assert django.calls == 1
    fan = Client()
    fan.get("/about")  # a visitor who opened a page has the cookie a reaction needs
    with django_capture_on_commit_callbacks(execute=True):
        fan.post(f"/articles/{article.key}/react")
    _, _, body = call(app, article.get_absolute_url())
    assert django.calls == 2
    assert 'Good! (<span class="count">1</span>)' in body.decode()


def test_a_rolled_back_change_keeps_them(site, django_capture_on_commit_callbacks):
    article, django, app = site
    call(app, article.get_absolute_url())
    with django_capture_on_commit_callbacks(execute=False):  # never committed
        Article.objects.get(pk=article.pk).save()
    call(app, article.get_absolute_url())
    assert django.calls == 1


def test_pages_expire(site, monkeypatch):
    article, django, app = site
    call(app, article.get_absolute_url())
    later = time.time() + settings.CONFIG["page_cache_seconds"] + 1
    monkeypatch.setattr(front_cache.time, "time", lambda: later)
    call(app, article.get_absolute_url())
    assert django.calls == 2


@pytest.mark.parametrize("cookie", ["dl_visitor=returningReader000001", "sessionid=abc"])
def test_visitors_with_a_cookie_of_ours_always_get_their_own_page(site, cookie):
    article, django, app = site
    call(app, article.get_absolute_url())
    call(app, article.get_absolute_url(), cookie=cookie)
    call(app, article.get_absolute_url(), cookie=cookie)
    assert django.calls == 3


def test_a_visitor_who_kept_only_the_csrf_cookie_keeps_its_secret(site):
    article, django, app = site
    call(app, article.get_absolute_url())
    secret = "a" * 32
    _, headers, body = call(app, article.get_absolute_url(), cookie=f"csrftoken={secret}")
    assert django.calls == 1 and "csrftoken" not in cookies(headers)
    browser = Client(enforce_csrf_checks=True)
    browser.cookies["csrftoken"] = secret
    browser.cookies["dl_visitor"] = cookies(headers)["dl_visitor"]
    token = TOKEN.search(body.decode()).group(1)
    assert (
        browser.post(f"/articles/{article.key}/react", {"csrfmiddlewaretoken": token}).status_code
        == 302
    )


def test_only_shared_pages_are_kept_but_every_form_gets_a_real_token(site):
    _, django, app = site
    for _ in range(2):
        status, _, body = call(app, "/account/sign-in")
        assert status == "200 OK" and CSRF_SLOT.encode() not in body
        assert TOKEN.search(body.decode())
    assert django.calls == 2
    call(app, "/?format=json")
    call(app, "/")
    call(app, "/?format=json")
    assert django.calls == 4  # the JSON and the HTML home are kept apart


def test_head_gets_the_headers_only(site):
    article, django, app = site
    call(app, article.get_absolute_url())
    reads = READS.pending()
    status, headers, body = call(app, article.get_absolute_url(), method="HEAD")
    assert django.calls == 1 and status == "200 OK" and body == b""
    assert int(dict(headers)["Content-Length"]) > 1000
    assert READS.pending() == reads  # a link checker's HEAD is not a read


def test_turned_off_nothing_is_kept(site, monkeypatch):
    article, django, app = site
    monkeypatch.setitem(settings.CONFIG, "page_cache_seconds", 0)
    call(app, article.get_absolute_url())
    _, _, body = call(app, article.get_absolute_url())
    assert django.calls == 2 and len(PAGES) == 0 and TOKEN.search(body.decode())


def test_the_store_keeps_to_its_byte_budget():
    pages = PageStore()

    def page(size: int) -> Page:
        return Page("200 OK", [], [], b"x" * size, None, 0, time.time() + 60)

    for n in range(10):
        pages.put(("http", "", "h", f"/{n}", ""), page(100), max_bytes=1000)
    pages.put(("http", "", "h", "/big", ""), page(200), max_bytes=1000)  # > 1/8 of the budget
    assert len(pages) == 10 and pages.get(("http", "", "h", "/big", ""), time.time(), 0) is None
    pages.put(("http", "", "h", "/10", ""), page(100), max_bytes=1000)
    assert len(pages) == 10  # the oldest went
    assert pages.get(("http", "", "h", "/0", ""), time.time(), 0) is None
    assert pages.get(("http", "", "h", "/10", ""), time.time(), 0) is not None
    assert pages.get(("http", "", "h", "/10", ""), time.time(), 1) is None  # another generation


def test_the_generation_moves_forward_even_within_a_clock_tick(monkeypatch):
    page_generation.bump()
    first = page_generation.current()
    monkeypatch.setattr(page_generation.time, "time_ns", lambda: 5)  # a clock gone back
    page_generation.bump()
    assert page_generation.current() == first + 1


def test_queued_reads_survive_a_failed_write_and_the_queue_is_bounded(monkeypatch):
    from dateline.site.read_batch import ReadBatch
    from dateline.store import engagement

    batch = ReadBatch(interval=3600, max_articles=2)
    batch.background = False

    def refuse(counts, at):
        raise RuntimeError("database is locked")

    monkeypatch.setattr(engagement, "record_anonymous_reads", refuse)
    for article_id in (1, 1, 2):
        batch.add(article_id)
    assert batch.flush() == 0 and batch.pending() == 3  # kept for the next try
    batch.add(3)  # a third article while two wait: dropped, and we say so
    batch.add(1)
    assert batch.pending() == 4 and batch.dropped == 1
    written = {}
    monkeypatch.setattr(
        engagement, "record_anonymous_reads", lambda counts, at: written.update(counts) or 4
    )
    assert batch.flush() == 4 and batch.pending() == 0
    assert written == {1: 3, 2: 1}


class Slow(Counting):
    """Django taking its time over a page, as a cold article page does under load."""

    def __call__(self, environ, start_response):
        time.sleep(0.3)
        return super().__call__(environ, start_response)


def test_simultaneous_first_requests_render_the_page_once(transactional_db):
    article = store(ferry_story(published="2026-11-20T08:00:00Z"))
    django = Slow()
    app = FrontCache(django)
    with ThreadPoolExecutor(max_workers=6) as pool:
        results = list(pool.map(lambda _: call(app, article.get_absolute_url()), range(6)))
    assert django.calls == 1  # one rendered it, five waited for it
    assert [status for status, _, _ in results] == ["200 OK"] * 6
    visitors = {cookies(headers)["dl_visitor"] for _, headers, _ in results}
    assert len(visitors) == 6  # each still got their own id
    assert all(article.title.encode() in body for _, _, body in results)
