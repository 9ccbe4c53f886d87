"""Document frequencies in `TermStat`: one row a term, counted inside the writer's transaction.

Related's terms and the story clusterer's keys (prefixed "g:") share the table and this one
way of counting.
"""

from __future__ import annotations

import time
from collections.abc import Iterable

from django.db.models import F

from dateline.store.models import TermStat

DOCUMENT_COUNT = "#documents"  # the row holding the number of articles


def count_document(terms: Iterable[str]) -> None:
    """One more document holds each of these (distinct) terms."""
    terms = list(terms)
    existing = set(TermStat.objects.filter(term__in=terms).values_list("term", flat=True))
    TermStat.objects.filter(term__in=existing).update(df=F("df") + 1)
    TermStat.objects.bulk_create(
        [TermStat(term=t, df=1) for t in terms if t not in existing], ignore_conflicts=True
    )


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
