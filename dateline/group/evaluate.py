"""Replay a labelled stream through the clusterer and the baseline, and score both.

The clusterer is the same code the site runs (`Clusterer.add`, one article at a time, in arrival
order), here over the in-memory index and frequencies. Speed is the clustering step alone
(entities are extracted beforehand, as the understand stage will have done); memory is the peak
traced by tracemalloc during the replay.
"""

from __future__ import annotations

import time
import tracemalloc
from dataclasses import dataclass

from dateline.group import metrics
from dateline.group.active import ActiveStories
from dateline.group.baseline import baseline
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


def run_ours(stream: Labelled, settings: Settings | None = None, trace: bool = True) -> Run:
    clusterer = Clusterer(ActiveStories(), CountingFrequencies(), settings)
    if trace:
        tracemalloc.start()
    started = time.perf_counter()
    stories = [clusterer.add(doc).story_id for doc, _ in stream]
    seconds = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1] if trace else 0
    if trace:
        tracemalloc.stop()
    return Run(stories, seconds, peak)


def run_baseline(stream: Labelled, threshold: float = BASELINE_THRESHOLD) -> Run:
    started = time.perf_counter()
    stories = baseline([doc for doc, _ in stream], threshold)
    return Run(stories, time.perf_counter() - started, 0)


def evaluate(stream: Labelled, settings: Settings | None = None) -> dict:
    """Metrics for ours and the baseline on one stream, as a JSON-ready dict."""
    prepare(stream)
    gold = [label for _, label in stream]
    # Timed without tracemalloc (it slows Python several times), then traced for memory.
    ours = run_ours(stream, settings, trace=False)
    memory = run_ours(stream, settings, trace=True).peak_bytes
    base = run_baseline(stream)
    return {
        "documents": len(stream),
        "ours": {
            **metrics.score(gold, ours.stories),
            "docs_per_second": round(len(stream) / ours.seconds, 1),
            "peak_memory_mb": round(memory / 2**20, 1),
        },
        "baseline": {
            **metrics.score(gold, base.stories),
            "threshold": BASELINE_THRESHOLD,
            "docs_per_second": round(len(stream) / base.seconds, 1),
        },
    }
