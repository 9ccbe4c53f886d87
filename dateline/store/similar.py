"""Finding similar articles in the store: full-text candidates, re-scored by TF-IDF cosine.

Related lists (`store.related_links`) and Recommendation share it: send an article's (or a
reader's) most distinctive terms to the full-text index, then score what it returns by cosine
in `serve.related`.
"""

from __future__ import annotations

from collections.abc import Iterable

from dateline.group.terms import tfidf, top_terms
from dateline.store import search as search_backend
from dateline.store.term_stats import DOCUMENT_COUNT, document_frequencies

QUERY_TERMS = 12  # distinctive terms sent to the index to find candidates
CANDIDATE_WINDOW = 20_000  # articles either side searched (two weeks at 1,400 a day)


def scored_candidates(term_sets: list[dict], around: int, extra: dict | None = None):
    """TF-IDF vectors for a profile (one or more articles) and for candidates the index finds:
    (profile vector, {id: vector}, {candidate id: its original's id, for copies}).

    Candidates come from the `CANDIDATE_WINDOW` articles stored before and after article id
    `around`: news is related to news of its time, and the index's cost stays flat as the
    store grows.
    """
    profile_counts: dict[str, int] = {}
    for terms in term_sets:
        for term, count in terms.items():
            profile_counts[term] = profile_counts.get(term, 0) + count
    stats = _document_frequencies(profile_counts)
    total = stats.get(DOCUMENT_COUNT, 1)
    profile = tfidf(profile_counts, stats, total)
    window = (around - CANDIDATE_WINDOW, around + CANDIDATE_WINDOW)
    rows = search_backend.candidates(top_terms(profile, QUERY_TERMS), ids=window)
    found = {pk: terms for pk, terms, _ in rows}
    originals = {pk: original for pk, _, original in rows if original}
    found.update(extra or {})
    unseen = {t for counts in found.values() for t in counts if t not in stats}
    stats.update(_document_frequencies(unseen))
    vectors = {pk: tfidf(counts, stats, total) for pk, counts in found.items()}
    return profile, vectors, originals


def distinct_texts(vectors: dict, originals: dict[int, int], exclude: set) -> list[tuple]:
    """One entry per text: drop the excluded texts and their copies, and copies of candidates."""
    kept = []
    for pk, vector in vectors.items():
        original = originals.get(pk)
        if pk in exclude or (original is not None and (original in exclude or original in vectors)):
            continue
        kept.append((pk, vector))
    return kept


def _document_frequencies(terms: Iterable[str]) -> dict[str, int]:
    return document_frequencies([*terms, DOCUMENT_COUNT])
