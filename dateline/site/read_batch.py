"""Reads by visitors served from the page cache, counted in batches.

Those requests never enter Django, so they must not wait on a database write: each read adds
one to its article's count in memory, and a background thread of the worker process writes
the counts once a second in one transaction (`store.engagement.record_anonymous_reads`). No
row per read: most such views come from browsers that never return (and from crawlers), and a
row each would grow the database by the request rate. A browser that does come back brings a
`dl_first` cookie naming the article, and that read joins its history then
(`site.visitor`). If the process dies, at most the last second of counts is lost; if the
database refuses, the counts are kept and tried again.
"""

from __future__ import annotations

import atexit
import logging
import os
import threading
import time
from datetime import UTC, datetime

from django.db import close_old_connections

log = logging.getLogger(__name__)

INTERVAL = 1.0
MAX_ARTICLES = 100_000  # distinct articles waiting; reads of others are dropped (and counted)


class ReadBatch:
    def __init__(self, interval: float = INTERVAL, max_articles: int = MAX_ARTICLES) -> None:
        self.background = (
            True  # tests flush by hand: a thread would write outside their transaction
        )
        self.interval = interval
        self.max_articles = max_articles
        self.dropped = 0
        self._counts: dict[int, int] = {}
        self._lock = threading.Lock()
        self._thread_pid: int | None = None

    def add(self, article_id: int) -> None:
        with self._lock:
            if article_id in self._counts or len(self._counts) < self.max_articles:
                self._counts[article_id] = self._counts.get(article_id, 0) + 1
            else:
                self.dropped += 1
            if self.background and self._thread_pid != os.getpid():  # none yet in this process
                self._thread_pid = os.getpid()
                threading.Thread(target=self._run, name="read-batch", daemon=True).start()

    def pending(self) -> int:
        return sum(self._counts.values())

    def discard(self) -> None:
        """Forget what is queued (tests: the database it was meant for is gone)."""
        with self._lock:
            self._counts = {}

    def flush(self) -> int:
        """Write what is queued now; returns the reads counted."""
        from dateline.store.engagement import record_anonymous_reads

        with self._lock:
            counts, self._counts = self._counts, {}
        if not counts:
            return 0
        try:
            return record_anonymous_reads(counts, datetime.now(UTC))
        except Exception:
            log.exception("could not count %d reads; keeping them", sum(counts.values()))
            with self._lock:
                for article_id, count in counts.items():
                    self._counts[article_id] = self._counts.get(article_id, 0) + count
            return 0

    def _run(self) -> None:
        atexit.register(self.flush)
        while True:
            time.sleep(self.interval)
            close_old_connections()
            self.flush()


READS = ReadBatch()
