"""Stories in the store: articles arriving through ingest join stories, with reasons and counts."""

from __future__ import annotations

from datetime import timedelta

import pytest

from dateline.store import stories
from dateline.store.models import Entity, Mention, Story, TermStat
from tests.store.story_texts import BRIDGE, SHOOTING, T0, store_report


@pytest.mark.django_db(transaction=True)
def test_same_event_joins_and_other_event_starts_its_own_story() -> None:
    first = store_report(*SHOOTING[0], T0)
    second = store_report(*SHOOTING[1], T0 + timedelta(hours=3))
    bridge = store_report(*BRIDGE, T0 + timedelta(hours=4))

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
    original = store_report(*SHOOTING[0], T0)
    title, _, place, paragraphs = SHOOTING[0]
    copy = store_report(
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
    first = store_report(*SHOOTING[0], T0)
    stories.reset_clusterer()  # as if the next article arrived in another worker
    second = store_report(*SHOOTING[1], T0 + timedelta(hours=3))
    assert second.story_member.story_id == first.story_member.story_id


@pytest.mark.django_db(transaction=True)
def test_names_are_kept_as_entities_for_topic_pages() -> None:
    first = store_report(*SHOOTING[0], T0)
    named = set(Mention.objects.filter(article=first).values_list("entity__kind", "entity__name"))
    assert ("person", "Kevin Barbee") in named
    assert any(kind == "place" and "Rocky Mount" in name for kind, name in named)
    assert Entity.objects.filter(kind="org").exists()


@pytest.mark.django_db(transaction=True)
def test_a_story_deleted_behind_the_cache_is_not_joined_and_nothing_fails() -> None:
    first = store_report(*SHOOTING[0], T0)
    Story.objects.filter(pk=first.story_member.story_id).delete()  # by hand, in the admin
    second = store_report(*SHOOTING[1], T0 + timedelta(hours=3))
    assert Story.objects.filter(pk=second.story_member.story_id).exists()
    assert "new story" in second.story_member.reason


@pytest.mark.django_db(transaction=True)
def test_a_sites_house_names_are_counted_in_the_store_for_every_worker() -> None:
    """Per-publisher name counts live in TermStat with the other keys: a new worker (or the
    evaluation in memory) knows a site's byline as well as the one that counted it."""
    from dateline.group.house import publisher_key
    from dateline.store.models import TermStat

    title, site, place, paragraphs = SHOOTING[0]
    first = store_report(title, site, place, paragraphs, T0)
    stories.reset_clusterer()  # the next article arrives in another worker
    bridge_title, _, bridge_place, bridge_paragraphs = BRIDGE
    extra = "Sgt. Anne Whitley of the Rocky Mount Police Department directed traffic."
    store_report(bridge_title, site, bridge_place, [*bridge_paragraphs, extra], T0 + timedelta(1))
    store_report(*SHOOTING[1][:3], SHOOTING[1][3], T0 + timedelta(2))  # another site: not counted
    key = f"{stories.PREFIX}@{publisher_key(first.publisher.slug)}|p:anne whitley"
    assert TermStat.objects.get(term=key[:64]).df == 2


@pytest.mark.django_db(transaction=True)
def test_a_sites_boilerplate_lines_are_remembered_after_a_restart() -> None:
    """The lines a site prints on every page are counted in TermStat, in the article's own
    transaction: after a restart (or in another worker) the line is still known and ignored."""
    from dateline.group import boilerplate

    site = "Rocky Mount Telegram"
    pitch = "Get the Zephyrquill newsletter: every Zephyrquill morning in your inbox."
    bridge_title, _, bridge_place, bridge_paragraphs = BRIDGE
    first = store_report(bridge_title, site, bridge_place, [*bridge_paragraphs, pitch], T0)
    title, _, place, paragraphs = SHOOTING[0]
    store_report(title, site, place, [*paragraphs, pitch], T0 + timedelta(days=1))
    # Seen once before, the pitch was still the article's own text: its word is in the story.
    assert "zephyrquill" in first.story_member.story.state["centroid"]

    stories.reset_clusterer()  # a restart: nothing learnt is left in the process
    council = [
        "The Nash County school board voted 5-2 on Tuesday to build a new middle school.",
        "Board chair Maria Delgado said construction would begin next spring.",
    ]
    third = store_report(
        "School board approves new middle school", site, None, [*council, pitch], T0 + timedelta(2)
    )
    story = third.story_member.story
    assert "new story" in third.story_member.reason
    assert "board" in story.state["centroid"]
    assert "zephyrquill" not in story.state["centroid"]  # the pitch is the site's, not news
    line = boilerplate.key(third.publisher.slug, pitch)
    assert TermStat.objects.get(term=(stories.PREFIX + line)[:64]).df == 3


@pytest.mark.django_db(transaction=True)
def test_names_only_a_sites_footer_gives_stay_off_its_topic_pages() -> None:
    """The names come from the whole text, but a footer the site prints on every page names
    its station and its desk, not what the story is about."""
    site = "Rocky Mount Telegram"
    footer = "Copyright Zephyrquill Broadcasting Company. Contact Jane Harrowgate at the desk."
    bridge_title, _, bridge_place, bridge_paragraphs = BRIDGE
    store_report(bridge_title, site, bridge_place, [*bridge_paragraphs, footer], T0)
    title, _, place, paragraphs = SHOOTING[0]
    store_report(title, site, place, [*paragraphs, footer], T0 + timedelta(days=1))
    council = [
        "The Nash County school board voted 5-2 on Tuesday to build a new middle school.",
        "Board chair Maria Delgado said construction would begin next spring.",
    ]
    third = store_report(
        "School board approves new middle school", site, None, [*council, footer], T0 + timedelta(2)
    )
    named = set(Mention.objects.filter(article=third).values_list("entity__name", flat=True))
    assert "Maria Delgado" in named
    assert not named & {"Jane Harrowgate", "Zephyrquill Broadcasting Company"}
