"""Index keys: the near-duplicate fingerprint the store indexes, one row per (key, article).

Fixed-rate sampling of shingle hashes: a shingle is a key when its hash falls in the lowest
1/2**SAMPLE_BITS of the 64-bit range. Whether a shingle is a key depends on that shingle alone, so
two texts sharing a passage share its keys whatever surrounds it (a copy wrapped in a page or cut
short keeps them). MinHash with LSH banding estimates Jaccard resemblance instead, which a copy
wrapped in a page or cut short does not have: with 32 bands of 4 it found 94% of the version pairs
and 72% of heavily edited farm copies that this finds 97% and 99% of (bench/trace_choice.py).
"""

from __future__ import annotations

from dateline.trace.shingles import SHINGLE_WORDS, shingle_lines

# One shingle in 8 is a key: about 70 keys (store rows) for a 600-word article. Two paragraphs
# quoted from it (~80 words) then share ~10 keys. 1 in 16 halves the rows but finds 97.8% of
# heavily edited farm copies instead of 99.2% (bench/trace_choice.py): short texts share too few.
SAMPLE_BITS = 3
_LIMIT = 1 << (64 - SAMPLE_BITS)  # keys are below 2**61: they fit a signed BIGINT as they are
# A whole page of 8,000 words would give ~1,000 keys; it keeps the lowest 400, a threshold on the
# hash like the sampling itself, so it still shares ~40% of the keys of any passage it holds.
MAX_KEYS = 400


def keys_from_shingles(lines: list[list[int]]) -> list[int]:
    """The sampled shingle hashes of a text, unique and ascending, at most MAX_KEYS."""
    keys = sorted({shingle for line in lines for shingle in line if shingle < _LIMIT})
    return keys[:MAX_KEYS]


def index_keys(text: str) -> list[int]:
    """The keys the store writes for an article and queries with: non-negative ints < 2**61,
    the same on every machine. A text with no line of SHINGLE_WORDS words has none."""
    return keys_from_shingles(shingle_lines(text, SHINGLE_WORDS))
