"""Reads and reactions: one per visitor and article, each moving the article's heat."""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.utils import timezone

from dateline.serve.ranking import REACTION_WEIGHT, READ_WEIGHT, add_event
from dateline.store.models import Article, Reaction, Read


def record_read(article: Article, visitor: str) -> bool:
    """Count a read once per visitor; True if this was the visitor's first."""
    # Looking first keeps a reload read-only: a failed insert would take the write lock.
    if visitor and Read.objects.filter(article=article, visitor=visitor).exists():
        return False
    return _record(Read, article, visitor, "reads", READ_WEIGHT)


def record_new_visitor_reads(reads: list[tuple[int, str, datetime]]) -> int:
    """Count reads by first-time visitors, many at once: (article id, visitor, when).

    The page cache serves new visitors without Django and hands their reads over in batches.
    Each visitor id is fresh, so every row is a first read; an article deleted meanwhile is
    skipped. Returns the reads counted."""
    if not reads:
        return 0
    half_life = settings.CONFIG["ranking_half_life_hours"]
    by_article: dict[int, list[tuple[str, datetime]]] = {}
    for article_id, visitor, at in reads:
        by_article.setdefault(article_id, []).append((visitor, at))
    counted = 0
    adapt = connection.ops.adapt_datetimefield_value
    # Plain executemany: thousands of rows a second arrive here, and building model objects
    # for them cost more than the insert itself.
    insert = (
        f"INSERT INTO {Read._meta.db_table} (article_id, visitor, at) VALUES (%s, %s, %s) "
        "ON CONFLICT DO NOTHING"
    )
    with transaction.atomic():
        heats = dict(
            Article.objects.select_for_update().filter(pk__in=by_article).values_list("pk", "heat")
        )
        rows = [
            (article_id, visitor, adapt(at))
            for article_id, events in by_article.items()
            if article_id in heats
            for visitor, at in events
        ]
        with connection.cursor() as cursor:
            cursor.executemany(insert, rows)
        for article_id, events in by_article.items():
            if article_id not in heats:
                continue
            weight = READ_WEIGHT * len(events)
            heat = add_event(heats[article_id], weight, events[-1][1], half_life)
            Article.objects.filter(pk=article_id).update(reads=F("reads") + len(events), heat=heat)
            counted += len(events)
    return counted


def add_reaction(article: Article, visitor: str) -> bool:
    """Add the visitor's reaction; False (and nothing changes) if they already reacted."""
    return _record(Reaction, article, visitor, "reactions", REACTION_WEIGHT)


def has_reacted(article: Article, visitor: str) -> bool:
    return Reaction.objects.filter(article=article, visitor=visitor).exists()


def _record(model, article: Article, visitor: str, counter: str, weight: float) -> bool:
    if not visitor:
        return False
    now = timezone.now()
    try:
        with transaction.atomic():
            model.objects.create(article=article, visitor=visitor)
            # Lock the row so two concurrent events cannot both read the old heat.
            heat = (
                Article.objects.select_for_update()
                .filter(pk=article.pk)
                .values_list("heat", flat=True)
            ).get()
            half_life = settings.CONFIG["ranking_half_life_hours"]
            Article.objects.filter(pk=article.pk).update(
                **{counter: F(counter) + 1}, heat=add_event(heat, weight, now, half_life)
            )
    except IntegrityError:  # the unique constraint: this visitor already did it
        return False
    return True
