"""Word shingles: the overlapping runs of words two texts share when one reproduces the other.

Each shingle is an unsigned 64-bit number built from blake2b hashes of its words (never Python's
salted `hash()`), so the same text gives the same numbers in every process and on every machine.
Shingles never cross a line break, so a paragraph moved elsewhere keeps all its shingles; and only
prose lines give shingles: menus, breadcrumbs, headings and lists of headlines (short lines that do
not end a sentence) are the page around an article, which pages of one site share.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache

# Four words (bench/trace_choice.py): with three, 74 GVA same-event pairs pass as copies instead
# of 57 (stock phrases add up); with five, one changed word costs five shingles and 2.8% of
# heavily edited farm copies are lost.
SHINGLE_WORDS = 4
MASK = (1 << 64) - 1
# One odd multiplier per position, so "a b c d" and "d c b a" hash apart.
_POSITION_MULTIPLIERS = (
    0x9E3779B97F4A7C15,
    0xC2B2AE3D27D4EB4F,
    0x165667B19E3779F9,
    0xD6E8FEB86659FD93,
    0xFF51AFD7ED558CCD,
    0xC4CEB9FE1A85EC53,
)
# Scripts written without spaces between words: each character counts as a word.
_UNSPACED = "\u0e00-\u0e7f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_TOKEN = re.compile(rf"[{_UNSPACED}]|[^\W{_UNSPACED}]+")
# A line is prose when it ends a sentence, or is too long to be a headline or a menu.
_SENTENCE_END = re.compile(r"[.!?…:;。！？」』\"'”’»)\]]\s*$")
LONG_LINE_WORDS = 25


def tokens(line: str) -> list[str]:
    """Case-folded words of one line; a Chinese, Japanese or Thai character is a word."""
    return _TOKEN.findall(unicodedata.normalize("NFKC", line).casefold())


@lru_cache(maxsize=1 << 16)
def word_terms(word: str) -> tuple[int, ...]:
    """A word's stable 64-bit blake2b hash times each position's multiplier (cached: a few
    thousand words make most text, and the products are all a shingle needs)."""
    digest = hashlib.blake2b(word.encode("utf-8"), digest_size=8).digest()
    value = int.from_bytes(digest, "little")
    return tuple((value * multiplier) & MASK for multiplier in _POSITION_MULTIPLIERS)


def line_shingles(words: list[str], size: int = SHINGLE_WORDS) -> list[int]:
    """The shingle hashes of one line, in order; a line shorter than `size` words has none."""
    if len(words) < size:
        return []
    terms = [word_terms(word) for word in words]
    if size == 4:  # the default, in one pass
        return [
            a[0] ^ b[1] ^ c[2] ^ d[3]
            for a, b, c, d in zip(terms, terms[1:], terms[2:], terms[3:], strict=False)
        ]
    shingles = [t[0] for t in terms[: len(terms) - size + 1]]
    for position in range(1, size):
        shingles = [s ^ t[position] for s, t in zip(shingles, terms[position:], strict=False)]
    return shingles


def is_prose(line: str, words: list[str]) -> bool:
    return len(words) >= LONG_LINE_WORDS or _SENTENCE_END.search(line) is not None


def shingle_lines(text: str, size: int = SHINGLE_WORDS) -> list[list[int]]:
    """Shingle hashes of the prose lines, line by line (other lines left out)."""
    found = []
    for line in text.splitlines():
        words = tokens(line)
        if len(words) >= size and is_prose(line, words):
            found.append(line_shingles(words, size))
    return found
