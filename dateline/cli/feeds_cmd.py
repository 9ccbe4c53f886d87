"""`dateline feeds list|add|load|poll`: the feeds Dateline follows."""

from __future__ import annotations

import argparse

from dateline.cli.django_setup import setup_django


def register(commands) -> None:
    parser = commands.add_parser("feeds", help="list, add, load or poll the feeds Dateline follows")
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    actions.add_parser("list", help="each feed with its health and next poll").set_defaults(
        run=list_feeds
    )
    add = actions.add_parser("add", help="follow a feed")
    add.add_argument("url")
    add.add_argument("--title", default="")
    add.set_defaults(run=add_feed)
    load = actions.add_parser(
        "load", help="add feeds from an OPML or URL-list file (default: bundled)"
    )
    load.add_argument("file", nargs="?")
    load.set_defaults(run=load_feeds)
    actions.add_parser("poll", help="poll the due feeds once, now").set_defaults(run=poll_feeds)


def list_feeds(args: argparse.Namespace) -> int:
    setup_django(migrate=True)
    from dateline.store.models import Source

    for s in Source.objects.order_by("url"):
        state = f"FAILING x{s.consecutive_failures}: {s.last_error}" if s.last_error else "ok"
        print(
            f"{s.url}\n  next poll {s.next_poll_at or 'now'} · added {s.articles_added} · {state}"
        )
    return 0


def add_feed(args: argparse.Namespace) -> int:
    setup_django(migrate=True)
    from dateline.gather.fetch import FetchError, check_url
    from dateline.store.models import Source

    try:
        check_url(args.url, allow_private=True)  # scheme and host only; the poll checks addresses
    except FetchError as exc:
        print(exc)
        return 2
    _, created = Source.objects.get_or_create(url=args.url, defaults={"title": args.title})
    print("added" if created else "already followed")
    return 0


def load_feeds(args: argparse.Namespace) -> int:
    setup_django(migrate=True)
    from dateline.store.polling import load_default_sources

    print(f"{load_default_sources(args.file)} feeds added")
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
