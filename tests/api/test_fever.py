"""The Fever API, driven by the requests Reeder and Unread send (recorded/fever_*.json)."""

from __future__ import annotations

import hashlib
from datetime import timedelta

import pytest

from dateline.api.fever import group_id
from dateline.store import reader
from dateline.store.models import Article, FeedItem
from tests.api.recorded.library import build_library
from tests.api.recorded.replay import Recording


@pytest.fixture
def library(db):
    return build_library()


def api_key(login: str, password: str) -> str:
    return hashlib.md5(f"{login}:{password}".encode()).hexdigest()


@pytest.fixture
def reeder(library) -> Recording:
    return Recording("fever_reeder", api_key=api_key("mara", library.password))


def ids(text: str) -> list[int]:
    return [int(v) for v in text.split(",") if v]


def test_a_wrong_key_gets_auth_0_and_nothing_else(library):
    app = Recording("fever_unread", api_key=api_key("mara", "wrong"))
    response = app.send("login")
    assert response.status_code == 200
    assert response.json() == {"api_version": 3, "auth": 0}
    assert app.send("items before", max_id=0).json() == {"api_version": 3, "auth": 0}


def test_reeder_signs_in_and_reads_groups_and_feeds(library, reeder):
    body = reeder.send("login").json()
    assert body["api_version"] == 3 and body["auth"] == 1
    newest_readable = library.articles["library"].first_seen_at
    assert body["last_refreshed_on_time"] == int(newest_readable.timestamp())
    # The email works as the login too: apps call the field "email".
    by_email = Recording("fever_reeder", api_key=api_key("mara@example.org", library.password))
    assert by_email.send("login").json()["auth"] == 1

    groups = reeder.send("groups").json()
    assert groups["groups"] == [
        {"id": group_id("News"), "title": "News"},
        {"id": group_id("Town"), "title": "Town"},
    ]
    harbour, crier = library.feeds["harbour"], library.feeds["crier"]
    assert groups["feeds_groups"] == [
        {"group_id": group_id("News"), "feed_ids": str(harbour.pk)},
        {"group_id": group_id("Town"), "feed_ids": str(crier.pk)},
    ]
    feeds = reeder.send("feeds").json()["feeds"]
    assert [(f["id"], f["title"], f["url"]) for f in feeds] == [
        (harbour.pk, "Harbour Times", harbour.url),
        (crier.pk, "Town Crier", crier.url),
    ]


def test_items_page_by_since_id_fifty_at_a_time(library, reeder):
    # Fifty-odd more articles in the harbour feed, through the same ingest path.
    extra = _more_articles(library, 52)
    readable = sorted(
        library.ids("ferry", "dredging", "museum", "market", "lanes", "library") + extra
    )

    seen, since = [], 0
    for _ in range(5):
        body = reeder.send("items since", since_id=since).json()
        page = [item["id"] for item in body["items"]]
        if not page:
            break
        assert len(page) <= 50 and page == sorted(page)
        seen += page
        since = page[-1]
    assert seen == readable  # every readable item once, the unread feed's never
    assert body["total_items"] == len(readable)

    item = reeder.send("items with ids", with_ids=library.ids("ferry")[0]).json()["items"][0]
    ferry = library.articles["ferry"]
    assert item["feed_id"] == library.feeds["harbour"].pk
    assert item["title"] == ferry.title and item["html"] == ferry.body_html
    assert item["url"] in {ferry.url, ferry.canonical_url}
    assert item["is_read"] == 0 and item["is_saved"] == 0
    assert item["created_on_time"] == int((ferry.claimed_date or ferry.first_seen_at).timestamp())


def test_unread_backfills_by_max_id_from_the_newest(library):
    app = Recording("fever_unread", api_key=api_key("mara", library.password))
    extra = _more_articles(library, 55)
    readable = sorted(
        library.ids("ferry", "dredging", "museum", "market", "lanes", "library") + extra
    )
    pages, max_id = [], 0
    while True:
        page = [i["id"] for i in app.send("items before", max_id=max_id).json()["items"]]
        if not page:
            break
        pages.append(page)
        max_id = page[-1]
    assert [len(p) for p in pages] == [50, 11]
    assert [pk for page in pages for pk in page] == sorted(readable, reverse=True)

    body = app.send("links and favicons").json()
    assert body["links"] == [] and body["favicons"] == []


def test_marking_items_read_unread_saved_and_unsaved(library, reeder):
    ferry, lanes = library.ids("ferry", "lanes")
    unread = ids(reeder.send("unread ids").json()["unread_item_ids"])
    assert ferry in unread and len(unread) == 6

    body = reeder.send("mark item", state="read", id=ferry).json()
    assert ferry not in ids(body["unread_item_ids"])  # the answer carries the new list
    assert ids(reeder.send("unread ids").json()["unread_item_ids"]) == [
        pk for pk in unread if pk != ferry
    ]
    reeder.send("mark item", state="unread", id=ferry)
    assert ferry in ids(reeder.send("unread ids").json()["unread_item_ids"])

    body = reeder.send("mark item", state="saved", id=lanes).json()
    assert ids(body["saved_item_ids"]) == [lanes]
    reeder.send("mark item", state="saved", id=lanes)  # saving twice keeps it saved
    assert ids(reeder.send("saved ids").json()["saved_item_ids"]) == [lanes]
    item = reeder.send("items with ids", with_ids=lanes).json()["items"][0]
    assert item["is_saved"] == 1
    reeder.send("mark item", state="unsaved", id=lanes)
    assert reeder.send("saved ids").json()["saved_item_ids"] == ""

    # An article from a feed the user does not read cannot be marked.
    quarry = library.ids("quarry")[0]
    reeder.send("mark item", state="saved", id=quarry)
    assert reeder.send("saved ids").json()["saved_item_ids"] == ""


def test_marking_a_feed_or_a_group_read_stops_at_before(library, reeder):
    harbour = library.feeds["harbour"]
    dredging = library.articles["dredging"]
    reeder.send("mark feed", id=harbour.pk, before=int(dredging.first_seen_at.timestamp()))
    unread = set(ids(reeder.send("unread ids").json()["unread_item_ids"]))
    assert unread == set(library.ids("museum", "market", "lanes", "library"))

    refreshed = reeder.send("login").json()["last_refreshed_on_time"]
    reeder.send("mark group", id=group_id("Town"), before=refreshed)
    unread = set(ids(reeder.send("unread ids").json()["unread_item_ids"]))
    assert unread == set(library.ids("museum", "market"))

    reeder.send("mark group", id=0, before=refreshed)  # group 0: everything
    assert reeder.send("unread ids").json()["unread_item_ids"] == ""


def _more_articles(library, count: int) -> list[int]:
    """More harbour articles; cheaper than ingesting pages, and the paging is what is tested."""
    template = library.articles["market"]
    made = []
    for n in range(count):
        article = Article.objects.create(
            key=f"x{n:015d}",
            fingerprint=f"{n:064d}",
            publisher=template.publisher,
            title=f"Harbour notice {n}",
            slug=f"harbour-notice-{n}",
            url=f"https://harbour.example/notice-{n}",
            body_text=f"Notice {n}.",
            body_html=f"<p>Notice {n}.</p>",
            first_seen_at=template.first_seen_at + timedelta(minutes=n + 1),
        )
        FeedItem.objects.create(
            source=library.feeds["harbour"],
            link=article.url,
            entry_hash="0" * 64,
            article=article,
        )
        made.append(article.pk)
    assert reader.total_visible(library.user) == 6 + count
    return made


def test_numbers_no_app_sends_are_ignored_not_crashed_on(library, reeder):
    assert reeder.send("login").json()["auth"] == 1
    huge = "9" * 5000
    for values in ({"since_id": "²"}, {"since_id": huge}):
        response = reeder.send("items since", **values)
        assert response.status_code == 200 and response.json()["auth"] == 1, values
    for with_ids in ("²,1", "99999999999999999999", huge):
        response = reeder.send("items with ids", with_ids=with_ids)
        assert response.status_code == 200 and response.json()["auth"] == 1, with_ids
    for state, pk in (("read", "²"), ("read", "99999999999999999999")):
        assert reeder.send("mark item", state=state, id=pk).status_code == 200
    unread = ids(reeder.send("unread ids").json()["unread_item_ids"])
    assert unread  # nothing above marked anything
    # "before" beyond any date: no bound, so the whole feed is read.
    feed = FeedItem.objects.filter(article_id=unread[0]).values_list("source_id", flat=True)[0]
    assert reeder.send("mark feed", id=feed, before="99999999999999").status_code == 200
    assert reeder.send("mark group", id=0, before="9" * 30).status_code == 200
    assert ids(reeder.send("unread ids").json()["unread_item_ids"]) == []


def test_wrong_keys_spend_the_sign_in_budget_and_then_no_key_is_checked(library):
    from dateline.site import ratelimit

    wrong = Recording("fever_unread", api_key=api_key("mara", "wrong"))
    answers = [wrong.send("login") for _ in range(ratelimit.SIGN_IN.burst + 1)]
    assert [a.json()["auth"] for a in answers[:-1]] == [0] * ratelimit.SIGN_IN.burst
    assert answers[-1].status_code == 429 and int(answers[-1]["Retry-After"]) >= 1
    right = Recording("fever_unread", api_key=api_key("mara", library.password))
    assert right.send("login").status_code == 429  # a guess now tells nothing


def test_a_right_key_spends_nothing(library, reeder):
    from dateline.site import ratelimit

    for _ in range(ratelimit.SIGN_IN.burst + 3):
        assert reeder.send("login").json()["auth"] == 1
