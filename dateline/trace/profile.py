"""The shingles of one text, kept two ways: line by line in reading order (for passages and
changed words) and as one set (for shares of text in common)."""

from __future__ import annotations

from dataclasses import dataclass

from dateline.trace.shingles import SHINGLE_WORDS, shingle_lines

# A passage: this many shingles in a row (11 words, a sentence). One changed word breaks a run
# for at most SHINGLE_WORDS shingles, so shorter runs of difference are changed words.
PASSAGE_RUN = 8


@dataclass(frozen=True)
class Profile:
    """The shingles of one text: per line in order (for passages) and as a set (for shares)."""

    lines: list[list[int]]
    shingles: frozenset[int]

    @property
    def size(self) -> int:
        return len(self.shingles)


def profile(text: str) -> Profile:
    lines = shingle_lines(text, SHINGLE_WORDS)
    return Profile(lines=lines, shingles=frozenset().union(*lines))
