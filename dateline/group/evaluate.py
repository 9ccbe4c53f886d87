"""Replay a labelled stream through the clusterer and the baseline, and score both.

The clusterer is the same code the site runs (`Clusterer.add`, one article at a time, in arrival
order), here over the in-memory index and frequencies, and so is the repair pass: as the site's
worker does every hour, `group.repair` looks again at the stories touched since its last pass,
every `REPAIR_EVERY` seconds of stream time, over the articles seen so far only (no look-ahead).
An article's story is the one it ended up in: a merged story's articles follow it to the
survivor (as the site's address redirects), a split-off article goes with its new story. Speed
is the clustering step with its repair passes (entities are extracted beforehand, as the
understand stage will have done); memory is the peak traced by tracemalloc during the replay.

`evaluate` starts from an empty state (cold: what a new site knows); `evaluate_warm` first
replays earlier articles, unscored, as a running site has seen them, then scores the rest.
"""

from __future__ import annotations

import time
import tracemalloc
from dataclasses import dataclass

from dateline.group import metrics, repair
from dateline.group.active import ActiveStories
from dateline.group.baseline import Baseline
from dateline.group.cluster import Clusterer, Settings
from dateline.group.features import StoryDoc
from dateline.group.frequencies import CountingFrequencies
from dateline.group.streams import Labelled
from dateline.understand.entities import extract

BASELINE_THRESHOLD = 0.2  # tuned on the GVA tune split (bench/stories.py --tune)
REPAIR_EVERY = repair.PASS_EVERY  # stream seconds between repair passes, as the worker runs


@dataclass
class Run:
    stories: list[str]
    seconds: float
    peak_bytes: int
    merges: int = 0  # stories the repair passes merged into another


def prepare(stream: Labelled) -> None:
    """Extract entities first, as the understand stage will have done before clustering."""
    for doc, _ in stream:
        if doc.entities is None:
            doc.entities = extract(doc.title, doc.text)


class Replay:
    """The site's grouping of a stream: each article through `Clusterer.add`, and the repair
    pass over the stories touched since the last one whenever `every` seconds of stream time
    have gone by (before the article that shows they have: only earlier articles are seen).
    `every=None` replays the online decisions alone; `record=False` keeps no article's story
    (a long replay timed for speed and memory, whose stories are not scored)."""

    def __init__(
        self,
        settings: Settings | None = None,
        every: float | None = REPAIR_EVERY,
        record: bool = True,
        merging: repair.MergeSettings | None = None,
    ) -> None:
        self.record = record
        self.merging = merging
        self.index = ActiveStories()
        self.clusterer = Clusterer(self.index, CountingFrequencies(), settings)
        self.every = every
        self.joined: dict[str, str] = {}  # article -> story it joined, or was split off into
        self.merged: dict[str, str] = {}  # story -> the story repair merged it into
        self.merges = 0
        self._since: float | None = None  # the stories touched from then on are due a look
        self._seen = 0.0  # the latest arrival so far: the stream's clock

    def add(self, doc: StoryDoc) -> None:
        at = doc.arrived.timestamp()
        if self._since is None:
            self._since = at
        elif self.every is not None and at - self._since >= self.every and at > self._seen:
            self.repair()
            self._since = at
        self._seen = max(self._seen, at)
        story_id = self.clusterer.add(doc).story_id
        if self.record:
            self.joined[doc.id] = story_id

    def repair(self) -> None:
        """One pass, as the site's worker runs it; its events move articles between stories."""
        settings = self.clusterer.settings
        since = self._since if self._since is not None else 0.0
        events = repair.repair(
            self.index,
            settings,
            since,
            self._seen,
            self.clusterer.new_story_id,
            merging=self.merging,
        )
        self.merges += sum(1 for event in events if event.kind == "merge")
        if not self.record:
            return
        for event in events:
            if event.kind == "merge":
                self.merged[event.story_id] = event.other_id
            else:
                self.joined.update(dict.fromkeys(event.doc_ids, event.other_id))

    def finish(self) -> None:
        """The pass that follows the last article (the worker keeps running)."""
        if self.every is not None:
            self.repair()

    def story_of(self, doc_id: str) -> str:
        story = self.joined[doc_id]
        while story in self.merged:
            story = self.merged[story]
        return story


def run_ours(
    stream: Labelled,
    settings: Settings | None = None,
    trace: bool = True,
    warmup: Labelled = (),
    repair_every: float | None = REPAIR_EVERY,
    merging: repair.MergeSettings | None = None,
) -> Run:
    """Our story ids for `stream`. `warmup` is replayed first through the same clusterer, as a
    running site has seen the earlier articles; its ids are not returned and its time is not
    counted, but the memory peak includes what it left behind (a site carries it too)."""
    replay = Replay(settings, repair_every, merging=merging)
    if trace:
        tracemalloc.start()
    for doc, _ in warmup:
        replay.add(doc)
    started = time.perf_counter()
    for doc, _ in stream:
        replay.add(doc)
    replay.finish()
    seconds = time.perf_counter() - started
    stories = [replay.story_of(doc.id) for doc, _ in stream]
    peak = tracemalloc.get_traced_memory()[1] if trace else 0
    if trace:
        tracemalloc.stop()
    return Run(stories, seconds, peak, replay.merges)


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
    ours = run_ours(scored, settings, trace=False, warmup=warmup)  # merges: warm-up's too
    memory = run_ours(scored, settings, trace=True, warmup=warmup).peak_bytes
    base = run_baseline(scored, warmup=warmup)
    out = {"documents": len(scored)}
    if warmup:
        out["warmup_documents"] = len(warmup)
    return {
        **out,
        "ours": {
            **metrics.score(gold, ours.stories),
            "docs_per_second": round(len(scored) / ours.seconds, 1),  # repair passes included
            "peak_memory_mb": round(memory / 2**20, 1),
            "repair_merges": ours.merges,
        },
        "baseline": {
            **metrics.score(gold, base.stories),
            "threshold": BASELINE_THRESHOLD,
            "docs_per_second": round(len(scored) / base.seconds, 1),
        },
    }
