"""The trace quality gate: no metric may drop below its floor in bench/floors.json ("trace").

Subsets keep the gate under 30 s (the full runs are the benches, `python -m bench.trace_*`):
versions of the first 60 Scrapinghub pages; the content farm on 40 sources per dataset at
moderate edits; relate() on every GVA same-event pair (no index, so no pair escapes); the
fingerprint time of 300 synthetic 600-word articles.
"""

from __future__ import annotations

import json

import pytest

from bench import trace_farm, trace_same_event, trace_versions
from bench.farm_sources import GVA, SCRAPINGHUB
from tests.paths import ROOT, require_shared

FLOORS = json.loads((ROOT / "bench" / "floors.json").read_text(encoding="utf-8"))["trace"]


def _below(name: str, value: float) -> str:
    return f"{name} {value:.4f} fell below its floor {FLOORS[name]} in bench/floors.json"


@pytest.mark.dataset
def test_versions_of_one_page_group_together():
    folder = require_shared(SCRAPINGHUB)
    score = trace_versions.run(trace_versions.load_versions(folder, trace_versions.GATE_PAGES))
    assert score["f1"] >= FLOORS["versions_f1"], _below("versions_f1", score["f1"])
    assert score["ari"] >= FLOORS["versions_ari"], _below("versions_ari", score["ari"])


@pytest.mark.dataset
def test_farm_copies_are_found_and_their_originals_named():
    require_shared(GVA)
    require_shared(SCRAPINGHUB)
    scores = trace_farm.gate()
    live, bulk = scores["live"], scores["bulk"]
    for name, value in (
        ("farm_precision", live["copy_precision"]),
        ("farm_recall", live["copy_recall"]),
        ("farm_original_accuracy", live["original_accuracy"]),
        ("farm_bulk_original_accuracy", bulk["original_accuracy"]),
    ):
        assert value >= FLOORS[name], _below(name, value)


@pytest.mark.dataset
def test_reports_of_one_event_by_different_outlets_are_not_copies():
    path = require_shared(GVA)
    review = json.loads(trace_same_event.REVIEW.read_text(encoding="utf-8"))
    docs, incidents, upstream = trace_same_event.load_docs(path)
    pairs = trace_same_event.same_event_pairs(docs, incidents)
    flagged = trace_same_event.direct_flags(docs, pairs)
    judged = trace_same_event.judge(flagged, docs, upstream, review, pairs)
    assert judged["false_copies"] == 0, judged["verdicts"]
    assert judged["false_partials"] <= FLOORS["same_event_false_partials_max"], judged["verdicts"]
    # A newly flagged pair must be read and given a verdict in the review file.
    assert judged["unreviewed"] == 0, judged["examples"].get("unreviewed")
