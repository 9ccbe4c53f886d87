"""Stories in the store: articles arriving through ingest join stories, with reasons and counts."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from dateline.store import stories
from dateline.store.ingest import store_article
from dateline.store.models import Article, Entity, Mention, Story, StoryMember
from dateline.understand.article import Article as Extracted

T0 = datetime(2016, 3, 14, 9, 0, tzinfo=UTC)

SHOOTING = [
    (
        "Man shot outside Rocky Mount church, police say",
        "Rocky Mount Telegram",
        "ROCKY MOUNT, N.C.",
        [
            "A 34-year-old man was shot outside Word Tabernacle Church on Sunday night, Rocky "
            "Mount police said.",
            "Kevin Barbee was taken to Nash General Hospital with wounds that were not life "
            "threatening, according to Sgt. Anne Whitley of the Rocky Mount Police Department.",
            "Police are looking for a dark sedan seen leaving the church parking lot on "
            "Sunset Avenue shortly after 9 p.m.",
        ],
    ),
    (
        "Police seek sedan after Rocky Mount church shooting",
        "WRAL",
        None,
        [
            "Rocky Mount police are searching for the driver of a dark sedan after Kevin Barbee, "
            "34, was shot in the parking lot of Word Tabernacle Church on Sunset Avenue.",
            "Barbee was treated at Nash General Hospital. Sgt. Anne Whitley said officers "
            "were called to the church at about 9 p.m. Sunday.",
            "Anyone with information is asked to call the Rocky Mount Police Department.",
        ],
    ),
]
BRIDGE = (
    "Portland harbour bridge reopens after eight months of repairs",
    "Oregon Daily",
    "PORTLAND, Ore.",
    [
        "The Morrison Bridge reopened to traffic on Monday after eight months of deck repairs, "
        "the Multnomah County transportation office said.",
        "Commuters had used the Hawthorne Bridge while crews replaced the steel grating and "
        "repainted the towers, at a cost of 14 million dollars.",
        "County engineer Lisa Tran said the work should last another forty years.",
    ],
)


def _store(title, site, place, paragraphs, seen_at, credit=None):
    article = Extracted(
        title=title, paragraphs=paragraphs, site_name=site, dateline_place=place, credit=credit
    )
    result = store_article(article, origin=f"test:{site}:{title}", seen_at=seen_at)
    assert result.status == "imported", result.reason
    stored = Article.objects.get(key=result.key)
    if not StoryMember.objects.filter(article=stored).exists():
        stories.assign_story(stored)  # until ingest calls it itself
    return stored


@pytest.fixture(autouse=True)
def _fresh_clusterer():
    stories.reset_clusterer()
    yield
    stories.reset_clusterer()


@pytest.mark.django_db(transaction=True)
def test_same_event_joins_and_other_event_starts_its_own_story() -> None:
    first = _store(*SHOOTING[0], T0)
    second = _store(*SHOOTING[1], T0 + timedelta(hours=3))
    bridge = _store(*BRIDGE, T0 + timedelta(hours=4))

    story = first.story_member.story
    assert second.story_member.story == story
    assert bridge.story_member.story != story
    assert "new story" in first.story_member.reason
    assert second.story_member.reason and "new story" not in second.story_member.reason
    story.refresh_from_db()
    assert (story.size, story.independent_reports, story.reprints, story.publishers) == (
        2, 2, 0, 2,
    )  # fmt: skip
    assert story.title in {SHOOTING[0][0], SHOOTING[1][0]}
    assert story.first_seen_at == T0


@pytest.mark.django_db(transaction=True)
def test_a_copy_joins_its_originals_story_and_never_heads_it() -> None:
    original = _store(*SHOOTING[0], T0)
    title, _, place, paragraphs = SHOOTING[0]
    copy = _store(
        "Shooting news: " + title, "Content Farm Daily", place, paragraphs, T0 + timedelta(days=2)
    )

    assert copy.original_id == original.pk
    assert copy.story_member.story == original.story_member.story
    assert copy.story_member.reason.startswith("copy of")
    story = Story.objects.get(pk=original.story_member.story_id)
    assert (story.size, story.independent_reports, story.reprints) == (2, 1, 1)
    assert story.headline_article_id == original.pk


@pytest.mark.django_db(transaction=True)
def test_a_second_process_sees_stories_the_first_made() -> None:
    first = _store(*SHOOTING[0], T0)
    stories.reset_clusterer()  # as if the next article arrived in another worker
    second = _store(*SHOOTING[1], T0 + timedelta(hours=3))
    assert second.story_member.story_id == first.story_member.story_id


@pytest.mark.django_db(transaction=True)
def test_names_are_kept_as_entities_for_topic_pages() -> None:
    first = _store(*SHOOTING[0], T0)
    named = set(Mention.objects.filter(article=first).values_list("entity__kind", "entity__name"))
    assert ("person", "Kevin Barbee") in named
    assert any(kind == "place" and "Rocky Mount" in name for kind, name in named)
    assert Entity.objects.filter(kind="org").exists()
