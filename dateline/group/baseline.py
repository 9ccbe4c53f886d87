"""The baseline every clustering change is measured against: single-pass TF-IDF nearest neighbour.

Each article joins the story of its most similar earlier article within `window_days` if their
TF-IDF cosine reaches the threshold, else starts a story. Same tokens, the same online document
frequencies (no look-ahead), no names, places or repair.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable

from dateline.group.features import StoryDoc
from dateline.group.frequencies import CountingFrequencies
from dateline.group.terms import cosine, term_counts, tfidf

DAY = 86400.0


def baseline(docs: Iterable[StoryDoc], threshold: float, window_days: float = 3.0) -> list[str]:
    """Story ids, one per article, in arrival order."""
    frequencies = CountingFrequencies()
    recent: deque[tuple[float, str, dict[str, float]]] = deque()
    postings: dict[str, set[int]] = {}
    vectors: dict[int, tuple[str, dict[str, float]]] = {}
    out: list[str] = []
    for number, doc in enumerate(docs):
        at = doc.arrived.timestamp()
        while recent and at - recent[0][0] > window_days * DAY:
            _, old, vector = recent.popleft()
            for term in vector:
                postings[term].discard(int(old))
            vectors.pop(int(old), None)
        counts = term_counts(doc.title, doc.text)
        frequencies.add(counts)
        vector = tfidf(counts, frequencies.get(counts), frequencies.total())
        best_story, best = None, threshold
        seen: set[int] = set()
        for term in vector:
            seen |= postings.get(term, set())
        for other in seen:
            story, other_vector = vectors[other]
            similarity = cosine(vector, other_vector)
            if similarity >= best:
                best_story, best = story, similarity
        story = best_story or f"b{number}"
        out.append(story)
        recent.append((at, str(number), vector))
        vectors[number] = (story, vector)
        for term in vector:
            postings.setdefault(term, set()).add(number)
    return out
