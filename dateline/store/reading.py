"""The data behind every page: plain dicts that render as HTML or as JSON.

Views stay thin: they call one function here and hand its dict to a template or to JSON.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.db.models import Count, F
from django.db.models.functions import Coalesce
from django.utils import timezone

from dateline.group.terms import tfidf, top_terms
from dateline.serve.ranking import score_now
from dateline.serve.related import Pick, recommend, related
from dateline.store import search as search_backend
from dateline.store.cards import card, iso
from dateline.store.ingest import DOCUMENT_COUNT
from dateline.store.models import Article, Publisher, Read, Source, TermStat
from dateline.store.provenance_reading import fold_reprints, provenance, publisher_signals

LIST_SIZE = 8
QUERY_TERMS = 12  # distinctive terms sent to the index to find candidates


def home_page(visitor: str) -> dict:
    # Originals only: a reprint is reached from its original, where it is listed with the others.
    latest = (
        Article.objects.select_related("publisher")
        .filter(original__isnull=True)
        .annotate(reprint_count=Count("reprints"))
        .order_by(Coalesce("claimed_date", "first_seen_at").desc(), "-id")[:20]
    )
    return {
        "latest": [card(a, _reprint_reason(a.reprint_count)) for a in latest],
        "ranking": ranking(),
        "recommendation": recommendation(visitor),
        "counts": {"articles": Article.objects.count(), "publishers": Publisher.objects.count()},
    }


def article_page(article: Article, visitor: str, reacted: bool) -> dict:
    crumbs = [
        {"name": "Home", "url": "/"},
        {"name": article.publisher.name, "url": article.publisher.get_absolute_url()},
    ]
    if article.section:
        crumbs.append({"name": article.section, "url": None})
    return {
        "breadcrumb": crumbs,
        "article": {
            **card(article),
            "site_name": article.site_name or None,
            "authors": article.authors,
            "section": article.section or None,
            "language": article.language or None,
            "claimed_date": iso(article.claimed_date),
            "updated_date": iso(article.updated_date),
            "first_seen_at": iso(article.first_seen_at),
            "original_url": article.canonical_url or article.url or None,
            "description": article.description or None,
            "image": article.image or None,
            "body_html": article.body_html,
            "reads": article.reads,
            "reactions": article.reactions,
            "reacted": reacted,
        },
        "provenance": provenance(article),
        "related": related_to(article),
        "ranking": ranking(exclude=article.pk),
        "recommendation": recommendation(visitor, exclude=article.pk),
    }


def publisher_page(publisher: Publisher) -> dict:
    articles = publisher.articles.select_related("publisher").order_by("-first_seen_at")[:50]
    return {
        "publisher": {
            "name": publisher.name,
            "slug": publisher.slug,
            "domain": publisher.domain,
            "articles": publisher.articles.count(),
        },
        "signals": publisher_signals(publisher),
        "articles": [card(a, "copy" if a.original_id else None) for a in articles],
    }


def search_page(query: str) -> dict:
    hits = search_backend.search(query) if query.strip() else []
    by_id = _articles_by_id(hit.article_id for hit in hits)
    snippets = {hit.article_id: hit.snippet_html for hit in hits}
    ranked = [by_id[hit.article_id] for hit in hits if hit.article_id in by_id]
    results = []
    for article, reprints in fold_reprints(ranked):
        reason = _reprint_reason(len(reprints), [r.publisher.name for r in reprints])
        if article.original_id:
            reason = f"a copy of “{article.original.title}” ({article.original.publisher.name})"
        results.append({**card(article, reason), "snippet_html": snippets[article.pk]})
    return {"query": query, "results": results}


def status_page() -> dict:
    sources = Source.objects.order_by("url")
    return {
        "sources": [
            {
                "url": s.url,
                "title": s.title,
                "active": s.active,
                "last_polled_at": iso(s.last_polled_at),
                "last_ok_at": iso(s.last_ok_at),
                "next_poll_at": iso(s.next_poll_at),
                "last_error": s.last_error or None,
                "consecutive_failures": s.consecutive_failures,
                "articles_added": s.articles_added,
            }
            for s in sources
        ],
        "counts": {"articles": Article.objects.count(), "publishers": Publisher.objects.count()},
    }


def ranking(exclude: int | None = None, limit: int = LIST_SIZE) -> list[dict]:
    """Most read and reacted, fading with time (see serve.ranking): ORDER BY one indexed column."""
    half_life = settings.CONFIG["ranking_half_life_hours"]
    now = timezone.now()
    query = Article.objects.select_related("publisher").filter(heat__isnull=False)
    if exclude:
        query = query.exclude(pk=exclude)
    items = []
    for article in query.order_by(F("heat").desc())[:limit]:
        score = score_now(article.heat, now, half_life)
        reason = f"{article.reads} reads, {article.reactions} reactions · score {score:.1f} now"
        items.append(card(article, reason))
    return items


def related_to(article: Article, limit: int = 6) -> list[dict]:
    """Other texts on the same subject; copies of this text are listed as reprints instead."""
    vector, vectors, originals = _scored_candidates([article.terms])
    same_text = {article.pk, article.original_id or article.pk}
    picks = related(article.pk, vector, _distinct_texts(vectors, originals, same_text), limit=limit)
    return _cards(picks)


def recommendation(visitor: str, exclude: int | None = None, limit: int = 6) -> list[dict]:
    """Unread articles close to what this visitor read; empty until they read something."""
    read_ids = (
        list(
            Read.objects.filter(visitor=visitor)
            .order_by("-at")
            .values_list("article_id", flat=True)[:20]
        )
        if visitor
        else []
    )
    if not read_ids:
        return []
    history_rows = Article.objects.filter(pk__in=read_ids).values_list("pk", "title", "terms")
    history_rows = list(history_rows)
    _, vectors, originals = _scored_candidates(
        [terms for _, _, terms in history_rows], extra={pk: terms for pk, _, terms in history_rows}
    )
    history = {pk: (title, vectors[pk]) for pk, title, _ in history_rows}
    skip = set(history) | {originals.get(pk) or pk for pk in history}
    if exclude:
        skip.add(exclude)
    return _cards(recommend(history, _distinct_texts(vectors, originals, skip), limit=limit))


def _scored_candidates(term_sets: list[dict], extra: dict | None = None):
    """TF-IDF vectors for a profile (one or more articles) and for candidates the index finds.

    The profile's most distinctive terms (highest TF-IDF) are sent to the full-text index;
    the candidates it returns are re-scored by cosine in `serve.related`.
    """
    profile_counts: dict[str, int] = {}
    for terms in term_sets:
        for term, count in terms.items():
            profile_counts[term] = profile_counts.get(term, 0) + count
    stats = _document_frequencies(profile_counts)
    total = stats.get(DOCUMENT_COUNT, 1)
    profile = tfidf(profile_counts, stats, total)
    rows = search_backend.candidates(top_terms(profile, QUERY_TERMS))
    found = {pk: terms for pk, terms, _ in rows}
    originals = {pk: original for pk, _, original in rows if original}
    found.update(extra or {})
    unseen = {t for counts in found.values() for t in counts if t not in stats}
    stats.update(_document_frequencies(unseen))
    vectors = {pk: tfidf(counts, stats, total) for pk, counts in found.items()}
    return profile, vectors, originals


def _distinct_texts(vectors: dict, originals: dict[int, int], exclude: set) -> list[tuple]:
    """One entry per text: drop the excluded texts and their copies, and copies of candidates."""
    kept = []
    for pk, vector in vectors.items():
        original = originals.get(pk)
        if pk in exclude or (original is not None and (original in exclude or original in vectors)):
            continue
        kept.append((pk, vector))
    return kept


def _document_frequencies(terms: Iterable[str]) -> dict[str, int]:
    wanted = [*terms, DOCUMENT_COUNT]
    return dict(TermStat.objects.filter(term__in=wanted).values_list("term", "df"))


def _reprint_reason(count: int, names: list[str] | None = None) -> str | None:
    if not count:
        return None
    named = f": {', '.join(sorted(set(names)))}" if names else ""
    return f"also reprinted {count} time{'s' if count > 1 else ''}{named}"


def _cards(picks: list[Pick]) -> list[dict]:
    by_id = _articles_by_id(pick.article_id for pick in picks)
    return [card(by_id[p.article_id], p.reason) for p in picks if p.article_id in by_id]


def _articles_by_id(ids: Iterable[int]) -> dict[int, Article]:
    ids = list(ids)
    query = Article.objects.select_related("publisher", "original__publisher")
    return {a.pk: a for a in query.filter(pk__in=ids)}
