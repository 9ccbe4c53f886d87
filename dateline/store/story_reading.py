"""The data behind story and topic pages, and the story parts of other pages: plain dicts.

A story page answers: what happened (headline and lead from the most central original report),
who reported it first, how many outlets reported it themselves and how many only reprinted
someone else's text, and in what order the coverage came.
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime

from django.db.models import Count, F

from dateline.store.cards import card, iso, light
from dateline.store.models import Article, Entity, Mention, Story, StoryMember

TIMELINE_SIZE = 200
RELATED_STORIES = 6
TOPIC_ENTITIES = 8  # a story's most named entities, used to find related stories


def story_card(story: Story, reason: str | None = None) -> dict:
    return {
        "id": story.pk,
        "title": story.title,
        "lead": story.lead,
        "url": story.get_absolute_url(),
        "first_seen": iso(story.first_seen_at),
        "last_seen": iso(story.last_seen_at),
        "independent_reports": story.independent_reports,
        "reprints": story.reprints,
        "publishers": story.publishers,
        "reason": reason or coverage_reason(story),
    }


def coverage_reason(story: Story) -> str:
    outlets = f"{story.publishers} outlet{'s' if story.publishers != 1 else ''}"
    reprints = f", {story.reprints} reprint{'s' if story.reprints != 1 else ''}"
    return f"same story, reported by {outlets}" + (reprints if story.reprints else "")


def live_story(story: Story) -> Story:
    """Follow merges: a retired story's address leads to the story that absorbed it."""
    seen = {story.pk}
    while story.merged_into_id and story.merged_into_id not in seen:
        seen.add(story.merged_into_id)
        story = Story.objects.get(pk=story.merged_into_id)
    return story


def story_page(story: Story) -> dict:
    members = list(
        Article.objects.filter(story_member__story=story)
        .select_related("publisher", "original__publisher", "story_member")
        .order_by("first_seen_at", "id")[:TIMELINE_SIZE]
    )
    originals = [a for a in members if a.original_id is None]
    first = min(originals or members, key=_first_key, default=None)
    return {
        "story": story_card(story),
        "headline": _headline(story, members),
        "first_report": card(first, _first_reason(first, originals)) if first else None,
        "timeline": [_timeline_entry(a) for a in members],
        "timeline_truncated": story.size > len(members),
        "sources": _sources(members),
        "related_stories": related_stories(story),
        "events": [
            {"kind": e.kind, "other": e.other_id, "at": iso(e.at), "detail": e.detail}
            for e in story.events.order_by("at")
        ],
        "feeds": {
            "rss": story.get_absolute_url() + "/feed.xml",
            "atom": story.get_absolute_url() + "/feed.atom",
            "json": story.get_absolute_url() + "/feed.json",
        },
    }


def _first_key(article: Article) -> tuple[datetime, datetime, int]:
    # First seen decides; a publisher's own earlier claim only breaks our ties.
    return (article.first_seen_at, article.claimed_date or article.first_seen_at, article.pk)


def _first_reason(first: Article, originals: list[Article]) -> str:
    if len(originals) <= 1:
        return "the only original report so far"
    return f"first of {len(originals)} original reports, first seen {iso(first.first_seen_at)}"


def _headline(story: Story, members: list[Article]) -> dict | None:
    chosen = next((a for a in members if a.pk == story.headline_article_id), None)
    if chosen is None:
        return None
    return card(chosen, "the report closest to what all the coverage says")


def _timeline_entry(article: Article) -> dict:
    member = article.story_member
    if article.original_id:
        original = article.original
        why = f"reprint of {original.publisher.name}'s report" if original else "reprint"
        kind = "reprint"
    else:
        why, kind = "own report", "report"
    return {
        **card(article, why),
        "kind": kind,
        "first_seen": iso(article.first_seen_at),
        "joined_because": member.reason,
    }


def _sources(members: list[Article]) -> list[dict]:
    reports: Counter[int] = Counter()
    reprints: Counter[int] = Counter()
    publishers = {}
    for article in members:
        publishers[article.publisher_id] = article.publisher
        (reprints if article.original_id else reports)[article.publisher_id] += 1
    rows = [
        {
            "name": p.name,
            "url": p.get_absolute_url(),
            "reports": reports[pk],
            "reprints": reprints[pk],
        }
        for pk, p in publishers.items()
    ]
    return sorted(rows, key=lambda r: (-r["reports"], -r["reprints"], r["name"]))


def story_entities(story: Story, limit: int = TOPIC_ENTITIES) -> list[Entity]:
    ids = (
        Mention.objects.filter(article__story_member__story=story)
        .values("entity")
        .annotate(n=Count("article", distinct=True))
        .order_by("-n", "entity")[:limit]
    )
    by_id = Entity.objects.in_bulk([row["entity"] for row in ids])
    return [by_id[row["entity"]] for row in ids if row["entity"] in by_id]


def related_stories(story: Story, limit: int = RELATED_STORIES) -> list[dict]:
    """Other live stories naming the same people, places and organisations, most shared first."""
    entities = story_entities(story)
    if not entities:
        return []
    shared = (
        StoryMember.objects.filter(article__mentions__entity__in=entities)
        .exclude(story=story)
        .filter(story__merged_into__isnull=True)
        .values("story")
        .annotate(n=Count("article__mentions__entity", distinct=True))
        .filter(n__gte=2)
        .order_by("-n", "-story__last_seen_at")[:limit]
    )
    counts = {row["story"]: row["n"] for row in shared}
    stories = Story.objects.in_bulk(list(counts))
    names = ", ".join(e.name for e in entities[:3])
    return [
        story_card(stories[pk], f"names {counts[pk]} of the same people and places ({names}…)")
        for pk in counts
        if pk in stories
    ]


def story_of(article: Article) -> Story | None:
    member = StoryMember.objects.filter(article=article).select_related("story").first()
    return live_story(member.story) if member else None


def same_story(article: Article, limit: int = 6) -> list[dict]:
    """Related, first part: other outlets' own reports of this story, then reprints of those
    reports (copies of this very text are not related reading: the page lists them apart)."""
    story = story_of(article)
    if story is None:
        return []
    same_text = article.original_id or article.pk  # its copies are listed as reprints instead
    others = (
        Article.objects.filter(story_member__story=story)
        .exclude(pk__in=[article.pk, same_text])
        .exclude(original_id=same_text)
        .exclude(publisher=article.publisher_id)
        .select_related("publisher", "original__publisher")
        .order_by(F("original").asc(nulls_first=True), "first_seen_at", "id")
    )
    others = light(others, "original")[:limit]
    return [
        card(
            a,
            f"same story: {a.publisher.name}'s own report"
            if a.original_id is None
            else f"same story: reprint of {a.original.publisher.name}'s report",
        )
        for a in others
    ]


def topic_page(entity: Entity, limit: int = 20) -> dict:
    articles = (
        Article.objects.filter(mentions__entity=entity, original__isnull=True)
        .select_related("publisher")
        .order_by("-first_seen_at", "-id")[:limit]
    )
    story_ids = (
        StoryMember.objects.filter(article__mentions__entity=entity)
        .filter(story__merged_into__isnull=True)
        .values("story")
        .annotate(n=Count("article", distinct=True))
        .order_by("-n")[:limit]
    )
    stories = Story.objects.in_bulk([row["story"] for row in story_ids])
    along = (
        Mention.objects.filter(article__mentions__entity=entity)
        .exclude(entity=entity)
        .values("entity__name", "entity__slug", "entity__kind")
        .annotate(n=Count("article", distinct=True))
        .order_by("-n")[:10]
    )
    return {
        "topic": {
            "name": entity.name,
            "kind": entity.kind,
            "slug": entity.slug,
            "url": topic_url(entity),
            "articles": Mention.objects.filter(entity=entity).count(),
        },
        "stories": [
            story_card(stories[row["story"]], f"{row['n']} of its reports name {entity.name}")
            for row in story_ids
            if row["story"] in stories
        ],
        "articles": [card(a, f"names {entity.name}") for a in articles],
        "named_alongside": [
            {
                "name": row["entity__name"],
                "kind": row["entity__kind"],
                "url": f"/topics/{row['entity__slug']}",
                "reason": f"named together in {row['n']} articles",
            }
            for row in along
        ],
    }


def topic_url(entity: Entity) -> str:
    return f"/topics/{entity.slug}"


def story_feed_articles(story: Story, limit: int = 30):
    return (
        Article.objects.filter(story_member__story=story)
        .select_related("publisher", "original")
        .order_by("-first_seen_at", "-id")[:limit]
    )
