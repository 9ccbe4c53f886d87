"""`dateline feeds list|add|remove|import|export|load|poll`: the feeds Dateline follows."""

from __future__ import annotations

import argparse
import sys

from dateline.cli.django_setup import setup_django


def register(commands) -> None:
    parser = commands.add_parser(
        "feeds", help="list, add, remove, import, export or poll the feeds Dateline follows"
    )
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    actions.add_parser("list", help="each feed with its schedule and health").set_defaults(
        run=list_feeds
    )
    add = actions.add_parser("add", help="follow a feed, or the feeds a homepage announces")
    add.add_argument("url")
    add.add_argument("--title", default="")
    add.set_defaults(run=add_feed)
    remove = actions.add_parser("remove", help="stop following a feed (its articles stay)")
    remove.add_argument("url")
    remove.set_defaults(run=remove_feed)
    load = actions.add_parser(
        "import",
        aliases=["load"],
        help="add feeds from an OPML or URL-list file (default: bundled)",
    )
    load.add_argument("file", nargs="?")
    load.set_defaults(run=load_feeds)
    export = actions.add_parser("export", help="print every followed feed as OPML")
    export.set_defaults(run=export_feeds)
    actions.add_parser("poll", help="poll the due feeds once, now").set_defaults(run=poll_feeds)


def list_feeds(args: argparse.Namespace) -> int:
    setup_django(migrate=True)
    from dateline.store.source_status import source_rows

    for row in source_rows():
        state = "ok"
        if row["last_error"]:
            state = f"FAILING x{row['consecutive_failures']}: {row['last_error']}"
        if not row["active"]:
            state = "paused"
        print(
            f"{row['url']}\n  next due {row['next_poll_at'] or 'now'} · every {row['interval']}"
            f" · {row['fetch_count']} fetches, {row['not_modified_count']} answered 304"
            f" · added {row['articles_added']} · {state}"
            + (f" · host {row['host_state']}" if row["host_state"] != "ok" else "")
        )
    return 0


def add_feed(args: argparse.Namespace) -> int:
    setup_django(migrate=True)
    from dateline.store.following import FollowError, follow

    try:
        added = follow(args.url, title=args.title)
    except FollowError as exc:
        print(exc)
        return 2
    for url, created in added:
        print(f"{'added' if created else 'already followed'}: {url}")
    return 0


def remove_feed(args: argparse.Namespace) -> int:
    setup_django(migrate=True)
    from dateline.store.models import Source

    deleted, _ = Source.objects.filter(url=args.url).delete()
    print("removed" if deleted else f"not followed: {args.url}")
    return 0 if deleted else 1


def load_feeds(args: argparse.Namespace) -> int:
    setup_django(migrate=True)
    from dateline.gather.sourcelist import SourceListError
    from dateline.store.following import follow_listed

    try:
        listed = follow_listed(args.file)
    except SourceListError as exc:
        print(f"no feeds added: {exc}")
        return 2
    print(f"{listed.added} feeds added")
    for url, why in listed.skipped:
        print(f"skipped {url!r}: {why}")  # quoted: a list's line may hold terminal escapes
    return 0


def export_feeds(args: argparse.Namespace) -> int:
    setup_django(migrate=True)
    from dateline.store.following import opml_export

    sys.stdout.write(opml_export())
    return 0


def poll_feeds(args: argparse.Namespace) -> int:
    setup_django(migrate=True)
    from dateline.store.polling import poll_due

    for outcome in poll_due(limit=1000):
        print(
            f"{outcome.url}: "
            + (f"error: {outcome.error}" if outcome.error else f"{outcome.added} added")
        )
    return 0
