"""Lines a publisher prints on every page (menus, paywall notes, newsletter pitches, bylines of
the desk), learnt online so they do not make two unrelated stories of one site look alike.

A line is boilerplate once it has appeared in `REPEATS` earlier articles of the same publisher;
a story's own text seldom repeats that often, while a template repeats on every page. Memory is
bounded: `LINES` hashes per publisher (the least seen go first) and `PUBLISHERS` publishers,
least recently seen dropped first.
"""

from __future__ import annotations

import zlib
from collections import OrderedDict
from typing import Protocol

REPEATS = 2
LINES = 3000
PUBLISHERS = 5000
MIN_LINE = 12  # shorter lines are headings and captions: too little to recognise


class Boilerplate(Protocol):
    def strip(self, publisher: str, text: str) -> str:
        """The text without the publisher's known boilerplate lines; then learn its lines."""
        ...


class PublisherLines:
    def __init__(self) -> None:
        self._seen: OrderedDict[str, dict[int, int]] = OrderedDict()

    def strip(self, publisher: str, text: str) -> str:
        if not publisher:
            return text
        counts = self._seen.pop(publisher, None) or {}
        self._seen[publisher] = counts
        if len(self._seen) > PUBLISHERS:
            self._seen.popitem(last=False)
        kept: list[str] = []
        hashes: set[int] = set()
        for line in text.split("\n"):
            words = " ".join(line.split())
            if len(words) < MIN_LINE:
                kept.append(line)
                continue
            key = zlib.crc32(words.casefold().encode())
            hashes.add(key)
            if counts.get(key, 0) < REPEATS:
                kept.append(line)
        for key in hashes:
            counts[key] = counts.get(key, 0) + 1
        if len(counts) > LINES:
            for key, _ in sorted(counts.items(), key=lambda kv: kv[1])[: len(counts) - LINES]:
                del counts[key]
        return "\n".join(kept)
