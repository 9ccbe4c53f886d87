"""The home page's top list as plain data: signals, reprints folded, diversity."""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta

import pytest

from dateline.serve.related import Pick, interleave
from dateline.serve.top import (
    Coverage,
    Entry,
    Item,
    decayed,
    diversify,
    fold_heat,
    rank,
    reports_per_hour,
)

NOW = datetime(2026, 11, 27, 12, tzinfo=UTC)
HALF_LIFE = 24.0


def heat(score: float, at: datetime = NOW) -> float:
    """The heat of events worth `score` points at `at` (see serve.ranking)."""
    return math.log2(score) + at.timestamp() / 3600.0 / HALF_LIFE


def test_fold_heat_adds_the_scores():
    folded = fold_heat([heat(2.0), heat(6.0), None])
    assert decayed(folded, NOW, HALF_LIFE) == pytest.approx(8.0)
    assert fold_heat([None, None]) is None


def test_a_reprint_engagement_counts_for_its_original_once():
    old = NOW - timedelta(days=3)  # both too old for coverage to matter
    entries = [
        Entry(1, publisher_id=10, first_seen=old),  # the original, never read itself
        Entry(2, publisher_id=20, first_seen=old, heat=heat(9.0), original_id=1),
        Entry(3, publisher_id=30, first_seen=old, heat=heat(5.0)),
    ]
    items = rank(entries, {}, NOW, HALF_LIFE)
    assert [i.article_id for i in items] == [1, 3]  # the reprint itself never shows
    assert items[0].engagement == pytest.approx(9.0)
    assert sorted(items[0].members) == [1, 2]


def test_reports_per_hour_raise_a_story_nobody_has_read_yet():
    fresh = NOW - timedelta(hours=2)
    entries = [
        Entry(1, 10, fresh, story_id=7),
        Entry(2, 11, fresh, story_id=7),
        Entry(3, 12, fresh, story_id=7),
        Entry(4, 13, NOW - timedelta(days=2), heat=heat(3.0)),  # read, but one lone report
    ]
    coverage = {7: Coverage(reports=6, outlets=5, first_seen=fresh)}
    items = rank(entries, coverage, NOW, HALF_LIFE)
    assert items[0].article_id == 1  # equal heat: the earliest report (then the lowest id)
    assert items[0].story_id == 7 and items[0].outlets == 5
    assert items[0].reports_per_hour == pytest.approx(3.0)
    assert len(items) == 2  # the story is one line, whatever its size


def test_reports_per_hour_never_divide_by_less_than_an_hour():
    assert reports_per_hour(2, NOW, NOW) == pytest.approx(2.0)
    assert reports_per_hour(2, NOW - timedelta(hours=4), NOW) == pytest.approx(0.5)


def test_older_engagement_weighs_less():
    old = NOW - timedelta(days=4)
    entries = [
        Entry(1, 10, old, heat=heat(10.0, NOW - timedelta(hours=48))),  # 10 points two days ago
        Entry(2, 11, old, heat=heat(4.0, NOW)),  # 4 points now
    ]
    items = rank(entries, {}, NOW, HALF_LIFE)
    assert [i.article_id for i in items] == [2, 1]
    assert items[1].engagement == pytest.approx(2.5)


def item(article_id: int, publisher_id: int, score: float) -> Item:
    return Item(article_id, publisher_id, score, engagement=score, reports_per_hour=0.0)


def test_diversify_caps_each_publisher_and_keeps_the_order():
    ranked = [item(1, 10, 9), item(2, 10, 8), item(3, 10, 7), item(4, 20, 6), item(5, 10, 5)]
    chosen = diversify(ranked, limit=10, max_per_publisher=2)
    assert [i.article_id for i in chosen] == [1, 2, 4]
    assert [i.article_id for i in diversify(ranked, limit=2, max_per_publisher=2)] == [1, 2]


def test_interleave_alternates_and_keeps_the_first_reason():
    similar = [Pick(1, 0.9, "similar"), Pick(2, 0.8, "similar"), Pick(3, 0.7, "similar")]
    followed = [Pick(2, 0.0, "followed"), Pick(4, 0.0, "followed")]
    picks = interleave([similar, followed], limit=4)
    assert [(p.article_id, p.reason) for p in picks] == [
        (1, "similar"),
        (2, "followed"),
        (3, "similar"),
        (4, "followed"),
    ]
