"""When to poll a feed next: pure arithmetic over what the feed and its server told us.

A feed's interval follows its observed publishing rate (about one new item per poll), clamped to
[min, max]. The publisher's own caching hints (RSS <ttl>, Cache-Control max-age, Expires) are a
floor: polling sooner than they ask only earns a cached copy. Errors back off exponentially with
jitter so that many feeds failing together do not retry in lockstep.
"""

from __future__ import annotations

import random
from datetime import datetime
from email.utils import parsedate_to_datetime

DAY = 86400.0
SMOOTHING = 0.3  # weight of the latest observation in the publishing-rate average


def observed_rate(previous: float | None, new_items: int, elapsed_seconds: float) -> float | None:
    """Items per day, smoothed; None while there is nothing to go on yet."""
    if elapsed_seconds <= 0:
        return previous
    latest = new_items * DAY / elapsed_seconds
    if previous is None:
        return latest
    return (1 - SMOOTHING) * previous + SMOOTHING * latest


def next_interval(
    items_per_day: float | None,
    *,
    default: float,
    minimum: float,
    maximum: float,
    floor: float = 0.0,
) -> float:
    """Seconds until the next poll of a healthy feed."""
    if items_per_day is None:
        wanted = default
    elif items_per_day <= 0:
        wanted = maximum
    else:
        wanted = DAY / items_per_day
    wanted = min(max(wanted, minimum), maximum)
    return min(max(wanted, floor), maximum)  # the publisher's hint wins, within our own ceiling


def cache_floor(headers: dict[str, str], ttl_minutes: int | None, now: datetime) -> float:
    """The longest of the feed's hints, in seconds: RSS <ttl>, Cache-Control max-age, Expires."""
    hints = [0.0]
    if ttl_minutes and ttl_minutes > 0:
        hints.append(ttl_minutes * 60.0)
    lowered = {name.lower(): value for name, value in headers.items()}
    max_age = _max_age(lowered.get("cache-control", ""))
    if max_age is not None:
        hints.append(max_age)
    elif "expires" in lowered:  # Cache-Control takes precedence over Expires (RFC 9111 5.3)
        expires = _http_date(lowered["expires"])
        if expires is not None:
            hints.append((expires - now).total_seconds())
    return max(hints)


def error_backoff(
    failures: int, *, base: float, maximum: float, rng: random.Random | None = None
) -> float:
    """Seconds to wait after `failures` consecutive errors: base·2^(n-1), ±20 % jitter, capped."""
    exponent = min(max(failures, 1) - 1, 20)
    delay = min(base * 2**exponent, maximum)
    jitter = (rng or random).uniform(0.8, 1.2)
    return min(delay * jitter, maximum)


def _max_age(cache_control: str) -> float | None:
    for directive in cache_control.split(","):
        name, _, value = directive.strip().partition("=")
        if name.lower() in {"max-age", "s-maxage"} and value.strip().strip('"').isdigit():
            return float(value.strip().strip('"'))
    return None


def _http_date(value: str) -> datetime | None:
    try:
        parsed = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    return parsed if parsed.tzinfo else None
