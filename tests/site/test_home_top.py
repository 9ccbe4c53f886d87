"""The home page's top list and the "latest" view, over real rows."""

from __future__ import annotations

from datetime import timedelta

from django.test import Client
from django.utils import timezone

from dateline.store.engagement import add_reaction, record_read
from tests.site.people import article, story


def top(client: Client | None = None) -> list[dict]:
    return (client or Client()).get("/index.json").json()["top"]


def test_a_story_shows_once_and_says_how_many_outlets_report_it(db):
    now = timezone.now()
    reports = [
        article(f"Bridge closed after storm ({name})", name, now - timedelta(minutes=30 + i))
        for i, name in enumerate(["North Star", "Valley News", "Coast Daily"])
    ]
    reprint = article("Bridge closed after storm", "Copy Shop", now, original=reports[0])
    story("Bridge closed after storm", [*reports, reprint])
    lone = article("Library opens late on Thursdays", "Valley News", now - timedelta(hours=3))
    items = top()
    bridge = [i for i in items if i["title"].startswith("Bridge closed")]
    assert len(bridge) == 1  # one line for the story: no story floods the page
    assert bridge[0]["reason"].startswith("same story, reported by 3 outlets")  # not 4: a copy
    assert items[0] is not None and items[0]["title"].startswith("Bridge closed")
    assert lone.title in [i["title"] for i in items]


def test_reads_of_a_reprint_lift_its_original(db):
    now = timezone.now()
    week_ago = now - timedelta(days=7)  # too old for coverage to count
    original = article("Mayor resigns", "City Paper", week_ago)
    reprint = article("Mayor resigns", "Aggregator", week_ago, original=original)
    rival = article("Zoo welcomes twin pandas", "Zoo Gazette", week_ago)
    for visitor in ("reader-one-aaaaaaaa", "reader-two-bbbbbbbb"):
        record_read(reprint, visitor)
    add_reaction(reprint, "reader-one-aaaaaaaa")
    record_read(rival, "reader-three-cccccccc")
    record_read(rival, "reader-four-dddddddd")
    items = top()
    titles = [i["title"] for i in items]
    assert titles[:2] == [original.title, rival.title]
    assert [i["publisher"]["name"] for i in items[:1]] == ["City Paper"]  # never the copy
    assert titles.count("Mayor resigns") == 1
    assert items[0]["reason"] == "2 reads, 1 reactions across its reports and copies"


def test_no_publisher_fills_the_top_list(db):
    now = timezone.now()
    busy = [
        article(f"Busy outlet story {i}", "Busy Wire", now - timedelta(minutes=i)) for i in range(6)
    ]
    quiet = article("Quiet outlet story", "Quiet Post", now - timedelta(hours=5))
    items = top()
    publishers = [i["publisher"]["name"] for i in items]
    assert publishers.count("Busy Wire") == 2
    assert quiet.title in [i["title"] for i in items]
    assert {i["title"] for i in items[:2]} <= {a.title for a in busy}


def test_latest_lists_originals_newest_first_with_their_reprints(db):
    now = timezone.now()
    older = article("Older report", "North Star", now - timedelta(hours=2))
    newer = article("Newer report", "Valley News", now - timedelta(hours=1))
    article("Older report", "Copy Shop", now, original=older)
    data = Client().get("/latest.json").json()
    assert [i["title"] for i in data["latest"]] == [newer.title, older.title]
    assert data["latest"][1]["reason"] == "also reprinted 1 time"
    html = Client().get("/latest").content.decode()
    assert "<h1>Latest</h1>" in html and newer.title in html


def test_every_top_item_says_why_it_is_there(db):
    now = timezone.now()
    article("Quiet morning", "North Star", now - timedelta(hours=1))
    items = top()
    assert items and all(i["reason"] for i in items)
    assert items[0]["reason"] == "newly reported, not read yet"
