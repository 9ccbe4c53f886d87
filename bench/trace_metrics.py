"""Clustering scores for the trace benches: pairwise precision / recall / F1 and the adjusted Rand
index, from two labelings of the same items (no sklearn)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class PairScore:
    precision: float
    recall: float
    f1: float
    ari: float
    true_pairs: int
    predicted_pairs: int


def _pairs(n: int) -> int:
    return n * (n - 1) // 2


def pair_score(truth: Mapping[int, Hashable], predicted: Mapping[int, Hashable]) -> PairScore:
    """Pairs of items in one true group vs pairs in one predicted group (same keys in both)."""
    items = list(truth)
    both = sum(_pairs(n) for n in Counter((truth[i], predicted[i]) for i in items).values())
    true_pairs = sum(_pairs(n) for n in Counter(truth[i] for i in items).values())
    predicted_pairs = sum(_pairs(n) for n in Counter(predicted[i] for i in items).values())
    precision = both / predicted_pairs if predicted_pairs else 1.0
    recall = both / true_pairs if true_pairs else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    total = _pairs(len(items))
    expected = true_pairs * predicted_pairs / total if total else 0.0
    top = (true_pairs + predicted_pairs) / 2
    ari = (both - expected) / (top - expected) if top != expected else 1.0
    return PairScore(precision, recall, f1, ari, true_pairs, predicted_pairs)
