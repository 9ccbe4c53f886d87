"""`dateline stories eval STREAM`: replay a labelled stream through the story clusterer and print
the metrics of ours and the TF-IDF baseline as JSON; `dateline stories repair`: the periodic
merge pass over the store's active stories (splitting exists but is off: it cost recall).

By default `eval` replays the stream through the site's own write path (ingest, trace, stories)
in a scratch SQLite store that is deleted afterwards; `--in-memory` runs the clusterer alone over
in-memory state, which is faster and gives near-identical stories (a test checks the agreement)."""

from __future__ import annotations

import argparse
import json
import os
import tempfile
from pathlib import Path

from dateline.group import streams
from dateline.group.evaluate import evaluate


def register(commands) -> None:
    parser = commands.add_parser("stories", help="story clustering tools")
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    evaluating = actions.add_parser(
        "eval", help="replay a labelled stream (in order of date) and print metrics as JSON"
    )
    evaluating.add_argument("stream", type=Path, help="GVA jsonl.gz, UCI csv, SemEval or Miranda")
    evaluating.add_argument(
        "--format", choices=streams.FORMATS, help="stream format (default: from the file name)"
    )
    evaluating.add_argument(
        "--split",
        choices=("report", "tune", "all"),
        default=None,
        help="time split: earliest 60%% (tune), the rest (report) or all "
        "(default: report for GVA, all otherwise)",
    )
    evaluating.add_argument(
        "--in-memory",
        action="store_true",
        help="cluster in memory only (faster) instead of through a scratch store",
    )
    evaluating.set_defaults(run=run_eval)
    repairing = actions.add_parser(
        "repair", help="merge stories that turned out to be one (the worker does it hourly)"
    )
    repairing.add_argument(
        "--hours", type=float, default=24.0, help="look at stories touched in the last HOURS"
    )
    repairing.set_defaults(run=run_repair)


def run_eval(args: argparse.Namespace) -> int:
    if not args.stream.exists():
        print(f"no such file: {args.stream}")
        return 2
    format = args.format or streams.guess_format(args.stream)
    part = args.split or ("report" if format == "gva" else "all")
    try:
        stream = streams.split(streams.load(args.stream, format), part)
    except streams.StreamError as error:
        print(f"cannot read the stream as {format}: {error}")
        return 2
    if not stream:
        print("the stream holds no articles")
        return 2
    if args.in_memory:
        scores = evaluate(stream)
        path = "in-memory clusterer"
    else:
        scores = _evaluate_in_scratch_store(stream)
        path = "scratch store: ingest, trace, stories (the site's write path)"
    result = {"stream": str(args.stream), "format": format, "split": part, "path": path, **scores}
    print(json.dumps(result, indent=2))
    return 0


def _evaluate_in_scratch_store(stream) -> dict:
    with tempfile.TemporaryDirectory(prefix="dateline-stories-") as scratch:
        os.environ["DATELINE_DATA_DIR"] = scratch
        os.environ["DATELINE_DATABASE_URL"] = ""  # never the configured store
        from dateline.cli.django_setup import setup_django

        setup_django(migrate=True)
        from dateline.store.story_eval import evaluate_in_store

        return evaluate_in_store(stream)


def run_repair(args: argparse.Namespace) -> int:
    from dateline.cli.django_setup import setup_django

    setup_django()
    from dateline.store.story_repair import repair_stories

    events = repair_stories(hours=args.hours)
    for event in events:
        print(f"{event.kind}: story {event.story_id} → {event.other_id} ({event.reason})")
    print(f"{len(events)} change(s)")
    return 0
