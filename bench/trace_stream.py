"""Run articles through trace the way the store will: one at a time, index keys, candidates,
trace, then point the article (or its whole group) at the original. Shared by the trace benches.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from dateline.trace.index import KeyIndex
from dateline.trace.model import Provenance, TraceDoc
from dateline.trace.sketch import index_keys
from dateline.trace.trace import trace


@dataclass
class Stream:
    """A stand-in for the store: articles, their key index and each group's original."""

    index: KeyIndex = field(default_factory=KeyIndex)
    docs: dict[int, TraceDoc] = field(default_factory=dict)
    original: dict[int, int | None] = field(default_factory=dict)  # None: it is an original
    members: dict[int, set[int]] = field(default_factory=dict)  # original -> its copies
    provenance: dict[int, Provenance] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=lambda: dict.fromkeys(("keys", "trace"), 0))
    candidates_seen: int = 0

    def add(self, doc: TraceDoc) -> Provenance:
        started = time.perf_counter()
        keys = index_keys(doc.text)
        found = [article_id for article_id, _ in self.index.candidates(keys)]
        keyed = time.perf_counter()
        ids = set(found) | {self.original[i] for i in found if self.original[i] is not None}
        candidates = [replace(self.docs[i], original_id=self.original[i]) for i in sorted(ids)]
        provenance = trace(doc, candidates)
        self._point(doc.id, provenance)
        self.index.add(doc.id, keys)
        self.docs[doc.id] = doc
        self.provenance[doc.id] = provenance
        self.candidates_seen += len(candidates)
        self.seconds["keys"] += keyed - started
        self.seconds["trace"] += time.perf_counter() - keyed
        return provenance

    def _point(self, doc_id: int, provenance: Provenance) -> None:
        """What the store does with a provenance: this article, and on `supersedes` its whole
        group, point at the original."""
        target = doc_id if provenance.original_id is None else provenance.original_id
        self.members.setdefault(doc_id, set())
        moved = {doc_id}
        for previous in provenance.supersedes:
            moved |= self.members.pop(previous) | {previous}
        moved.discard(target)
        for member in moved:
            self.original[member] = target
        self.original[target] = None
        self.members[target] = self.members.get(target, set()) | moved

    def group_of(self, doc_id: int) -> int:
        original = self.original[doc_id]
        return doc_id if original is None else original


def run(docs: Iterable[TraceDoc]) -> Stream:
    stream = Stream()
    for doc in docs:
        stream.add(doc)
    return stream
