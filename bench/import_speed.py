"""Import throughput: our whole pipeline (extract + fingerprint + store) vs trafilatura alone.

Run from the project root: `python -m bench.import_speed`. All run in the same process on the same
181 Scrapinghub benchmark pages (read into memory first), so the ratio is what matters on a noisy
machine. The store is a scratch SQLite database in a temporary folder, emptied between runs. Ours
runs twice: one page at a time in this process (the feed worker's path), and as `dateline import`
runs by default, extraction in a pool of processes (`understand.parallel`) while this process
stores. Results go to bench/results/import_speed.json.
"""

from __future__ import annotations

import gzip
import json
import os
import platform
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("DATELINE_SHARED_DIR", ROOT.parent / "shared"))
PAGES = SHARED / "datasets" / "scrapinghub-article-extraction-benchmark" / "html"
RESULTS = ROOT / "bench" / "results" / "import_speed.json"


def main() -> int:
    if not PAGES.exists():
        print(f"skipped: {PAGES} not found (set DATELINE_SHARED_DIR)")
        return 0
    scratch = tempfile.mkdtemp(prefix="dateline-bench-")
    os.environ.update(
        DATELINE_DATA_DIR=scratch,
        DATELINE_DATABASE_URL="",
        DJANGO_SETTINGS_MODULE="dateline.settings",
    )
    import django

    django.setup()
    import trafilatura
    from django.core.management import call_command

    from dateline.cli.import_cmd import default_jobs
    from dateline.gather.page import RawPage
    from dateline.store.ingest import ingest_extracted, ingest_page
    from dateline.store.stories import reset_clusterer
    from dateline.store.term_stats import forget_frequencies
    from dateline.understand.parallel import extract_all

    call_command("migrate", verbosity=0)
    pages = [
        RawPage(
            origin=path.name,
            kind="html",
            content=gzip.decompress(path.read_bytes()).decode("utf-8"),
        )
        for path in sorted(PAGES.glob("*.html.gz"))
    ]

    started = time.perf_counter()
    for page in pages:
        trafilatura.extract(page.content, include_comments=False)
    trafilatura_seconds = time.perf_counter() - started

    started = time.perf_counter()
    statuses = [ingest_page(page).status for page in pages]
    dateline_seconds = time.perf_counter() - started

    call_command("flush", interactive=False, verbosity=0)
    reset_clusterer()
    forget_frequencies()
    jobs = default_jobs()
    started = time.perf_counter()
    pooled = [ingest_extracted(page, out).status for page, out in extract_all(pages, jobs)]
    pooled_seconds = time.perf_counter() - started

    result = {
        "benchmark": "import throughput, Scrapinghub article-extraction-benchmark pages",
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {
            "python": sys.version.split()[0],
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
        },
        "pages": len(pages),
        "imported": statuses.count("imported"),
        "failed": statuses.count("failed"),
        "dateline_import_pages_per_s": round(len(pages) / dateline_seconds, 2),
        "trafilatura_extract_pages_per_s": round(len(pages) / trafilatura_seconds, 2),
        "ratio_dateline_to_trafilatura": round(trafilatura_seconds / dateline_seconds, 3),
        "import_jobs": jobs,
        "imported_with_jobs": pooled.count("imported"),
        "dateline_import_jobs_pages_per_s": round(len(pages) / pooled_seconds, 2),
        "ratio_dateline_jobs_to_trafilatura": round(trafilatura_seconds / pooled_seconds, 3),
        "note": "dateline = extract (trafilatura + our metadata) + fingerprint + terms + trace + "
        "story + Related, one SQLite transaction per article, FTS5 triggers included; "
        "_jobs: extraction in `import_jobs` processes (pool start included) while this one "
        "stores, as `dateline import` does; trafilatura = extract() alone, in this process.",
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
