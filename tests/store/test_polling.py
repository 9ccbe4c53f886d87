"""Feed polling against publishers on loopback (the setting allowing them is scoped here)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from dateline.store.models import Article, Source
from dateline.store.polling import load_default_sources, poll_due
from tests.servers import serve

ARTICLE = """<html><head><title>{title}</title><link rel="canonical" href="{base}/{slug}"></head>
<body><article><h1>{title}</h1><p>{body}</p><p>The harbour authority said the new timetable would
take effect next month, with extra sailings on weekends during the summer season.</p>
<p>Passengers welcomed the change, which follows years of complaints about crowded boats.</p>
</article></body></html>"""


def feed_for(base):
    items = "".join(
        f"<item><title>{t}</title><link>{base}/{s}</link><guid>{s}</guid></item>"
        for t, s in [
            ("Ferry timetable changes", "ferry"),
            ("Bridge repairs begin", "bridge"),
            ("Broken link", "missing"),
        ]
    )
    channel = f"<channel><title>Harbour News</title>{items}</channel>"
    return f'<?xml version="1.0"?><rss version="2.0">{channel}</rss>'


@pytest.fixture
def loopback_allowed(settings):
    settings.CONFIG = {**settings.CONFIG, "allow_private_networks": True, "fetch_timeout": 5}


@pytest.fixture
def publisher_site():
    routes = {}
    with serve(routes) as base:
        routes["/rss"] = (
            200,
            {"Content-Type": "application/rss+xml", "ETag": '"v1"'},
            feed_for(base).encode(),
        )
        for title, slug, body in [
            ("Ferry timetable changes", "ferry", "The island ferry will run every thirty minutes."),
            ("Bridge repairs begin", "bridge", "Repairs to the old stone bridge began on Monday."),
        ]:
            html = ARTICLE.format(title=title, slug=slug, body=body, base=base)
            routes[f"/{slug}"] = (200, {"Content-Type": "text/html; charset=utf-8"}, html.encode())
        yield base


def test_a_feed_poll_fetches_and_stores_new_articles(db, loopback_allowed, publisher_site):
    source = Source.objects.create(url=publisher_site + "/rss")
    (outcome,) = poll_due()
    assert outcome.error is None and outcome.added == 2
    titles = set(Article.objects.values_list("title", flat=True))
    assert titles == {"Ferry timetable changes", "Bridge repairs begin"}
    source.refresh_from_db()
    assert source.title == "Harbour News" and source.etag == '"v1"' and source.last_error == ""
    assert source.next_poll_at > timezone.now() + timedelta(minutes=5)
    assert poll_due() == []  # not due again yet


def test_a_second_poll_is_conditional(db, loopback_allowed):
    not_modified = []

    def rss(request):
        if request.headers.get("If-None-Match") == '"v1"':
            not_modified.append(request.path)
            return 304, {}, b""
        return 200, {"ETag": '"v1"', "Content-Type": "application/rss+xml"}, feed_for("x").encode()

    with serve({"/rss": rss}) as base:
        source = Source.objects.create(url=base + "/rss")
        poll_due()
        Source.objects.filter(pk=source.pk).update(
            next_poll_at=timezone.now() - timedelta(seconds=1)
        )
        (outcome,) = poll_due()
    assert not_modified == ["/rss"]
    assert outcome.added == 0 and outcome.error is None


def test_private_addresses_are_refused_without_the_setting(db, publisher_site):
    Source.objects.create(url=publisher_site + "/rss")
    (outcome,) = poll_due()
    assert "non-public address 127.0.0.1" in outcome.error
    assert Article.objects.count() == 0


@pytest.mark.parametrize(
    ("route", "message"),
    [((500, {}, b"oops"), "HTTP 500"), ((200, {}, b"<html>not a feed</html>"), "feed")],
)
def test_failures_are_recorded_and_backed_off(db, loopback_allowed, route, message):
    with serve({"/rss": route}) as base:
        source = Source.objects.create(url=base + "/rss")
        (outcome,) = poll_due()
    assert message in outcome.error
    source.refresh_from_db()
    assert message in source.last_error and source.consecutive_failures == 1
    first_delay = source.next_poll_at - timezone.now()
    Source.objects.filter(pk=source.pk).update(next_poll_at=timezone.now())
    with serve({"/rss": route}) as base:
        Source.objects.filter(pk=source.pk).update(url=base + "/rss")
        poll_due()
    source.refresh_from_db()
    assert source.consecutive_failures == 2
    assert source.next_poll_at - timezone.now() > first_delay  # exponential backoff


def test_no_network_is_an_error_on_the_status_page_not_a_crash(db, client):
    Source.objects.create(url="http://feeds.invalid/rss")
    (outcome,) = poll_due()
    assert "cannot resolve feeds.invalid" in outcome.error
    assert "cannot resolve feeds.invalid" in client.get("/status").content.decode()


def test_default_sources_load_once(db):
    added = load_default_sources()
    assert added >= 5 and load_default_sources() == 0
    assert Source.objects.filter(url__contains="wikinews.org").exists()
