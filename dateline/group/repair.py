"""The periodic repair pass: merge stories that turned out to be one, split one that became two.

Online decisions are final for the article, not for the story: a story can start twice (its first
two articles arrived before anything linked them) or absorb a look-alike. Repair looks again at
stories touched since the last pass and records every change as a `StoryEvent`, so the store can
redirect a merged story's URL to the survivor and give a split-off part a new URL, instead of a
story's address silently starting to mean something else.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

from dateline.group.active import ActiveStories
from dateline.group.cluster import Settings, score_story
from dateline.group.features import DocFeatures, StoryDoc
from dateline.group.state import Exemplar, StoryState, unit

MERGE_MARGIN = 3.0  # a merge needs this much more than a join: two stories are more than a doc
SPLIT_MARGIN = 6.0  # exemplars this far below the join bar, with nobody bridging, are two stories


@dataclass(frozen=True)
class StoryEvent:
    kind: str  # "merge": story_id joined into other_id; "split": doc_ids left story_id for other_id
    story_id: str
    other_id: str
    at: float
    reason: str
    doc_ids: tuple[str, ...] = field(default_factory=tuple)


def _as_features(state: StoryState) -> DocFeatures:
    """The story read as one long article, so stories are scored by the clusterer's own rule."""
    from datetime import UTC, datetime

    places = sorted(state.places, key=lambda p: (-state.places[p], p))[:3]
    return DocFeatures(
        doc=StoryDoc(state.headline_doc_id, datetime.fromtimestamp(state.last_seen, UTC), "", ""),
        at=state.last_seen,
        terms=unit(state.centroid),
        title=unit(state.titles),
        names=unit(state.names),
        places=frozenset(places),
        rare_people=frozenset(k for k in state.names if k.startswith("p:")),
    )


def _exemplar_features(exemplar: Exemplar) -> DocFeatures:
    from datetime import UTC, datetime

    return DocFeatures(
        doc=StoryDoc(exemplar.doc_id, datetime.fromtimestamp(exemplar.at, UTC), "", ""),
        at=exemplar.at,
        terms=unit(exemplar.terms),
        title=unit(exemplar.title),
        names=unit(exemplar.names),
        places=frozenset(exemplar.places),
        rare_people=frozenset(k for k in exemplar.names if k.startswith("p:")),
    )


def merge_pass(
    index: ActiveStories, settings: Settings, since: float, now: float
) -> list[StoryEvent]:
    """Merge each story touched since `since` into an older story it clearly belongs to."""
    events: list[StoryEvent] = []
    bar = settings.threshold + MERGE_MARGIN
    for state in sorted(index.active(), key=lambda s: s.first_seen):
        if state.last_seen < since or index.get(state.id) is None:
            continue
        features = _as_features(state)
        best: tuple[float, StoryState] | None = None
        for other in index.candidates(features):
            if other.id == state.id or other.first_seen > state.first_seen:
                continue  # the older story survives, so its URL keeps its meaning
            logit, _ = score_story(features, other, settings)
            if logit >= bar and (best is None or logit > best[0]):
                best = (logit, other)
        if best is not None:
            survivor = best[1]
            moved = index.members(state.id)
            survivor.absorb(state)
            index.retire(state.id)
            index.save(survivor, moved)
            events.append(
                StoryEvent("merge", state.id, survivor.id, now, f"story logit {best[0]:.2f}")
            )
    return events


def split_story(state: StoryState, settings: Settings) -> list[list[Exemplar]]:
    """The story's exemplars in groups that nothing links (single link at the split bar)."""
    bar = settings.threshold - SPLIT_MARGIN
    groups: list[list[Exemplar]] = [[e] for e in state.exemplars]
    for a, b in itertools.combinations(state.exemplars, 2):
        single = StoryState.start("x", _exemplar_features(a))
        single.exemplars = [a]
        logit, _ = score_story(_exemplar_features(b), single, settings)
        if logit >= bar:
            ga = next(g for g in groups if a in g)
            gb = next(g for g in groups if b in g)
            if ga is not gb:
                ga.extend(gb)
                groups.remove(gb)
    return groups


def split_pass(
    index: ActiveStories, settings: Settings, since: float, now: float, new_id
) -> list[StoryEvent]:
    """Split off the later exemplars of a story whose exemplars fall into unlinked groups."""
    events: list[StoryEvent] = []
    for state in index.active():
        if state.last_seen < since or len(state.exemplars) < 2:
            continue
        groups = split_story(state, settings)
        if len(groups) < 2:
            continue
        first = next(g for g in groups if state.exemplars[0] in g)
        leaving = [e for g in groups if g is not first for e in g]
        new_state = StoryState.start(new_id(), _exemplar_features(leaving[0]))
        for exemplar in leaving[1:]:
            new_state.add(_exemplar_features(exemplar))
        state.exemplars = [e for e in state.exemplars if e in first]
        doc_ids = tuple(e.doc_id for e in leaving)
        index.save(state, [])
        index.save(new_state, list(doc_ids))
        events.append(
            StoryEvent("split", state.id, new_state.id, now, "exemplars not linked", doc_ids)
        )
    return events


def repair(
    index: ActiveStories, settings: Settings, since: float, now: float, new_id
) -> list[StoryEvent]:
    """One pass: merges first (they only join), then splits."""
    return merge_pass(index, settings, since, now) + split_pass(index, settings, since, now, new_id)
