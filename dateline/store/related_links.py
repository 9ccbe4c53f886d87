"""Related lists kept in the store: worked out once per article, kept fresh from both sides.

Finding an article's most similar texts costs a full-text query and a TF-IDF re-scoring; done
on every view, it made an article nobody had opened yet the slowest page of the site (over half
of its time). So each article's list is worked out when the article is stored (`link_article`,
just after its ingest transaction commits) and kept as rows, and a page reads them with one
indexed query.

A list stays fresh from both sides: a new article that finds an older one among its most
similar also enters the older one's list, and each list keeps its best `KEPT` links, so an old
report gains the later coverage. Copies never enter another article's list (their original
does), and a text is listed once even if a later regrouping made one of its entries a copy.
Articles stored before lists existed, or whose list could not be written, have none
(`related_at` empty): the worker backfills them (`backfill`), and a page that meets one works
its list out on the spot.
"""

from __future__ import annotations

import logging

from django.db import DatabaseError, transaction
from django.db.models import Count
from django.utils import timezone

from dateline.serve.related import Pick, related
from dateline.store.cards import HEAVY, card
from dateline.store.models import Article, RelatedLink
from dateline.store.similar import distinct_texts, scored_candidates

log = logging.getLogger(__name__)

KEPT = 12  # links kept per article: a page shows 6, minus its own story's reports


def find_related(article: Article) -> list[Pick]:
    """The texts most similar to `article`, best first (a read: no transaction needed)."""
    vector, vectors, originals = scored_candidates([article.terms], around=article.pk)
    same_text = {article.pk, article.original_id or article.pk}
    return related(article.pk, vector, distinct_texts(vectors, originals, same_text), KEPT)


def link_article(article: Article, picks: list[Pick] | None = None) -> list[Pick]:
    """Work out and keep `article`'s most similar texts; enter it in their lists."""
    picks = find_related(article) if picks is None else picks
    now = timezone.now()
    with transaction.atomic():
        # Lock the article and each neighbour whose list this writes, before the first write:
        # locking only the neighbours, after writing its own list, let two articles in each
        # other's picks wait on each other (a deadlock on PostgreSQL).
        _lock([article.pk, *(p.article_id for p in picks)])
        RelatedLink.objects.filter(article_id=article.pk).delete()
        _upsert(
            [
                RelatedLink(article_id=article.pk, other_id=p.article_id, score=p.score)
                for p in picks
            ]
        )
        if article.original_id is None:
            _enter_lists(article.pk, picks)
        _trim([article.pk])  # another process may have kept its own list at the same time
        Article.objects.filter(pk=article.pk).update(related_at=now)
    article.related_at = now
    return picks


def link_quietly(article: Article) -> None:
    """`link_article` where a failure must not undo or hide what was stored: the list is left
    to `backfill` (the article's `related_at` stays empty)."""
    try:
        link_article(article)
    except DatabaseError:
        log.warning("Related list of article %s left for later", article.pk, exc_info=True)


def backfill(limit: int = 200) -> int:
    """Work out the lists of up to `limit` articles that have none, newest first."""
    missing = Article.objects.filter(related_at__isnull=True).order_by("-pk")[:limit]
    done = 0
    for article in missing.defer("body_html", "body_text"):
        link_article(article)
        done += 1
    return done


def related_cards(article: Article, limit: int) -> list[dict]:
    """Cards for the texts most similar to `article`, best first, with the similarity shown;
    never the article's own text or copies of it (the page lists those as reprints)."""
    same_text = article.original_id or article.pk
    if article.related_at is None:
        picks = find_related(article)
        try:
            link_article(article, picks)
        except DatabaseError:  # a busy database must not fail the page: show, keep later
            log.warning("Related list of article %s left for later", article.pk, exc_info=True)
            return _cards_of(picks, limit)
    links = (
        RelatedLink.objects.filter(article_id=article.pk)
        .exclude(other_id=same_text)
        .exclude(other__original_id=same_text)
        .select_related("other__publisher")
        .defer(*(f"other__{column}" for column in HEAVY))
        .order_by("-score", "other_id")
    )
    cards, texts = [], set()
    for link in links:
        text = link.other.original_id or link.other_id
        if text not in texts:  # a text and a copy of it, listed before a regrouping: once
            texts.add(text)
            cards.append(card(link.other, _reason(link.score)))
    return cards[:limit]


def similar_to_reads(reads: dict[int, str], limit: int) -> list[Pick]:
    """Articles in the Related lists of what a reader read (`reads`: id -> title), unread ones
    only, best first, each saying which read it resembles; a text is offered once, and never
    a copy of something read."""
    for missing in Article.objects.filter(pk__in=list(reads), related_at__isnull=True)[:3]:
        link_quietly(missing)  # a few at most per page: the worker backfills the rest
    read_texts = set(reads) | set(
        Article.objects.filter(pk__in=list(reads), original__isnull=False).values_list(
            "original_id", flat=True
        )
    )
    best: dict[int, tuple[float, int, int]] = {}  # text -> (score, article, the read it is like)
    rows = RelatedLink.objects.filter(article_id__in=list(reads)).values_list(
        "article_id", "other_id", "other__original_id", "score"
    )
    for read_id, other_id, other_original, score in rows:
        text = other_original or other_id
        if other_id in read_texts or text in read_texts:
            continue
        if text not in best or score > best[text][0]:
            best[text] = (score, other_id, read_id)
    picks = [
        Pick(other, score, f"similar to “{reads[read_id]}”, which you read")
        for score, other, read_id in best.values()
    ]
    picks.sort(key=lambda pick: (-pick.score, pick.article_id))
    return picks[:limit]


def forget_inbound(article_id: int) -> None:
    """Drop the links other articles keep to this one (its text changed: they are re-entered
    by `link_article` where the new text still belongs)."""
    RelatedLink.objects.filter(other_id=article_id).delete()


def _reason(score: float) -> str:
    return f"{round(score * 100)}% similar in content"


def _cards_of(picks: list[Pick], limit: int) -> list[dict]:
    found = Article.objects.select_related("publisher").defer(*HEAVY)
    by_id = found.in_bulk([p.article_id for p in picks[:limit]])
    return [
        card(by_id[p.article_id], _reason(p.score)) for p in picks[:limit] if p.article_id in by_id
    ]


def _enter_lists(article_id: int, picks: list[Pick]) -> None:
    """Put the new article into each neighbour's list where it is among the best `KEPT` (the
    neighbours are locked by `link_article`, so two articles entering one list at once cannot
    both read it as having room)."""
    if not picks:
        return
    neighbours = sorted(p.article_id for p in picks)
    _upsert(
        [RelatedLink(article_id=p.article_id, other_id=article_id, score=p.score) for p in picks]
    )
    _trim(neighbours)


def _lock(article_ids: list[int]) -> None:
    """Lock these articles in id order: two writers never wait on each other in a circle."""
    list(Article.objects.select_for_update().filter(pk__in=article_ids).order_by("pk").values("pk"))


def _upsert(links: list[RelatedLink]) -> None:
    """Insert links; a pair already kept takes the new score."""
    RelatedLink.objects.bulk_create(
        links, update_conflicts=True, unique_fields=["article", "other"], update_fields=["score"]
    )


def _trim(article_ids: list[int]) -> None:
    """Keep each list to its best `KEPT` links (ties: the lower id stays)."""
    full = (
        RelatedLink.objects.filter(article_id__in=article_ids)
        .values("article_id")
        .annotate(n=Count("id"))
        .filter(n__gt=KEPT)
        .values_list("article_id", flat=True)
    )
    for article_id in full:
        kept = RelatedLink.objects.filter(article_id=article_id).order_by("-score", "id")
        RelatedLink.objects.filter(article_id=article_id).exclude(
            pk__in=list(kept.values_list("pk", flat=True)[:KEPT])
        ).delete()
