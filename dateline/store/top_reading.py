"""The home page's top list: load the signals from the database, rank with `serve.top`.

A bounded pool (the most engaged articles and the newest originals) is read with a handful of
queries, whatever the store's size; story coverage comes from plain queries over StoryMember.
"""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, F, Min, QuerySet
from django.db.models.functions import Coalesce
from django.utils import timezone

from dateline.serve.top import Coverage, Entry, Item, diversify, rank
from dateline.store.cards import card, light
from dateline.store.models import Article, StoryMember

POOL = 200  # candidates read from each end (most engaged, newest): enough for 8-20 lines
TOP_SIZE = 12
TTL = 30  # seconds: signals move over minutes and hours, and every home page view needs it
_FIELDS = (
    "pk",
    "publisher_id",
    "first_seen_at",
    "heat",
    "original_id",
    "story_member__story_id",
    "reads",
    "reactions",
)


def top_stories(limit: int = TOP_SIZE) -> list[dict]:
    """The top list, the same for every reader: computed at most every `TTL` seconds."""
    return cache.get_or_set(f"dl:top:{limit}", lambda: compute_top_stories(limit), TTL)


def compute_top_stories(limit: int = TOP_SIZE) -> list[dict]:
    """Stories and lone articles by reports an hour and decayed engagement, diverse, explained."""
    rows = {row[0]: row for row in _pool()}
    missing = {row[4] for row in rows.values() if row[4] and row[4] not in rows}
    if missing:  # reprints whose original is outside the pool: their engagement is its
        rows.update(
            {row[0]: row for row in Article.objects.filter(pk__in=missing).values_list(*_FIELDS)}
        )
    entries = [
        Entry(pk, pub, seen, heat, orig, story)
        for pk, pub, seen, heat, orig, story, *_ in rows.values()
    ]
    coverage = _coverage({e.story_id for e in entries if e.story_id is not None})
    now = timezone.now()
    ranked = rank(entries, coverage, now, settings.CONFIG["ranking_half_life_hours"])
    picked = diversify(ranked, limit)
    articles = light(Article.objects.select_related("publisher")).in_bulk(
        [i.article_id for i in picked]
    )
    counters = {pk: (row[6], row[7]) for pk, row in rows.items()}
    return [
        card(articles[i.article_id], _reason(i, counters))
        for i in picked
        if i.article_id in articles
    ]


def newest_originals() -> QuerySet[Article]:
    """Originals by first-seen time, newest first, walking the first-seen index.

    "original_id IS NULL" is written so that it cannot use the original_id index: SQLite would
    otherwise pick that index (nearly every article is an original) and then sort all of them.
    """
    return (
        Article.objects.alias(copy_of=Coalesce("original_id", 0))
        .filter(copy_of=0)
        .order_by("-first_seen_at", "-id")
    )


def _pool() -> list[tuple]:
    engaged = Article.objects.filter(heat__isnull=False).order_by(F("heat").desc())
    newest = newest_originals()
    return [*engaged.values_list(*_FIELDS)[:POOL], *newest.values_list(*_FIELDS)[:POOL]]


def _coverage(story_ids: set[int]) -> dict[int, Coverage]:
    """Independent reports of each story: its members that are originals, and their outlets."""
    if not story_ids:
        return {}
    rows = (
        StoryMember.objects.filter(story_id__in=story_ids)
        # Not `article__original__isnull`: SQLite would walk the original_id index (nearly
        # every article) instead of the story's members.
        .alias(copy_of=Coalesce("article__original_id", 0))
        .filter(copy_of=0)
        .values("story_id")
        .annotate(
            reports=Count("article_id"),
            outlets=Count("article__publisher_id", distinct=True),
            first=Min("article__first_seen_at"),
        )
    )
    return {r["story_id"]: Coverage(r["reports"], r["outlets"], r["first"]) for r in rows}


def _reason(item: Item, counters: dict[int, tuple[int, int]]) -> str:
    parts = []
    if item.outlets > 1:
        parts.append(f"same story, reported by {item.outlets} outlets")
    reads = sum(counters.get(pk, (0, 0))[0] for pk in item.members)
    reactions = sum(counters.get(pk, (0, 0))[1] for pk in item.members)
    if reads or reactions:
        across = " across its reports and copies" if len(item.members) > 1 else ""
        parts.append(f"{reads} reads, {reactions} reactions{across}")
    if not parts:
        parts.append("newly reported, not read yet")
    return " · ".join(parts)
