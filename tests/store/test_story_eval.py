"""The site's story path (ingest → trace → stories, in the database) clusters a real stream as
the evaluated in-memory clusterer does: the benchmark numbers are the site's numbers."""

from __future__ import annotations

import pytest

from dateline.group import metrics, streams
from dateline.group.evaluate import prepare, run_ours
from dateline.store.story_eval import replay
from tests.paths import require_shared

DOCS = 300


@pytest.mark.dataset
@pytest.mark.django_db(transaction=True)
def test_store_replay_matches_the_in_memory_clusterer_on_gva() -> None:
    path = require_shared("datasets/gva-violent-corpus/the_violent_corpus.jsonl.gz")
    stream = streams.split(streams.gva(path), "tune")[:DOCS]
    gold = [label for _, label in stream]
    stored, _, unstored = replay(stream)
    prepare(stream)
    in_memory = run_ours(stream, trace=False).stories

    agreement = metrics.pairwise(in_memory, stored)["f1"]
    ours = metrics.bcubed(gold, stored)["f1"]
    reference = metrics.bcubed(gold, in_memory)["f1"]
    assert unstored <= DOCS * 0.03, f"{unstored} documents could not be stored"
    assert agreement >= 0.95, f"store and in-memory partitions differ: pairwise F1 {agreement}"
    assert ours >= reference - 0.01, f"store BCubed F1 {ours} vs in-memory {reference}"
