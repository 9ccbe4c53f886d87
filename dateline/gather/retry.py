"""When to try again: exponential backoff with jitter, and the server's own `Retry-After`."""

from __future__ import annotations

import random
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

# Statuses worth a second try: the server says it is busy or briefly broken.
TRANSIENT_STATUSES = frozenset({429, 500, 502, 503, 504})
# A Retry-After beyond a day is a misconfiguration (or a date in 2100): wait a day at most.
RETRY_AFTER_CAP = 24 * 3600.0


def backoff_delay(attempt: int, base: float, cap: float, rng: random.Random | None = None) -> float:
    """Seconds to wait before retry number `attempt` (0-based): "equal jitter".

    Half the exponential step is certain and half random, so clients that failed together
    do not come back together, yet nobody retries immediately.
    """
    step = min(cap, base * 2**attempt)
    return step / 2 + (rng or random).uniform(0, step / 2)


def parse_retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds from `Retry-After` (delay-seconds or an HTTP date, capped at RETRY_AFTER_CAP),
    or None if absent or garbled."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return min(float(value), RETRY_AFTER_CAP)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when is None:
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    seconds = (when - (now or datetime.now(UTC))).total_seconds()
    return min(max(0.0, seconds), RETRY_AFTER_CAP)
