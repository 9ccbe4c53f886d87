"""The Scrapinghub article-extraction-benchmark metric, written from its description.

Source: ../shared/datasets/scrapinghub-article-extraction-benchmark/SOURCE.md ("Metric").
Word 4-gram shingle multisets over `\\w+` tokens; per-page TP/FP/FN normalised so every page
weighs the same; precision and recall macro-averaged; F1 from the two averages.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

_TOKEN = re.compile(r"\w+")
SHINGLE = 4


def tokenize(text: str) -> list[str]:
    return _TOKEN.findall(text or "")


def shingles(tokens: list[str], n: int = SHINGLE) -> Counter[tuple[str, ...]]:
    """Multiset of word n-grams; a text shorter than n still yields its one short shingle."""
    if len(tokens) < n:
        return Counter([tuple(tokens)]) if tokens else Counter()
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


@dataclass(frozen=True)
class PageScore:
    """Normalised TP/FP/FN for one page (they sum to 1, or are all 0 for two empty texts)."""

    tp: float
    fp: float
    fn: float
    exact: bool

    @property
    def precision(self) -> float | None:
        if self.fp == 0 and self.fn == 0:
            return 1.0
        if self.tp + self.fp == 0:
            return None  # nothing predicted: left out of the precision mean
        return self.tp / (self.tp + self.fp)

    @property
    def recall(self) -> float | None:
        if self.fp == 0 and self.fn == 0:
            return 1.0
        if self.tp + self.fn == 0:
            return None  # nothing expected: left out of the recall mean
        return self.tp / (self.tp + self.fn)


def score_page(gold: str, predicted: str) -> PageScore:
    gold_tokens, pred_tokens = tokenize(gold), tokenize(predicted)
    gold_sh, pred_sh = shingles(gold_tokens), shingles(pred_tokens)
    tp = sum((gold_sh & pred_sh).values())
    fp = sum((pred_sh - gold_sh).values())
    fn = sum((gold_sh - pred_sh).values())
    total = tp + fp + fn
    exact = gold_tokens == pred_tokens
    if total == 0:
        return PageScore(0.0, 0.0, 0.0, exact)
    return PageScore(tp / total, fp / total, fn / total, exact)


@dataclass(frozen=True)
class Score:
    f1: float
    precision: float
    recall: float
    accuracy: float
    pages: int

    def as_dict(self) -> dict[str, float | int]:
        return {
            "f1": round(self.f1, 4),
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "accuracy": round(self.accuracy, 4),
            "pages": self.pages,
        }


def _mean(values: list[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def aggregate(pages: list[PageScore]) -> Score:
    precisions = [p.precision for p in pages if p.precision is not None]
    recalls = [p.recall for p in pages if p.recall is not None]
    precision, recall = _mean(precisions), _mean(recalls)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    accuracy = _mean([1.0 if p.exact else 0.0 for p in pages])
    return Score(f1, precision, recall, accuracy, len(pages))


def evaluate(gold: Mapping[str, str], predicted: Mapping[str, str | None]) -> Score:
    """Score predictions against gold bodies; a missing or None prediction counts as empty."""
    return aggregate([score_page(gold[key], predicted.get(key) or "") for key in gold])


def load_predictions(data: Mapping) -> dict[str, str]:
    """Read a published `output/<system>.json`: plain or wrapped as {"version", "output"}."""
    items = data["output"] if "output" in data and "version" in data else data
    return {key: (value or {}).get("articleBody") or "" for key, value in items.items()}
