"""Replay a labelled stream through the store's own write path: ingest, trace, then stories.

This is what the site runs on every article (`store_article` → `trace_article` →
`assign_story`), so its scores are the site's, copies joining their original's story included.
Run it against a scratch database: it writes every article of the stream.
"""

from __future__ import annotations

import time

from dateline.group import metrics
from dateline.group.evaluate import BASELINE_THRESHOLD, run_baseline
from dateline.group.streams import Labelled
from dateline.store.ingest import store_article
from dateline.store.models import StoryMember
from dateline.store.stories import reset_clusterer
from dateline.understand.article import Article


def replay(stream: Labelled) -> tuple[list[str], float, int]:
    """Each document's story id (in stream order), the seconds it took, and how many documents
    could not be stored (each then stands alone, labelled by its own id)."""
    reset_clusterer()
    stories: list[str] = []
    unstored = 0
    started = time.perf_counter()
    for doc, _ in stream:
        paragraphs = [line.strip() for line in doc.text.split("\n") if line.strip()]
        article = Article(
            title=doc.title.strip() or "(untitled)",
            paragraphs=paragraphs or [doc.title.strip() or doc.id],
            site_name=doc.publisher or None,
            dateline_place=doc.dateline_place,
        )
        result = store_article(article, origin=f"stream:{doc.id}", seen_at=doc.arrived)
        member = (
            StoryMember.objects.filter(article__key=result.key)
            .values_list("story_id", "story__merged_into_id")
            .first()
            if result.key
            else None
        )
        if member is None:
            unstored += 1
            stories.append(f"alone:{doc.id}")
        else:
            stories.append(f"s{member[1] or member[0]}")
    return stories, time.perf_counter() - started, unstored


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
