"""The store's candidate query in SQL (SQLite): time per article and index bytes per article.

Run from the project root:  python -m bench.trace_sql_speed  [--articles 100000] [--timed 1000]

A scratch SQLite database (temporary folder, WAL as in production) gets `--articles` synthetic
articles (bench/trace_speed.py's generator: Zipf words, one in twenty a near-copy) loaded in bulk:
their rows, their `TraceKey` rows and the stop keys, exactly what `store.tracing` would have
written one by one (the in-memory `KeyIndex` decides which keys stopped). Then `--timed` more
articles go through the store's path one at a time, each in its own transaction: fingerprint
(`index_keys`), candidate query (`tracing._candidate_ids`) and index write (`tracing._add_keys`);
the commit is timed apart (the article's transaction commits once, whatever it writes).
The query is also timed without the stop-key clause (the rule before stop keys were stored), on
the same keys and taking turns going first, to show what the clause costs. Index bytes come from
SQLite's dbstat: the pages of the key and stop-key tables and their indexes, per article.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bench.trace_speed import articles
from dateline.trace.index import KeyIndex
from dateline.trace.sketch import index_keys

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results" / "trace_sql_speed.json"
ARTICLES = 100_000
TIMED = 1_000
BATCH = 5_000
START = datetime(2024, 1, 1, tzinfo=UTC)


def _setup_django(scratch: str) -> None:
    os.environ.update(
        DATELINE_DATA_DIR=scratch,
        DATELINE_DATABASE_URL="",
        DJANGO_SETTINGS_MODULE="dateline.settings",
    )
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def _article_rows(first: int, count: int, publisher) -> list:
    from dateline.store.models import Article

    return [
        Article(
            id=n,
            key=f"b{n}",
            fingerprint=f"{n:064x}",
            publisher=publisher,
            title=f"Synthetic {n}",
            slug=f"s{n}",
            first_seen_at=START + timedelta(seconds=n),
            body_text="",
            body_html="",
        )
        for n in range(first, first + count)
    ]


def load(texts, count: int, publisher) -> tuple[KeyIndex, float]:
    """`count` articles and their index rows, written in bulk; the seconds it took."""
    from django.db import connection, transaction

    from dateline.store.models import Article, TraceKey, TraceStopKey

    started = time.perf_counter()
    index = KeyIndex()
    for first in range(1, count + 1, BATCH):
        size = min(BATCH, count + 1 - first)
        for n in range(first, first + size):
            index.add(n, index_keys(next(texts)))
        with transaction.atomic():
            Article.objects.bulk_create(_article_rows(first, size, publisher))
    rows = [
        (key, article_id)
        for key, held in index.postings.items()
        if held != -1
        for article_id in (held if isinstance(held, list) else (held,))
    ]
    stops = [(key, START) for key, held in index.postings.items() if held == -1]
    with transaction.atomic(), connection.cursor() as cursor:
        table = TraceKey._meta.db_table
        for at in range(0, len(rows), 50_000):
            cursor.executemany(
                f"INSERT INTO {table} (key, article_id) VALUES (%s, %s)", rows[at : at + 50_000]
            )
        cursor.executemany(
            f"INSERT INTO {TraceStopKey._meta.db_table} (key, stopped_at) VALUES (%s, %s)", stops
        )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return index, time.perf_counter() - started


def _without_stop_clause(keys: list[int], exclude: int) -> list[int]:
    """The query before stop keys were stored, for comparison."""
    from django.db import connection

    from dateline.store.models import TraceKey
    from dateline.trace import index

    placeholders = ", ".join(["%s"] * len(keys))
    sql = (
        f"SELECT article_id, COUNT(*) AS shared FROM {TraceKey._meta.db_table} "
        f"WHERE key IN ({placeholders}) AND article_id <> %s GROUP BY article_id "
        "HAVING COUNT(*) >= %s ORDER BY shared DESC, article_id LIMIT %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*keys, exclude, index.MIN_SHARED, index.MAX_CANDIDATES])
        return [row[0] for row in cursor.fetchall()]


def _ms(started: float) -> float:
    return 1000 * (time.perf_counter() - started)


def _timed_call(query, keys: list[int], exclude: int) -> float:
    started = time.perf_counter()
    query(keys, exclude=exclude)
    return _ms(started)


def timed(texts, first: int, count: int, publisher, index: KeyIndex) -> dict:
    """The store's path for `count` more articles, one transaction each."""
    from django.db import transaction

    from dateline.store.tracing import _add_keys, _candidate_ids

    times: dict[str, list[float]] = {
        name: [] for name in ("fingerprint", "query", "add", "commit", "old_query")
    }
    agree = found = 0
    for n in range(first, first + count):
        (article,) = _article_rows(n, 1, publisher)
        article.save()
        text = next(texts)
        started = time.perf_counter()
        keys = index_keys(text)
        times["fingerprint"].append(_ms(started))
        # Both queries read the same pages and the second finds them cached: they take turns.
        if n % 2:
            times["old_query"].append(_timed_call(_without_stop_clause, keys, n))
        with transaction.atomic():
            started = time.perf_counter()
            ids = _candidate_ids(keys, exclude=n)
            times["query"].append(_ms(started))
            if not n % 2:
                times["old_query"].append(_timed_call(_without_stop_clause, keys, n))
            started = time.perf_counter()
            _add_keys(n, keys)
            times["add"].append(_ms(started))
            started = time.perf_counter()
        times["commit"].append(_ms(started))  # the article's own commit, whatever it writes
        expected = [article_id for article_id, _ in index.candidates(keys)]
        index.add(n, keys)
        agree += ids == expected
        found += bool(ids)
    report = {name: _summary(values) for name, values in times.items()}
    parts = zip(times["fingerprint"], times["query"], times["add"], strict=True)
    total = [sum(three) for three in parts]
    return {
        **{f"{name}_ms": summary for name, summary in report.items()},
        "fingerprint_query_add_ms": _summary(total),
        "articles_with_candidates": found,
        "same_candidates_as_in_memory": agree,
    }


def _summary(values: list[float]) -> dict:
    ordered = sorted(values)
    return {
        "mean": round(statistics.fmean(values), 3),
        "p50": round(ordered[len(ordered) // 2], 3),
        "p99": round(ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))], 3),
    }


def index_bytes() -> dict:
    """Pages of the key and stop-key tables and their indexes (SQLite dbstat)."""
    from django.db import connection

    from dateline.store.models import TraceKey, TraceStopKey

    tables = (TraceKey._meta.db_table, TraceStopKey._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE tbl_name IN (%s, %s) AND type IN "
            "('table', 'index')",
            tables,
        )
        names = [row[0] for row in cursor.fetchall()]
        placeholders = ", ".join(["%s"] * len(names))
        cursor.execute(
            f"SELECT name, SUM(pgsize) FROM dbstat WHERE name IN ({placeholders}) GROUP BY name",
            names,
        )
        return dict(cursor.fetchall())


def run(count: int, timed_count: int) -> dict:
    from dateline.store.models import Publisher, TraceKey, TraceStopKey

    publisher = Publisher.objects.create(name="Synthetic", slug="synthetic")
    texts = articles(count + timed_count)
    index, load_seconds = load(texts, count, publisher)
    result = timed(texts, count + 1, timed_count, publisher, index)
    stored = count + timed_count
    by_object = index_bytes()
    return {
        "articles_loaded": count,
        "articles_timed": timed_count,
        "load_seconds": round(load_seconds, 1),
        **result,
        "key_rows": TraceKey.objects.count(),
        "stop_keys": TraceStopKey.objects.count(),
        "rows_per_article": round(TraceKey.objects.count() / stored, 1),
        "index_bytes_by_object": by_object,
        "index_bytes_per_article": round(sum(by_object.values()) / stored),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=ARTICLES)
    parser.add_argument("--timed", type=int, default=TIMED)
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="dateline-trace-sql-") as scratch:
        _setup_django(scratch)
        report = run(args.articles, args.timed)
    report["method"] = __doc__.split("\n\n", 2)[2].strip()
    report["machine"] = {"platform": platform.platform(), "python": sys.version.split()[0]}
    report["measured_at"] = datetime.now(UTC).isoformat(timespec="seconds")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(json.dumps({k: v for k, v in report.items() if k != "method"}, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
