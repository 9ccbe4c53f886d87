"""Search filters (date range, publisher, language, originals only) on the page and in JSON."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from dateline.store.models import Article
from tests.site.builders import LANES, ferry_story, news_page, store


@pytest.fixture
def corpus(db):
    now = timezone.now()
    original = store(ferry_story(published="2026-11-20T08:00:00Z"), now - timedelta(days=3))
    copy = store(ferry_story("Copycat Daily", "https://copycat.example/ferry"), now)
    # The copy claims no date: its shown date is when we first saw it.
    lanes = store(
        news_page(
            "Ferry users welcome cycle lanes",
            LANES,
            "Town Crier",
            "https://crier.example/lanes",
            published="2026-11-24T12:00:00Z",
        ),
        now,
    )
    Article.objects.filter(pk=lanes.pk).update(language="de")
    Article.objects.filter(pk=copy.pk).update(claimed_date="2026-11-26T10:00:00Z")
    return original, copy, lanes


def keys(client, query: str) -> list[str]:
    response = client.get("/search.json?" + query)
    assert response.status_code == 200
    return [item["key"] for item in response.json()["results"]]


def test_without_filters_every_match_is_found(client, corpus):
    original, _, lanes = corpus
    assert set(keys(client, "q=ferry")) >= {original.key, lanes.key}


def test_date_range_uses_the_shown_date_and_includes_the_last_day(client, corpus):
    original, copy, lanes = corpus
    assert keys(client, "q=ferry&since=2026-11-21&until=2026-11-24") == [lanes.key]
    assert keys(client, "q=ferry&until=2026-11-20") == [original.key]
    assert keys(client, "q=ferry&since=2026-11-25") == [copy.key]


def test_publisher_language_and_originals_only(client, corpus):
    original, copy, lanes = corpus
    assert keys(client, "q=ferry&publisher=copycat-daily") == [copy.key]
    assert keys(client, "q=ferry&publisher=nobody") == []  # unknown means none, not all
    assert keys(client, "q=ferry&language=de") == [lanes.key]
    assert copy.key not in keys(client, "q=ferry&originals=1")
    assert set(keys(client, "q=ferry&originals=1")) == {original.key, lanes.key}


def test_json_reports_the_filters_it_applied_and_rejects_bad_ones(client, corpus):
    data = client.get("/search.json?q=ferry&since=2026-11-21&language=de&since=x").json()
    assert data["filters"]["since"] is None and "since" in data["filters"]["errors"]
    assert data["filters"]["language"] == "de"
    bad = client.get("/search.json?q=ferry&language=%27%3B--").json()
    assert bad["filters"]["language"] is None and "language" in bad["filters"]["errors"]


def test_highlighted_snippets_are_escaped(client, corpus):
    _, _, lanes = corpus
    Article.objects.filter(pk=lanes.pk).update(
        body_text="The <b>ferry</b> & the lanes <script>alert(1)</script>"
    )
    results = client.get("/search.json?q=ferry&language=de").json()["results"]
    snippet = results[0]["snippet_html"]
    assert "<mark>ferry</mark>" in snippet.lower()
    # The only markup is ours (PostgreSQL's ts_headline drops tags, SQLite's snippet keeps them
    # as text, escaped); text that looks like HTML is never live.
    assert "<" not in re.sub(r"</?mark>", "", snippet) and "&amp;" in snippet


def test_the_form_is_accessible_and_keeps_the_choices(client, corpus):
    html = client.get(
        "/search?q=ferry&since=2026-11-21&publisher=town-crier&language=de&originals=1"
    ).content.decode()
    for field, label in [
        ("f-q", "Words"),
        ("f-since", "From"),
        ("f-until", "To"),
        ("f-publisher", "Publisher"),
        ("f-language", "Language"),
        ("f-originals", "Originals only"),
    ]:
        assert f'<label for="{field}">{label}' in html
    assert 'value="2026-11-21"' in html
    assert '<option value="town-crier" selected>' in html
    assert '<option value="de" selected>' in html
    assert 'id="f-originals" name="originals" type="checkbox" value="1" checked' in html
    assert 'role="status">1 result for' in html
    invalid = client.get("/search?q=ferry&since=someday").content.decode()
    assert 'aria-invalid="true" aria-describedby="f-since-error"' in invalid


def test_without_dates_only_the_newest_articles_are_searched(client, corpus, monkeypatch):
    from dateline.store import reading

    original, copy, lanes = corpus  # stored in this order: the original is the oldest
    monkeypatch.setattr(reading, "SEARCH_NEWEST", 2)
    data = client.get("/search.json?q=ferry").json()
    assert {item["key"] for item in data["results"]} == {copy.key, lanes.key}
    assert data["filters"]["newest_only"] is True
    assert "among the newest" in client.get("/search?q=ferry").content.decode()
    everything = client.get("/search.json?q=ferry&everything=1").json()
    assert original.key in {item["key"] for item in everything["results"]}
    assert everything["filters"]["newest_only"] is False
    # Dates say which stretch to search: the window steps aside.
    assert keys(client, "q=ferry&until=2026-11-20") == [original.key]


def test_the_last_day_there_is_and_control_characters_are_no_error(client, corpus):
    # "until" the last day of year 9999 is "up to now"; control characters are no words.
    assert len(keys(client, "q=ferry&until=9999-12-31")) == len(keys(client, "q=ferry"))
    assert client.get("/search?q=ferry&since=0001-01-01&until=9999-12-31").status_code == 200
    assert client.get("/api/search?q=ferry&until=9999-12-31").status_code == 200
    for suffix in ("feed.xml", "feed.atom", "feed.json"):
        response = client.get(f"/search/{suffix}?q=%01ferry%02&until=9999-12-31")
        assert response.status_code == 200, suffix
        assert "\x01" not in response.content.decode()
