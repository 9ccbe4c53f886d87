"""The candidate rule, in memory: exactly what the store's (key, article_id) table answers.

Store equivalent, with an index on key:
    rows: one (key, article_id) per key of an article, unless the key has MAX_POSTINGS rows
    candidates: SELECT article_id, count(*) AS shared FROM trace_key WHERE key IN (:keys)
                GROUP BY article_id HAVING count(*) >= MIN_SHARED
                ORDER BY shared DESC, article_id LIMIT MAX_CANDIDATES
"""

from __future__ import annotations

from collections.abc import Iterable

# Two shared keys: one can be a stock phrase ("was shot in the"); two in the same pair of texts
# are rarely chance, and a quoted pair of paragraphs shares ~10.
MIN_SHARED = 2
# A key found in this many articles is boilerplate or a viral text: it stops growing, so a query
# reads at most MAX_POSTINGS rows per key. The first articles stay on it, and the first ones are
# the likely originals, which keeps a story reprinted thousands of times findable.
MAX_POSTINGS = 500
# Most shared keys first; on a tie the lower id, i.e. the one the store saw first.
MAX_CANDIDATES = 30

Postings = int | list[int]  # a key held by one article stays a bare int: most keys are


class KeyIndex:
    """key -> article ids, growing one article at a time."""

    def __init__(self) -> None:
        self.postings: dict[int, Postings] = {}
        self.articles = 0

    def add(self, article_id: int, keys: Iterable[int]) -> None:
        postings = self.postings
        for key in keys:
            held = postings.get(key)
            if held is None:
                postings[key] = article_id
            elif isinstance(held, int):
                postings[key] = [held, article_id]
            elif len(held) < MAX_POSTINGS:
                held.append(article_id)
        self.articles += 1

    def candidates(self, keys: Iterable[int], exclude: int | None = None) -> list[int]:
        """Ids sharing at least MIN_SHARED keys, most shared first, at most MAX_CANDIDATES."""
        shared: dict[int, int] = {}
        postings = self.postings
        for key in keys:
            held = postings.get(key)
            if held is None:
                continue
            for article_id in (held,) if isinstance(held, int) else held:
                shared[article_id] = shared.get(article_id, 0) + 1
        found = [(-n, article_id) for article_id, n in shared.items() if n >= MIN_SHARED]
        found.sort()
        return [article_id for _, article_id in found if article_id != exclude][:MAX_CANDIDATES]

    def size(self) -> int:
        """Number of (key, article) rows, as the store would hold them."""
        return sum(1 if isinstance(held, int) else len(held) for held in self.postings.values())
