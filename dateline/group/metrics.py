"""Clustering scores against gold labels: pairwise P/R/F1, BCubed P/R/F1, ARI and AMI.

Exact textbook formulas over the contingency matrix n_ij (gold class i, predicted cluster j):
pairwise true positives are Σ C(n_ij, 2); BCubed averages per-document precision and recall and
takes F from the two averages; ARI is Hubert & Arabie's; AMI is Vinh et al.'s with the
arithmetic mean of the two entropies (scikit-learn's default), its expected mutual information
summed over distinct cluster sizes so that thousands of small clusters stay cheap.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Hashable, Sequence


def _pairs(n: int) -> int:
    return n * (n - 1) // 2


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def contingency(
    gold: Sequence[Hashable], predicted: Sequence[Hashable]
) -> tuple[Counter, Counter, Counter]:
    """(n_ij, gold class sizes a_i, predicted cluster sizes b_j)."""
    if len(gold) != len(predicted):
        raise ValueError("gold and predicted labels must have the same length")
    cells = Counter(zip(gold, predicted, strict=True))
    return cells, Counter(gold), Counter(predicted)


def pairwise(gold: Sequence[Hashable], predicted: Sequence[Hashable]) -> dict[str, float]:
    """Standard clustering P/R/F1 over document pairs (a pair with one member scores nothing)."""
    cells, classes, clusters = contingency(gold, predicted)
    true_pairs = sum(_pairs(n) for n in cells.values())
    predicted_pairs = sum(_pairs(n) for n in clusters.values())
    gold_pairs = sum(_pairs(n) for n in classes.values())
    precision = true_pairs / predicted_pairs if predicted_pairs else 1.0
    recall = true_pairs / gold_pairs if gold_pairs else 1.0
    return {"precision": precision, "recall": recall, "f1": _f1(precision, recall)}


def bcubed(gold: Sequence[Hashable], predicted: Sequence[Hashable]) -> dict[str, float]:
    """BCubed: each document's share of its cluster that is its class, and the reverse."""
    cells, classes, clusters = contingency(gold, predicted)
    total = len(gold)
    if not total:
        return {"precision": 1.0, "recall": 1.0, "f1": 1.0}
    # Every one of the n_ij documents in a cell has precision n_ij/b_j and recall n_ij/a_i.
    precision = sum(n * n / clusters[j] for (_, j), n in cells.items()) / total
    recall = sum(n * n / classes[i] for (i, _), n in cells.items()) / total
    return {"precision": precision, "recall": recall, "f1": _f1(precision, recall)}


def adjusted_rand_index(gold: Sequence[Hashable], predicted: Sequence[Hashable]) -> float:
    cells, classes, clusters = contingency(gold, predicted)
    index = sum(_pairs(n) for n in cells.values())
    sum_a = sum(_pairs(n) for n in classes.values())
    sum_b = sum(_pairs(n) for n in clusters.values())
    all_pairs = _pairs(len(gold))
    expected = sum_a * sum_b / all_pairs if all_pairs else 0.0
    maximum = (sum_a + sum_b) / 2
    if maximum == expected:  # both partitions trivial and identical in shape
        return 1.0
    return (index - expected) / (maximum - expected)


def _entropy(sizes: Counter, total: int) -> float:
    return -sum(n / total * math.log(n / total) for n in sizes.values())


def _mutual_information(cells: Counter, classes: Counter, clusters: Counter, total: int) -> float:
    return sum(
        n / total * math.log(total * n / (classes[i] * clusters[j])) for (i, j), n in cells.items()
    )


def _expected_mutual_information(classes: Counter, clusters: Counter, total: int) -> float:
    """E[MI] under the hypergeometric model of random partitions with the same cluster sizes."""
    lg = math.lgamma
    log_n_fact = lg(total + 1)
    gold_sizes = Counter(classes.values())  # size -> how many classes have it
    pred_sizes = Counter(clusters.values())
    expected = 0.0
    for a, a_count in gold_sizes.items():
        for b, b_count in pred_sizes.items():
            term = 0.0
            fixed = lg(a + 1) + lg(b + 1) + lg(total - a + 1) + lg(total - b + 1) - log_n_fact
            for n in range(max(1, a + b - total), min(a, b) + 1):
                log_p = fixed - (
                    lg(n + 1) + lg(a - n + 1) + lg(b - n + 1) + lg(total - a - b + n + 1)
                )
                term += n / total * math.log(total * n / (a * b)) * math.exp(log_p)
            expected += a_count * b_count * term
    return expected


def adjusted_mutual_information(gold: Sequence[Hashable], predicted: Sequence[Hashable]) -> float:
    cells, classes, clusters = contingency(gold, predicted)
    total = len(gold)
    if len(classes) == len(clusters) == 1 or len(classes) == len(clusters) == total:
        return 1.0  # identical trivial partitions (scikit-learn's convention)
    mi = _mutual_information(cells, classes, clusters, total)
    emi = _expected_mutual_information(classes, clusters, total)
    mean_entropy = (_entropy(classes, total) + _entropy(clusters, total)) / 2
    denominator = mean_entropy - emi
    if abs(denominator) < 1e-15:
        return 1.0 if abs(mi - emi) < 1e-15 else 0.0
    return (mi - emi) / denominator


def score(gold: Sequence[Hashable], predicted: Sequence[Hashable]) -> dict[str, float]:
    """Every metric at once, rounded for reports."""
    pair = pairwise(gold, predicted)
    cube = bcubed(gold, predicted)
    out = {
        "pairwise_precision": pair["precision"],
        "pairwise_recall": pair["recall"],
        "pairwise_f1": pair["f1"],
        "bcubed_precision": cube["precision"],
        "bcubed_recall": cube["recall"],
        "bcubed_f1": cube["f1"],
        "ari": adjusted_rand_index(gold, predicted),
        "ami": adjusted_mutual_information(gold, predicted),
        "documents": len(gold),
        "gold_clusters": len(set(gold)),
        "predicted_clusters": len(set(predicted)),
    }
    return {k: round(v, 4) if isinstance(v, float) else v for k, v in out.items()}
