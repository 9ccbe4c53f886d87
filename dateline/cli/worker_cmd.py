"""`dateline worker`: queue due feed polls and run queued tasks, until stopped.

Each round queues a poll for every due feed (guarded, so any number of workers may schedule)
and then runs the queue until it is empty, through the configured task backend: the database
queue by default, RQ when DATELINE_TASK_BACKEND=rq.
"""

from __future__ import annotations

import argparse
import logging
import time

from dateline.cli.django_setup import setup_django
from dateline.group.repair import PASS_EVERY

log = logging.getLogger("dateline.worker")
REPAIR_EVERY = PASS_EVERY  # seconds between story repair passes, in scheduling workers
BACKFILL_BATCH = 200  # Related lists worked out per idle round (about 20 ms each)
PRUNE_EVERY = 86400.0  # seconds between prunes of the rare document-frequency keys


def register(commands) -> None:
    parser = commands.add_parser("worker", help="poll feeds in the background until stopped")
    parser.add_argument(
        "--idle", type=float, default=5.0, help="seconds to sleep when nothing is due"
    )
    parser.add_argument("--once", action="store_true", help="one round, then exit")
    parser.add_argument(
        "--no-schedule", action="store_true", help="only run queued tasks; queue nothing"
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    setup_django(migrate=False)
    from django.conf import settings
    from django.db import close_old_connections

    from dateline.store.feed_leases import free_dead_local_leases
    from dateline.store.tasks import queue_due

    freed = free_dead_local_leases()
    if freed:
        log.info("took back %d feed leases of workers that died on this machine", freed)
    drain = _drain_rq if settings.CONFIG["task_backend"] == "rq" else _drain_database
    repaired_at = time.monotonic()
    pruned_at = float("-inf")  # a worker's first idle round prunes: a restart may be days later
    while True:
        close_old_connections()
        try:
            queued = 0 if args.no_schedule else queue_due()
            ran = drain()
            if not args.no_schedule and time.monotonic() - repaired_at >= REPAIR_EVERY:
                repaired_at = time.monotonic()
                _repair_stories()
            if not ran and not args.no_schedule:
                _backfill_related()
                if time.monotonic() - pruned_at >= PRUNE_EVERY:
                    pruned_at = time.monotonic()
                    _prune_frequencies()
        except Exception:  # the worker must outlive any one bad round (a locked DB, a bug)
            log.exception("worker round failed")
            queued, ran = 0, 0
        if queued or ran:
            log.info("queued %d feed polls, ran %d tasks", queued, ran)
        if args.once:
            return 0
        if not ran:
            time.sleep(args.idle)


def _backfill_related() -> None:
    """Idle time: Related lists of articles stored before lists existed, or whose list could not
    be written at ingest (a bounded batch per round, newest first)."""
    from dateline.store.related_links import backfill

    done = backfill(limit=BACKFILL_BATCH)
    if done:
        log.info("worked out the Related lists of %d articles", done)


def _prune_frequencies() -> None:
    """Idle time, once a day: the rare keys nobody counted for months (`term_stats.prune`)."""
    from dateline.store.term_stats import prune

    dropped = prune()
    if dropped:
        log.info("pruned %d rare document-frequency keys", dropped)


def _repair_stories() -> None:
    from dateline.store.story_repair import repair_stories

    events = repair_stories(hours=REPAIR_EVERY / 3600 * 2)
    for event in events:
        log.info("story repair: %s %s → %s", event.kind, event.story_id, event.other_id)


def _drain_database() -> int:
    """Run the database queue until it is empty; returns how many tasks ran."""
    from django_tasks_db.management.commands.db_worker import Worker

    from dateline.store.feed_leases import worker_id

    worker = Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id=worker_id()[:64],
        excluded_queue_names=[],
    )
    worker.run()
    return worker._run_tasks  # the worker keeps no public count


def _drain_rq() -> int:
    """Run the RQ queue in burst mode (until empty); returns how many jobs ran."""
    import django_rq

    worker = django_rq.get_worker("default", job_class="django_tasks_rq.Job")
    worker.work(burst=True, logging_level="WARNING")
    return worker.successful_job_count + worker.failed_job_count
