"""The clustering metrics against cases worked out by hand, and AMI's expectation by brute force."""

from __future__ import annotations

import itertools
import math

import pytest

from dateline.group import metrics

# gold a a a b b / predicted 1 1 2 2 2: cells (a,1)=2, (a,2)=1, (b,2)=2
GOLD = ["a", "a", "a", "b", "b"]
PRED = [1, 1, 2, 2, 2]


def test_pairwise_counts_pairs_from_the_contingency_matrix() -> None:
    # true pairs C(2,2)+C(1,2)+C(2,2) = 2; predicted pairs 1+3 = 4; gold pairs 3+1 = 4
    assert metrics.pairwise(GOLD, PRED) == pytest.approx(
        {"precision": 0.5, "recall": 0.5, "f1": 0.5}
    )


def test_pairwise_on_an_uneven_case() -> None:
    # gold a a a a / predicted 1 1 2 3: one true pair, one predicted pair, six gold pairs
    score = metrics.pairwise(["a"] * 4, [1, 1, 2, 3])
    assert score["precision"] == 1.0
    assert score["recall"] == pytest.approx(1 / 6)
    assert score["f1"] == pytest.approx(2 * (1 / 6) / (1 + 1 / 6))


def test_bcubed_averages_per_document() -> None:
    # precision: 1, 1, 1/3, 2/3, 2/3 -> 11/15; recall: 2/3, 2/3, 1/3, 1, 1 -> 11/15
    score = metrics.bcubed(GOLD, PRED)
    assert score["precision"] == pytest.approx(11 / 15)
    assert score["recall"] == pytest.approx(11 / 15)
    assert score["f1"] == pytest.approx(11 / 15)


def test_bcubed_f_comes_from_the_averages() -> None:
    # all in one cluster: precision (3*3/5 + 2*2/5)/5 = 13/25, recall 1
    score = metrics.bcubed(GOLD, [1] * 5)
    assert score["precision"] == pytest.approx(13 / 25)
    assert score["recall"] == 1.0
    assert score["f1"] == pytest.approx(2 * (13 / 25) / (1 + 13 / 25))


def test_adjusted_rand_index_by_hand() -> None:
    # index 2, expected 4*4/10 = 1.6, max 4 -> (2-1.6)/(4-1.6) = 1/6
    assert metrics.adjusted_rand_index(GOLD, PRED) == pytest.approx(1 / 6)


def test_identical_partitions_score_one_and_labels_do_not_matter() -> None:
    predicted = ["x", "x", "y", "z", "z", "z"]
    gold = [7, 7, 8, 9, 9, 9]
    assert metrics.adjusted_rand_index(gold, predicted) == pytest.approx(1.0)
    assert metrics.adjusted_mutual_information(gold, predicted) == pytest.approx(1.0)
    assert metrics.pairwise(gold, predicted)["f1"] == 1.0
    assert metrics.bcubed(gold, predicted)["f1"] == 1.0


def _mi(gold, predicted) -> float:
    cells, classes, clusters = metrics.contingency(gold, predicted)
    return metrics._mutual_information(cells, classes, clusters, len(gold))


@pytest.mark.parametrize(
    ("gold", "predicted"),
    [(GOLD, PRED), (["a", "a", "b", "b", "c", "c"], [1, 1, 1, 2, 2, 3])],
)
def test_ami_expectation_is_the_mean_over_all_relabellings(gold, predicted) -> None:
    """E[MI] is defined over random partitions with the same sizes: average every permutation."""
    permutations = list(itertools.permutations(predicted))
    expected = sum(_mi(gold, list(p)) for p in permutations) / len(permutations)
    _, classes, clusters = metrics.contingency(gold, predicted)
    assert metrics._expected_mutual_information(classes, clusters, len(gold)) == pytest.approx(
        expected
    )
    _, classes, clusters = metrics.contingency(gold, predicted)
    entropy = sum(
        -n / len(gold) * math.log(n / len(gold))
        for sizes in (classes, clusters)
        for n in sizes.values()
    )
    ami = (_mi(gold, predicted) - expected) / (entropy / 2 - expected)
    assert metrics.adjusted_mutual_information(gold, predicted) == pytest.approx(ami)


def test_unequal_lengths_are_refused() -> None:
    with pytest.raises(ValueError):
        metrics.pairwise([1, 2], [1])
