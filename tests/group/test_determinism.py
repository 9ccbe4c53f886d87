"""The clusterer gives the same stories in every process: the site runs it in several workers and
the evaluation replays streams in another, each with its own hash seed, and the site reads story
states back from the database, whose JSON may hold their keys in another order. A set of strings
iterates in a seed-dependent order, so any decision read off one (a tie, a truncation, a float
sum) shows as two processes disagreeing about the same headlines.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime

import pytest

from dateline.group.features import DocFeatures, StoryDoc
from dateline.group.state import PLACES, TITLE_TERMS, StoryState
from tests.paths import ROOT, require_shared

UCI = "datasets/uci-news-aggregator-sample/uci-news-aggregator.csv.gz"
# The whole stream: 6,366 headlines, a few seconds (titles only). Before the fix seeds 0 and 1
# first disagreed at the 3,179th.
SEEDS = ("0", "1")
REPLAY = """
import json, sys
from pathlib import Path
from dateline.group import streams
from dateline.group.evaluate import prepare, run_ours

stream = streams.uci(Path(sys.argv[1]))
prepare(stream)
print(json.dumps(run_ours(stream, trace=False).stories))
"""


def _replay(path, seed: str) -> subprocess.Popen:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    return subprocess.Popen(
        [sys.executable, "-c", REPLAY, str(path)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.mark.dataset
def test_story_assignments_do_not_depend_on_the_hash_seed():
    path = require_shared(UCI)
    runs = {seed: _replay(path, seed) for seed in SEEDS}  # side by side: half the wall time
    stories = {}
    for seed, run in runs.items():
        out, err = run.communicate(timeout=120)
        assert run.returncode == 0, err
        stories[seed] = json.loads(out)
    first, second = (stories[seed] for seed in SEEDS)
    differing = [i for i, (a, b) in enumerate(zip(first, second, strict=True)) if a != b]
    assert not differing, (
        f"PYTHONHASHSEED {SEEDS[0]} and {SEEDS[1]} gave {len(differing)} of {len(first)} "
        f"headlines different story ids, the first at position {differing[0]}"
    )


def _features(doc_id: str, words: list[str]) -> DocFeatures:
    """An article whose words all weigh the same: every cut of them is a tie."""
    weight = len(words) ** -0.5
    vector = {word: weight for word in words}
    return DocFeatures(
        doc=StoryDoc(doc_id, datetime(2024, 5, 1, tzinfo=UTC), "", ""),
        at=0.0,
        terms=vector,
        title=dict(vector),
        names={},
    )


def test_a_story_keeps_the_same_terms_and_places_whatever_order_its_dicts_hold():
    words = [f"word{i:02d}" for i in range(TITLE_TERMS + 10)]
    places = [f"place{i:02d}" for i in range(PLACES + 5)]
    kept = []
    for order in (words, words[::-1]):
        state = StoryState.start("s1", _features("a", order))
        state.places = {place: 1 for place in (places if order is words else places[::-1])}
        state.add(_features("b", ["later"]))
        kept.append((sorted(state.titles), sorted(state.places), sorted(state.keys())))
    assert kept[0] == kept[1]
