"""Adaptive polling arithmetic (gather.schedule): rate, clamps, caching hints, backoff."""

import random
from datetime import UTC, datetime

from dateline.gather import schedule

NOW = datetime(2026, 1, 1, 12, tzinfo=UTC)
LIMITS = {"default": 1800, "minimum": 300, "maximum": 86400}


def test_the_interval_follows_the_publishing_rate_within_the_clamps():
    assert schedule.next_interval(None, **LIMITS) == 1800  # nothing observed yet
    assert schedule.next_interval(24, **LIMITS) == 3600  # one item an hour
    assert schedule.next_interval(10_000, **LIMITS) == 300  # never more often than the minimum
    assert schedule.next_interval(0.1, **LIMITS) == 86400  # never less often than the maximum
    assert schedule.next_interval(0, **LIMITS) == 86400  # a silent feed


def test_caching_hints_are_a_floor_below_the_ceiling():
    assert schedule.next_interval(24, floor=7200, **LIMITS) == 7200
    assert schedule.next_interval(24, floor=10**7, **LIMITS) == 86400


def test_cache_floor_reads_ttl_max_age_and_expires():
    assert schedule.cache_floor({}, None, NOW) == 0
    assert schedule.cache_floor({}, 60, NOW) == 3600
    assert schedule.cache_floor({"Cache-Control": "public, max-age=900"}, None, NOW) == 900
    expires = {"Expires": "Thu, 01 Jan 2026 14:00:00 GMT"}
    assert schedule.cache_floor(expires, None, NOW) == 7200
    both = {"Cache-Control": "max-age=60", "Expires": "Thu, 01 Jan 2026 14:00:00 GMT"}
    assert schedule.cache_floor(both, None, NOW) == 60  # Cache-Control wins over Expires
    assert schedule.cache_floor({"Expires": "garbage"}, 5, NOW) == 300


def test_the_observed_rate_is_smoothed():
    assert schedule.observed_rate(None, 0, 0) is None
    assert schedule.observed_rate(None, 2, 43200) == 4  # two items in half a day
    assert schedule.observed_rate(4, 0, 86400) == 4 * (1 - schedule.SMOOTHING)


def test_error_backoff_doubles_with_jitter_and_is_capped():
    rng = random.Random(1)
    delays = [schedule.error_backoff(n, base=300, maximum=86400, rng=rng) for n in (1, 2, 3)]
    for n, delay in enumerate(delays):
        assert 0.8 * 300 * 2**n <= delay <= 1.2 * 300 * 2**n
    assert schedule.error_backoff(50, base=300, maximum=86400, rng=rng) <= 86400
