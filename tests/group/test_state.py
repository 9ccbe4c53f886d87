"""A story's state: JSON round trip, and bounded however many articles join."""

from __future__ import annotations

from dateline.group import state as story_state
from dateline.group.active import ActiveStories
from dateline.group.cluster import Clusterer
from dateline.group.frequencies import CountingFrequencies
from dateline.group.state import StoryState
from tests.group.stories import article, background, toledo, toledo_again


def test_state_survives_a_json_round_trip() -> None:
    c = Clusterer(ActiveStories(), CountingFrequencies())
    for doc in background(10):
        c.add(doc)
    story_id = c.add(toledo("a")).story_id
    c.add(toledo_again("b"))
    state = c.index.get(story_id)
    assert state is not None and state.size == 2
    text = state.to_json()
    again = StoryState.from_json(text)
    assert again == state
    assert again.to_json() == text
    assert again.headline_doc_id == "a"
    assert "toledo" in again.places


def test_state_stays_bounded_as_a_story_grows() -> None:
    c = Clusterer(ActiveStories(), CountingFrequencies())
    first = c.add(toledo("a"))
    state = c.index.get(first.story_id)
    # 300 articles forced into one story, each bringing words and names of its own.
    for k in range(300):
        doc = article(
            f"d{k}",
            k * 0.01,
            f"Update {k} on the Prouty Avenue shooting zz{k}",
            " ".join(f"Word{k}x{j} term{k}y{j}" for j in range(40)),
        )
        state.add(c.read(doc))
    assert state.size == 301
    assert len(state.centroid) <= story_state.CENTROID_TERMS
    assert len(state.names) <= story_state.NAMES
    assert len(state.places) <= story_state.PLACES
    assert len(state.exemplars) == story_state.EXEMPLARS
    assert state.exemplars[0].doc_id == "a"  # the first article stays; then the latest
    assert state.exemplars[-1].doc_id == "d299"
    assert len(state.to_json()) < 40_000
