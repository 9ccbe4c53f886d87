"""The `dateline` command: one sub-command a module, each a thin layer over the pipeline."""

from __future__ import annotations

import argparse
import sys

from dateline.cli import (
    config_cmd,
    extract_cmd,
    feeds_cmd,
    import_cmd,
    manage_cmd,
    reader_cmd,
    stories_cmd,
    token_cmd,
    up_cmd,
    worker_cmd,
)

COMMANDS = (
    config_cmd,
    extract_cmd,
    import_cmd,
    feeds_cmd,
    worker_cmd,
    up_cmd,
    manage_cmd,
    token_cmd,
    stories_cmd,
    reader_cmd,
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="dateline",
        description="Dateline: gather, understand, trace, group and serve the news.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for module in COMMANDS:
        module.register(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.run(args) or 0)
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
