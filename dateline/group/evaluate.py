"""Replay a labelled stream through the clusterer and the baseline, and score both.

The clusterer is the same code the site runs (`Clusterer.add`, one article at a time, in arrival
order), here over the in-memory index and frequencies. Speed is the clustering step alone
(entities are extracted beforehand, as the understand stage will have done); memory is the peak
traced by tracemalloc during the replay.

`evaluate` starts from an empty state (cold: what a new site knows); `evaluate_warm` first
replays earlier articles, unscored, as a running site has seen them, then scores the rest.
"""

from __future__ import annotations

import time
import tracemalloc
from dataclasses import dataclass

from dateline.group import metrics
from dateline.group.active import ActiveStories
from dateline.group.baseline import Baseline
from dateline.group.cluster import Clusterer, Settings
from dateline.group.entities import extract
from dateline.group.frequencies import CountingFrequencies
from dateline.group.streams import Labelled

BASELINE_THRESHOLD = 0.2  # tuned on the GVA tune split (bench/stories.py --tune)


@dataclass
class Run:
    stories: list[str]
    seconds: float
    peak_bytes: int


def prepare(stream: Labelled) -> None:
    """Extract entities first, as the understand stage will have done before clustering."""
    for doc, _ in stream:
        if doc.entities is None:
            doc.entities = extract(doc.title, doc.text)


def run_ours(
    stream: Labelled, settings: Settings | None = None, trace: bool = True, warmup: Labelled = ()
) -> Run:
    """Our story ids for `stream`. `warmup` is replayed first through the same clusterer, as a
    running site has seen the earlier articles; its ids are not returned and its time is not
    counted, but the memory peak includes what it left behind (a site carries it too)."""
    clusterer = Clusterer(ActiveStories(), CountingFrequencies(), settings)
    if trace:
        tracemalloc.start()
    for doc, _ in warmup:
        clusterer.add(doc)
    started = time.perf_counter()
    stories = [clusterer.add(doc).story_id for doc, _ in stream]
    seconds = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1] if trace else 0
    if trace:
        tracemalloc.stop()
    return Run(stories, seconds, peak)


def run_baseline(
    stream: Labelled, threshold: float = BASELINE_THRESHOLD, warmup: Labelled = ()
) -> Run:
    """The baseline's story ids for `stream`, after the same warm-up as ours."""
    base = Baseline(threshold)
    for doc, _ in warmup:
        base.add(doc)
    started = time.perf_counter()
    stories = [base.add(doc) for doc, _ in stream]
    return Run(stories, time.perf_counter() - started, 0)


def evaluate(stream: Labelled, settings: Settings | None = None) -> dict:
    """Metrics for ours and the baseline on one stream from an empty state, as a JSON-ready
    dict (cold start: frequencies, house names and boilerplate learnt from scratch)."""
    return evaluate_warm([], stream, settings)


def evaluate_warm(warmup: Labelled, scored: Labelled, settings: Settings | None = None) -> dict:
    """Metrics on `scored` after replaying `warmup` through the same clusterer (and baseline).

    Only the scored documents count: their gold labels and their predicted stories, so a story
    begun in the warm-up is scored by its scored members alone and the warm-up's labels are
    never read. Nothing is tuned here, and the warm-up comes before the scored documents in
    time, so no future information is used."""
    prepare(warmup)
    prepare(scored)
    gold = [label for _, label in scored]
    # Timed without tracemalloc (it slows Python several times), then traced for memory.
    ours = run_ours(scored, settings, trace=False, warmup=warmup)
    memory = run_ours(scored, settings, trace=True, warmup=warmup).peak_bytes
    base = run_baseline(scored, warmup=warmup)
    out = {"documents": len(scored)}
    if warmup:
        out["warmup_documents"] = len(warmup)
    return {
        **out,
        "ours": {
            **metrics.score(gold, ours.stories),
            "docs_per_second": round(len(scored) / ours.seconds, 1),
            "peak_memory_mb": round(memory / 2**20, 1),
        },
        "baseline": {
            **metrics.score(gold, base.stories),
            "threshold": BASELINE_THRESHOLD,
            "docs_per_second": round(len(scored) / base.seconds, 1),
        },
    }
