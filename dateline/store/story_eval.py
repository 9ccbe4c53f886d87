"""Replay a labelled stream through the store's own write path: ingest, trace, then stories.

This is what the site runs on every article (`store_article` → `trace_article` →
`assign_story`), and the repair pass its worker runs every hour (here: every hour of stream
time, over the stories touched since the last pass, as `group.evaluate.Replay` does), so its
scores are the site's, copies
joining their original's story and merged stories included. Each document is scored in the
story it is in at the end. Run it against a scratch database: it writes every article.
"""

from __future__ import annotations

import time

from dateline.group import metrics
from dateline.group.evaluate import BASELINE_THRESHOLD, REPAIR_EVERY, run_baseline
from dateline.group.streams import Labelled
from dateline.store.ingest import store_article
from dateline.store.models import StoryMember
from dateline.store.stories import reset_clusterer
from dateline.store.story_repair import repair_stories
from dateline.understand.article import Article


def replay(stream: Labelled) -> tuple[list[str], float, int]:
    """Each document's story id (in stream order), the seconds it took, and how many documents
    could not be stored (each then stands alone, labelled by its own id)."""
    reset_clusterer()
    keys: list[str | None] = []
    started = time.perf_counter()
    repaired_at = None
    for doc, _ in stream:
        at = doc.arrived.timestamp()
        if repaired_at is None:
            repaired_at = at
        elif at - repaired_at >= REPAIR_EVERY:
            repair_stories(hours=(at - repaired_at) / 3600)  # since the last pass
            repaired_at = at
        paragraphs = [line.strip() for line in doc.text.split("\n") if line.strip()]
        article = Article(
            title=doc.title.strip() or "(untitled)",
            paragraphs=paragraphs or [doc.title.strip() or doc.id],
            site_name=doc.publisher or None,
            dateline_place=doc.dateline_place,
        )
        keys.append(store_article(article, origin=f"stream:{doc.id}", seen_at=doc.arrived).key)
    if repaired_at is not None:  # the pass after the last article
        repair_stories(hours=max(stream[-1][0].arrived.timestamp() - repaired_at, 0) / 3600)
    seconds = time.perf_counter() - started
    # A merge moves the merged story's members to the survivor: read where each ended up.
    story_of = dict(
        StoryMember.objects.filter(article__key__in=[k for k in keys if k]).values_list(
            "article__key", "story_id"
        )
    )
    stories = [
        f"s{story_of[key]}" if key in story_of else f"alone:{doc.id}"
        for key, (doc, _) in zip(keys, stream, strict=True)
    ]
    unstored = sum(1 for key in keys if key not in story_of)
    return stories, seconds, unstored


def evaluate_in_store(stream: Labelled) -> dict:
    """Metrics of the store replay and of the TF-IDF baseline, as `group.evaluate` reports them."""
    gold = [label for _, label in stream]
    stories, seconds, unstored = replay(stream)
    base = run_baseline(stream)
    return {
        "documents": len(stream),
        "ours": {
            **metrics.score(gold, stories),
            "docs_per_second": round(len(stream) / seconds, 1),
            "unstored_documents": unstored,
            "note": "docs/s here is the whole write path (store, trace, stories), not clustering",
        },
        "baseline": {
            **metrics.score(gold, base.stories),
            "threshold": BASELINE_THRESHOLD,
            "docs_per_second": round(len(stream) / base.seconds, 1),
        },
    }
