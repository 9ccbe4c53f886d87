"""Polling feeds: claim a due source, fetch and parse its feed, fetch and ingest new articles.

The claim moves `next_poll_at` forward with a conditional UPDATE, so two workers never poll the
same feed at once. Every failure is recorded on the source for the status page; none escapes.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db.models import F, Q
from django.utils import timezone

from dateline.gather.decode import NotTextError, decode_page
from dateline.gather.feeds import FeedError, parse_feed
from dateline.gather.fetch import FetchError, FetchPolicy, fetch
from dateline.gather.page import RawPage
from dateline.gather.sourcelist import read_sources
from dateline.store.ingest import ingest_page
from dateline.store.models import Article, Source

log = logging.getLogger(__name__)
ENTRIES_PER_POLL = 20  # new articles fetched per feed per poll: polite to publishers
MAX_BACKOFF = timedelta(hours=24)


@dataclass(frozen=True)
class PollOutcome:
    url: str
    added: int
    error: str | None


def fetch_policy() -> FetchPolicy:
    config = settings.CONFIG
    return FetchPolicy(
        timeout=config["fetch_timeout"],
        max_bytes=config["max_body_bytes"],
        allow_private=config["allow_private_networks"],
        contact=config["user_agent_contact"],
    )


def load_default_sources(path: str | None = None) -> int:
    """Add the configured (or bundled) feeds that are not yet known; returns how many."""
    added = 0
    for url, title in read_sources(path or settings.CONFIG["sources_file"] or None):
        _, created = Source.objects.get_or_create(url=url, defaults={"title": title})
        added += created
    return added


def poll_due(limit: int = 10) -> list[PollOutcome]:
    """Poll up to `limit` sources whose time has come."""
    now = timezone.now()
    due = Source.objects.filter(active=True).filter(
        Q(next_poll_at__isnull=True) | Q(next_poll_at__lte=now)
    )
    outcomes = []
    for source in due.order_by(F("next_poll_at").asc(nulls_first=True))[:limit]:
        if _claim(source, now):
            outcomes.append(poll_source(source))
    return outcomes


def _claim(source: Source, now) -> bool:
    lease_until = now + timedelta(seconds=settings.CONFIG["fetch_timeout"] * (ENTRIES_PER_POLL + 2))
    return bool(
        Source.objects.filter(pk=source.pk, next_poll_at=source.next_poll_at).update(
            next_poll_at=lease_until
        )
    )


def poll_source(source: Source) -> PollOutcome:
    policy = fetch_policy()
    now = timezone.now()
    try:
        added = _poll(source, policy)
    except (FetchError, FeedError, NotTextError) as exc:
        failures = source.consecutive_failures + 1
        backoff = min(
            timedelta(seconds=settings.CONFIG["poll_interval"]) * 2 ** min(failures, 6), MAX_BACKOFF
        )
        Source.objects.filter(pk=source.pk).update(
            last_polled_at=now,
            last_error=str(exc)[:2000],
            consecutive_failures=failures,
            next_poll_at=now + backoff,
        )
        log.warning("feed %s failed (%d in a row): %s", source.url, failures, exc)
        return PollOutcome(source.url, 0, str(exc))
    Source.objects.filter(pk=source.pk).update(
        last_polled_at=now,
        last_ok_at=now,
        last_error="",
        consecutive_failures=0,
        next_poll_at=now + timedelta(seconds=settings.CONFIG["poll_interval"]),
        articles_added=F("articles_added") + added,
    )
    return PollOutcome(source.url, added, None)


def _poll(source: Source, policy: FetchPolicy) -> int:
    conditional = {}
    if source.etag:
        conditional["If-None-Match"] = source.etag
    if source.last_modified:
        conditional["If-Modified-Since"] = source.last_modified
    response = fetch(source.url, policy, conditional)
    if response.status == 304:
        return 0
    if response.status >= 400:
        raise FetchError(f"the feed answered HTTP {response.status}")
    feed = parse_feed(response.body)
    Source.objects.filter(pk=source.pk).update(
        etag=response.headers.get("etag", "")[:500],
        last_modified=response.headers.get("last-modified", "")[:100],
        title=source.title or feed.title[:300],
    )
    known = set(
        Article.objects.filter(url__in=[e.link for e in feed.entries]).values_list("url", flat=True)
    )
    added = 0
    for entry in [e for e in feed.entries if e.link not in known][:ENTRIES_PER_POLL]:
        try:
            page = fetch(entry.link, policy)
            if page.status >= 400:
                raise FetchError(f"HTTP {page.status}")
            text = decode_page(page.body, None)
        except (FetchError, NotTextError) as exc:
            log.info("article %s skipped: %s", entry.link, exc)
            continue
        result = ingest_page(
            RawPage(
                origin=entry.link,
                kind="html",
                content=text,
                url=page.url,
                fetched_at=timezone.now(),
            )
        )
        added += result.status == "imported"
    return added
