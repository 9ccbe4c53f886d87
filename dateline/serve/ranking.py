"""Ranking by engagement with time decay, in O(1) per event and one indexed column.

A read or reaction of weight w at time t contributes w * 2^(-(now - t) / half_life) to an
article's score. Multiplying every score by the same 2^(now / half_life) does not change the
order, so we store h = log2(sum of w * 2^(t / half_life)) instead: it only grows, needs no
periodic re-scoring, and `ORDER BY heat DESC` is the decayed ranking at any moment.
"""

from __future__ import annotations

import math
from datetime import datetime

READ_WEIGHT = 1.0
REACTION_WEIGHT = 3.0  # an explicit "good" says more than an open


def _hours(at: datetime) -> float:
    return at.timestamp() / 3600.0


def add_event(heat: float | None, weight: float, at: datetime, half_life_hours: float) -> float:
    """The new heat after an event of `weight` at time `at` (log-sum-exp, overflow-safe)."""
    term = math.log2(weight) + _hours(at) / half_life_hours
    if heat is None:
        return term
    high, low = max(heat, term), min(heat, term)
    return high + math.log2(1.0 + 2.0 ** (low - high))


def score_now(heat: float | None, now: datetime, half_life_hours: float) -> float:
    """The decayed engagement score at `now`, for display ("3.2 points")."""
    if heat is None:
        return 0.0
    return 2.0 ** (heat - _hours(now) / half_life_hours)
