"""The repair pass's decisions are recorded in the store: members move, addresses lead on."""

from __future__ import annotations

from datetime import timedelta

import pytest

from dateline.group import repair as group_repair
from dateline.store import story_repair
from dateline.store.models import Story, StoryEvent, StoryMember
from tests.store.story_texts import BRIDGE, SHOOTING, T0, store_report


@pytest.fixture
def two_stories(transactional_db):
    shooting = store_report(*SHOOTING[0], T0)
    bridge = store_report(*BRIDGE, T0 + timedelta(hours=1))
    return shooting.story_member.story, bridge.story_member.story, bridge


def test_a_merge_moves_members_retires_the_story_and_records_both_sides(
    client, two_stories, monkeypatch
):
    survivor, merged, moved_article = two_stories

    def decide(index, settings, since, now, new_id):
        assert {s.id for s in index.active()} == {f"s{survivor.pk}", f"s{merged.pk}"}
        assert index.members(f"s{merged.pk}") == [str(moved_article.pk)]
        return [group_repair.StoryEvent("merge", f"s{merged.pk}", f"s{survivor.pk}", now, "test")]

    monkeypatch.setattr(group_repair, "repair", decide)
    events = story_repair.repair_stories(hours=48)

    assert [e.kind for e in events] == ["merge"]
    assert StoryMember.objects.get(article=moved_article).story_id == survivor.pk
    merged.refresh_from_db()
    survivor.refresh_from_db()
    assert merged.merged_into_id == survivor.pk
    assert survivor.size == 2
    assert set(StoryEvent.objects.values_list("story_id", "kind")) == {
        (survivor.pk, "merged"),
        (merged.pk, "merged into"),
    }
    response = client.get(merged.get_absolute_url())
    assert response.status_code == 301 and response["Location"] == survivor.get_absolute_url()


def test_a_split_gives_the_leaving_articles_a_new_story(two_stories, monkeypatch):
    survivor, _, moved_article = two_stories
    StoryMember.objects.filter(article=moved_article).update(story=survivor)

    def decide(index, settings, since, now, new_id):
        new = new_id()
        return [
            group_repair.StoryEvent(
                "split", f"s{survivor.pk}", new, now, "not linked", (str(moved_article.pk),)
            )
        ]

    monkeypatch.setattr(group_repair, "repair", decide)
    (event,) = story_repair.repair_stories(hours=48)

    new_story = Story.objects.get(pk=int(event.other_id[1:]))
    assert StoryMember.objects.get(article=moved_article).story_id == new_story.pk
    assert new_story.title == BRIDGE[0]
    assert StoryEvent.objects.filter(story=survivor, kind="split", other=new_story).exists()


def test_repair_over_an_empty_store_changes_nothing(transactional_db):
    assert story_repair.repair_stories() == []


def test_a_full_index_holds_the_newest_stories_the_pass_is_for(two_stories, monkeypatch):
    _, newer, _ = two_stories
    monkeypatch.setattr(story_repair, "ACTIVE_CAPACITY", 1)
    seen = []

    def decide(index, settings, since, now, new_id):
        seen.extend(s.id for s in index.active())
        return []

    monkeypatch.setattr(group_repair, "repair", decide)
    story_repair.repair_stories(hours=48)
    assert seen == [f"s{newer.pk}"]  # not the oldest story in the horizon
