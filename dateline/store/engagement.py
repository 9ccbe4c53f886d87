"""Reads and reactions: one per visitor and article, each moving the article's heat."""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.db import IntegrityError, transaction
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


def record_anonymous_reads(counts: dict[int, int], at: datetime) -> int:
    """Add reads without a visitor row: {article id: reads} seen up to `at` (the page cache's
    views by new visitors). Articles deleted meanwhile are skipped. Returns the reads counted."""
    half_life = settings.CONFIG["ranking_half_life_hours"]
    counted = 0
    with transaction.atomic():
        heats = Article.objects.select_for_update().filter(pk__in=counts).values_list("pk", "heat")
        for article_id, heat in heats:
            count = counts[article_id]
            Article.objects.filter(pk=article_id).update(
                reads=F("reads") + count, heat=add_event(heat, READ_WEIGHT * count, at, half_life)
            )
            counted += count
    return counted


def attach_first_read(article_id: int, visitor: str) -> bool:
    """Put a read already counted (by `record_anonymous_reads`) into the visitor's history, as
    the read of the first page they were served; the count does not change. True if added."""
    if not visitor or not Article.objects.filter(pk=article_id).exists():
        return False
    # Uncounted: the cookie is the visitor's to send, so "forget me" takes nothing back for it
    # (a planted cookie and a "forget me", repeated, drove an article's reads to zero).
    _, created = Read.objects.get_or_create(
        article_id=article_id, visitor=visitor, defaults={"counted": False}
    )
    return created


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
