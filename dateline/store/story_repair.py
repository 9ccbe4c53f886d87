"""The periodic repair pass over the store: the group stage decides, this module records.

`group.repair` looks again at recently touched stories and returns merge/split events: the same
pass, with the same settings, that `group.evaluate.Replay` runs every hour of a replayed stream,
so the benchmark measures what runs here. Here they are applied in one transaction, and each is
written as a `StoryEvent` on both stories, so a merged story's address redirects to the survivor
(see `story_reading.live_story`) and a split-off part gets an address of its own: no story URL
silently starts to mean something else.
"""

from __future__ import annotations

import json
import time
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from dateline.group import repair as group_repair
from dateline.group.active import ActiveStories
from dateline.group.cluster import Settings
from dateline.group.state import StoryState
from dateline.store.models import Story, StoryEvent, StoryMember
from dateline.store.stories import (
    ACTIVE_CAPACITY,
    ACTIVE_HORIZON_DAYS,
    refresh_story,
    reset_clusterer,
    story_pk,
)


def repair_stories(hours: float = 24.0) -> list[group_repair.StoryEvent]:
    """Merge and split among stories touched in the last `hours` (of the store's own time)."""
    with transaction.atomic():
        index, newest = _load_active()
        if newest is None:
            return []
        since = newest - hours * 3600
        events = group_repair.repair(index, Settings(), since, time.time(), _new_story_id)
        for event in events:
            _apply(event, index)
    reset_clusterer()  # this process; others see the changes through Story.updated_at
    return events


def _load_active() -> tuple[ActiveStories, float | None]:
    live = Story.objects.filter(size__gt=0, merged_into__isnull=True)
    newest = live.order_by("-last_seen_at").values_list("last_seen_at", flat=True).first()
    index = ActiveStories(capacity=ACTIVE_CAPACITY, horizon=ACTIVE_HORIZON_DAYS * 86400.0)
    if newest is None:
        return index, None
    since = newest - timedelta(days=ACTIVE_HORIZON_DAYS)
    # The newest stories (those the pass is for), put in the index oldest first as they arrived.
    recent = live.filter(last_seen_at__gte=since).order_by("-last_seen_at")[:ACTIVE_CAPACITY]
    stories = list(recent)[::-1]
    members: dict[int, list[str]] = {}
    for story_id, article_id in StoryMember.objects.filter(story__in=stories).values_list(
        "story_id", "article_id"
    ):
        members.setdefault(story_id, []).append(str(article_id))
    for story in stories:
        index.save(StoryState.from_json(json.dumps(story.state)), members.get(story.pk, []))
    return index, newest.timestamp()


def _new_story_id() -> str:
    now = timezone.now()
    return f"s{Story.objects.create(title='', first_seen_at=now, last_seen_at=now).pk}"


def _apply(event: group_repair.StoryEvent, index: ActiveStories) -> None:
    story = Story.objects.get(pk=story_pk(event.story_id))
    other = Story.objects.get(pk=story_pk(event.other_id))
    if event.kind == "merge":
        StoryMember.objects.filter(story=story).update(story=other)
        story.merged_into = other
        story.save(update_fields=["merged_into", "updated_at"])
        StoryEvent.objects.create(story=other, kind="merged", other=story, detail=event.reason)
        StoryEvent.objects.create(story=story, kind="merged into", other=other, detail=event.reason)
    else:
        moved = [int(doc_id) for doc_id in event.doc_ids]
        StoryMember.objects.filter(story=story, article_id__in=moved).update(story=other)
        StoryEvent.objects.create(story=story, kind="split", other=other, detail=event.reason)
        StoryEvent.objects.create(story=other, kind="split from", other=story, detail=event.reason)
    for changed in (story, other):
        state = index.get(f"s{changed.pk}")
        if state is not None:
            changed.state = json.loads(state.to_json())
        if changed.merged_into_id is None:
            refresh_story(changed)
