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


class Baseline:
    """The baseline as a stream: `add` one article at a time, in arrival order."""

    def __init__(self, threshold: float, window_days: float = 3.0) -> None:
        self.threshold = threshold
        self.window = window_days * DAY
        self.frequencies = CountingFrequencies()
        self._recent: deque[tuple[float, int, dict[str, float]]] = deque()
        self._postings: dict[str, set[int]] = {}
        self._vectors: dict[int, tuple[str, dict[str, float]]] = {}
        self._number = 0

    def add(self, doc: StoryDoc) -> str:
        """The article's story id."""
        number, at = self._number, doc.arrived.timestamp()
        self._number += 1
        recent, postings, vectors = self._recent, self._postings, self._vectors
        while recent and at - recent[0][0] > self.window:
            _, old, old_vector = recent.popleft()
            for term in old_vector:
                postings[term].discard(old)
            vectors.pop(old, None)
        counts = term_counts(doc.title, doc.text)
        self.frequencies.add(counts)
        vector = tfidf(counts, self.frequencies.get(counts), self.frequencies.total())
        best_story, best = None, self.threshold
        seen: set[int] = set()
        for term in vector:
            seen |= postings.get(term, set())
        for other in seen:
            story, other_vector = vectors[other]
            similarity = cosine(vector, other_vector)
            if similarity >= best:
                best_story, best = story, similarity
        story = best_story or f"b{number}"
        recent.append((at, number, vector))
        vectors[number] = (story, vector)
        for term in vector:
            postings.setdefault(term, set()).add(number)
        return story


def baseline(docs: Iterable[StoryDoc], threshold: float, window_days: float = 3.0) -> list[str]:
    """Story ids, one per article, in arrival order."""
    stream = Baseline(threshold, window_days)
    return [stream.add(doc) for doc in docs]
