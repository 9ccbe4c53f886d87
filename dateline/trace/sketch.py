"""Index keys: the near-duplicate fingerprint the store indexes, one row per (key, article).

Fixed-rate sampling of shingle hashes: a shingle is a key when its hash falls in the lowest
1/2**SAMPLE_BITS of the 64-bit range. Whether a shingle is a key depends on that shingle alone, so
two texts sharing a passage share its keys whatever surrounds it (a copy wrapped in a page or cut
short keeps them). MinHash with LSH banding estimates Jaccard resemblance instead, which a copy
wrapped in a page twice its size does not have; bench/trace_versions.py measures both.
"""

from __future__ import annotations

from dateline.trace.shingles import SHINGLE_WORDS, shingle_lines

# One shingle in 8 is a key: about 70 keys for a 600-word article. Two paragraphs quoted from it
# (~80 words) then share ~10 keys, so MIN_SHARED = 2 still finds them; 1 in 16 halves the rows
# and misses short copies (bench/trace_farm.py, "sampling" table).
SAMPLE_BITS = 3
_LIMIT = 1 << (64 - SAMPLE_BITS)  # keys are below 2**61: they fit a signed BIGINT as they are
# A whole page of 8,000 words would give ~1,000 keys; the lowest 400 are a consistent sample
# (a key kept here is kept by any shorter text that has it), so long pages still match.
MAX_KEYS = 400


def keys_from_shingles(lines: list[list[int]]) -> list[int]:
    """The sampled shingle hashes of a text, unique and ascending, at most MAX_KEYS."""
    keys = sorted({shingle for line in lines for shingle in line if shingle < _LIMIT})
    return keys[:MAX_KEYS]


def index_keys(text: str) -> list[int]:
    """The keys the store writes for an article and queries with: non-negative ints < 2**61,
    the same on every machine. A text with no line of SHINGLE_WORDS words has none."""
    return keys_from_shingles(shingle_lines(text, SHINGLE_WORDS))
