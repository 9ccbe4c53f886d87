"""Document frequencies, counted online: how many earlier articles used a term or named a name.

The clusterer asks through the `DocumentFrequencies` protocol, so the store can answer from its
`TermStat` table while evaluation and tests count in memory. `HashedFrequencies` keeps memory
fixed however large the stream grows (a rare collision only makes a term look a little commoner).
"""

from __future__ import annotations

import zlib
from array import array
from collections.abc import Iterable
from typing import Protocol


class DocumentFrequencies(Protocol):
    def total(self) -> int:
        """Documents counted so far."""
        ...

    def get(self, keys: Iterable[str]) -> dict[str, int]:
        """Document frequency of each key (0 when never seen)."""
        ...

    def add(self, keys: Iterable[str]) -> None:
        """Count one more document holding these (distinct) keys."""
        ...


class CountingFrequencies:
    """Exact counts in a dict: for tests and small streams."""

    def __init__(self) -> None:
        self._counts: dict[str, int] = {}
        self._total = 0

    def total(self) -> int:
        return self._total

    def get(self, keys: Iterable[str]) -> dict[str, int]:
        return {key: self._counts.get(key, 0) for key in keys}

    def add(self, keys: Iterable[str]) -> None:
        self._total += 1
        counts = self._counts
        for key in keys:
            counts[key] = counts.get(key, 0) + 1


class HashedFrequencies:
    """Counts in a fixed array indexed by CRC-32 of the key: flat memory for any stream."""

    def __init__(self, bits: int = 21) -> None:
        self._mask = (1 << bits) - 1
        self._counts = array("I", bytes(4 << bits))
        self._total = 0

    def _slot(self, key: str) -> int:
        return zlib.crc32(key.encode()) & self._mask

    def total(self) -> int:
        return self._total

    def get(self, keys: Iterable[str]) -> dict[str, int]:
        counts = self._counts
        return {key: counts[self._slot(key)] for key in keys}

    def add(self, keys: Iterable[str]) -> None:
        self._total += 1
        counts = self._counts
        for key in keys:
            counts[self._slot(key)] += 1
