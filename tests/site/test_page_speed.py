"""Article and home pages make a fixed number of queries; the shared part of an article page
is cached and invalidated by reactions and provenance changes, and nothing personal leaks."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from dateline.store.models import Article
from dateline.store.term_stats import forget_frequencies
from tests.site.builders import LANES, ferry_story, news_page, store

COPIERS = ["Copycat Daily", "Echo Post", "Mirror Weekly", "Reprint Gazette", "Borrowed News"]


def with_copies(count: int) -> Article:
    now = timezone.now()
    original = store(ferry_story(published="2026-11-20T08:00:00Z"), now - timedelta(days=3))
    for i, name in enumerate(COPIERS[:count]):
        store(ferry_story(name, f"https://copy{i}.example/ferry"), now - timedelta(hours=i))
    store(news_page("Cycle lanes approved", LANES, "Town Crier", "https://crier.example/l"))
    assert original.reprints.count() == count
    return original


def queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


def article_queries(count: int, warm: bool) -> tuple[int, int]:
    cache.clear()
    forget_frequencies()  # both runs start cold
    original = with_copies(count)
    reader = Client()
    reader.get("/")  # a visitor with a cookie and a reading history
    reader.get(Article.objects.exclude(pk=original.pk).first().get_absolute_url())
    if warm:
        Client().get(original.get_absolute_url())
    return queries(reader, original.get_absolute_url()), queries(reader, "/")


@pytest.mark.parametrize("warm", [False, True])
def test_query_counts_do_not_grow_with_copies_or_lists(db, warm):
    few = article_queries(1, warm)
    Article.objects.all().delete()
    many = article_queries(5, warm)
    assert few == many, (few, many)
    article, home = many
    assert article <= (22 if not warm else 16), article
    assert home <= 14, home


def test_the_cache_saves_the_shared_queries(db):
    original = with_copies(3)
    cold = queries(Client(), original.get_absolute_url())
    warm = queries(Client(), original.get_absolute_url())
    # The reprints and the three queries behind Related come from the cache.
    assert warm <= cold - 4, (cold, warm)


def test_a_reaction_shows_at_once_on_the_cached_page(db):
    original = with_copies(1)
    url = original.get_absolute_url()
    reader, fan = Client(), Client()
    assert reader.get(url + ".json").json()["article"]["reactions"] == 0  # now cached
    fan.get("/about")  # the cookie a reaction needs
    assert fan.post(f"/articles/{original.key}/react").status_code == 302
    assert reader.get(url + ".json").json()["article"]["reactions"] == 1
    assert 'Good! (<span class="count">1</span>)' in reader.get(url).content.decode()


def test_a_new_copy_shows_at_once_on_the_cached_page(db):
    original = with_copies(1)
    url = original.get_absolute_url()
    assert len(Client().get(url + ".json").json()["provenance"]["reprints"]) == 1
    store(ferry_story("Late Copier", "https://late.example/ferry"))
    reprints = Client().get(url + ".json").json()["provenance"]["reprints"]
    assert [r["publisher"]["name"] for r in reprints][-1] == "Late Copier"


def test_a_provenance_change_reaches_the_cached_copy_page(db):
    original = with_copies(1)
    copy = original.reprints.get()
    assert Client().get(copy.get_absolute_url() + ".json").json()["provenance"]["is_copy"]
    Article.objects.filter(pk=copy.pk).update(original=None, provenance="")
    assert not Client().get(copy.get_absolute_url() + ".json").json()["provenance"]["is_copy"]


def test_personal_parts_never_leak_through_the_cache(db):
    original = with_copies(1)
    lanes = Article.objects.get(title="Cycle lanes approved")
    url = original.get_absolute_url()
    reader, stranger = Client(), Client()
    reader.get(lanes.get_absolute_url())
    reader.post(f"/articles/{original.key}/react")
    mine = reader.get(url + ".json").json()
    assert mine["article"]["reacted"] is True
    theirs = stranger.get(url + ".json").json()  # the shared part is cached by now
    assert theirs["article"]["reacted"] is False
    assert theirs["recommendation"] == []  # they have read nothing else
    assert 'aria-pressed="false"' in stranger.get(url).content.decode()
    # Each visitor's form carries their own CSRF token, never a cached one.
    tokens = {
        c.get(url).content.decode().split('name="csrfmiddlewaretoken" value="')[1][:20]
        for c in (reader, stranger)
    }
    assert len(tokens) == 2
