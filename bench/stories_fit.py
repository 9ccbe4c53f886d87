"""Fit the clusterer's "same story" logit weights on GVA tune-split article pairs.

Run from the project root:  nice .venv/bin/python -m bench.stories_fit

Every ordered pair of tune-split articles at most `WINDOW_DAYS` apart is read by the clusterer's
own `evidence` function (the later article against a one-article story of the earlier one), and
a logistic regression (Newton's method, a little ridge) learns "same incident". The weights it
prints go into `dateline.group.cluster.Settings`; the clustering threshold is then chosen on the
same tune split by bench/stories.py --tune. The report split is never read here.

--merge fits the repair pass's story-vs-story model instead (`repair.MergeSettings`): the tune
split's earliest 60 % is replayed through the clusterer with the repair pass every stream hour
(as it came, and again with its first half laid over its second for a report-like density),
but instead of merging, each pass records every (touched story, older candidate) pair it would
weigh, read by `repair.story_pair`, labelled "same incident" when the two stories' most common
incidents agree; the merge bar is then chosen by bench/stories.py --tune.
"""

from __future__ import annotations

import argparse
import json
import math
from collections import Counter
from dataclasses import replace

import numpy as np

from bench.stories import SHARED_GVA
from dateline.group import repair, streams
from dateline.group.active import ActiveStories
from dateline.group.cluster import DAY, Clusterer, Evidence, evidence
from dateline.group.evaluate import prepare, run_ours
from dateline.group.frequencies import CountingFrequencies
from dateline.group.state import StoryState

WINDOW_DAYS = 120  # follow-ups come weeks later: the gap weight must see them
DENSE_DAYS = 5  # beyond this, different-story pairs are sampled (1 in SAMPLE) and weighted up
SAMPLE = 20
NAMES = (
    "bias", "text", "title", "names", "same_place", "same_town", "elsewhere_in_town",
    "different_place", "shared_person", "log_gap_days", "same_publisher", "publisher_follow_up",
    "same_age", "different_age", "same_day", "different_day",
)  # fmt: skip


def row(e: Evidence) -> list[float]:
    return [
        1.0,
        math.sqrt(max(e.text, 0.0)),
        math.sqrt(max(e.title, 0.0)),
        math.sqrt(max(e.names, 0.0)),
        float(e.place == "same"),
        float(e.place == "town"),
        float(e.place == "elsewhere in town"),
        float(e.place == "different"),
        float(min(e.people, 3)),
        math.log1p(e.gap_days),
        float(e.same_publisher),
        float(e.follow_up),
        float(e.ages == "same"),
        float(e.ages == "different"),
        float(e.day == "same"),
        float(e.day == "different"),
    ]


def pairs(part: str = "tune") -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    tune = streams.split(streams.gva(SHARED_GVA), "tune")
    if part == "early":
        tune = streams.split(tune, "tune")  # the tune split's own earliest 60 %
    reader = Clusterer(ActiveStories(), CountingFrequencies())
    features = [reader.read(doc) for doc, _ in tune]
    labels = [label for _, label in tune]
    rows, same, weights = [], [], []
    for j, later in enumerate(features):
        for i in range(j - 1, -1, -1):
            earlier = features[i]
            gap = later.at - earlier.at
            if gap > WINDOW_DAYS * DAY:
                break
            positive = labels[i] == labels[j]
            weight = 1.0
            if gap > DENSE_DAYS * DAY and not positive:
                if (i * 7919 + j) % SAMPLE:
                    continue
                weight = float(SAMPLE)
            state = StoryState.start("pair", earlier)
            rows.append(row(evidence(later, state)[1]))
            same.append(float(positive))
            weights.append(weight)
    return np.array(rows), np.array(same), np.array(weights)


MERGE_NAMES = (
    "bias", "text", "centroid", "title", "names", "shared_person", "same_place", "same_town",
    "elsewhere_in_town", "different_place", "log_gap_days", "same_age", "different_age",
    "same_day", "different_day", "same_publishers", "log_smaller_size",
)  # fmt: skip


def merge_row(p: repair.StoryPair, smaller: int) -> list[float]:
    return [
        1.0,
        math.sqrt(max(p.text, 0.0)),
        math.sqrt(max(p.centroid, 0.0)),
        math.sqrt(max(p.title, 0.0)),
        math.sqrt(max(p.names, 0.0)),
        float(min(p.people, 3)),
        float(p.place == "same"),
        float(p.place == "town"),
        float(p.place == "elsewhere in town"),
        float(p.place == "different"),
        math.log1p(p.gap_days),
        float(p.ages == "same"),
        float(p.ages == "different"),
        float(p.day == "same"),
        float(p.day == "different"),
        float(p.same_publishers),
        math.log(max(smaller, 1)),
    ]


def story_pairs() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The pairs the repair pass weighs on the tune split's earliest 60 %, none merged: replayed
    as it came, and with its first half laid over its second (`streams.overlay`), as dense as
    the report split's stream; merges of look-alikes are what density brings."""
    early = streams.split(streams.split(streams.gva(SHARED_GVA), "tune"), "tune")
    prepare(early)
    half = len(early) // 2
    rows, same = [], []
    for stream in (early, streams.overlay(early[:half], early[half:])):
        r, y = _weighed_pairs(stream)
        rows += r
        same += y
    return np.array(rows), np.array(same), np.ones(len(same))


def _weighed_pairs(stream: streams.Labelled) -> tuple[list[list[float]], list[float]]:
    gold = {doc.id: label for doc, label in stream}
    rows: list[list[float]] = []
    same: list[float] = []

    def incident(index, story_id: str) -> str | None:
        labels = Counter(gold[d] for d in index.members(story_id) if d in gold).most_common(1)
        return labels[0][0] if labels else None

    def record(index, settings, since, now, new_id, split=False, merging=None):
        for state in index.active():
            if state.last_seen < since or (mine := incident(index, state.id)) is None:
                continue
            for other in index.candidates(repair._as_features(state)):
                if other.id == state.id or other.first_seen > state.first_seen:
                    continue
                if (theirs := incident(index, other.id)) is None:
                    continue
                pair = repair.story_pair(state, other)
                rows.append(merge_row(pair, min(state.size, other.size)))
                same.append(float(mine == theirs))
        return []

    real, repair.repair = repair.repair, record
    try:
        run_ours([(replace(doc), label) for doc, label in stream], trace=False)
    finally:
        repair.repair = real
    return rows, same


def fit(x: np.ndarray, y: np.ndarray, weights: np.ndarray, ridge: float = 1e-3) -> np.ndarray:
    w = np.zeros(x.shape[1])
    for _ in range(50):
        p = 1 / (1 + np.exp(-x @ w))
        hessian = (x * (weights * p * (1 - p))[:, None]).T @ x + ridge * np.eye(len(w))
        w -= np.linalg.solve(hessian, x.T @ (weights * (p - y)))
    return w


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--part",
        choices=("tune", "early"),
        default="tune",
        help="early: fit on the tune split's earliest 60 %%, to validate on its latest 40 %%",
    )
    parser.add_argument(
        "--merge",
        action="store_true",
        help="fit the repair pass's story-vs-story merge model (on the earliest 60 %% only)",
    )
    args = parser.parse_args()
    if args.merge:
        x, y, weights = story_pairs()
        w = fit(x, y, weights, ridge=1e-2)
        names = MERGE_NAMES
    else:
        x, y, weights = pairs(args.part)
        w = fit(x, y, weights)
        names = NAMES
    p = 1 / (1 + np.exp(-x @ w))
    hits = ((p > 0.5) & (y == 1)).sum()
    flagged = (weights * (p > 0.5)).sum()
    print(json.dumps(dict(zip(names, np.round(w, 3).tolist(), strict=True)), indent=1))
    print(
        f"{int(weights.sum())} pairs (weighted), {int(y.sum())} same; at p>0.5 "
        f"precision {hits / max(flagged, 1):.3f} recall {hits / y.sum():.3f}"
    )


if __name__ == "__main__":
    main()
