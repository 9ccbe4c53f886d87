"""The candidate rule: at least MIN_SHARED shared keys, most shared first, stop keys ignored."""

from __future__ import annotations

import pytest

from dateline.trace import index
from dateline.trace.index import MIN_SHARED, KeyIndex


def test_candidates_share_at_least_min_shared_keys():
    keys = KeyIndex()
    keys.add(1, [10, 20, 30])
    keys.add(2, [10, 99])
    keys.add(3, [40, 50])
    assert MIN_SHARED == 2
    assert keys.candidates([10, 20, 30, 40]) == [(1, 3)]


def test_most_shared_first_then_the_first_stored():
    keys = KeyIndex()
    keys.add(7, [1, 2])
    keys.add(3, [1, 2])
    keys.add(5, [1, 2, 3])
    assert keys.candidates([1, 2, 3]) == [(5, 3), (3, 2), (7, 2)]


def test_at_most_max_candidates(monkeypatch):
    monkeypatch.setattr(index, "MAX_CANDIDATES", 3)
    keys = KeyIndex()
    for article_id in range(10):
        keys.add(article_id, [1, 2])
    assert [a for a, _ in keys.candidates([1, 2])] == [0, 1, 2]


def test_a_key_in_max_postings_articles_becomes_a_stop_key(monkeypatch):
    monkeypatch.setattr(index, "MAX_POSTINGS", 4)
    keys = KeyIndex()
    for article_id in range(6):
        keys.add(article_id, [1, 2, 100 + article_id])
    # 1 and 2 are boilerplate now: they neither find candidates nor hold rows.
    assert keys.candidates([1, 2]) == []
    assert keys.stop_keys() == 2
    assert keys.rows() == 6
    keys.add(9, [1, 2, 105])
    assert keys.candidates([1, 2, 105, 106]) == []


@pytest.mark.parametrize("article_id", [0, 2**62])
def test_any_bigint_article_id_round_trips(article_id):
    keys = KeyIndex()
    keys.add(article_id, [5, 6])
    assert keys.candidates([5, 6]) == [(article_id, 2)]
