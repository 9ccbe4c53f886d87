"""Storing articles: the one write path for every way a page reaches us.

Each article is written in a single transaction and identified by its publisher and body
fingerprint (or its canonical URL), so a crash mid-import leaves no half-written article and a
re-run adds nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Literal

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.text import slugify

from dateline.gather.page import RawPage
from dateline.group.terms import term_counts
from dateline.store.models import Article as StoredArticle
from dateline.store.models import ArticleRevision, TermStat
from dateline.store.publishers import publisher_for, publisher_identity
from dateline.store.related_links import forget_inbound, link_quietly
from dateline.store.stories import assign_story, refresh_after_edit
from dateline.store.term_stats import DOCUMENT_COUNT, count_document, day_of
from dateline.store.tracing import reindex_article, trace_article
from dateline.trace.fingerprint import article_key, body_fingerprint
from dateline.understand.article import Article
from dateline.understand.extract import extract_or_reason
from dateline.understand.sanitize import paragraphs_to_html

Status = Literal["imported", "present", "failed"]


@dataclass(frozen=True)
class IngestResult:
    origin: str
    status: Status
    key: str | None = None
    title: str | None = None
    reason: str | None = None


def ingest_page(page: RawPage, *, source_label: str | None = None) -> IngestResult:
    """Extract one page and store its article unless we already have it."""
    return ingest_extracted(page, extract_or_reason(page), source_label=source_label)


def ingest_extracted(
    page: RawPage, extracted: Article | str, *, source_label: str | None = None
) -> IngestResult:
    """Store a page's article, extracted here or in another process (`understand.parallel`);
    a string is the reason extraction failed."""
    if isinstance(extracted, str):
        return IngestResult(page.origin, "failed", reason=extracted)
    return store_article(extracted, origin=source_label or page.origin, seen_at=page.fetched_at)


def store_article(
    article: Article, *, origin: str, seen_at: datetime | None = None
) -> IngestResult:
    fingerprint = body_fingerprint(article.body_text)
    key = stable_key(article, fingerprint)
    existing = _find_existing(key, article.canonical_url)
    if existing is not None:
        return IngestResult(origin, "present", key=existing.key, title=existing.title)
    try:
        with transaction.atomic():
            stored = _create(article, key, fingerprint, origin, seen_at)
    except IntegrityError:
        # Another process stored the same article between our check and our write.
        existing = _find_existing(key, article.canonical_url)
        if existing is None:
            raise
        return IngestResult(origin, "present", key=existing.key, title=existing.title)
    # Its Related list, and its place in its neighbours' lists: after the commit, so the
    # full-text search behind it does not hold the write lock. A crash or a failure here only
    # leaves the list to the worker's backfill (or the article's first view).
    link_quietly(stored)
    return IngestResult(origin, "imported", key=stored.key, title=stored.title)


def revise_article(article_id: int, article: Article) -> bool:
    """Update a stored article in place with its publisher's edit, keeping the old state as a
    revision; one transaction. Its key (and so its address) stays. False if the body is the same.

    The text, title, terms and metadata become the new ones, and so do the keys it is found
    by (a copy of the new text traces to it), its Related links (its own list and its place in
    others') and the names topic pages list it under. Its provenance links stay (an edit
    rarely changes who copied whom), and so does its story: a story's address must not
    change meaning because one report was corrected.
    """
    fingerprint = body_fingerprint(article.body_text)
    with transaction.atomic():
        stored = StoredArticle.objects.select_for_update().filter(pk=article_id).first()
        if stored is None or stored.fingerprint == fingerprint:
            return False
        previous = stored.revisions.order_by("-replaced_at").first()
        ArticleRevision.objects.create(
            article=stored,
            # when this state was first seen: the article's arrival, or the last edit's
            fetched_at=previous.replaced_at if previous else stored.first_seen_at,
            title=stored.title,
            body_hash=stored.fingerprint,
            body_text=stored.body_text,
        )
        old_terms = set(stored.terms)
        counts = term_counts(article.title, article.body_text)
        # The total's row first, as a new article's count takes it: terms counted up here and
        # down below are then never held against a writer waiting for them in another order.
        list(TermStat.objects.select_for_update().filter(term=DOCUMENT_COUNT).values_list("df"))
        count_document([t for t in counts if t not in old_terms])
        TermStat.objects.filter(term__in=old_terms - set(counts), df__gt=0).update(df=F("df") - 1)
        StoredArticle.objects.filter(pk=stored.pk).update(
            fingerprint=fingerprint,
            title=article.title[:500],
            slug=slugify(article.title, allow_unicode=True)[:120] or "article",
            description=article.description or stored.description,
            authors=article.authors or stored.authors,
            updated_date=_aware(article.updated_date) or stored.updated_date,
            body_text=article.body_text,
            body_html=paragraphs_to_html(article.paragraphs),
            terms=counts,
            related_at=None,  # its list is the old text's until worked out again
        )
        forget_inbound(stored.pk)
        revised = StoredArticle.objects.select_related("publisher").get(pk=stored.pk)
        reindex_article(revised)
        refresh_after_edit(revised, article.entities)
    link_quietly(revised)  # after the commit, as for a new article
    return True


def stable_key(article: Article, fingerprint: str | None = None) -> str:
    """The public id an article gets (and keeps) in any store: its URL is /articles/<key>."""
    fingerprint = fingerprint or body_fingerprint(article.body_text)
    return article_key(publisher_identity(article)[1], fingerprint)


def _find_existing(key: str, canonical_url: str | None) -> StoredArticle | None:
    found = StoredArticle.objects.filter(key=key).only("key", "title").first()
    if found is None and canonical_url:
        found = (
            StoredArticle.objects.filter(canonical_url=canonical_url).only("key", "title").first()
        )
    return found


def _aware(value: datetime | None) -> datetime | None:
    if value is None or timezone.is_aware(value):
        return value
    return value.replace(tzinfo=UTC)  # a page's naive date is read as UTC; the page gave no zone


def _create(
    article: Article, key: str, fingerprint: str, origin: str, seen_at: datetime | None
) -> StoredArticle:
    counts = term_counts(article.title, article.body_text)
    stored = StoredArticle.objects.create(
        key=key,
        fingerprint=fingerprint,
        publisher=publisher_for(article),
        title=article.title[:500],
        slug=slugify(article.title, allow_unicode=True)[:120] or "article",
        url=(article.url or "")[:2000],
        canonical_url=(article.canonical_url or "")[:2000],
        origin=origin[:1000],
        site_name=(article.site_name or "")[:200],
        authors=article.authors,
        section=(article.section or "")[:200],
        description=article.description or "",
        image=(article.image or "")[:2000],
        language=article.language or "",
        claimed_date=_aware(article.claimed_date),
        updated_date=_aware(article.updated_date),
        first_seen_at=seen_at or timezone.now(),
        dateline_place=(article.dateline_place or "")[:200],
        credit=(article.credit or "")[:100],
        body_text=article.body_text,
        body_html=paragraphs_to_html(article.paragraphs),
        terms=counts,
    )
    count_document([*counts, DOCUMENT_COUNT], day=day_of(stored.first_seen_at))
    trace_article(stored, article.date_evidence, article.text_dates)
    # After the trace: a copy joins its original's story.
    assign_story(stored, article.entities)
    return stored
