"""`dateline worker`: poll due feeds forever, sleeping between rounds."""

from __future__ import annotations

import argparse
import logging
import time

from dateline.cli.django_setup import setup_django

log = logging.getLogger("dateline.worker")


def register(commands) -> None:
    parser = commands.add_parser("worker", help="poll feeds in the background until stopped")
    parser.add_argument(
        "--idle", type=float, default=30.0, help="seconds to sleep when nothing is due"
    )
    parser.add_argument("--once", action="store_true", help="one round, then exit")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    setup_django(migrate=False)
    from django.db import close_old_connections

    from dateline.store.polling import poll_due

    while True:
        close_old_connections()
        try:
            outcomes = poll_due()
        except Exception:  # the worker must outlive any one bad round (a locked DB, a bug)
            log.exception("polling round failed")
            outcomes = []
        for outcome in outcomes:
            if outcome.error is None:  # failures are logged where they happen, with their count
                log.info("%s: %d added", outcome.url, outcome.added)
        if args.once:
            return 0
        if not outcomes:
            time.sleep(args.idle)
