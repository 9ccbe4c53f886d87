"""Joins go to the incident, not the topic: look-alike shootings in one city stay apart when
their victims and days differ, and the follow-up naming the victim finds the right one."""

from __future__ import annotations

from dataclasses import replace

from dateline.group.active import ActiveStories
from dateline.group.cluster import DAY_COMPARED_DAYS, Clusterer, Settings, evidence
from dateline.group.frequencies import CountingFrequencies
from tests.group.stories import (
    background,
    lookalike_follow_up,
    toledo,
    toledo_again,
    toledo_lookalike,
)

BLIND = replace(
    Settings(),
    same_age=0.0,
    different_age=0.0,
    same_day=0.0,
    different_day=0.0,
    veto_conflicts=False,
)


def replay(settings: Settings | None = None) -> tuple[Clusterer, list]:
    c = Clusterer(ActiveStories(), CountingFrequencies(), settings)
    for doc in background():
        c.add(doc)
    decisions = [
        c.add(doc)
        for doc in (toledo("a"), toledo_again("b"), toledo_lookalike("c"), lookalike_follow_up("d"))
    ]
    return c, decisions


def test_two_shootings_in_one_city_a_week_apart_stay_apart() -> None:
    c, (a, b, other, _) = replay()
    assert b.joined and b.story_id == a.story_id
    assert not other.joined and other.story_id != a.story_id
    # What tells them apart: the victim's age and the incident day conflict with the story's.
    story = c.index.get(a.story_id)
    features = c.read(toledo_lookalike("c2"))
    readings = evidence(features, story)
    assert {r.ages for r in readings} == {"different"}
    assert {r.day for r in readings} == {"different"}


def test_without_the_incident_facts_the_lookalike_would_join() -> None:
    _, (a, _, other, _) = replay(BLIND)
    assert other.joined and other.story_id == a.story_id


def test_the_follow_up_naming_the_victim_joins_its_own_incident() -> None:
    _, (a, _, other, follow_up) = replay()
    assert follow_up.joined and follow_up.story_id == other.story_id != a.story_id
    assert "ages same" in follow_up.reason and "incident day same" in follow_up.reason


def test_a_follow_up_weeks_later_gives_its_own_day_which_is_not_compared() -> None:
    """ "Arraigned Monday" a month on is the hearing's day, not the incident's: no conflict."""
    c, (a, *_) = replay()
    story = c.index.get(a.story_id)
    for gap in (6, 40):  # the look-alike's Saturday against the story's, a week or weeks later
        features = c.read(toledo_lookalike(f"late{gap}", day=gap))
        days = {reading.day for reading in evidence(features, story)}
        assert days == ({"different"} if gap < DAY_COMPARED_DAYS else {"unknown"})
