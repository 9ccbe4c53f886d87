"""Background work through Django's tasks interface (the `django-tasks` backport).

The scheduler queues one `poll_feed_task` per due feed; any worker on any machine runs it. The
database queue is the embedded default; RQ on Redis scales out. Tasks are idempotent: the feed
lease stops a second copy of a poll from running at the same time, and deduplication at the door
makes a poll retried after a crash add nothing twice.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict
from datetime import timedelta
from itertools import chain, zip_longest

from django.db.models import Q
from django.utils import timezone
from django_tasks import task

from dateline.store import feed_leases
from dateline.store.hosts import host_of
from dateline.store.polling import lease_length, poll_feed


@task()
def poll_feed_task(source_id: int) -> dict | None:
    outcome = poll_feed(source_id)
    return asdict(outcome) if outcome else None


def queue_due(limit: int = 2000) -> int:
    """Queue a poll for each due feed not already queued; returns how many were queued.

    The queue takes hosts in turn, so that workers going down it are not all held up by one
    host's rate limit while every other host waits.
    """
    now = timezone.now()
    # A queued poll that never ran (its worker died) is queued again once this passes.
    queued_until = now + lease_length() + timedelta(minutes=5)
    queued = 0
    waiting = feed_leases.due(now).filter(Q(queued_until__isnull=True) | Q(queued_until__lte=now))
    for source_id in _hosts_in_turn(waiting.values_list("pk", "url")[:limit]):
        if feed_leases.mark_queued(source_id, queued_until):
            poll_feed_task.enqueue(source_id)
            queued += 1
    return queued


def _hosts_in_turn(feeds) -> list[int]:
    """Feed ids reordered round-robin by host, keeping each host's own order."""
    by_host: dict[str, list[int]] = defaultdict(list)
    for source_id, url in feeds:
        by_host[host_of(url)].append(source_id)
    rounds = zip_longest(*by_host.values())
    return [source_id for source_id in chain.from_iterable(rounds) if source_id is not None]
