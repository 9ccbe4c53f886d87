"""Feed polling against publishers on loopback (the setting allowing them is scoped here):
conditional GET, deduplication at the door, revisions, backoff and host health."""

from contextlib import contextmanager
from datetime import timedelta

import pytest
from django.utils import timezone

from dateline.store.following import follow_listed
from dateline.store.models import Article, ArticleRevision, FeedItem, Host, Source
from dateline.store.polling import poll_due, poll_feed
from tests.servers import serve
from tests.store.gather_site import Item, Site

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


def test_robots_txt_is_obeyed_for_article_pages(db, loopback_allowed):
    routes, asked = {}, []
    with serve(routes) as base:
        routes["/rss"] = (200, {"Content-Type": "application/rss+xml"}, feed_for(base).encode())
        robots = b"User-agent: *\nDisallow: /bridge\n"
        routes["/robots.txt"] = (200, {"Content-Type": "text/plain"}, robots)
        pages = [("Ferry timetable changes", "ferry"), ("Bridge repairs begin", "bridge")]
        for title, slug in pages:
            body = f"{title}, officials said."
            html = ARTICLE.format(title=title, slug=slug, body=body, base=base)
            page = (200, {"Content-Type": "text/html; charset=utf-8"}, html.encode())
            routes[f"/{slug}"] = lambda request, page=page: asked.append(request.path) or page
        Source.objects.create(url=base + "/rss")
        (outcome,) = poll_due()
    assert outcome.error is None and outcome.added == 1
    assert set(Article.objects.values_list("title", flat=True)) == {"Ferry timetable changes"}
    assert asked == ["/ferry"]  # the disallowed page was never requested


NEWS = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"'


def test_entries_whose_link_is_no_web_address_are_skipped_not_the_feed(db, loopback_allowed):
    routes = {}
    with serve(routes) as base:
        links = ["http://[::1/x", "file:///etc/passwd", "http://a:99999999/", "/bridge"]
        odd = "".join(f"<item><title>{n}</title><link>{link}</link></item>" for n, link in
                      enumerate(links))  # fmt: skip
        rss = feed_for(base).replace(f"<link>{base}/bridge</link>", "").replace("</channel>", odd)
        routes["/rss"] = (200, {"Content-Type": "application/rss+xml"}, f"{rss}</channel>".encode())
        for title, slug in [("Ferry timetable changes", "ferry"), ("Bridge", "bridge")]:
            html = ARTICLE.format(title=title, slug=slug, body=f"{title}, it was said.", base=base)
            routes[f"/{slug}"] = (200, {"Content-Type": "text/html; charset=utf-8"}, html.encode())
        Source.objects.create(url=base + "/rss")
        (outcome,) = poll_due()
    # The good entries are stored, the relative link read against the feed's address.
    assert outcome.error is None and outcome.added == 2
    links = set(FeedItem.objects.values_list("link", flat=True))
    assert links == {f"{base}/ferry", f"{base}/missing", f"{base}/bridge"}


def test_a_news_sitemap_index_is_a_source_like_a_feed(db, loopback_allowed):
    routes = {}
    with serve(routes) as base:
        index = (
            f"<sitemapindex {NEWS}><sitemap><loc>{base}/news-1.xml</loc></sitemap></sitemapindex>"
        )
        urls = "".join(
            f"<url><loc>{base}/{slug}</loc><news:news><news:title>{title}</news:title>"
            f"<news:publication_date>2026-11-2{n}T08:00:00Z</news:publication_date></news:news></url>"
            for n, (title, slug) in enumerate(
                [("Ferry timetable changes", "ferry"), ("Bridge repairs begin", "bridge")]
            )
        )
        xml = {"Content-Type": "application/xml"}
        routes["/sitemap.xml"] = (200, xml, index.encode())
        routes["/news-1.xml"] = (200, xml, f"<urlset {NEWS}>{urls}</urlset>".encode())
        for title, slug in [
            ("Ferry timetable changes", "ferry"),
            ("Bridge repairs begin", "bridge"),
        ]:
            html = ARTICLE.format(
                title=title, slug=slug, body=f"{title}, it was announced.", base=base
            )
            routes[f"/{slug}"] = (200, {"Content-Type": "text/html; charset=utf-8"}, html.encode())
        source = Source.objects.create(url=base + "/sitemap.xml")
        (outcome,) = poll_due()
    assert outcome.error is None and outcome.added == 2
    ferry = Article.objects.get(title="Ferry timetable changes")
    sitemap_dates = [e for e in ferry.date_evidence if e["source"] == "sitemap"]
    assert [e["value"][:10] for e in sitemap_dates] == ["2026-11-20"]
    source.refresh_from_db()
    assert source.last_error == ""


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
    listed = follow_listed()
    assert listed.added >= 5 and listed.skipped == [] and follow_listed().added == 0
    assert Source.objects.filter(url__contains="wikinews.org").exists()


# --- conditional GET, deduplication at the door, revisions, host health --------------------


FERRY = "The island ferry will run every thirty minutes from the first of June."
BRIDGE = "Repairs to the old stone bridge began on Monday and will last six weeks."


@contextmanager
def harbour(*items: Item):
    site = Site(items=list(items))
    with serve(site.served) as base:
        site.base = base
        site.publish()
        yield site


def poll_again(source: Source):
    Source.objects.filter(pk=source.pk).update(next_poll_at=timezone.now() - timedelta(seconds=1))
    return poll_feed(source.pk)


def test_a_304_is_counted_and_nothing_is_fetched_again(db, loopback_allowed):
    with harbour(Item("ferry", "Ferry timetable changes", FERRY, guid="f1")) as site:
        source = Source.objects.create(url=site.base + "/rss")
        assert poll_feed(source.pk).added == 1
        second = poll_again(source)
    assert second.not_modified and second.added == 0
    source.refresh_from_db()
    assert (source.fetch_count, source.not_modified_count) == (2, 1)
    assert site.hits == {"/rss": 2, "ferry": 1}


def test_unstable_guids_and_tracking_parameters_create_no_duplicate(db, loopback_allowed):
    item = Item("ferry", "Ferry timetable changes", FERRY, guid="guid-1")
    with harbour(item) as site:
        source = Source.objects.create(url=site.base + "/rss")
        poll_feed(source.pk)
        item.guid, item.link_suffix = "guid-2", "?utm_source=rss&utm_medium=feed"
        site.version = 2
        outcome = poll_again(source)
    assert outcome.error is None and outcome.added == 0
    assert Article.objects.count() == 1
    assert site.hits["ferry"] == 1  # known by its canonical link: the page is not fetched again


def test_the_same_text_under_a_new_link_and_guid_is_not_stored_twice(db, loopback_allowed):
    with harbour(Item("ferry", "Ferry timetable changes", FERRY, guid="a")) as site:
        source = Source.objects.create(url=site.base + "/rss")
        poll_feed(source.pk)
        site.items.append(Item("ferry-copy", "Ferry timetable changes", FERRY, guid="b"))
        site.version = 2
        site.publish()
        outcome = poll_again(source)
    assert outcome.error is None and outcome.added == 0
    assert Article.objects.count() == 1
    assert FeedItem.objects.filter(source=source).count() == 2
    assert len(set(FeedItem.objects.values_list("article_id", flat=True))) == 1


def test_an_edited_article_is_updated_in_place_with_its_history(db, loopback_allowed):
    item = Item("ferry", "Ferry timetable changes", FERRY, guid="f1")
    with harbour(item) as site:
        source = Source.objects.create(url=site.base + "/rss")
        poll_feed(source.pk)
        key = Article.objects.get().key
        item.title = "Ferry timetable changes again"
        item.body = FERRY.replace("thirty", "twenty")
        site.version = 2
        outcome = poll_again(source)
    assert outcome.revised == 1 and outcome.added == 0
    article = Article.objects.get()
    assert article.key == key  # same address
    assert article.title == "Ferry timetable changes again" and "twenty" in article.body_text
    (revision,) = ArticleRevision.objects.filter(article=article)
    assert revision.title == "Ferry timetable changes" and "thirty" in revision.body_text
    assert FeedItem.objects.get().summary == "Summary of Ferry timetable changes again"


def test_a_new_item_keeps_the_feed_summary_date_and_author(db, loopback_allowed):
    published = "Tue, 03 Jun 2025 08:00:00 GMT"
    item = Item("ferry", "Ferry timetable changes", FERRY, published=published, author="Ann Lee")
    with harbour(item) as site:
        source = Source.objects.create(url=site.base + "/rss")
        poll_feed(source.pk)
    item = FeedItem.objects.get()
    assert item.summary == "Summary of Ferry timetable changes" and item.article is not None
    sources = {e["source"] for e in item.article.date_evidence}
    assert "feed" in sources
    assert item.article.authors == ["Ann Lee"]  # the page named none; the feed did


def test_a_failing_host_is_left_alone(db, loopback_allowed, settings):
    settings.CONFIG = {**settings.CONFIG, "host_down_after": 2}
    hits = []

    def broken(request):
        hits.append(request.path)
        return 503, {}, b"down"

    with serve({"/rss": broken}) as base:
        source = Source.objects.create(url=base + "/rss")
        for _ in range(2):
            assert "HTTP 503" in poll_again(source).error
        third = poll_again(source)
    assert len(hits) == 2  # the third poll did not touch the host
    assert "is down until" in third.error
    host = Host.objects.get(name="127.0.0.1")
    assert host.consecutive_failures == 2 and host.down_until > timezone.now()
    source.refresh_from_db()
    assert source.next_poll_at >= host.down_until - timedelta(seconds=1)
    assert "is down until" in source.last_error


def test_the_interval_follows_the_feeds_own_rate_and_cache_hints(db, loopback_allowed):
    hours = [f"Tue, 03 Jun 2025 0{h}:00:00 GMT" for h in range(4)]  # one item an hour
    items = [
        Item(f"p{n}", f"Story {n}", f"{FERRY} Story number {n}.", published=when)
        for n, when in enumerate(hours)
    ]
    with harbour(*items) as site:
        hourly = Source.objects.create(url=site.base + "/rss")
        poll_feed(hourly.pk)
        hourly.refresh_from_db()
        assert hourly.items_per_day == pytest.approx(24) and hourly.interval_seconds == 3600
        cached = {"Cache-Control": "max-age=7200", "Content-Type": "application/rss+xml"}
        site.served["/cached"] = (200, cached, site.feed())
        capped = Source.objects.create(url=site.base + "/cached")
        poll_feed(capped.pk)
    capped.refresh_from_db()
    assert capped.interval_seconds == 7200  # the publisher asked us not to come back sooner
    assert capped.next_poll_at - timezone.now() > timedelta(seconds=7000)
