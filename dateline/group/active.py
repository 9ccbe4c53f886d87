"""The stories an incoming article may join: the `StoryIndex` protocol and its in-memory form.

The clusterer only asks for candidates and saves states, so the store can answer the same
questions from its Story table. `ActiveStories` keeps a bounded active set: stories quiet for
longer than `horizon` seconds, or the least recently touched beyond `capacity`, are retired
(their state is kept by the caller if it wants it; retired stories are no longer candidates), so
memory and time per article stay flat however long the stream runs.
"""

from __future__ import annotations

from collections import Counter, OrderedDict
from typing import Protocol

from dateline.group.features import DocFeatures
from dateline.group.state import StoryState

QUERY_TERMS = 12  # the article's most distinctive terms ask for candidates, with all its names
CANDIDATES = 40
MATCH_KEYS = 1  # keys a story must share to count as a look-alike for crowding


class StoryIndex(Protocol):
    def candidates(self, features: DocFeatures) -> list[StoryState]:
        """Active stories sharing at least one distinctive term or name with the article."""
        ...

    def story_of(self, doc_id: str) -> str | None:
        """The story an earlier article joined (for copies), if it is known."""
        ...

    def get(self, story_id: str) -> StoryState | None: ...

    def save(self, state: StoryState, doc_ids: list[str]) -> None:
        """Store the state; doc_ids are articles that just joined it."""
        ...

    def retire(self, story_id: str) -> None:
        """Forget a story (merged into another by repair)."""
        ...

    def active(self) -> list[StoryState]: ...

    # Optional: `matching(features) -> int`, how many active stories share a key with the
    # article (all of them, not only the `CANDIDATES` returned). The clusterer's crowding bar
    # uses it when the index has it, else the number of candidates.


class ActiveStories:
    """In-memory StoryIndex: an inverted index from keys to the active stories filed under them."""

    def __init__(self, capacity: int = 20_000, horizon: float = 120 * 86400) -> None:
        self.capacity = capacity
        self.horizon = horizon
        self._states: OrderedDict[str, StoryState] = OrderedDict()  # least recently saved first
        self._keys: dict[str, list[str]] = {}  # story -> keys it is filed under
        self._postings: dict[str, set[str]] = {}
        self._docs: dict[str, str] = {}  # doc id -> story id, for active stories only
        self._members: dict[str, list[str]] = {}
        self._now = 0.0
        self._matching: tuple[int, int] = (0, 0)  # (id of the features asked about, count)

    def __len__(self) -> int:
        return len(self._states)

    def candidates(self, features: DocFeatures) -> list[StoryState]:
        self._now = max(self._now, features.at)
        self._expire()
        query = list(features.terms)[:QUERY_TERMS] + list(features.names)
        hits: Counter[str] = Counter()
        for key in query:
            for story_id in self._postings.get(key, ()):
                hits[story_id] += 1
        # Most keys shared first, then the most recently active: deterministic, whatever order
        # the sets iterate in, so a replay gives the same stories in every process.
        self._matching = (id(features), sum(1 for s in hits if hits[s] >= MATCH_KEYS))
        states = self._states
        ranked = sorted(hits, key=lambda s: (-hits[s], -states[s].last_seen, s))
        return [states[s] for s in ranked[:CANDIDATES]]

    def matching(self, features: DocFeatures) -> int:
        """Active stories sharing `MATCH_KEYS` keys with the article, counted by the last
        `candidates` call for it (the clusterer always asks for candidates first)."""
        asked, count = self._matching
        if asked != id(features):
            self.candidates(features)
            count = self._matching[1]
        return count

    def story_of(self, doc_id: str) -> str | None:
        return self._docs.get(doc_id)

    def get(self, story_id: str) -> StoryState | None:
        return self._states.get(story_id)

    def active(self) -> list[StoryState]:
        return list(self._states.values())

    def save(self, state: StoryState, doc_ids: list[str]) -> None:
        self._unfile(state.id)
        self._states[state.id] = state
        self._states.move_to_end(state.id)
        keys = state.keys()
        self._keys[state.id] = keys
        for key in keys:
            self._postings.setdefault(key, set()).add(state.id)
        members = self._members.setdefault(state.id, [])
        for doc_id in doc_ids:
            self._docs[doc_id] = state.id
            members.append(doc_id)
        self._now = max(self._now, state.last_seen)
        while len(self._states) > self.capacity:
            self.retire(next(iter(self._states)))

    def retire(self, story_id: str) -> None:
        self._unfile(story_id)
        self._states.pop(story_id, None)
        for doc_id in self._members.pop(story_id, []):
            if self._docs.get(doc_id) == story_id:
                del self._docs[doc_id]

    def members(self, story_id: str) -> list[str]:
        return list(self._members.get(story_id, []))

    def _unfile(self, story_id: str) -> None:
        for key in self._keys.pop(story_id, []):
            posting = self._postings.get(key)
            if posting is not None:
                posting.discard(story_id)
                if not posting:
                    del self._postings[key]

    def _expire(self) -> None:
        # Saved order is close to last-seen order: look at the oldest until one is still warm.
        while self._states:
            story_id, state = next(iter(self._states.items()))
            if self._now - state.last_seen <= self.horizon:
                break
            self.retire(story_id)
