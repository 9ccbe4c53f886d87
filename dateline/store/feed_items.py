"""Deduplication at the door: is this feed entry new, known, or known but edited?

An entry is known to its feed by GUID or by canonical link; a link another feed (or an import)
already brought in is known everywhere. A known entry whose title, summary or dates changed is an
edit candidate: its page is fetched again and, if the body changed, the article is revised.
Unstable GUIDs and tracking parameters therefore never cause a second fetch, and a rewritten
link that still leads to the same text is caught by the body fingerprint in `store.ingest`.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.db.models import Q

from dateline.gather.feeds import FeedEntry
from dateline.gather.urls import canonicalize
from dateline.store.models import Article, FeedItem, Source


def entry_hash(entry: FeedEntry) -> str:
    dates = [d.isoformat() for d in (entry.published, entry.updated) if d]
    text = "\x1f".join([entry.title, entry.summary, *dates])
    return hashlib.sha256(text.encode()).hexdigest()


@dataclass(frozen=True)
class Verdict:
    """What to do with one entry: `new`, `known` (nothing to do) or `edited` (fetch again)."""

    kind: str
    link: str
    item: FeedItem | None = None
    article_id: int | None = None


class Door:
    """One feed's known entries, loaded once per poll (one query, not one per entry)."""

    def __init__(self, source: Source, entries: list[FeedEntry]) -> None:
        self.source = source
        links = [canonicalize(e.link) for e in entries]
        guids = [e.guid for e in entries if e.guid]
        items = FeedItem.objects.filter(source=source).filter(Q(link__in=links) | Q(guid__in=guids))
        self.by_link: dict[str, FeedItem] = {}
        self.by_guid: dict[str, FeedItem] = {}
        for item in items.order_by("pk"):  # the newest row wins
            self.by_link[item.link] = item
            if item.guid:
                self.by_guid[item.guid] = item

    def classify(self, entry: FeedEntry) -> Verdict:
        link = canonicalize(entry.link)
        item = self.by_link.get(link) or (self.by_guid.get(entry.guid) if entry.guid else None)
        if item is not None:
            if item.entry_hash == entry_hash(entry) or item.article_id is None:
                return Verdict("known", link, item)
            return Verdict("edited", link, item, item.article_id)
        # Brought in by another feed, or an article whose page names this link as canonical.
        elsewhere = (
            FeedItem.objects.filter(link=link, article__isnull=False)
            .values_list("article_id", flat=True)
            .first()
        ) or Article.objects.filter(canonical_url=link).values_list("pk", flat=True).first()
        if elsewhere:
            return Verdict("known", link, None, elsewhere)
        return Verdict("new", link)

    def remember(
        self, entry: FeedEntry, link: str, article_id: int | None, item: FeedItem | None
    ) -> FeedItem:
        """Record (or refresh) the entry, so the next poll knows it."""
        fields = {
            "guid": (entry.guid or "")[:1000],
            "link": link[:2000],
            "title": entry.title[:500],
            "summary": entry.summary,
            "published": entry.published,
            "entry_hash": entry_hash(entry),
            "article_id": article_id,
        }
        if item is None:
            item = FeedItem.objects.create(source=self.source, **fields)
        else:
            for name, value in fields.items():
                setattr(item, name, value)
            item.save()
        self.by_link[item.link] = item  # a feed listing one link twice fetches it once
        if item.guid:
            self.by_guid[item.guid] = item
        return item
