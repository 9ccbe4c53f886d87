"""`dateline extract PATH`: run the understand stage on files and print JSON; store nothing."""

from __future__ import annotations

import argparse
import json
import sys


def register(commands) -> None:
    parser = commands.add_parser(
        "extract", help="extract articles from files and print them as JSON"
    )
    parser.add_argument(
        "paths", nargs="+", metavar="PATH", help="HTML, WARC or text-dump files or folders"
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from dateline.gather.files import find_files, iter_pages
    from dateline.gather.page import PageError
    from dateline.understand.article import ExtractionError
    from dateline.understand.extract import extract_page

    files, errors = find_files(args.paths)
    results: list[dict] = []
    for item in iter_pages(files):
        if isinstance(item, PageError):
            errors.append(item)
            continue
        try:
            results.append({"origin": item.origin, **extract_page(item).as_json()})
        except ExtractionError as exc:
            errors.append(PageError(item.origin, str(exc)))
    for error in errors:
        print(f"{error.origin}: {error.reason}", file=sys.stderr)
    if results:
        output = results[0] if len(results) == 1 else results
        print(json.dumps(output, ensure_ascii=False, indent=2))
    return 1 if errors else 0
