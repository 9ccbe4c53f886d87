"""`dateline import PATH...`: store the articles in files and folders, idempotently."""

from __future__ import annotations

import argparse
import os
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from dateline.cli.django_setup import setup_django


def register(commands) -> None:
    parser = commands.add_parser(
        "import", help="import HTML, WARC and text-dump files into the store"
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help="files or folders")
    parser.add_argument("--quiet", action="store_true", help="print only the summary")
    parser.add_argument(
        "--jobs",
        type=int,
        default=default_jobs(),
        help="processes extracting pages beside this one, which stores them (default: "
        "%(default)s, from the CPU count; 0 extracts here too)",
    )
    parser.set_defaults(run=run)


PRUNE_EVERY_ARTICLES = 20_000  # a long import drops rare frequency keys as it goes


def default_jobs() -> int:
    """One extracting process beside the writer when there is a second core: extraction is
    about a third of an article's time, the store (trace, story, Related) the rest, so one
    keeps the writer busy (measured on 2 cores: one and two gave the same pages a second)."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return 1 if (cores or 1) > 1 else 0


def run(args: argparse.Namespace) -> int:
    setup_django(migrate=True)
    summary = import_paths(
        args.paths, console=Console(stderr=False), quiet=args.quiet, jobs=args.jobs
    )
    return 1 if summary["failed"] else 0


def import_paths(
    paths: Iterable[str | Path], console: Console, quiet: bool = False, jobs: int = 0
) -> Counter:
    """Import everything under `paths`, showing progress; returns counts by status. With
    `jobs` > 0 pages are extracted in that many processes, and stored here in file order."""
    from dateline.gather.files import find_files, iter_pages
    from dateline.gather.page import PageError
    from dateline.store.ingest import ingest_extracted
    from dateline.store.term_stats import prune
    from dateline.understand.parallel import extract_all

    files, errors = find_files(paths)
    counts: Counter = Counter()
    failures = [(e.origin, e.reason) for e in errors]
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=console, transient=True, disable=quiet) as progress:
        task = progress.add_task("Importing", total=len(files))
        current = None
        for item, extracted in extract_all(iter_pages(files), jobs):
            origin_file = item.origin.split("#record-")[0]
            if origin_file != current:
                if current is not None:
                    progress.advance(task)
                current = origin_file
            if isinstance(item, PageError):
                failures.append((item.origin, item.reason))
                continue
            result = ingest_extracted(item, extracted)
            counts[result.status] += 1
            if result.status == "imported" and counts["imported"] % PRUNE_EVERY_ARTICLES == 0:
                prune()  # years of archives: keys no article has used for months go as they would
            if result.status == "failed":
                failures.append((result.origin, result.reason or "unknown"))
        progress.update(task, completed=len(files))
    counts["failed"] = len(failures)
    console.print(
        f"Imported {counts['imported']}, already present {counts['present']}, "
        f"failed {counts['failed']}."
    )
    for origin, reason in failures:
        console.print(
            f"  failed: {origin}: {reason}", markup=False, highlight=False, soft_wrap=True
        )
    return counts
