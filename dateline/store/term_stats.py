"""Document frequencies in `TermStat`: one row a term, counted inside the writer's transaction.

Related's terms and the story clusterer's keys (prefixed "g:") share the table and this one
way of counting. Most keys are seen once and never again (a rare word, a name, one page's line
that the boilerplate learner hashes: three in four rows after an import), so `prune` drops the
rare keys no article has counted for `PRUNE_AFTER_DAYS`; without it the table would grow by
about two hundred rows an article for ever. Days are the articles' own (when Dateline first saw
each, as the story index counts them), not the clock's: a bulk import of years of archives is
pruned as it goes, like a site that ran through those years.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from datetime import datetime

from django.db import connection, transaction
from django.utils import timezone

from dateline.store.models import Article, TermStat

DOCUMENT_COUNT = "#documents"  # the row holding the number of articles
TERM_CHARS = TermStat._meta.get_field("term").max_length
UPSERT_BATCH = 400  # terms a statement: two parameters each, far below SQLite's limit
PRUNE_AFTER_DAYS = 120  # the story index's horizon: no story this old still takes articles
PRUNE_DF = 2  # a key counted more often may be a publisher's boilerplate or house name: kept
PRUNE_CHUNK = 20_000  # rows of the key range looked at a statement, so no lock is held long


def day_of(moment: datetime) -> int:
    """Days since 1970-01-01 (UTC): what `TermStat.seen` holds."""
    return int(moment.timestamp() // 86400)


def today() -> int:
    return day_of(timezone.now())


def count_document(terms: Iterable[str], day: int | None = None) -> None:
    """One more document, of `day` (default today), holds each of these terms: one upsert a
    batch, so a term first seen by two writers at once is counted twice, not lost. Sorted: the
    totals ("#documents", "g:#documents") come first, so on PostgreSQL writers of new articles
    take their turns on them before they touch a shared term."""
    keys = sorted({term[:TERM_CHARS] for term in terms})
    table = connection.ops.quote_name(TermStat._meta.db_table)
    day = today() if day is None else day
    # An archive imported out of order must not make a key look older than it is.
    later = "GREATEST" if connection.vendor == "postgresql" else "MAX"
    with connection.cursor() as cursor:
        for start in range(0, len(keys), UPSERT_BATCH):
            batch = keys[start : start + UPSERT_BATCH]
            rows = ", ".join(["(%s, 1, %s)"] * len(batch))
            cursor.execute(
                f"INSERT INTO {table} (term, df, seen) VALUES {rows} ON CONFLICT (term) DO UPDATE "
                f"SET df = {table}.df + 1, seen = {later}({table}.seen, excluded.seen)",
                [value for term in batch for value in (term, day)],
            )


def newest_day() -> int:
    """The day of the newest article (today when there is none): the store's own clock."""
    newest = Article.objects.order_by("-first_seen_at").values_list("first_seen_at", flat=True)
    moment = newest.first()
    return today() if moment is None else day_of(moment)


def prune() -> int:
    """Delete keys counted at most `PRUNE_DF` times and not for `PRUNE_AFTER_DAYS` days before
    the newest article's day; returns how many. Walks the primary key in chunks, each its own
    short transaction (on PostgreSQL skipping rows a writer holds, so neither waits for the
    other), and needs no extra index to follow every count."""
    before = newest_day() - PRUNE_AFTER_DAYS
    table = connection.ops.quote_name(TermStat._meta.db_table)
    skip_held = " FOR UPDATE SKIP LOCKED" if connection.vendor == "postgresql" else ""
    deleted = 0
    after = ""
    while True:
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT term FROM {table} WHERE term > %s ORDER BY term LIMIT 1 OFFSET %s",
                [after, PRUNE_CHUNK - 1],
            )
            row = cursor.fetchone()
        upto = row[0] if row else None
        bounds = [after] if upto is None else [after, upto]
        within = "term > %s" + (" AND term <= %s" if upto is not None else "")
        with transaction.atomic(), connection.cursor() as cursor:
            # The document totals (Related's and the clusterer's "g:" one) are never rare keys.
            cursor.execute(
                f"DELETE FROM {table} WHERE term IN (SELECT term FROM {table} WHERE {within} "
                f"AND df <= %s AND seen < %s AND term NOT LIKE %s{skip_held})",
                [*bounds, PRUNE_DF, before, "%" + DOCUMENT_COUNT],
            )
            deleted += cursor.rowcount
        if upto is None:
            return deleted
        after = upto


# A per-process copy of the frequencies pages read. Related and Recommendation weigh terms by
# them, they move slowly, and reading hundreds of rows afresh for every page was a quarter of
# an uncached article page's time.
FREQUENCY_TTL = 10 * 60  # seconds before the copy is read again
FREQUENCY_ENTRIES = 300_000
_copy: dict[str, int | None] = {}  # None: the store had no such term when asked
_copy_since = 0.0


def document_frequencies(terms: Iterable[str]) -> dict[str, int]:
    """df of each term the store knows (unknown terms are left out), up to FREQUENCY_TTL old."""
    global _copy_since
    now = time.monotonic()
    if now - _copy_since > FREQUENCY_TTL or len(_copy) > FREQUENCY_ENTRIES:
        _copy.clear()
        _copy_since = now
    copy = _copy
    wanted = set(terms)
    known = {t: copy[t] for t in wanted if t in copy}
    missing = wanted - known.keys()
    if missing:
        found = dict(TermStat.objects.filter(term__in=missing).values_list("term", "df"))
        for term in missing:
            known[term] = copy[term] = found.get(term)
    return {term: df for term, df in known.items() if df is not None}


def forget_frequencies() -> None:
    """Drop the copy (tests, and after a bulk import in the same process)."""
    global _copy_since
    _copy.clear()
    _copy_since = 0.0
