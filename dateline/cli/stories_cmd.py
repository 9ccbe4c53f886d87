"""`dateline stories eval STREAM`: replay a labelled stream through the story clusterer and print
the metrics of ours and the TF-IDF baseline as JSON."""

from __future__ import annotations

import argparse
import json
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
    evaluating.set_defaults(run=run_eval)


def run_eval(args: argparse.Namespace) -> int:
    if not args.stream.exists():
        print(f"no such file: {args.stream}")
        return 2
    format = args.format or streams.guess_format(args.stream)
    part = args.split or ("report" if format == "gva" else "all")
    stream = streams.split(streams.load(args.stream, format), part)
    if not stream:
        print("the stream holds no articles")
        return 2
    result = {"stream": str(args.stream), "format": format, "split": part, **evaluate(stream)}
    print(json.dumps(result, indent=2))
    return 0
