"""Polling one feed, top to bottom: lease, conditional GET, parse, dedupe, fetch pages politely,
extract, store or revise, reschedule.

Every failure is recorded on the source (and on its host) for the status page; none escapes.
The feed's validators (ETag, Last-Modified) are kept only when every new entry was handled, so an
interrupted poll is never followed by a 304 that hides the entries it did not reach.
"""

from __future__ import annotations

import dataclasses
import logging
import threading
from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.db.models import F
from django.utils import timezone

from dateline.gather import schedule
from dateline.gather.decode import NotTextError
from dateline.gather.feeds import Feed, FeedEntry, FeedError
from dateline.gather.fetch import FetchError, FetchPolicy, Response, fetch
from dateline.gather.page import RawPage
from dateline.gather.robots import RobotsCache
from dateline.gather.robots import fetcher as robots_fetcher
from dateline.store import feed_items, feed_leases, hosts
from dateline.store.ingest import revise_article, store_article
from dateline.store.models import Article, Source
from dateline.store.source_reading import read_source
from dateline.understand.article import Article as PageArticle
from dateline.understand.article import ExtractionError
from dateline.understand.extract import extract_page

log = logging.getLogger(__name__)
ENTRIES_PER_POLL = 20  # pages fetched per feed per poll: polite to publishers, bounded leases
HOST_WAIT = 30.0  # seconds a poll waits for a busy host before leaving the rest for later
SOON = timedelta(minutes=1)  # when an unfinished poll comes back


@dataclass(frozen=True)
class PollOutcome:
    url: str
    added: int
    error: str | None
    not_modified: bool = False
    revised: int = 0


@dataclass
class _Progress:
    added: int = 0
    revised: int = 0
    fetched: int = 0
    new_entries: int = 0
    finished: bool = True  # every new entry handled


def fetch_policy() -> FetchPolicy:
    config = settings.CONFIG
    return FetchPolicy(
        timeout=config["fetch_timeout"],
        max_bytes=config["max_body_bytes"],
        allow_private=config["allow_private_networks"],
        contact=config["user_agent_contact"],
        # No retries inside one fetch: each would be a request outside the host's budget.
        # The poll is rescheduled with backoff instead (see _failed and store.hosts).
        retries=0,
    )


def lease_length() -> timedelta:
    return timedelta(seconds=settings.CONFIG["fetch_timeout"] * 3 + HOST_WAIT + 60)


def poll_due(limit: int = 10) -> list[PollOutcome]:
    """Poll, in this process, up to `limit` feeds whose time has come."""
    outcomes = []
    for source_id in list(feed_leases.due(timezone.now()).values_list("pk", flat=True)[:limit]):
        outcome = poll_feed(source_id)
        if outcome is not None:
            outcomes.append(outcome)
    return outcomes


def poll_feed(source_id: int, owner: str | None = None) -> PollOutcome | None:
    """Poll one feed if we can lease it; None when another worker holds it."""
    owner = owner or feed_leases.worker_id()
    source = feed_leases.claim(source_id, owner, lease_length())
    if source is None:
        return None
    now = timezone.now()
    try:
        return _poll(source, owner, now)
    except hosts.HostUnavailable as exc:
        # Not this feed's failure: no backoff of its own, it comes back when the host may.
        shown = {"last_error": str(exc)[:2000]} if exc.down else {}
        feed_leases.release(source.pk, owner, next_poll_at=exc.until, **shown)
        return PollOutcome(source.url, 0, str(exc))
    except FetchError as exc:
        return _failed(source, owner, now, str(exc), exc.retry_after)
    except (FeedError, NotTextError) as exc:
        return _failed(source, owner, now, str(exc))
    except Exception as exc:  # a bug or a hostile feed must not hold the lease until it expires
        log.exception("polling %s crashed", source.url)
        return _failed(source, owner, now, f"internal error: {exc!r}")


def _poll(source: Source, owner: str, now: datetime) -> PollOutcome:
    response = _get_feed(source, owner)
    if response.status == 304:
        _succeeded(source, owner, now, response.headers, _Progress(), feed=None)
        return PollOutcome(source.url, 0, None, not_modified=True)
    if response.status >= 400:
        return _failed(source, owner, now, f"the feed answered HTTP {response.status}")
    # Relative links are read against where the feed was found, after any redirect.
    feed = read_source(response.body, response.url, lambda url: _child_sitemap(source, owner, url))
    if feed.problem:  # read all the same: malformed XML with entries, links that are no address
        log.warning("%s: %s", source.url, feed.problem)
    progress = _Progress()
    door = feed_items.Door(source, feed.entries)
    for entry in feed.entries:
        if progress.fetched >= ENTRIES_PER_POLL:
            progress.finished = False
            break
        try:
            fetched = _handle_entry(source, owner, door, entry, progress, feed.kind)
        except hosts.HostUnavailable as exc:
            log.info("%s: leaving the rest for later: %s", source.url, exc)
            progress.finished = False
            break
        if fetched:  # a long poll must not outlive its lease
            progress.fetched += 1
            feed_leases.renew(source.pk, owner, lease_length())
    _succeeded(source, owner, now, response.headers, progress, feed=feed)
    return PollOutcome(source.url, progress.added, None, revised=progress.revised)


def _get_feed(source: Source, owner: str) -> Response:
    conditional = {}
    if source.etag:
        conditional["If-None-Match"] = source.etag
    if source.last_modified:
        conditional["If-Modified-Since"] = source.last_modified
    Source.objects.filter(pk=source.pk).update(fetch_count=F("fetch_count") + 1)
    return _polite_fetch(source, owner, source.url, conditional)


def _polite_fetch(source: Source, owner: str, url: str, headers: dict | None = None) -> Response:
    """One request within the host's budget; network errors, 429 and 5xx count against the host."""
    with hosts.host_slot(url, hosts.limits_for(source), owner, wait=HOST_WAIT):
        try:
            response = fetch(url, fetch_policy(), headers)
        except FetchError as exc:
            if exc.transient:
                hosts.record_failure(url, str(exc), retry_after=exc.retry_after)
            raise
    hosts.record_success(url)
    return response


def _handle_entry(
    source: Source,
    owner: str,
    door: feed_items.Door,
    entry: FeedEntry,
    progress: _Progress,
    kind: str = "rss",
) -> bool:
    """Store, revise or skip one entry; True if its page was fetched."""
    verdict = door.classify(entry)
    if verdict.kind == "known":
        if verdict.item is None:  # first sight in this feed of a link we already have
            door.remember(entry, verdict.link, verdict.article_id, None)
        return False
    if verdict.kind == "new":
        progress.new_entries += 1
    article_id = verdict.article_id
    try:
        page = _fetch_page(source, owner, entry, kind)
        article = _with_feed_metadata(extract_page(page), entry)
    except (FetchError, NotTextError, ExtractionError) as exc:
        log.info("article %s skipped: %s", entry.link, exc)
    else:
        if verdict.kind == "edited":
            progress.revised += revise_article(verdict.article_id, article)
        else:
            result = store_article(article, origin=entry.link, seen_at=page.fetched_at)
            progress.added += result.status == "imported"
            article_id = _article_id(result.key)
    door.remember(entry, verdict.link, article_id, verdict.item)
    return True


def _with_feed_metadata(article: PageArticle, entry: FeedEntry) -> PageArticle:
    """The page speaks for itself; the feed fills only what the page left out (authors)."""
    if not article.authors and entry.authors:
        return dataclasses.replace(article, authors=list(entry.authors))
    return article


def _child_sitemap(source: Source, owner: str, url: str) -> bytes:
    if not _robots_allow(source, owner, url):
        raise FetchError(f"robots.txt of {urlsplit(url).netloc} disallows {url}")
    response = _polite_fetch(source, owner, url)
    if response.status >= 400:
        raise FetchError(f"HTTP {response.status}")
    return response.body


def _fetch_page(source: Source, owner: str, entry: FeedEntry, kind: str = "rss") -> RawPage:
    if not _robots_allow(source, owner, entry.link):
        raise FetchError(f"robots.txt of {urlsplit(entry.link).netloc} disallows {entry.link}")
    response = _polite_fetch(source, owner, entry.link)
    if response.status >= 400:
        raise FetchError(f"HTTP {response.status}")
    dates = ()
    if entry.published and kind == "sitemap":
        dates = (("sitemap", entry.published, "the news sitemap's publication_date"),)
    elif entry.published:
        dates = (("feed", entry.published, _feed_date_detail(entry)),)
    return RawPage(
        origin=entry.link,
        kind="html",
        content=response.text(),
        url=response.url,
        fetched_at=timezone.now(),
        headers=response.headers,
        dates=dates,
    )


def _feed_date_detail(entry: FeedEntry) -> str:
    # A feed without a publication date gives its update date: evidence of a change, not a birth.
    if entry.updated is not None and entry.published == entry.updated:
        return "the feed's updated date"
    return "the feed's pubDate"


_robots: RobotsCache | None = None
_robots_lock = threading.Lock()
_robots_context = threading.local()  # the source and worker a robots.txt fetch is made for


def _robots_allow(source: Source, owner: str, url: str) -> bool:
    """robots.txt (cached per origin, see gather.robots), fetched within the host's budget."""
    global _robots
    with _robots_lock:
        if _robots is None:
            _robots = RobotsCache(_fetch_robots)
    _robots_context.source, _robots_context.owner = source, owner
    return _robots.allowed(url)


def _fetch_robots(url: str) -> tuple[int, bytes]:
    source, owner = _robots_context.source, _robots_context.owner
    with hosts.host_slot(url, hosts.limits_for(source), owner, wait=HOST_WAIT):
        return robots_fetcher(fetch_policy())(url)


def reset_robots() -> None:
    """Forget cached robots.txt rules (tests; a worker told to re-read them)."""
    global _robots
    with _robots_lock:
        _robots = None


def _article_id(key: str | None) -> int | None:
    return Article.objects.filter(key=key).values_list("pk", flat=True).first() if key else None


def _succeeded(
    source: Source,
    owner: str,
    now: datetime,
    headers: dict[str, str],
    progress: _Progress,
    feed: Feed | None,
) -> None:
    config = settings.CONFIG
    rate = _publishing_rate(source, now, progress.new_entries, feed)
    floor = schedule.cache_floor(headers, feed.ttl, now) if feed else source.ttl_seconds
    interval = schedule.next_interval(
        rate,
        default=config["poll_interval"],
        minimum=config["poll_interval_min"],
        maximum=config["poll_interval_max"],
        floor=floor,
    )
    changes: dict = {
        "last_polled_at": now,
        "last_ok_at": now,
        "last_error": "",
        "consecutive_failures": 0,
        "items_per_day": rate,
        "interval_seconds": int(interval),
        "ttl_seconds": int(floor),
        "next_poll_at": now + (timedelta(seconds=interval) if progress.finished else SOON),
        "articles_added": F("articles_added") + progress.added,
    }
    if feed is None:
        changes["not_modified_count"] = F("not_modified_count") + 1
    else:
        changes["title"] = source.title or feed.title[:300]
        if progress.finished:
            changes["etag"] = headers.get("etag", "")[:500]
            changes["last_modified"] = headers.get("last-modified", "")[:100]
    if progress.new_entries:
        changes["last_new_item_at"] = now
    feed_leases.release(source.pk, owner, **changes)


def _publishing_rate(
    source: Source, now: datetime, new_entries: int, feed: Feed | None
) -> float | None:
    if source.last_ok_at is not None:
        elapsed = (now - source.last_ok_at).total_seconds()
        return schedule.observed_rate(source.items_per_day, new_entries, elapsed)
    # First poll: the backlog says how often this feed publishes, if its entries are dated.
    dated = sorted(e.published for e in (feed.entries if feed else []) if e.published)
    if len(dated) < 2 or dated[-1] <= dated[0]:
        return None
    return (len(dated) - 1) * schedule.DAY / (dated[-1] - dated[0]).total_seconds()


def _failed(
    source: Source, owner: str, now: datetime, error: str, retry_after: float | None = None
) -> PollOutcome:
    config = settings.CONFIG
    failures = source.consecutive_failures + 1
    delay = schedule.error_backoff(
        failures, base=config["poll_interval_min"], maximum=config["poll_interval_max"]
    )
    feed_leases.release(
        source.pk,
        owner,
        last_polled_at=now,
        last_error=error[:2000],
        consecutive_failures=failures,
        next_poll_at=now + timedelta(seconds=max(delay, retry_after or 0)),
    )
    log.warning("feed %s failed (%d in a row): %s", source.url, failures, error)
    return PollOutcome(source.url, 0, error)
