"""Numbers and times reader apps send as text: plain ASCII digits that fit a database id, and
Unix times within the years a datetime holds. Anything else is no number (the caller's default
or a 400), never a 500: "²".isdigit() is true, int("²") fails, and 10**20 fits no column."""

from __future__ import annotations

import string
from datetime import UTC, datetime

MAX_ID = 2**63 - 1  # a signed 64-bit column, in SQLite and PostgreSQL alike
_MAX_DIGITS = 20  # microseconds since 1970 need 16; 20 digits hold anything that fits


def whole(value: str | None) -> int | None:
    """A non-negative whole number written in ASCII digits that fits an id column, or None."""
    value = (value or "").strip()
    if not value or len(value) > _MAX_DIGITS or not (value.isascii() and value.isdigit()):
        return None
    number = int(value)
    return number if number <= MAX_ID else None


def hexadecimal(value: str) -> int | None:
    """A non-negative number in hex digits that fits an id column, or None."""
    value = value.strip()
    if not value or len(value) > 16 or value.strip(string.hexdigits):  # no "-1", "0x1f", "1_f"
        return None
    number = int(value, 16)
    return number if number <= MAX_ID else None


def moment(seconds: float) -> datetime | None:
    """The UTC moment `seconds` after 1970, or None if no datetime holds it."""
    try:
        return datetime.fromtimestamp(seconds, tz=UTC)
    except (OverflowError, OSError, ValueError):
        return None
