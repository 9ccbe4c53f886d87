"""Provenance in the store: index each new article, relate it to candidates, record the verdict.

Runs inside the article's own transaction (see store.ingest), so an article is never stored
without its index keys and provenance. The decisions are the trace stage's; this module only
turns rows into `TraceDoc`s and back.
"""

from __future__ import annotations

from datetime import UTC, datetime

from django.db import connection
from django.db.models import Count, Q

from dateline.store.models import Article, CopyLink, TraceKey, TraceStopKey
from dateline.trace import index as key_index
from dateline.trace.dating import DateEvidence, Original, date_flags, dates_in_text
from dateline.trace.model import Provenance, TraceDoc
from dateline.trace.sketch import index_keys
from dateline.trace.trace import trace


def trace_article(
    stored: Article,
    page_evidence: list[DateEvidence],
    text_dates: list[DateEvidence] | None = None,
) -> Provenance:
    """Index `stored`, find what it copies (or what copies it), and save flags and links.
    `text_dates`: the dates its body refers to, if the understand stage read them already."""
    keys = index_keys(stored.body_text)
    candidates = _load_with_originals(_candidate_ids(keys, exclude=stored.pk))
    verdict = trace(as_doc(stored), [as_doc(a) for a in candidates])
    _save_links(verdict)
    stored.original_id = verdict.original_id
    stored.provenance = verdict.reason
    stored.date_evidence = [e.as_json() for e in _evidence(stored, page_evidence)]
    regrouped = _regroup(verdict, stored)
    _refresh_dates(stored, text_dates)
    Article.objects.filter(pk=stored.pk).update(
        original_id=stored.original_id,
        provenance=stored.provenance,
        date_evidence=stored.date_evidence,
        date_flags=stored.date_flags,
    )
    for member in regrouped:
        _refresh_dates(member)
        Article.objects.filter(pk=member.pk).update(date_flags=member.date_flags)
    _add_keys(stored.pk, keys)
    return verdict


def reindex_article(article: Article) -> None:
    """After an edit: the article is found under its new text's keys, not its old text's, so a
    copy of the edited version is traced to it, and its date flags are the new text's. Its own
    provenance stays (see `store.ingest.revise_article`)."""
    TraceKey.objects.filter(article_id=article.pk).delete()
    _add_keys(article.pk, index_keys(article.body_text))
    _refresh_dates(article)
    Article.objects.filter(pk=article.pk).update(date_flags=article.date_flags)


def as_doc(article: Article) -> TraceDoc:
    return TraceDoc(
        id=article.pk,
        title=article.title,
        text=article.body_text,
        publisher=article.publisher.name,
        first_seen=article.first_seen_at,
        claimed=article.claimed_date,
        credit=article.credit or None,
        original_id=article.original_id,
    )


def _candidate_ids(keys: list[int], exclude: int) -> list[int]:
    """The store's side of `trace.index`: articles sharing at least MIN_SHARED keys that are not
    stop keys, most shared first, then the first stored."""
    if not keys:
        return []
    placeholders = ", ".join(["%s"] * len(keys))
    sql = (
        f"SELECT article_id, COUNT(*) AS shared FROM {TraceKey._meta.db_table} "
        f"WHERE key IN ({placeholders}) AND article_id <> %s "
        f"AND key NOT IN (SELECT key FROM {TraceStopKey._meta.db_table}) "
        "GROUP BY article_id HAVING COUNT(*) >= %s ORDER BY shared DESC, article_id LIMIT %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*keys, exclude, key_index.MIN_SHARED, key_index.MAX_CANDIDATES])
        return [row[0] for row in cursor.fetchall()]


def _load_with_originals(ids: list[int]) -> list[Article]:
    """The candidates, plus the current original of each one's copy group."""
    found = list(Article.objects.select_related("publisher").filter(pk__in=ids))
    missing = {a.original_id for a in found if a.original_id} - set(ids)
    if missing:
        found += list(Article.objects.select_related("publisher").filter(pk__in=missing))
    return found


def _save_links(verdict: Provenance) -> None:
    CopyLink.objects.bulk_create(
        [
            CopyLink(
                copy_id=r.copy_id,
                source_id=r.source_id,
                kind=r.kind,
                containment=r.containment,
                coverage=r.coverage,
                evidence=r.evidence,
            )
            for r in verdict.relations
        ],
        ignore_conflicts=True,
    )


def _regroup(verdict: Provenance, stored: Article) -> list[Article]:
    """Groups whose original changed (the wire's own copy arrived late; a version bridged two
    groups of one text) now point at the new original."""
    if not verdict.supersedes:
        return []
    new_original = verdict.original_id or stored.pk
    group = Q(pk__in=verdict.supersedes) | Q(original_id__in=verdict.supersedes)
    members = list(
        Article.objects.select_related("publisher")
        .filter(group)
        .exclude(pk__in=[stored.pk, new_original])
    )
    leader = stored if new_original == stored.pk else Article.objects.get(pk=new_original)
    Article.objects.filter(pk__in=[m.pk for m in members]).update(
        original_id=new_original, provenance=f"A copy of {leader.publisher.name}'s article."
    )
    Article.objects.filter(pk=new_original).update(original_id=None)
    for member in members:
        member.original = leader
    return members


def _evidence(stored: Article, page_evidence: list[DateEvidence]) -> list[DateEvidence]:
    seen = DateEvidence("first-seen", stored.first_seen_at, "first seen by Dateline")
    return [*page_evidence, seen]


def _refresh_dates(article: Article, text_dates: list[DateEvidence] | None = None) -> None:
    """Recompute the date flags from the stored evidence, the text and the current original
    (`text_dates`: the text's dates if they were read already, against the same claimed date)."""
    evidence = [_from_json(e) for e in article.date_evidence]
    claimed = _as_the_page_wrote_it(article.claimed_date, evidence)
    if claimed:
        if text_dates is None:
            text_dates = dates_in_text(article.body_text.split("\n\n"), claimed)
        evidence += text_dates
    original = None
    if article.original_id:
        source = article.original
        # Its own date counts when we saw it late (a bulk import): see Original.known_by.
        original = Original(
            source.publisher.name,
            source.first_seen_at,
            wire=article.credit or None,
            claimed=source.claimed_date,
        )
    flags = date_flags(claimed, evidence, original)
    article.date_flags = [{"kind": f.kind, "message": f.message} for f in flags]


def _as_the_page_wrote_it(
    claimed: datetime | None, evidence: list[DateEvidence]
) -> datetime | None:
    """The claimed moment in the page's own zone, from the evidence that gave it: the database
    keeps it in UTC, where 9 pm on March 13 in New York is already March 14, and the checks
    count days (a re-check after an edit or a regroup must see the day the first one saw)."""
    if claimed is None:
        return None
    return next((item.value for item in evidence if item.value == claimed), claimed)


def _from_json(item: dict) -> DateEvidence:
    value = datetime.fromisoformat(item["value"])
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return DateEvidence(item["source"], value, item["detail"], item.get("basis", "stated"))


def _add_keys(article_id: int, keys: list[int]) -> None:
    """Index the article under each of its keys that is not a stop key; a key that reaches
    MAX_POSTINGS articles becomes one, and its rows go (the rule of `trace.index.KeyIndex.add`).
    """
    if not keys:
        return
    stopped = set(TraceStopKey.objects.filter(key__in=keys).values_list("key", flat=True))
    live = [k for k in keys if k not in stopped]
    held = dict(
        TraceKey.objects.filter(key__in=live)
        .values("key")
        .annotate(n=Count("id"))
        .filter(n__gte=key_index.MAX_POSTINGS - 1)
        .values_list("key", "n")
    )
    TraceKey.objects.bulk_create([TraceKey(key=k, article_id=article_id) for k in live])
    if held:  # these keys now hold MAX_POSTINGS articles (or more, after a race): stop them
        TraceStopKey.objects.bulk_create([TraceStopKey(key=k) for k in held], ignore_conflicts=True)
        TraceKey.objects.filter(key__in=list(held)).delete()
