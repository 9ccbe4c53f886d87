"""Story and topic pages, story feeds, and Related led by the story, over a real store."""

from __future__ import annotations

from datetime import timedelta

import pytest

from dateline.gather.feeds import parse_feed
from dateline.store.models import Entity, Story, StoryEvent
from tests.store.story_texts import BRIDGE, SHOOTING, T0, store_report


@pytest.fixture
def shooting_story(transactional_db):
    first = store_report(*SHOOTING[0], T0)
    second = store_report(*SHOOTING[1], T0 + timedelta(hours=3))
    title, _, place, paragraphs = SHOOTING[0]
    copy = store_report(
        "Shooting news: " + title, "Content Farm Daily", place, paragraphs, T0 + timedelta(days=2)
    )
    store_report(*BRIDGE, T0 + timedelta(hours=4))
    return first.story_member.story, first, second, copy


def test_story_page_shows_first_report_counts_timeline_and_sources(client, shooting_story):
    story, first, second, copy = shooting_story
    html = client.get(story.get_absolute_url()).content.decode()
    assert story.title in html
    assert "Reported first by" in html and first.publisher.name in html
    assert "2 own reports, 1 reprint" in html
    # Timeline in order of arrival, the reprint labelled as such.
    assert html.index(first.title) < html.index(second.title) < html.index(copy.title)
    assert f"reprint of {first.publisher.name}" in html
    assert "Content Farm Daily" in html  # in the sources table


def test_story_json_is_the_page_data(client, shooting_story):
    story, first, _, copy = shooting_story
    data = client.get(story.get_absolute_url() + ".json").json()
    assert data["story"]["independent_reports"] == 2
    assert data["story"]["reprints"] == 1
    assert data["first_report"]["key"] == first.key
    assert data["headline"]["key"] != copy.key  # never headed by a copy
    assert [e["kind"] for e in data["timeline"]] == ["report", "report", "reprint"]
    assert {s["name"]: (s["reports"], s["reprints"]) for s in data["sources"]}[
        "Content Farm Daily"
    ] == (0, 1)


@pytest.mark.parametrize("suffix", ["feed.xml", "feed.atom", "feed.json"])
def test_story_feeds_list_its_articles(client, shooting_story, suffix):
    story, first, second, copy = shooting_story
    response = client.get(f"{story.get_absolute_url()}/{suffix}")
    assert response.status_code == 200
    parsed = parse_feed(response.content)  # feedparser for RSS/Atom, ours for JSON Feed
    assert parsed.title.startswith("Dateline story: ")
    titles = {entry.title for entry in parsed.entries}
    assert titles == {first.title, second.title, copy.title}


def test_a_merged_story_address_leads_to_the_story_that_absorbed_it(client, shooting_story):
    story, *_ = shooting_story
    retired = Story.objects.create(
        title="old", first_seen_at=T0, last_seen_at=T0, merged_into=story
    )
    StoryEvent.objects.create(story=story, kind="merged", other=retired, detail="same incident")
    response = client.get(retired.get_absolute_url())
    assert response.status_code == 301
    assert response["Location"] == story.get_absolute_url()
    assert "same incident" in client.get(story.get_absolute_url()).content.decode()


def test_topic_page_lists_stories_and_articles_naming_it(client, shooting_story):
    story, first, *_ = shooting_story
    person = Entity.objects.get(kind="person", name="Kevin Barbee")
    data = client.get(f"/topics/{person.slug}.json").json()
    assert data["topic"]["name"] == "Kevin Barbee"
    assert [s["id"] for s in data["stories"]] == [story.pk]
    assert first.key in {a["key"] for a in data["articles"]}
    assert client.get(f"/topics/{person.slug}").status_code == 200


def test_related_starts_with_other_outlets_reports_of_the_story(client, shooting_story):
    _, first, second, _ = shooting_story
    data = client.get(first.get_absolute_url() + ".json").json()
    related = data["related"]
    assert related[0]["key"] == second.key
    assert related[0]["reason"] == f"same story: {second.publisher.name}'s own report"
    bridge_title = BRIDGE[0]
    assert bridge_title not in {item["title"] for item in related}


def test_a_topic_can_be_followed_from_its_page(client, shooting_story):
    person = Entity.objects.get(kind="person", name="Kevin Barbee")
    page = client.get(f"/topics/{person.slug}").content.decode()
    assert f'action="/topics/{person.slug}/follow"' in page
    client.post(f"/topics/{person.slug}/follow", {"next": f"/topics/{person.slug}"})
    page = client.get(f"/topics/{person.slug}").content.decode()
    assert f'action="/topics/{person.slug}/unfollow"' in page and "Following" in page
