"""The candidate rule, in memory: exactly what the store's (key, article_id) table answers.

Store equivalent (`store.tracing`, tables `TraceKey` and `TraceStopKey`; tests/store/test_tracing.py
checks that both give the same candidates):
    write: one (key, article_id) row per key of the article, except stop keys; a key reaching
           MAX_POSTINGS rows becomes a stop key and its rows are deleted
    query: SELECT article_id, count(*) AS shared FROM trace_key
           WHERE key IN (:keys) AND key NOT IN (SELECT key FROM trace_stop_key)
           GROUP BY article_id HAVING count(*) >= MIN_SHARED
           ORDER BY shared DESC, article_id LIMIT MAX_CANDIDATES
"""

from __future__ import annotations

from collections.abc import Iterable

# Two shared keys: one can be a stock phrase; two in one pair of texts are rarely chance, and two
# quoted paragraphs share ~10. MIN_SHARED 3 verifies 2.5x fewer candidates for 0.3% less recall
# of heavily edited copies (bench/trace_choice.py): the lever if verification gets too costly.
MIN_SHARED = 2
# A key in this many articles is boilerplate ("Copyright 2016 The Associated Press. All rights
# reserved.") or a text copied that often: it stops counting, so no query reads more than
# MAX_POSTINGS rows for one key and shared boilerplate proposes no candidates. The price: the
# 1,001st near-copy of one text is no longer found through that text.
MAX_POSTINGS = 1000
# Most shared keys first; on a tie the lower id, i.e. the one the store saw first.
MAX_CANDIDATES = 20

_STOP = -1  # stands for a stop key's posting list
Postings = int | list[int]  # a key held by one article is a bare id: most keys are


class KeyIndex:
    """key -> article ids, growing one article at a time."""

    def __init__(self) -> None:
        self.postings: dict[int, Postings] = {}

    def add(self, article_id: int, keys: Iterable[int]) -> None:
        postings = self.postings
        for key in keys:
            held = postings.get(key)
            if held is None:
                postings[key] = article_id
            elif isinstance(held, list):
                held.append(article_id)
                if len(held) >= MAX_POSTINGS:
                    postings[key] = _STOP
            elif held != _STOP:
                postings[key] = [held, article_id]

    def candidates(self, keys: Iterable[int]) -> list[tuple[int, int]]:
        """(article id, shared keys) sharing at least MIN_SHARED keys, most shared first."""
        shared: dict[int, int] = {}
        postings = self.postings
        for key in keys:
            held = postings.get(key)
            if held is None or held == _STOP:
                continue
            for article_id in held if isinstance(held, list) else (held,):
                shared[article_id] = shared.get(article_id, 0) + 1
        found = sorted((-n, article_id) for article_id, n in shared.items() if n >= MIN_SHARED)
        return [(article_id, -n) for n, article_id in found[:MAX_CANDIDATES]]

    def rows(self) -> int:
        """(key, article) rows the store would hold (stop keys' rows deleted)."""
        return sum(len(h) if isinstance(h, list) else h != _STOP for h in self.postings.values())

    def stop_keys(self) -> int:
        return sum(1 for held in self.postings.values() if held == _STOP)
