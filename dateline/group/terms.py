"""Bag-of-words term vectors and TF-IDF cosine: the first text-similarity measure.

Plain functions over plain dicts, so the same code scores candidates in the web process,
a worker, or a batch job. The store keeps each article's term counts and the document
frequencies; these functions never touch it.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Mapping

from dateline.understand.stopwords import STOPWORDS

_TOKEN = re.compile(r"[^\W\d_][\w'’-]*[^\W_]|[^\W\d_]", re.UNICODE)
MAX_TERMS = 80  # enough to describe an article; keeps rows and comparisons small
MIN_TERM_LENGTH = 3
MAX_TERM_LENGTH = 40  # longer is an address or a code, and would not fit TermStat's key


def tokens(text: str) -> list[str]:
    """Lower-cased content words, without stopwords, numbers and possessive endings."""
    words = []
    for token in _TOKEN.findall(text.casefold()):
        if token.endswith(("'s", "’s")):
            token = token[:-2]
        if MIN_TERM_LENGTH <= len(token) <= MAX_TERM_LENGTH and token not in STOPWORDS:
            words.append(token)
    return words


def term_counts(title: str, body: str, limit: int = MAX_TERMS) -> dict[str, int]:
    """The article's most frequent terms; the title counts three times, as it says what matters."""
    counts = Counter(tokens(body))
    for term in tokens(title):
        counts[term] += 3
    return dict(counts.most_common(limit))


def idf(df: int, total_docs: int) -> float:
    """Smoothed inverse document frequency; never negative."""
    return math.log((1 + total_docs) / (1 + df)) + 1.0


def tfidf(counts: Mapping[str, int], dfs: Mapping[str, int], total_docs: int) -> dict[str, float]:
    """Sublinear TF times IDF, L2-normalised."""
    weights = {
        term: (1.0 + math.log(count)) * idf(dfs.get(term, 0), total_docs)
        for term, count in counts.items()
        if count > 0
    }
    norm = math.sqrt(math.fsum(w * w for w in weights.values())) or 1.0
    return {term: w / norm for term, w in weights.items()}


def cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    """Cosine of two L2-normalised sparse vectors. Summed exactly (`math.fsum`): the shared terms
    come in set order, which varies with the hash seed, and a plain sum's last bit with it, so
    two equal scores would tie differently from one process to the next."""
    if len(a) > len(b):
        a, b = b, a
    return math.fsum(a[term] * b[term] for term in a.keys() & b.keys())


def top_terms(vector: Mapping[str, float], n: int) -> list[str]:
    """The n most distinctive terms, used to ask the search index for candidates."""
    return [term for term, _ in sorted(vector.items(), key=lambda kv: (-kv[1], kv[0]))[:n]]
