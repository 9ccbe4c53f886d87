"""Related and Recommendation: choose and explain from scored candidates (plain data in, out).

Recommendation's own choice (unread articles from the Related lists of what was read) is in
`store.related_links.similar_to_reads`: it reads kept rows, no scoring left to do here."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from dateline.group.terms import cosine

RELATED_MIN_SIMILARITY = 0.12  # below this, two articles share words, not a subject


@dataclass(frozen=True)
class Pick:
    """An article chosen for a list, with the reason shown beside it."""

    article_id: int
    score: float
    reason: str


def related(
    article_id: int,
    vector: Mapping[str, float],
    candidates: Iterable[tuple[int, Mapping[str, float]]],
    limit: int = 6,
    min_similarity: float = RELATED_MIN_SIMILARITY,
) -> list[Pick]:
    """Candidates most similar to the article, never the article itself, best first."""
    picks = []
    for candidate_id, candidate_vector in candidates:
        if candidate_id == article_id:
            continue
        similarity = cosine(vector, candidate_vector)
        if similarity >= min_similarity:
            picks.append(
                Pick(candidate_id, similarity, f"{round(similarity * 100)}% similar in content")
            )
    picks.sort(key=lambda pick: (-pick.score, pick.article_id))
    return picks[:limit]


def interleave(lists: Iterable[Iterable[Pick]], limit: int) -> list[Pick]:
    """Take from each list in turn, so every kind of reason gets a place near the top; an
    article already taken (from an earlier list or turn) keeps its first reason."""
    queues = [list(picks) for picks in lists]
    chosen: list[Pick] = []
    seen: set[int] = set()
    while len(chosen) < limit and any(queues):
        for queue in queues:
            while queue:
                pick = queue.pop(0)
                if pick.article_id not in seen:
                    seen.add(pick.article_id)
                    chosen.append(pick)
                    break
            if len(chosen) == limit:
                break
    return chosen
