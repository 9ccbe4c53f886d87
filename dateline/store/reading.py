"""The data behind every page: plain dicts that render as HTML or as JSON.

Views stay thin: they call one function here and hand its dict to a template or to JSON.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, F, Max, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from dateline.serve.ranking import score_now
from dateline.serve.related import Pick, interleave
from dateline.store import page_generation
from dateline.store import search as search_backend
from dateline.store.cards import HEAVY, card, iso, light
from dateline.store.follows import follow_picks, followed_entities, followed_publishers
from dateline.store.models import Article, CopyLink, Publisher, Reaction, Read, StoryMember
from dateline.store.provenance_reading import fold_reprints, provenance, publisher_signals
from dateline.store.related_links import related_cards, similar_to_reads
from dateline.store.source_status import source_rows
from dateline.store.story_reading import same_story
from dateline.store.top_reading import newest_originals, top_stories

LIST_SIZE = 8
SIMILAR_TTL = 5 * 60  # seconds a reader's similar-to-history picks are reused
CARD_TTL = 10 * 60
SEARCH_NEWEST = 100_000  # articles a search covers unless dates or "everything" are asked for
RANKING_TTL = 30  # seconds Ranking is reused (its scores fade over hours)


def latest_originals() -> QuerySet[Article]:
    """Originals, newest first: a reprint is reached from its original, listed with the others."""
    return (
        Article.objects.select_related("publisher")
        .filter(original__isnull=True)
        .annotate(reprint_count=Count("reprints"))
        .order_by(Coalesce("claimed_date", "first_seen_at").desc(), "-id")
    )


def home_page(visitor: str) -> dict:
    return {
        "top": top_stories(),
        "latest": latest_seen(LIST_SIZE),
        "recommendation": recommendation(visitor),
        "counts": store_counts(),
    }


def store_counts() -> dict:
    """Articles and publishers, for the home page footer: counting a million rows takes tens
    of milliseconds, and the figure may be a minute old."""
    counts = cache.get("dl:counts")
    if counts is None:
        counts = {"articles": Article.objects.count(), "publishers": Publisher.objects.count()}
        cache.set("dl:counts", counts, 60)
    return counts


def latest_page(limit: int = 50) -> dict:
    """The "latest" view: originals newest first, each saying how often it was reprinted."""
    return {"latest": latest_seen(limit)}


def latest_seen(limit: int) -> list[dict]:
    """Originals in the order Dateline first saw them, newest first, with their reprint counts.

    Ordered by the indexed first-seen time (a page's claimed date can be wrong, and sorting by
    it cannot use an index), and reprints are counted for these rows only: two small queries
    at any store size instead of a grouped scan of every article.
    """
    rows = list(light(newest_originals().select_related("publisher"))[:limit])
    counts = dict(
        Article.objects.filter(original_id__in=[a.pk for a in rows])
        .values("original_id")
        .annotate(n=Count("id"))
        .values_list("original_id", "n")
    )
    return [card(a, _reprint_reason(counts.get(a.pk, 0))) for a in rows]


def article_query() -> QuerySet[Article]:
    """How an article page loads its article: one query, with what the page and its cache need.

    Scalar subqueries rather than joined aggregates: those made the database group by every
    column of four tables, bodies included, on every article page."""
    links = CopyLink.objects.filter(source=OuterRef("pk")).order_by()
    query = Article.objects.defer(*(f"original__{column}" for column in HEAVY))
    return query.select_related("publisher", "original__publisher").annotate(
        copies_known=Coalesce(
            Subquery(links.values("source").annotate(n=Count("pk")).values("n")), 0
        ),
        last_copy_link=Subquery(links.order_by("-pk").values("pk")[:1]),
        # Related lists the article's story: a change there must change the version.
        story_updated=Subquery(
            StoryMember.objects.filter(article=OuterRef("pk")).values("story__updated_at")[:1]
        ),
    )


def article_version(article: Article) -> str:
    """Changes whenever the shared part of the article page would: an edit of the article, its
    provenance, its known copies (a new reprint adds a link) or its reaction count. All of it
    is loaded by `article_query`, so a page cache keyed on it is correct in every process
    without explicit invalidation."""
    state = [
        article.pk,
        article.fingerprint,
        article.title,
        article.authors,
        article.description,
        article.image,
        article.url,
        article.canonical_url,
        article.claimed_date,
        article.updated_date,
        article.language,
        article.section,
        article.reactions,
        article.original_id,
        article.provenance,
        article.date_flags,
        getattr(article, "copies_known", None),
        getattr(article, "last_copy_link", None),
        getattr(article, "story_updated", None),
    ]
    return hashlib.sha256(json.dumps(state, default=str).encode()).hexdigest()[:16]


def canonical_url(article: Article) -> str | None:
    """Where the text really lives: the original's address when this is a known copy."""
    original = article.original if article.original_id else None
    if original and (original.canonical_url or original.url):
        return original.canonical_url or original.url
    return article.canonical_url or article.url or None


def article_page(article: Article, visitor: str, reacted: bool) -> dict:
    """The whole article page: the part every visitor shares, then this visitor's part."""
    return article_personal(article_shared(article), article, visitor, reacted)


def article_shared(article: Article) -> dict:
    """What every visitor sees (cacheable per `article_version`); counters are added fresh."""
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
            "canonical_url": canonical_url(article),
            "description": article.description or None,
            "image": article.image or None,
            "body_html": article.body_html,
        },
        "provenance": provenance(article),
        "related": related_with_story(article),
    }


def article_personal(shared: dict, article: Article, visitor: str, reacted: bool) -> dict:
    """Counters and this visitor's lists on top of the shared part (never cached across people)."""
    counters = {"reads": article.reads, "reactions": article.reactions, "reacted": reacted}
    return {
        **shared,
        "article": {**shared["article"], **counters},
        "ranking": ranking(exclude=article.pk),
        "recommendation": recommendation(visitor, exclude=article.pk),
    }


def publisher_page(publisher: Publisher) -> dict:
    articles = light(publisher.articles.select_related("publisher")).order_by("-first_seen_at")[:50]
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


def reader_page(owner: str, limit: int = 50) -> dict:
    """The "Your reading" page: what this reader read and liked, what they follow, picks."""
    reads = Read.objects.filter(visitor=owner).select_related("article__publisher").order_by("-at")
    liked = Reaction.objects.filter(visitor=owner).select_related("article__publisher")
    return {
        "history": [card(r.article, f"read {r.at:%Y-%m-%d %H:%M}") for r in reads[:limit]],
        "reactions": [card(r.article, "you said good") for r in liked.order_by("-at")[:limit]],
        "follows": {
            "publishers": [
                {"name": p.name, "slug": p.slug, "url": p.get_absolute_url()}
                for p in followed_publishers(owner)
            ],
            "topics": [
                {"name": e.name, "slug": e.slug, "kind": e.kind} for e in followed_entities(owner)
            ],
        },
        "recommendation": recommendation(owner),
    }


def search_filters(
    since: date | None = None,
    until: date | None = None,
    publisher: str | None = None,
    language: str | None = None,
    originals_only: bool = False,
    everything: bool = False,
) -> search_backend.Filters:
    """Filters from what a reader chose: whole days (UTC, `until` included), a publisher slug.

    Without dates, and unless `everything` is asked for, only the newest `SEARCH_NEWEST`
    articles are searched: ranking every match of common words among a million articles took
    seconds, and news searches mostly want recent news."""
    min_id = None
    if not (everything or since or until):
        newest = Article.objects.aggregate(newest=Max("id"))["newest"] or 0
        min_id = newest - SEARCH_NEWEST + 1 if newest > SEARCH_NEWEST else None
    publisher_id = None
    if publisher:
        # An unknown publisher matches nothing rather than silently everything.
        publisher_id = Publisher.objects.filter(slug=publisher).values_list("pk", flat=True).first()
        publisher_id = -1 if publisher_id is None else publisher_id
    return search_backend.Filters(
        since=_day_start(since) if since else None,
        # The last day has no day after it: up to then is everything.
        until=_day_start(until) + timedelta(days=1) if until and until < date.max else None,
        publisher_id=publisher_id,
        language=(language or "").strip().lower() or None,
        originals_only=originals_only,
        min_id=min_id,
    )


def search_choices() -> dict:
    """What the filter form offers: publishers and languages present in the store.

    Finding the languages reads every article, so the answer is kept for a few minutes."""
    choices = cache.get("dl:search-choices")
    if choices is None:
        choices = _search_choices()
        cache.set("dl:search-choices", choices, 5 * 60)
    return choices


def _search_choices() -> dict:
    languages = (
        Article.objects.exclude(language="")
        .order_by("language")
        .values_list("language", flat=True)
        .distinct()
    )
    return {
        "publishers": [
            {"slug": slug, "name": name}
            for slug, name in Publisher.objects.order_by("name").values_list("slug", "name")
        ],
        "languages": sorted({code.split("-")[0].lower() for code in languages}),
    }


def search_results(
    query: str, filters: search_backend.Filters = search_backend.NO_FILTERS, limit=20, offset=0
) -> list[dict]:
    """Cards of the matching articles, copies folded under their originals, with snippets."""
    return search_window(query, filters, limit, offset)[0]


def search_window(
    query: str, filters: search_backend.Filters = search_backend.NO_FILTERS, limit=20, offset=0
) -> tuple[list[dict], bool]:
    """One page of results, and whether the index has more hits after it."""
    if not query.strip():
        return [], False
    hits = search_backend.search(query, limit=limit + 1, offset=offset, filters=filters)
    more, hits = len(hits) > limit, hits[:limit]
    by_id = _articles_by_id(hit.article_id for hit in hits)
    snippets = {hit.article_id: hit.snippet_html for hit in hits}
    ranked = [by_id[hit.article_id] for hit in hits if hit.article_id in by_id]
    results = []
    for article, reprints in fold_reprints(ranked):
        reason = _reprint_reason(len(reprints), [r.publisher.name for r in reprints])
        if article.original_id:
            reason = f"a copy of “{article.original.title}” ({article.original.publisher.name})"
        results.append({**card(article, reason), "snippet_html": snippets[article.pk]})
    return results, more


def search_page(
    query: str,
    filters: search_backend.Filters = search_backend.NO_FILTERS,
    applied: dict | None = None,
) -> dict:
    return {
        "query": query,
        "filters": applied or {},
        "results": search_results(query, filters),
    }


def feed_entries(articles: Iterable[Article]) -> list[dict]:
    """Articles as feed items: cards plus what a feed reader shows (body, author, dates)."""
    return [
        {
            **card(article),
            "body_html": article.body_html,
            "description": article.description or None,
            "authors": article.authors,
            "language": article.language or None,
            "original_url": canonical_url(article),
            "updated": iso(article.updated_date or article.shown_date),
        }
        for article in articles
    ]


def _day_start(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=UTC)


def article_list(
    after: tuple[datetime, int] | None = None,
    limit: int = 20,
    publisher: str | None = None,
    originals_only: bool = False,
) -> tuple[list[dict], tuple[datetime, int] | None]:
    """Articles newest seen first, from a keyset position: (cards, the next position or None).

    The position is (first_seen_at, id) of the last item, so pages stay stable while new
    articles arrive, and each page is one indexed query however deep the client goes.
    """
    query = Article.objects.select_related("publisher").order_by("-first_seen_at", "-id")
    if publisher:
        query = query.filter(publisher__slug=publisher)
    if originals_only:
        query = query.filter(original__isnull=True)
    if after:
        seen, pk = after
        query = query.filter(Q(first_seen_at__lt=seen) | Q(first_seen_at=seen, id__lt=pk))
    rows = list(query[: limit + 1])
    items = [card(a, "copy" if a.original_id else None) for a in rows[:limit]]
    last = rows[limit - 1] if len(rows) > limit else None
    return items, ((last.first_seen_at, last.pk) if last else None)


def publisher_list() -> list[dict]:
    publishers = Publisher.objects.annotate(article_count=Count("articles")).order_by("name")
    return [
        {
            "name": p.name,
            "slug": p.slug,
            "domain": p.domain,
            "url": p.get_absolute_url(),
            "articles": p.article_count,
        }
        for p in publishers
    ]


def status_page() -> dict:
    return {
        "sources": source_rows(),
        "counts": {"articles": Article.objects.count(), "publishers": Publisher.objects.count()},
    }


def ranking(exclude: int | None = None, limit: int = LIST_SIZE) -> list[dict]:
    """Most read and reacted, fading with time (see serve.ranking): ORDER BY one indexed column.

    The same for every page and visitor, so it is computed once per RANKING_TTL per process,
    and again at once after a reaction (which moves the page generation); reads may lag."""
    key = f"dl:ranking:{limit}:{page_generation.current()}"
    items = cache.get_or_set(key, lambda: _ranking(limit + 1), RANKING_TTL)
    return [item for pk, item in items if pk != exclude][:limit]


def _ranking(limit: int) -> list[tuple[int, dict]]:
    half_life = settings.CONFIG["ranking_half_life_hours"]
    now = timezone.now()
    query = light(Article.objects.select_related("publisher")).filter(heat__isnull=False)
    items = []
    for article in query.order_by(F("heat").desc())[:limit]:
        score = score_now(article.heat, now, half_life)
        reason = f"{article.reads} reads, {article.reactions} reactions · score {score:.1f} now"
        items.append((article.pk, card(article, reason)))
    return items


def related_with_story(article: Article, limit: int = 6) -> list[dict]:
    """Its story first (other outlets' own reports, then reprints), then similar articles from
    the article's kept list (store.related_links)."""
    picks = same_story(article, limit)
    seen = {item["key"] for item in picks}
    more = [item for item in related_cards(article, limit) if item["key"] not in seen]
    return (picks + more)[:limit]


def recommendation(visitor: str, exclude: int | None = None, limit: int = 6) -> list[dict]:
    """Unread articles close to what this reader read, and new ones from what they follow,
    taken in turn; empty until they read or follow something (and for no visitor: "")."""
    if not visitor:
        return []
    picks = interleave(
        [_similar_to_history(visitor, exclude, limit), follow_picks(visitor, limit)], limit + 1
    )
    return _cards([p for p in picks if p.article_id != exclude][:limit])


def _similar_to_history(visitor: str, exclude: int | None, limit: int) -> list[Pick]:
    # The page's own article is left out of the history: Related already lists what is like
    # it, and a first-time reader (whose only read is this page) gets the same page as every
    # other first-time reader, without a second search.
    read_ids = (
        list(
            Read.objects.filter(visitor=visitor)
            .exclude(article_id=exclude)
            .order_by("-at")
            .values_list("article_id", flat=True)[:20]
        )
        if visitor
        else []
    )
    if not read_ids:
        return []
    # The picks depend on the history, which every new read changes (and so the key), and on
    # the candidates, which drift slowly as articles arrive: hence a short time to live.
    # One more than shown, whatever page asks: the page's own article is dropped afterwards,
    # so moving between articles read before reuses the picks.
    key = "dl:similar:" + hashlib.sha256(repr((visitor, read_ids, limit)).encode()).hexdigest()
    picks = cache.get_or_set(key, lambda: _similar_to_reads(read_ids, limit + 1), SIMILAR_TTL)
    return [pick for pick in picks if pick.article_id != exclude][:limit]


def _similar_to_reads(read_ids: list[int], limit: int) -> list[Pick]:
    reads = dict(Article.objects.filter(pk__in=read_ids).values_list("pk", "title"))
    return similar_to_reads(reads, limit)


def _reprint_reason(count: int, names: list[str] | None = None) -> str | None:
    if not count:
        return None
    named = f": {', '.join(sorted(set(names)))}" if names else ""
    return f"also reprinted {count} time{'s' if count > 1 else ''}{named}"


def _cards(picks: list[Pick]) -> list[dict]:
    """Cards for picks. A card changes only when its article does (which moves the page
    generation), so cards are kept per generation: lists of known articles cost no query."""
    generation = page_generation.current()
    keys = {p.article_id: f"dl:card:{generation}:{p.article_id}" for p in picks}
    known = cache.get_many(list(keys.values()))
    missing = [pk for pk, key in keys.items() if key not in known]
    if missing:
        fresh = {keys[pk]: card(a) for pk, a in _articles_by_id(missing).items()}
        cache.set_many(fresh, CARD_TTL)
        known.update(fresh)
    return [
        {**known[keys[p.article_id]], "reason": p.reason}
        for p in picks
        if keys[p.article_id] in known
    ]


def _articles_by_id(ids: Iterable[int]) -> dict[int, Article]:
    ids = list(ids)
    query = light(Article.objects.select_related("publisher", "original__publisher"), "original")
    return {a.pk: a for a in query.filter(pk__in=ids)}
