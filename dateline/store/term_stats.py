"""Document frequencies in `TermStat`: one row a term, counted inside the writer's transaction.

Related's terms and the story clusterer's keys (prefixed "g:") share the table and this one
way of counting.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import F

from dateline.store.models import TermStat


def count_document(terms: Iterable[str]) -> None:
    """One more document holds each of these (distinct) terms."""
    terms = list(terms)
    existing = set(TermStat.objects.filter(term__in=terms).values_list("term", flat=True))
    TermStat.objects.filter(term__in=existing).update(df=F("df") + 1)
    TermStat.objects.bulk_create(
        [TermStat(term=t, df=1) for t in terms if t not in existing], ignore_conflicts=True
    )
