"""Accounts, follows, "Your reading" and "Forget me", through the real views and store."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client

from dateline.site.read_batch import READS
from dateline.site.visitor import COOKIE
from dateline.store.models import Article, Follow, Reaction, Read
from tests.site.people import article, topic

PASSWORD = "a long enough passphrase 42"


@pytest.fixture
def articles(db):
    return [
        article("Harbour ferry goes electric", "Harbour Times"),
        article("Council approves cycle lanes", "Town Crier"),
        article("Market square reopens", "Town Crier"),
    ]


def cookie_of(client: Client) -> str:
    client.get("/about")
    return client.cookies[COOKIE].value


def test_sign_up_keeps_what_the_visitor_did_before(articles):
    ferry, lanes, _ = articles
    reader = Client()
    visitor = cookie_of(reader)
    reader.get(ferry.get_absolute_url())
    reader.post(f"/articles/{lanes.key}/react")
    reader.post("/publishers/town-crier/follow")
    response = reader.post(
        "/account/sign-up",
        {"username": "ada", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response.status_code == 302 and response["Location"] == "/you"
    owner = f"user:{User.objects.get(username='ada').pk}"
    assert not Read.objects.filter(visitor=visitor).exists()
    assert list(Read.objects.filter(visitor=owner).values_list("article", flat=True)) == [ferry.pk]
    assert Reaction.objects.filter(visitor=owner, article=lanes).exists()
    mine = reader.get("/you.json").json()
    assert [p["name"] for p in mine["follows"]["publishers"]] == ["Town Crier"]
    assert [a["title"] for a in mine["history"]] == [ferry.title]
    assert [a["title"] for a in mine["reactions"]] == [lanes.title]
    assert mine["account"] == "ada"


def test_sign_in_merges_without_counting_a_reader_twice(articles):
    ferry, lanes, _ = articles
    User.objects.create_user("ada", password=PASSWORD)
    laptop = Client()
    assert laptop.post("/account/sign-in", {"username": "ada", "password": PASSWORD}).status_code
    laptop.get(ferry.get_absolute_url())  # read while signed in
    phone = Client()
    phone.get(ferry.get_absolute_url())  # the same person, not signed in yet, reads it again
    phone.get(lanes.get_absolute_url())
    READS.flush()  # a first page's read is counted in the batch (see site.read_batch)
    assert Article.objects.get(pk=ferry.pk).reads == 2
    response = phone.post("/account/sign-in", {"username": "ada", "password": PASSWORD})
    assert response.status_code == 302
    owner = f"user:{User.objects.get(username='ada').pk}"
    assert Read.objects.filter(visitor=owner).count() == 2
    assert Article.objects.get(pk=ferry.pk).reads == 1  # one reader, one read
    assert Article.objects.get(pk=lanes.pk).reads == 1


def test_wrong_password_is_refused_and_sign_in_is_rate_limited(articles):
    User.objects.create_user("ada", password=PASSWORD)
    client = Client()
    statuses = [
        client.post("/account/sign-in", {"username": "ada", "password": "wrong"}).status_code
        for _ in range(6)
    ]
    assert statuses[:5] == [400] * 5
    assert statuses[5] == 429
    assert "_auth_user_id" not in client.session


def test_sign_out_is_a_post():
    client = Client()
    assert client.get("/account/sign-out").status_code == 405


@pytest.mark.parametrize(
    "url", ["/publishers/town-crier/follow", "/you/forget", "/account/sign-out"]
)
def test_every_change_needs_the_csrf_token(articles, url):
    client = Client(enforce_csrf_checks=True)
    client.get("/about")
    assert client.post(url).status_code == 403


def test_forget_me_asks_first_then_deletes_everything(articles):
    ferry, lanes, _ = articles
    entity = topic("Harbour Authority", "org", [ferry])
    reader = Client()
    visitor = cookie_of(reader)
    reader.get(ferry.get_absolute_url())
    reader.post(f"/articles/{lanes.key}/react")
    reader.post("/publishers/harbour-times/follow")
    reader.post(f"/topics/{entity.slug}/follow")
    assert Follow.objects.filter(owner=visitor).count() == 2

    page = reader.get("/you/forget").content.decode()
    assert "Yes, forget me" in page and 'name="csrfmiddlewaretoken"' in page
    assert Read.objects.filter(visitor=visitor).exists()  # asking deletes nothing

    response = reader.post("/you/forget")
    assert response.status_code == 200
    assert response.cookies[COOKIE]["max-age"] == 0 and response.cookies[COOKIE].value == ""
    for model in (Read, Reaction):
        assert not model.objects.filter(visitor=visitor).exists()
    assert not Follow.objects.filter(owner=visitor).exists()
    assert Article.objects.get(pk=ferry.pk).reads == 0
    assert Article.objects.get(pk=lanes.pk).reactions == 0
    # The next visit is a stranger: a new cookie and an empty page.
    assert reader.get("/you.json").json()["history"] == []
    assert reader.cookies[COOKIE].value not in {"", visitor}


def test_following_a_publisher_shows_and_feeds_the_recommendation(articles):
    _, lanes, market = articles
    reader = Client()
    before = reader.get("/publishers/town-crier").content.decode()
    assert 'aria-pressed="false"' in before and ">Follow <" in before
    response = reader.post("/publishers/town-crier/follow", {"next": "/publishers/town-crier"})
    assert response.status_code == 302 and response["Location"] == "/publishers/town-crier"
    after = reader.get("/publishers/town-crier.json").json()
    assert after["following"] is True
    picks = reader.get("/you.json").json()["recommendation"]
    assert {p["title"] for p in picks} == {lanes.title, market.title}
    assert all(p["reason"] == "from Town Crier, which you follow" for p in picks)
    reader.get(market.get_absolute_url())  # read: no longer recommended
    picks = reader.get("/you.json").json()["recommendation"]
    assert [p["title"] for p in picks] == [lanes.title]
    reader.post("/publishers/town-crier/unfollow")
    assert reader.get("/you.json").json()["follows"]["publishers"] == []


def test_following_a_topic_recommends_articles_that_name_it(articles):
    ferry, _, _ = articles
    entity = topic("Harbour Authority", "org", [ferry])
    reader = Client()
    reader.get("/about")  # the cookie a follow needs
    response = reader.post(f"/topics/{entity.slug}/follow", HTTP_ACCEPT="application/json")
    assert response.json() == {"following": True, "changed": True}
    again = reader.post(f"/topics/{entity.slug}/follow", HTTP_ACCEPT="application/json")
    assert again.json()["changed"] is False  # following twice is following once
    mine = reader.get("/you.json").json()
    assert [t["name"] for t in mine["follows"]["topics"]] == ["Harbour Authority"]
    assert [(p["title"], p["reason"]) for p in mine["recommendation"]] == [
        (ferry.title, "about Harbour Authority, which you follow")
    ]


def test_one_reader_follows_do_not_reach_another(articles):
    fan, stranger = Client(), Client()
    fan.post("/publishers/town-crier/follow")
    assert stranger.get("/you.json").json()["follows"]["publishers"] == []
    assert stranger.get("/publishers/town-crier.json").json()["following"] is False


def test_forget_me_signed_in_forgets_what_reader_apps_kept_but_not_their_access(articles):
    from dateline.store import reader
    from dateline.store.models import ReaderItemState, ReaderSubscription, Source

    ferry, _, _ = articles
    ada = User.objects.create_user("ada", password=PASSWORD)
    reader.set_password(ada, "reader-secret-1")
    source = Source.objects.create(url="https://feeds.example/rss")
    ReaderSubscription.objects.create(user=ada, source=source)
    ReaderItemState.objects.create(user=ada, article=ferry, read=True, starred=True)
    laptop = Client()
    laptop.post("/account/sign-in", {"username": "ada", "password": PASSWORD})
    assert laptop.post("/you/forget").status_code == 200
    assert not ReaderItemState.objects.filter(user=ada).exists()
    assert not ReaderSubscription.objects.filter(user=ada).exists()
    assert reader.check_login("ada", "reader-secret-1") == ada  # the account and its apps stay


def test_a_deleted_account_takes_its_reads_reactions_and_follows_along(articles):
    ferry, lanes, _ = articles
    ada = User.objects.create_user("ada", password=PASSWORD)
    laptop = Client()
    laptop.post("/account/sign-in", {"username": "ada", "password": PASSWORD})
    laptop.get(ferry.get_absolute_url())
    laptop.post(f"/articles/{lanes.key}/react")
    laptop.post("/publishers/town-crier/follow")
    owner = f"user:{ada.pk}"
    assert Read.objects.filter(visitor=owner).exists() and Follow.objects.filter(owner=owner)
    ada.delete()  # as the admin does
    for model in (Read, Reaction):
        assert not model.objects.filter(visitor=owner).exists()
    assert not Follow.objects.filter(owner=owner).exists()
    assert Article.objects.get(pk=ferry.pk).reads == 0
    assert Article.objects.get(pk=lanes.pk).reactions == 0
