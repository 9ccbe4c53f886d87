"""Feeds out: RSS, Atom and JSON Feed of the front page, a publisher and a saved search,
parsed back with feedparser as a feed reader would."""

from __future__ import annotations

from datetime import timedelta

import feedparser
import pytest
from django.utils import timezone

from dateline.gather.page import RawPage
from tests.site.builders import LANES, ferry_story, news_page, store


@pytest.fixture
def ferry_and_copy(db):
    now = timezone.now()
    original = store(
        ferry_story(published="2026-11-20T08:00:00Z", author="Jane Doe"), now - timedelta(days=3)
    )
    copy = store(ferry_story("Copycat Daily", "https://copycat.example/ferry"), now)
    other = store(
        news_page(
            "Council approves <script>alert(1)</script> cycle lanes",
            LANES,
            "Harbour Times",
            "https://harbour.example/lanes",
            published="2026-11-22T09:30:00Z",
        ),
        now - timedelta(days=1),
    )
    return original, copy, other


def parse(client, url):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    return response, feed


@pytest.mark.parametrize("suffix", ["xml", "atom"])
def test_home_feed_lists_originals_newest_first_with_every_field(client, ferry_and_copy, suffix):
    original, _copy, other = ferry_and_copy
    response, feed = parse(client, f"/feed.{suffix}")
    assert response["Content-Type"].startswith(
        "application/rss+xml" if suffix == "xml" else "application/atom+xml"
    )
    assert feed.feed.title == "Dateline: latest"
    # Originals only (the copy is reached from its original), newest shown date first.
    assert [e.title for e in feed.entries] == [other.title, original.title]
    entry = feed.entries[1]
    assert entry.link == "http://testserver" + original.get_absolute_url()
    assert entry.id == f"urn:dateline:article:{original.key}"
    assert entry.author == "Jane Doe"
    assert entry.published_parsed[:4] == (2026, 11, 20, 8)  # the claimed date
    content = entry.content[0].value if suffix == "atom" else entry.description
    assert "electric ferry will enter service" in content
    assert 'href="https://harbour.example/ferry"' in content  # the original publisher's page
    if suffix == "atom":
        assert any(
            link.rel == "via" and link.href == "https://harbour.example/ferry"
            for link in entry.links
        )


def test_feed_content_is_sanitised(client, ferry_and_copy):
    _, _, other = ferry_and_copy
    body = client.get("/feed.xml").content.decode()
    assert "<script>" not in body  # titles are escaped, bodies sanitised
    _, feed = parse(client, "/feed.xml")
    assert feed.entries[0].title == other.title  # the text itself survives, as text


def test_guids_are_stable_across_requests(client, ferry_and_copy):
    first = [e.id for e in parse(client, "/feed.atom")[1].entries]
    second = [e.id for e in parse(client, "/feed.atom")[1].entries]
    assert first == second and all(i.startswith("urn:dateline:article:") for i in first)


def test_json_feed_1_1(client, ferry_and_copy):
    original, _, other = ferry_and_copy
    response = client.get("/feed.json")
    assert response["Content-Type"].startswith("application/feed+json")
    feed = response.json()
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert feed["feed_url"] == "http://testserver/feed.json"
    item = next(i for i in feed["items"] if i["id"] == f"urn:dateline:article:{original.key}")
    assert item["url"] == "http://testserver" + original.get_absolute_url()
    assert item["external_url"] == "https://harbour.example/ferry"
    assert item["authors"] == [{"name": "Jane Doe"}]
    assert item["date_published"].startswith("2026-11-20T08:00:00")
    assert "<p>" in item["content_html"] and "<script" not in item["content_html"]
    assert [i["title"] for i in feed["items"]] == [other.title, original.title]


def test_publisher_feed_has_only_that_publisher(client, ferry_and_copy):
    original, copy, _ = ferry_and_copy
    _, feed = parse(client, f"/publishers/{copy.publisher.slug}/feed.xml")
    assert [e.id for e in feed.entries] == [f"urn:dateline:article:{copy.key}"]
    assert feed.feed.title == "Dateline: Copycat Daily"
    _, atom = parse(client, f"/publishers/{original.publisher.slug}/feed.atom")
    assert len(atom.entries) == 2
    data = client.get(f"/publishers/{original.publisher.slug}/feed.json").json()
    assert len(data["items"]) == 2
    assert client.get("/publishers/nobody/feed.xml").status_code == 404


def test_saved_search_feed_follows_the_query_and_filters(client, ferry_and_copy):
    original, copy, other = ferry_and_copy
    _, feed = parse(client, "/search/feed.xml?q=ferry")
    ids = {e.id for e in feed.entries}
    assert f"urn:dateline:article:{original.key}" in ids and other.key not in str(ids)
    _, filtered = parse(client, f"/search/feed.atom?q=ferry&publisher={copy.publisher.slug}")
    assert [e.id for e in filtered.entries] == [f"urn:dateline:article:{copy.key}"]
    # The feed's own address keeps the saved search.
    assert any("q=ferry" in link.href for link in filtered.feed.links if link.rel == "self")
    data = client.get("/search/feed.json?q=ferry&originals=1").json()
    assert [i["id"] for i in data["items"]] == [f"urn:dateline:article:{original.key}"]
    assert client.get("/search/feed.xml").status_code == 404  # no words, no saved search


def test_pages_advertise_their_feeds(client, ferry_and_copy):
    original, _, _ = ferry_and_copy
    home = client.get("/").content.decode()
    assert 'type="application/rss+xml"' in home and 'href="/feed.atom"' in home
    publisher = client.get(original.publisher.get_absolute_url()).content.decode()
    assert f'href="/publishers/{original.publisher.slug}/feed.xml"' in publisher
    search = client.get("/search?q=ferry").content.decode()
    assert 'href="/search/feed.xml?q=ferry"' in search


def test_a_description_with_markup_is_words_in_the_atom_summary(client, db):
    from dateline.store.models import Article

    # The page's description says "<img …>" as text (escaped twice in its attribute, as a
    # CMS that escapes what its editor already escaped writes it).
    text = "Fares up &amp;lt;img src=x onerror=alert(1)&amp;gt; &amp; more"
    page = news_page("Ferry fares", LANES, "Harbour Times", "https://harbour.example/f")
    store(
        RawPage(
            page.origin,
            page.kind,
            page.content.replace(
                "</head>", f'<meta name="description" content="{text}"></head>', 1
            ),
        ),
        timezone.now(),
    )
    assert Article.objects.get().description == "Fares up <img src=x onerror=alert(1)> & more"
    response, feed = parse(client, "/feed.atom")
    # An Atom reader renders the summary as HTML: it must get the words, not an <img>.
    assert b'<summary type="html">Fares up &amp;lt;img src=x' in response.content
    assert feed.entries[0].summary == "Fares up &lt;img src=x onerror=alert(1)&gt; &amp; more"


def test_control_characters_never_reach_a_feed(client, db):
    from dateline.store.models import Article

    dump = "Ferry strike \x1b[31m called\n\n" + "\n\n".join(p + " \x02" for p in LANES)
    fresh = store(RawPage("strike.txt", "text", dump), timezone.now())
    assert "\x1b" not in fresh.title and "\x02" not in fresh.body_text
    # One stored before extraction dropped them must not break the feeds either.
    Article.objects.filter(pk=fresh.pk).update(title="Ferry \x1b strike", body_html="<p>\x02</p>")
    for suffix in ("xml", "atom"):
        _, feed = parse(client, f"/feed.{suffix}")
        assert feed.entries[0].title == "Ferry  strike"
