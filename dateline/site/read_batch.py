"""Reads by visitors served from the page cache, counted in batches.

Those requests never enter Django, so they must not wait on a database write: each read is
queued in memory and a background thread of the worker process writes the queue once a second
in one transaction (`store.engagement.record_new_visitor_reads`). If the process dies, at most
the last second of these reads is lost; if the database refuses, the queue is kept and tried
again, up to `MAX_PENDING` reads (beyond that the oldest are dropped and counted in `dropped`).
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
MAX_PENDING = 100_000


class ReadBatch:
    def __init__(self, interval: float = INTERVAL, max_pending: int = MAX_PENDING) -> None:
        self.background = (
            True  # tests flush by hand: a thread would write outside their transaction
        )
        self.interval = interval
        self.max_pending = max_pending
        self.dropped = 0
        self._pending: list[tuple[int, str, datetime]] = []
        self._lock = threading.Lock()
        self._thread_pid: int | None = None

    def add(self, article_id: int, visitor: str) -> None:
        with self._lock:
            self._pending.append((article_id, visitor, datetime.now(UTC)))
            overflow = len(self._pending) - self.max_pending
            if overflow > 0:
                del self._pending[:overflow]
                self.dropped += overflow
            if (
                self.background and self._thread_pid != os.getpid()
            ):  # none yet in this (possibly forked) process
                self._thread_pid = os.getpid()
                threading.Thread(target=self._run, name="read-batch", daemon=True).start()

    def pending(self) -> int:
        return len(self._pending)

    def discard(self) -> None:
        """Forget what is queued (tests: the database it was meant for is gone)."""
        with self._lock:
            self._pending = []

    def flush(self) -> int:
        """Write what is queued now; returns the reads counted."""
        from dateline.store.engagement import record_new_visitor_reads

        with self._lock:
            batch, self._pending = self._pending, []
        if not batch:
            return 0
        try:
            return record_new_visitor_reads(batch)
        except Exception:
            log.exception("could not count %d reads; keeping them for the next try", len(batch))
            with self._lock:
                self._pending[:0] = batch
            return 0

    def _run(self) -> None:
        atexit.register(self.flush)
        while True:
            time.sleep(self.interval)
            close_old_connections()
            self.flush()


READS = ReadBatch()
