"""Related lists kept in the store: worked out once per article, kept fresh from both sides.

Finding an article's most similar texts costs a full-text query and a TF-IDF re-scoring; done
on every view, it made an article nobody had opened yet the slowest page of the site (over half
of its time). So each article's list is worked out when the article is stored (`link_article`,
just after its ingest transaction commits) and kept as rows, and a page reads them with one
indexed query.

A list stays fresh from both sides: a new article that finds an older one among its most
similar also enters the older one's list when it beats that list's weakest link (lists keep
`KEPT` links), so an old report gains the later coverage. Copies never enter another article's
list: their original does. An article stored before lists existed gets its list on first view.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import Count, Min
from django.utils import timezone

from dateline.serve.related import Pick, related
from dateline.store.cards import HEAVY, card
from dateline.store.models import Article, RelatedLink
from dateline.store.similar import distinct_texts, scored_candidates

KEPT = 12  # links kept per article: a page shows 6, minus its own story's reports


def link_article(article: Article) -> list[Pick]:
    """Work out and keep `article`'s most similar texts; enter it in their lists."""
    vector, vectors, originals = scored_candidates([article.terms], around=article.pk)
    same_text = {article.pk, article.original_id or article.pk}
    picks = related(article.pk, vector, distinct_texts(vectors, originals, same_text), KEPT)
    with transaction.atomic():
        RelatedLink.objects.filter(article_id=article.pk).delete()
        RelatedLink.objects.bulk_create(
            [
                RelatedLink(article_id=article.pk, other_id=p.article_id, score=p.score)
                for p in picks
            ],
            ignore_conflicts=True,  # a second process working out the same list at once
        )
        Article.objects.filter(pk=article.pk).update(related_at=timezone.now())
        if article.original_id is None:
            _enter_lists(article.pk, picks)
    article.related_at = timezone.now()
    return picks


def related_cards(article: Article, limit: int) -> list[dict]:
    """Cards for the texts most similar to `article`, best first, with the similarity shown;
    never the article's own text or copies of it (the page lists those as reprints)."""
    if article.related_at is None:
        link_article(article)
    same_text = article.original_id or article.pk
    links = (
        RelatedLink.objects.filter(article_id=article.pk)
        .exclude(other_id=same_text)
        .exclude(other__original_id=same_text)
        .select_related("other__publisher")
        .defer(*(f"other__{column}" for column in HEAVY))
        .order_by("-score", "other_id")[:limit]
    )
    return [card(link.other, f"{round(link.score * 100)}% similar in content") for link in links]


def similar_to_reads(reads: dict[int, str], limit: int) -> list[Pick]:
    """Articles in the Related lists of what a reader read (`reads`: id -> title), unread ones
    only, best first, each saying which read it resembles; copies of a read are left out."""
    for missing in Article.objects.filter(pk__in=list(reads), related_at__isnull=True):
        link_article(missing)
    read_texts = set(reads) | set(
        Article.objects.filter(pk__in=list(reads), original__isnull=False).values_list(
            "original_id", flat=True
        )
    )
    best: dict[int, tuple[float, int]] = {}
    rows = RelatedLink.objects.filter(article_id__in=list(reads)).values_list(
        "article_id", "other_id", "other__original_id", "score"
    )
    for read_id, other_id, other_original, score in rows:
        if other_id in read_texts or other_original in read_texts:
            continue
        if other_id not in best or score > best[other_id][0]:
            best[other_id] = (score, read_id)
    picks = [
        Pick(other, score, f"similar to “{reads[read_id]}”, which you read")
        for other, (score, read_id) in best.items()
    ]
    picks.sort(key=lambda pick: (-pick.score, pick.article_id))
    return picks[:limit]


def _enter_lists(article_id: int, picks: list[Pick]) -> None:
    """Put the new article into each neighbour's list where it beats the weakest link."""
    if not picks:
        return
    held = {
        row["article_id"]: (row["n"], row["low"])
        for row in RelatedLink.objects.filter(article_id__in=[p.article_id for p in picks])
        .values("article_id")
        .annotate(n=Count("id"), low=Min("score"))
    }
    entering = [
        p
        for p in picks
        if held.get(p.article_id, (0, 0.0))[0] < KEPT or p.score > held[p.article_id][1]
    ]
    RelatedLink.objects.bulk_create(
        [
            RelatedLink(article_id=p.article_id, other_id=article_id, score=p.score)
            for p in entering
        ],
        ignore_conflicts=True,
    )
    for pick in entering:
        if held.get(pick.article_id, (0, 0.0))[0] >= KEPT:  # full: the weakest link goes
            weakest = (
                RelatedLink.objects.filter(article_id=pick.article_id)
                .order_by("score", "id")
                .values_list("pk", flat=True)[:1]
            )
            RelatedLink.objects.filter(pk__in=list(weakest)).delete()
