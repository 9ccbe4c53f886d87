"""`dateline manage ...`: Django's management commands (migrate, createsuperuser, shell...)."""

from __future__ import annotations

import argparse


def register(commands) -> None:
    parser = commands.add_parser("manage", help="run a Django management command", add_help=False)
    parser.add_argument("rest", nargs=argparse.REMAINDER)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from dateline.cli.django_setup import setup_django

    setup_django()
    from django.core.management import execute_from_command_line

    execute_from_command_line(["dateline manage", *args.rest])
    return 0
