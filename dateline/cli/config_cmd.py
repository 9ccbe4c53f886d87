"""`dateline config`: the effective settings, secrets masked."""

from __future__ import annotations

import argparse
import json

from dateline import config


def register(commands) -> None:
    parser = commands.add_parser(
        "config", help="print the effective configuration (secrets masked)"
    )
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    try:
        rows = config.describe(config.load())
    except config.ConfigError as exc:
        print(f"configuration error: {exc}")
        return 2
    if args.json:
        print(json.dumps({env: value for env, value, _ in rows}, indent=2))
        return 0
    width = max(len(env) for env, _, _ in rows)
    for env, value, help_text in rows:
        print(f"{env:<{width}}  {value or '(empty)'}\n{'':<{width}}  # {help_text}")
    return 0
