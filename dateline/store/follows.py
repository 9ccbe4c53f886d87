"""Following publishers and topics: the writes, and the lists a reader's pages show."""

from __future__ import annotations

from django.db import IntegrityError, transaction

from dateline.serve.related import Pick, interleave
from dateline.store.models import Article, Entity, Follow, Mention, Publisher


def follow_publisher(owner: str, publisher: Publisher) -> bool:
    """Follow; False (and nothing changes) when the owner already follows it."""
    return _follow(owner, publisher=publisher)


def follow_entity(owner: str, entity: Entity) -> bool:
    return _follow(owner, entity=entity)


def unfollow_publisher(owner: str, publisher: Publisher) -> bool:
    return Follow.objects.filter(owner=owner, publisher=publisher).delete()[0] > 0


def unfollow_entity(owner: str, entity: Entity) -> bool:
    return Follow.objects.filter(owner=owner, entity=entity).delete()[0] > 0


def follows_publisher(owner: str, publisher: Publisher) -> bool:
    return bool(owner) and Follow.objects.filter(owner=owner, publisher=publisher).exists()


def follows_entity(owner: str, entity: Entity) -> bool:
    return bool(owner) and Follow.objects.filter(owner=owner, entity=entity).exists()


def followed_publishers(owner: str) -> list[Publisher]:
    return list(Publisher.objects.filter(follows__owner=owner).order_by("name"))


def followed_entities(owner: str) -> list[Entity]:
    return list(Entity.objects.filter(follows__owner=owner).order_by("name"))


def _follow(owner: str, **target) -> bool:
    if not owner:
        return False
    try:
        with transaction.atomic():
            Follow.objects.create(owner=owner, **target)
    except IntegrityError:  # the partial unique constraint: already followed
        return False
    return True


def follow_picks(owner: str, limit: int = 6) -> list[Pick]:
    """Unread originals, newest first, from what the owner follows, each saying which follow."""
    follows = (
        list(
            Follow.objects.filter(owner=owner).values_list(
                "publisher_id", "publisher__name", "entity_id", "entity__name"
            )
        )
        if owner
        else []
    )
    if not follows:
        return []
    unread = Article.objects.filter(original__isnull=True).exclude(read_events__visitor=owner)
    from_publishers: list[Pick] = []
    publishers = {pk: name for pk, name, _, _ in follows if pk}
    if publishers:
        rows = unread.filter(publisher_id__in=publishers).order_by("-first_seen_at", "-id")
        for pk, publisher_id in rows.values_list("pk", "publisher_id")[:limit]:
            reason = f"from {publishers[publisher_id]}, which you follow"
            from_publishers.append(Pick(pk, 0.0, reason))
    about_topics: list[Pick] = []
    entities = {pk: name for _, _, pk, name in follows if pk}
    if entities:
        rows = (
            Mention.objects.filter(entity_id__in=entities, article__in=unread)
            .order_by("-article__first_seen_at", "-article_id")
            .values_list("article_id", "entity_id")[:limit]
        )
        for pk, entity_id in rows:
            about_topics.append(Pick(pk, 0.0, f"about {entities[entity_id]}, which you follow"))
    return interleave([from_publishers, about_topics], limit)
