"""The Google Reader API, driven by the requests NetNewsWire, Reeder, FeedMe and News+ send.

Each test replays a recorded request sequence (tests/api/recorded/*.json, with their sources)
against a real database and checks what the app relies on in the answers.
"""

from __future__ import annotations

import hashlib
import re
from datetime import timedelta

import pytest
from django.test import Client

from dateline.api.greader import render
from dateline.api.greader.ids import parse_item_id
from dateline.cli.main import main
from dateline.store import reader
from dateline.store.models import ReaderKey, Source
from tests.api.recorded.library import build_library
from tests.api.recorded.replay import Recording, item_params
from tests.servers import serve

READING_LIST = "user/-/state/com.google/reading-list"
READ = "user/-/state/com.google/read"
STARRED = "user/-/state/com.google/starred"


@pytest.fixture
def library(db):
    return build_library()


def sign_in(name: str, library, **values) -> Recording:
    """Replay the app's ClientLogin and keep the Auth token, as the app parses it."""
    app = Recording(name, login=library.login, password=library.password, **values)
    response = app.send("login")
    assert response.status_code == 200
    # NetNewsWire splits each line on "=" and wants exactly two parts.
    lines = dict(line.split("=") for line in response.content.decode().splitlines())
    assert set(lines) == {"SID", "LSID", "Auth"}
    app.values["token"] = lines["Auth"]
    return app


def ids_of(response) -> list[int]:
    assert response.status_code == 200, response.content
    return [int(ref["id"]) for ref in response.json()["itemRefs"]]


def unread_total(app: Recording) -> int:
    counts = app.send("unread count").json()
    total = next(c for c in counts["unreadcounts"] if c["id"] == READING_LIST)
    assert counts["max"] == total["count"]
    return total["count"]


def test_a_wrong_password_gets_401_with_googles_error_line(library):
    app = Recording("netnewswire", login=library.login, password="not-it")
    response = app.send("login")
    assert response.status_code == 401
    assert response.content.decode().strip() == "Error=BadAuthentication"
    # The site password is not the reader password either.
    assert app.send("login", password="site-password").status_code == 401


def test_calls_without_a_valid_token_get_401_and_the_bad_token_header(library):
    app = Recording("netnewswire", token="made-up")
    response = app.send("subscriptions")
    assert response.status_code == 401
    assert response.content == b"Unauthorized"
    assert response["Google-Bad-Token"] == "true"
    # A POST cannot get in with a T field that is not a token either.
    assert app.send("mark read", item_params=item_params([1])).status_code == 401


def test_netnewswire_signs_in_and_syncs(library):
    app = sign_in("netnewswire", library)
    # The edit token NetNewsWire fetches once and sends back as T.
    assert app.send("token").content.decode() == app.values["token"]

    tags = app.send("tags").json()["tags"]
    assert tags[0] == {"id": STARRED}
    assert [t["label"] for t in tags[1:]] == ["News", "Town"]

    subs = app.send("subscriptions").json()["subscriptions"]
    harbour, crier = library.feeds["harbour"], library.feeds["crier"]
    assert [(s["id"], s["url"]) for s in subs] == [
        (f"feed/{harbour.pk}", harbour.url),
        (f"feed/{crier.pk}", crier.url),
    ]
    assert subs[0]["categories"] == [{"id": "user/-/label/News", "label": "News"}]

    # Newest first, short decimal ids, and nothing from the feed the user does not read.
    readable = library.ids("lanes", "library", "ferry", "dredging", "museum", "market")
    assert ids_of(app.send("unread ids")) == sorted(readable, reverse=True)
    assert ids_of(app.send("starred ids")) == []

    wanted = library.ids("ferry", "lanes")
    response = app.send("contents", item_params=item_params(wanted))
    assert response.status_code == 200
    body = response.json()
    assert isinstance(body["updated"], int) and body["id"] == READING_LIST
    items = {parse_item_id(i["id"]): i for i in body["items"]}
    assert set(items) == set(wanted)
    ferry = library.articles["ferry"]
    item = items[ferry.pk]
    assert re.fullmatch(r"tag:google\.com,2005:reader/item/[0-9a-f]{16}", item["id"])
    assert item["title"] == ferry.title
    assert item["published"] == int((ferry.claimed_date or ferry.first_seen_at).timestamp())
    assert item["canonical"] == [{"href": ferry.canonical_url}]
    assert item["alternate"][0]["href"] in {ferry.url, ferry.canonical_url}
    assert item["summary"]["content"] == ferry.body_html and "<p>" in ferry.body_html
    assert item["origin"]["streamId"] == f"feed/{harbour.pk}"
    assert item["categories"] == [READING_LIST, "user/-/label/News"]
    assert int(item["timestampUsec"]) // 1000 == int(item["crawlTimeMsec"])


def test_edit_tag_marks_read_and_unread_and_stars_in_every_id_form(library):
    app = sign_in("netnewswire", library)
    feedme = sign_in("feedme", library)
    before = unread_total(feedme)
    ferry, lanes = library.ids("ferry", "lanes")

    assert app.send("mark read", item_params=item_params([ferry, lanes])).content == b"OK"
    assert unread_total(feedme) == before - 2
    unread = ids_of(app.send("unread ids"))
    assert ferry not in unread and lanes not in unread

    # Older NetNewsWire builds send bare 16-digit hex; FeedMe the short decimal form.
    assert app.send("mark unread", item_params=item_params([ferry], "hex16")).status_code == 200
    assert feedme.send("mark read", item_params=item_params([ferry], "short")).status_code == 200
    assert app.send("mark unread", item_params=item_params([lanes], "short")).status_code == 200
    assert unread_total(feedme) == before - 1
    assert ferry not in ids_of(app.send("unread ids"))

    app.send("star", item_params=item_params([lanes]))
    assert ids_of(app.send("starred ids")) == [lanes]
    item = app.send("contents", item_params=item_params([lanes])).json()["items"][0]
    assert STARRED in item["categories"] and READ not in item["categories"]


def test_thousands_of_ids_in_one_post_are_read(library):
    # NetNewsWire asks for every unread item in one POST, one `i` field each: past Django's
    # default limit of 1 000 form fields.
    app = sign_in("netnewswire", library)
    wanted = library.ids("ferry", "lanes") + list(range(10_000, 12_000))
    body = app.send("contents", item_params=item_params(wanted)).json()
    assert {parse_item_id(i["id"]) for i in body["items"]} == set(library.ids("ferry", "lanes"))
    assert app.send("mark read", item_params=item_params(wanted)).content == b"OK"
    assert set(ids_of(app.send("unread ids"))).isdisjoint(library.ids("ferry", "lanes"))


def test_unread_counts_per_feed_per_folder_and_in_all(library):
    feedme = sign_in("feedme", library)
    feedme.send("mark read", item_params=item_params(library.ids("ferry")))
    counts = {c["id"]: c["count"] for c in feedme.send("unread count").json()["unreadcounts"]}
    harbour, crier = library.feeds["harbour"], library.feeds["crier"]
    assert counts == {
        f"feed/{harbour.pk}": 3,
        f"feed/{crier.pk}": 2,
        "user/-/label/News": 3,
        "user/-/label/Town": 2,
        READING_LIST: 5,
    }


def test_feedme_pages_through_unread_contents_with_continuations(library):
    feedme = sign_in("feedme", library)
    seen: list[int] = []
    continuation = ""
    for _ in range(10):
        body = feedme.send("unread contents", n=4, continuation=continuation).json()
        seen += [parse_item_id(item["id"]) for item in body["items"]]
        if "continuation" not in body:
            break
        continuation = f"&c={body['continuation']}"
    readable = library.ids("lanes", "library", "ferry", "dredging", "museum", "market")
    assert seen == sorted(readable, reverse=True)  # every item once, newest first
    assert len(seen) == 6 and continuation  # two pages: 4, then 2

    # Marking one read takes it out of the unread stream.
    feedme.send("mark read", item_params=item_params(seen[:1], "short"))
    body = feedme.send("unread contents", n=50, continuation="").json()
    assert [parse_item_id(i["id"]) for i in body["items"]] == seen[1:]


def test_user_info(library):
    feedme = sign_in("feedme", library)
    info = feedme.send("user info").json()
    assert info["userName"] == "mara" and info["userEmail"] == "mara@example.org"
    assert info["userId"] == str(library.user.pk)


def test_news_plus_reads_starred_and_a_feed_oldest_first(library):
    app = sign_in("newsplus", library)
    assert [t["id"] for t in app.send("tags").json()["tags"]][:1] == [STARRED]
    harbour = library.feeds["harbour"]
    nnw = sign_in("netnewswire", library)
    nnw.send("star", item_params=item_params(library.ids("museum")))

    body = app.send("starred contents").json()
    assert [parse_item_id(i["id"]) for i in body["items"]] == library.ids("museum")
    assert ids_of(app.send("starred ids")) == library.ids("museum")

    pages, continuation = [], ""
    while True:
        body = app.send("feed contents", feed=f"feed/{harbour.pk}", n=3, continuation=continuation)
        body = body.json()
        pages.append([parse_item_id(i["id"]) for i in body["items"]])
        if "continuation" not in body:
            break
        continuation = f"&c={body['continuation']}"
    assert pages == [library.ids("ferry", "dredging", "museum"), library.ids("market")]
    # Google's own stream id form for a feed, its URL, names the same feed.
    by_url = app.send("feed contents", feed=f"feed/{harbour.url}", n=10, continuation="")
    assert len(by_url.json()["items"]) == 4


def test_items_crawled_before_ot_are_left_out(library):
    app = sign_in("netnewswire", library)
    since = library.articles["museum"].first_seen_at
    got = ids_of(app.send("all ids", ot=int(since.timestamp())))
    assert got == sorted(library.ids("museum", "market", "lanes", "library"), reverse=True)


def test_mark_all_as_read_stops_at_the_timestamp_the_app_has_seen(library):
    feedme = sign_in("feedme", library)
    harbour = library.feeds["harbour"]
    dredging = library.articles["dredging"]
    seen_until = render.microseconds(dredging.first_seen_at)  # as timestampUsec gives it
    response = feedme.send("mark all read", stream=f"feed/{harbour.pk}", ts=seen_until)
    assert response.content == b"OK"
    unread = {
        parse_item_id(i["id"])
        for i in feedme.send("unread contents", n=50, continuation="").json()["items"]
    }
    assert unread == set(library.ids("museum", "market", "lanes", "library"))


def test_reeder_posts_with_t_x_and_a_password_change_signs_it_out(library):
    reeder = sign_in("reeder", library)
    assert len(reeder.send("subscriptions").json()["subscriptions"]) == 2
    assert ids_of(reeder.send("unread ids"))[:1] == library.ids("library")
    assert (
        reeder.send("mark read", item_params=item_params(library.ids("library"))).content == b"OK"
    )
    assert library.ids("library")[0] not in ids_of(reeder.send("unread ids"))
    # A second app signing in does not sign the first out.
    sign_in("netnewswire", library)
    assert reeder.send("subscriptions").status_code == 200

    stale = reeder.values["token"]
    assert main(["reader-password", "mara", "--revoke"]) == 0
    response = reeder.send("stale token", stale_token=stale)
    assert response.status_code == 401 and response["Google-Bad-Token"] == "true"


@pytest.fixture
def loopback_allowed(settings):
    settings.CONFIG = {**settings.CONFIG, "allow_private_networks": True, "fetch_timeout": 5}


RSS = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>Quay Notes</title>
<link>https://quay.example/</link></channel></rss>"""


def test_netnewswire_adds_renames_files_and_removes_a_feed(library, loopback_allowed):
    app = sign_in("netnewswire", library)
    routes = {"/quay.rss": (200, {"Content-Type": "application/rss+xml"}, RSS)}
    with serve(routes) as base:
        response = app.send("quickadd", feed_url=base + "/quay.rss")
    added = response.json()
    assert added["numResults"] == 1
    source = Source.objects.get(url=base + "/quay.rss")
    assert added["streamId"] == f"feed/{source.pk}"
    # NetNewsWire finds the new feed in the list by that stream id.
    listed = {s["id"]: s for s in app.send("subscriptions").json()["subscriptions"]}
    assert added["streamId"] in listed

    feed = f"feed/{source.pk}"
    assert app.send("rename", feed=feed, title="Quay").content == b"OK"
    assert app.send("move to folder", feed=feed, folder="Harbour%20life").content == b"OK"
    listed = {s["id"]: s for s in app.send("subscriptions").json()["subscriptions"]}
    assert listed[feed]["title"] == "Quay"
    assert listed[feed]["categories"] == [
        {"id": "user/-/label/Harbour life", "label": "Harbour life"}
    ]

    # Unsubscribing a feed takes its items out of the reading list; starred ones stay.
    harbour = f"feed/{library.feeds['harbour'].pk}"
    app.send("star", item_params=item_params(library.ids("ferry")))
    assert app.send("unsubscribe", feed=harbour).content == b"OK"
    assert set(ids_of(app.send("unread ids"))) == set(library.ids("lanes", "library"))
    assert ids_of(app.send("starred ids")) == library.ids("ferry")
    assert app.send("unsubscribe", feed=harbour).status_code == 400  # not subscribed any more


def test_older_netnewswire_subscribes_with_a_folder_and_title(library, loopback_allowed):
    app = sign_in("netnewswire", library)
    routes = {"/quay.rss": (200, {"Content-Type": "application/rss+xml"}, RSS)}
    with serve(routes) as base:
        response = app.send(
            "subscribe", feed_url=base + "/quay.rss", folder="Harbour life", title="Quay"
        )
    assert response.content == b"OK"
    listed = app.send("subscriptions").json()["subscriptions"]
    quay = next(s for s in listed if s["url"] == base + "/quay.rss")
    assert quay["title"] == "Quay" and quay["categories"][0]["label"] == "Harbour life"
    assert "user/-/label/Harbour life" in [t["id"] for t in app.send("tags").json()["tags"]]


def test_a_signed_in_browser_session_is_not_an_api_credential(library):
    browser = Client()
    browser.force_login(library.user)
    assert browser.get("/reader/api/0/subscription/list?output=json").status_code == 401
    assert browser.post("/fever/?api&items").json() == {"api_version": 3, "auth": 0}


def test_item_ids_in_every_form_map_to_the_same_article():
    for form in (
        "tag:google.com,2005:reader/item/00000000000004d2",
        "tag:google.com,2005:reader/item/4d2",
        "00000000000004d2",
        "1234",
    ):
        assert parse_item_id(form) == 1234
    assert parse_item_id("tag:google.com,2005:reader/item/xyz") is None
    assert parse_item_id("not-an-id") is None
    for odd in ("-1", "0x1f", "1_f", "+4d2", "٣"):  # int() reads them; no app writes them
        assert parse_item_id(f"tag:google.com,2005:reader/item/{odd}") is None, odd
        assert parse_item_id(odd) is None, odd


def test_reader_password_command_sets_both_apis_and_keeps_only_hashes(library, capsys):
    assert main(["reader-password", "mara"]) == 0
    password = re.search(r"password: (\S+)", capsys.readouterr().out).group(1)
    assert len(password) >= 16
    stored = list(ReaderKey.objects.filter(user=library.user).values_list("digest", flat=True))
    assert stored and all(password not in d for d in stored)

    app = Recording("netnewswire", login="mara@example.org", password=password)
    assert app.send("login").status_code == 200  # the email works as the login too
    old = Recording("netnewswire", login="mara", password=library.password)
    assert old.send("login").status_code == 401

    api_key = hashlib.md5(f"mara:{password}".encode()).hexdigest()
    fever = Recording("fever_reeder", api_key=api_key)
    assert fever.send("login").json()["auth"] == 1

    assert main(["reader-password", "nobody"]) == 1


def test_sign_in_attempts_are_rate_limited(library):
    app = Recording("netnewswire", login=library.login, password="wrong")
    statuses = [app.send("login").status_code for _ in range(8)]
    assert statuses[:5] == [401] * 5 and statuses[-1] == 429


def test_timestamps_in_the_future_find_nothing(library):
    app = sign_in("netnewswire", library)
    future = library.articles["quarry"].first_seen_at + timedelta(days=30)
    assert ids_of(app.send("all ids", ot=int(future.timestamp()))) == []


def test_forgetting_a_reader_removes_access_subscriptions_and_state(library):
    app = sign_in("netnewswire", library)
    app.send("star", item_params=item_params(library.ids("ferry")))
    assert reader.forget(library.user) == 3  # two subscriptions, one state row
    assert app.send("subscriptions").status_code == 401
    reader.set_password(library.user, library.password)
    again = sign_in("netnewswire", library)
    assert again.send("subscriptions").json()["subscriptions"] == []
    assert ids_of(again.send("starred ids")) == []


def test_numbers_and_addresses_no_app_sends_are_answered_not_crashed_on(library):
    app = sign_in("netnewswire", library)
    auth = {"Authorization": f"GoogleLogin auth={app.values['token']}"}
    huge = "9" * 5000
    base = "/reader/api/0/stream/items/ids?output=json&"
    for query in (
        "n=²&s=" + READING_LIST,  # "²".isdigit() is true; int("²") is not a number
        "c=²&s=" + READING_LIST,
        f"n={huge}&s=" + READING_LIST,
        f"c={huge}&s=" + READING_LIST,
        "ot=inf&s=" + READING_LIST,
        "ot=nan&s=" + READING_LIST,
        "ot=1e300&s=" + READING_LIST,
        "s=feed/²",
        "s=feed/99999999999999999999",  # beyond a 64-bit id
    ):
        response = app.client.get(base + query, headers=auth)
        assert response.status_code == 200, query
    too_big = app.client.get(
        "/reader/api/0/stream/contents/feed/99999999999999999999", headers=auth
    )
    assert too_big.status_code == 200 and too_big.json()["items"] == []
    for items in ("i=99999999999999999999", "i=tag:google.com,2005:reader/item/" + "f" * 40):
        assert app.send("mark read", item_params=items).status_code == 400, items
        assert app.send("contents", item_params=items).status_code in (200, 400), items
    for ts in ("999999999999999", "²", huge):
        response = app.client.post(
            "/reader/api/0/mark-all-as-read",
            f"T={app.values['token']}&s={READING_LIST}&ts={ts}",
            content_type="application/x-www-form-urlencoded",
            headers=auth,
        )
        assert response.status_code == 200, ts
    assert app.send("unsubscribe", feed="feed/99999999999999999999").status_code == 400
    assert app.send("rename", feed="feed/²", title="x").status_code == 400
    refused = app.send("quickadd", feed_url="http://[::1/")
    assert refused.status_code == 200 and refused.json()["numResults"] == 0
    bad = app.send("subscribe", feed_url="http://[::1/", folder="News", title="x")
    assert bad.status_code == 400 and "not a valid URL" in bad.content.decode()


def test_a_login_longer_than_any_email_is_bad_authentication(library):
    app = Recording("netnewswire", login="a" * 60_000, password="b")
    response = app.send("login")
    assert response.status_code == 401
    assert response.content.decode().strip() == "Error=BadAuthentication"
