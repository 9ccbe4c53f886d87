"""The story clustering gate: on the GVA report split (the latest 40 %, never tuned on) our
scores may not fall below bench/floors.json ("stories") nor below the baseline of the same run.

One replay of 2,502 articles with entity extraction, well under a minute; the full run with the
other streams and the 100k-article scaling is `python -m bench.stories`.
"""

from __future__ import annotations

import json

import pytest

from bench.stories import SHARED_GVA, SHARED_SEMEVAL, SHARED_UCI
from dateline.group import metrics, streams
from dateline.group.evaluate import prepare, run_baseline, run_ours
from tests.paths import ROOT, require_shared

FLOORS = json.loads((ROOT / "bench" / "floors.json").read_text(encoding="utf-8"))["stories"]


def _below(name: str, value: float) -> str:
    return f"{name} {value:.4f} fell below its floor {FLOORS[name]} in bench/floors.json"


@pytest.mark.dataset
def test_gva_report_split_stays_above_its_floors_and_the_baseline():
    path = require_shared(SHARED_GVA.relative_to(SHARED_GVA.parents[2]).as_posix())
    report = streams.split(streams.gva(path), "report")
    prepare(report)
    gold = [label for _, label in report]
    ours = metrics.score(gold, run_ours(report, trace=False).stories)
    base = metrics.score(gold, run_baseline(report).stories)
    for name in ("pairwise_f1", "bcubed_f1", "ari", "ami"):
        assert ours[name] >= FLOORS[f"gva_report_{name}"], _below(f"gva_report_{name}", ours[name])
    assert ours["bcubed_f1"] > base["bcubed_f1"]


@pytest.mark.dataset
@pytest.mark.parametrize("name", ["uci", "semeval"])
def test_other_streams_are_no_worse_than_the_baseline(name):
    path = SHARED_UCI if name == "uci" else SHARED_SEMEVAL
    path = require_shared(path.relative_to(path.parents[2]).as_posix())
    stream = streams.load(path, name)
    prepare(stream)
    gold = [label for _, label in stream]
    ours = metrics.score(gold, run_ours(stream, trace=False).stories)
    base = metrics.score(gold, run_baseline(stream).stories)
    for metric in ("pairwise_f1", "bcubed_f1", "ari"):
        assert ours[metric] >= base[metric], (
            f"{name} {metric}: ours {ours[metric]} < {base[metric]}"
        )
