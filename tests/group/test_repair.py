"""The repair pass: stories that are one get merged, a story that is two gets split, and every
change is an event naming the story ids involved."""

from __future__ import annotations

import dataclasses

from dateline.group.active import ActiveStories
from dateline.group.cluster import Clusterer, Settings
from dateline.group.features import StoryDoc
from dateline.group.frequencies import CountingFrequencies
from dateline.group.repair import MergeSettings, repair, story_pair
from dateline.group.state import StoryState
from tests.group.stories import (
    START,
    article,
    background,
    lookalike_follow_up,
    memphis,
    toledo,
    toledo_again,
    toledo_lookalike,
    unrelated,
)


def test_two_stories_of_one_incident_are_merged_into_the_older() -> None:
    index = ActiveStories()
    # A clusterer too strict to join them, as when the link only shows in hindsight.
    strict = Clusterer(index, CountingFrequencies(), dataclasses.replace(Settings(), threshold=50))
    for doc in background():
        strict.add(doc)
    older = strict.add(toledo("a"))
    newer = strict.add(toledo_again("b"))
    assert older.story_id != newer.story_id
    events = repair(index, Settings(), since=START.timestamp() - 1, now=0.0, new_id=lambda: "n")
    merges = [e for e in events if e.kind == "merge"]
    assert [(e.story_id, e.other_id) for e in merges] == [(newer.story_id, older.story_id)]
    assert index.get(newer.story_id) is None
    assert index.story_of("b") == older.story_id
    assert index.get(older.story_id).size == 2


def test_unrelated_stories_are_left_alone() -> None:
    index = ActiveStories()
    c = Clusterer(index, CountingFrequencies())
    for doc in background():
        c.add(doc)
    c.add(toledo("a"))
    c.add(memphis("m", 0.2))
    events = repair(index, Settings(), since=START.timestamp() - 1, now=0.0, new_id=lambda: "n")
    assert events == []


def test_look_alike_incidents_are_not_merged() -> None:
    # Another shooting in South Toledo a week later, same words, another victim and day: even
    # as separate stories that repair weighs against each other, they stay apart.
    index = ActiveStories()
    strict = Clusterer(index, CountingFrequencies(), dataclasses.replace(Settings(), threshold=50))
    for doc in background():
        strict.add(doc)
    stories = [strict.add(doc).story_id for doc in (toledo("a"), toledo_again("b"))]
    stories += [
        strict.add(doc).story_id for doc in (toledo_lookalike("c"), lookalike_follow_up("d"))
    ]
    assert len(set(stories)) == 4  # the strict clusterer joined nothing
    repair(index, Settings(), since=START.timestamp() - 1, now=0.0, new_id=lambda: "n")
    # Each incident's two reports are merged; the two incidents are not.
    assert index.story_of("a") == index.story_of("b") == stories[0]
    assert index.story_of("c") == index.story_of("d") == stories[2]


def _child_shot(doc_id: str, day: float, name: str, where: str) -> StoryDoc:
    last = name.split()[-1]
    return article(
        doc_id,
        day,
        f"{name}, 3, shot in Detroit",
        f"{name}, 3, was shot {where} in Detroit, police said. {last} was taken to a hospital. "
        f"Relatives said {last} loved cartoons. Police are asking for tips.",
    )


def test_stories_whose_leads_keep_naming_other_people_are_not_merged() -> None:
    # Same age, city and words: only the child each report keeps naming tells them apart. A
    # merge bar anything clears leaves the vetoes alone to decide.
    index = ActiveStories()
    strict = Clusterer(index, CountingFrequencies(), dataclasses.replace(Settings(), threshold=50))
    for doc in background():
        strict.add(doc)
    girl = strict.add(_child_shot("a", 0, "Kamiya Brown", "on Easter Sunday")).story_id
    boy = strict.add(_child_shot("b", 3, "Elijah Walker", "by his brother")).story_id
    strict.add(_child_shot("c", 4, "Kamiya Brown", "on Easter"))
    assert index.get(girl).lead_people == ["p:kamiya brown"]
    eager = MergeSettings(threshold=-50)
    repair(index, Settings(), START.timestamp() - 1, 0.0, lambda: "n", merging=eager)
    assert index.story_of("c") == girl  # the same child: merged
    assert index.story_of("b") == boy != girl  # another child: left alone


def test_the_pair_reads_both_stories_whole() -> None:
    index = ActiveStories()
    strict = Clusterer(index, CountingFrequencies(), dataclasses.replace(Settings(), threshold=50))
    for doc in background():
        strict.add(doc)
    first = index.get(strict.add(toledo("a")).story_id)
    again = index.get(strict.add(toledo_again("b")).story_id)
    lookalike = index.get(strict.add(toledo_lookalike("c")).story_id)
    same, other = story_pair(again, first), story_pair(lookalike, first)
    assert same.people >= 1 and same.place == "same"  # Marcus Whitfield on Prouty Avenue
    assert other.people == 0 and other.ages == "different"  # Jamal Ortiz, 19, not 27
    assert same.text > other.text
    merging = MergeSettings()
    assert merging.logit(same, 1) > merging.threshold > merging.logit(other, 1)


def test_a_story_that_took_in_an_unrelated_article_is_split() -> None:
    index = ActiveStories()
    c = Clusterer(index, CountingFrequencies())
    for doc in background():
        c.add(doc)
    story_id = c.add(toledo("a")).story_id
    state: StoryState = index.get(story_id)
    c.add(toledo_again("b"))
    state.add(c.read(unrelated("m", 0.3, 7)))  # forced in, as a bad join would have done
    index.save(state, ["m"])
    events = repair(
        index, Settings(), since=START.timestamp() - 1, now=0.0, new_id=lambda: "s99", split=True
    )
    splits = [e for e in events if e.kind == "split"]
    assert len(splits) == 1
    assert splits[0].story_id == story_id and splits[0].other_id == "s99"
    assert splits[0].doc_ids == ("m",)
    assert index.story_of("m") == "s99"
    assert [e.doc_id for e in index.get(story_id).exemplars] == ["a", "b"]
