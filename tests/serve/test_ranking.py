from datetime import UTC, datetime, timedelta

import pytest

from dateline.serve.ranking import add_event, score_now

T0 = datetime(2026, 1, 1, tzinfo=UTC)
HALF_LIFE = 24.0


def heat_of(events):
    heat = None
    for weight, at in events:
        heat = add_event(heat, weight, at, HALF_LIFE)
    return heat


def test_score_halves_every_half_life():
    heat = heat_of([(1.0, T0)])
    assert score_now(heat, T0, HALF_LIFE) == pytest.approx(1.0)
    assert score_now(heat, T0 + timedelta(hours=24), HALF_LIFE) == pytest.approx(0.5)
    assert score_now(heat, T0 + timedelta(hours=48), HALF_LIFE) == pytest.approx(0.25)


def test_heat_equals_the_sum_of_decayed_events_in_any_order():
    events = [(1.0, T0), (3.0, T0 + timedelta(hours=5)), (1.0, T0 + timedelta(hours=30))]
    now = T0 + timedelta(hours=40)
    expected = sum(w * 0.5 ** ((now - at).total_seconds() / 3600 / HALF_LIFE) for w, at in events)
    assert score_now(heat_of(events), now, HALF_LIFE) == pytest.approx(expected)
    assert score_now(heat_of(events[::-1]), now, HALF_LIFE) == pytest.approx(expected)


def test_recent_attention_beats_old_popularity():
    old_hit = heat_of([(1.0, T0)] * 10)  # ten reads three days ago
    fresh = heat_of([(1.0, T0 + timedelta(hours=72))] * 2)  # two reads now
    assert fresh > old_hit  # stored heat orders articles as the decayed score does


def test_no_events_scores_zero_and_far_future_does_not_overflow():
    assert score_now(None, T0, HALF_LIFE) == 0.0
    heat = heat_of([(1.0, datetime(2999, 1, 1, tzinfo=UTC))] * 3)
    assert score_now(heat, datetime(2999, 1, 1, tzinfo=UTC), HALF_LIFE) == pytest.approx(3.0)
