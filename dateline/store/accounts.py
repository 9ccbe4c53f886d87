"""Whose reading it is: an anonymous visitor or an account, merging the two, forgetting both.

Reads, reactions and follows are keyed by one string, the *owner*: the visitor's cookie id, or
`user:<id>` once signed in. Cookie ids never contain ":", so the two cannot collide.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.db.models import F

from dateline.store.models import Article, Follow, Reaction, Read


def account_owner(user_id: int) -> str:
    return f"user:{user_id}"


@dataclass(frozen=True)
class Moved:
    """What a merge or a forget touched, so the page can say it."""

    reads: int = 0
    reactions: int = 0
    follows: int = 0


def merge_into(visitor: str, owner: str) -> Moved:
    """Give the anonymous visitor's reads, reactions and follows to the account `owner`.

    Something both did (read the same article) is kept once, and the article's counter loses
    the duplicate: counters mean one per reader.
    """
    if not visitor or visitor == owner:
        return Moved()
    with transaction.atomic():
        reads = _merge_events(Read, "reads", visitor, owner)
        reactions = _merge_events(Reaction, "reactions", visitor, owner)
        follows = _merge_follows(visitor, owner)
    return Moved(reads, reactions, follows)


def forget(owner: str) -> Moved:
    """Delete everything kept about `owner`: reads, reactions and follows.

    The articles' counters drop too, so reading again later counts once, not twice. Heat is
    left to fade: it is an anonymous sum that no longer says who.
    """
    if not owner:
        return Moved()
    with transaction.atomic():
        reads = _delete_events(Read, "reads", owner)
        reactions = _delete_events(Reaction, "reactions", owner)
        follows = Follow.objects.filter(owner=owner).delete()[0]
    return Moved(reads, reactions, follows)


def _merge_events(model, counter: str, visitor: str, owner: str) -> int:
    already = model.objects.filter(visitor=owner).values("article_id")
    duplicates = model.objects.filter(visitor=visitor, article_id__in=already)
    _decrement(counter, list(duplicates.values_list("article_id", flat=True)))
    duplicates.delete()
    return model.objects.filter(visitor=visitor).update(visitor=owner)


def _merge_follows(visitor: str, owner: str) -> int:
    mine = Follow.objects.filter(owner=owner)
    Follow.objects.filter(
        owner=visitor, publisher_id__in=mine.exclude(publisher=None).values("publisher_id")
    ).delete()
    Follow.objects.filter(
        owner=visitor, entity_id__in=mine.exclude(entity=None).values("entity_id")
    ).delete()
    return Follow.objects.filter(owner=visitor).update(owner=owner)


def _delete_events(model, counter: str, owner: str) -> int:
    rows = model.objects.filter(visitor=owner)
    counted = rows.filter(counted=True) if model is Read else rows  # see Read.counted
    _decrement(counter, list(counted.values_list("article_id", flat=True)))
    return rows.delete()[0]


def _decrement(counter: str, article_ids: list[int]) -> None:
    if article_ids:
        Article.objects.filter(pk__in=article_ids, **{f"{counter}__gt": 0}).update(
            **{counter: F(counter) - 1}
        )
