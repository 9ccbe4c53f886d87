"""Copies made the way content farms make them: detection and the original, as edits grow.

Run from the project root:  python -m bench.trace_farm  [--per-dataset N] [--out PATH]

Real articles (bench/farm_sources.py) go through the simulator (bench/farm.py) at each edit level,
then through the store's path one at a time (bench/trace_stream.py). Two arrival scenarios:
"live" (we see each version minutes after it goes up) and "bulk" (one import: every version
first seen within ten minutes, so the texts, wire credits and claimed dates break the tie; see
dateline/trace/wording.py). Verbatim copies in bulk are the floor of what text can tell: the
same words, the same paragraphs, only claims differ.

Scores: copy detection as pairs of items put in one group vs pairs of one story (precision,
recall), and the original: the share of items whose group's original is the story's true one.
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

from bench.farm import EDIT_LEVELS, FarmItem, simulate
from bench.farm_sources import load_sources, shared_dir
from bench.trace_metrics import pair_score
from bench.trace_stream import Stream

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results" / "trace_farm.json"
PER_DATASET = 150
SEED = 1
GATE_PER_DATASET = 40  # the gate test's smaller run (~4 s)


def score(items: list[FarmItem]) -> dict:
    """Run one simulated set through the stream and score it."""
    stream = Stream()
    started = time.perf_counter()
    for item in items:
        stream.add(item.doc)
    seconds = time.perf_counter() - started
    truth = {item.doc.id: item.story for item in items}
    groups = {item.doc.id: stream.group_of(item.doc.id) for item in items}
    pairs = pair_score(truth, groups)
    right = [groups[item.doc.id] == item.true_original for item in items]
    wrong = Counter(
        f"{item.role}/{item.claim} -> {_label(items[groups[item.doc.id]], item)}"
        for item, ok in zip(items, right, strict=True)
        if not ok
    )
    return {
        "items": len(items),
        "stories": len(set(truth.values())),
        "copy_precision": round(pairs.precision, 4),
        "copy_recall": round(pairs.recall, 4),
        "copy_f1": round(pairs.f1, 4),
        "original_accuracy": round(sum(right) / len(items), 4),
        "story_original_accuracy": round(_story_accuracy(items, right), 4),
        "ms_per_article": round(1000 * seconds / len(items), 2),
        "candidates_per_article": round(stream.candidates_seen / len(items), 2),
        "errors": dict(wrong.most_common(8)),
    }


def _label(chosen: FarmItem, item: FarmItem) -> str:
    if chosen.story != item.story:
        return "another story's group"
    return f"{chosen.role}/{chosen.claim} chosen"


def _story_accuracy(items: list[FarmItem], right: list[bool]) -> float:
    """Share of stories whose every version points at the true original."""
    stories: dict[int, bool] = {}
    for item, ok in zip(items, right, strict=True):
        stories[item.story] = stories.get(item.story, True) and ok
    return sum(stories.values()) / len(stories)


def run(per_dataset: int = PER_DATASET, levels: list[str] | None = None) -> dict:
    sources = load_sources(shared_dir(), per_dataset)
    results: dict[str, dict] = {}
    for scenario in ("live", "bulk"):
        results[scenario] = {
            level: score(simulate(sources, level, seed=SEED, bulk=scenario == "bulk"))
            for level in levels or list(EDIT_LEVELS)
        }
    return {"sources": len(sources), "edit_levels": _levels(), **results}


def gate(per_dataset: int = GATE_PER_DATASET) -> dict:
    """What tests/trace/test_trace_gate.py checks: moderate edits, both arrival scenarios."""
    sources = load_sources(shared_dir(), per_dataset)
    return {
        scenario: score(simulate(sources, "moderate", seed=SEED, bulk=scenario == "bulk"))
        for scenario in ("live", "bulk")
    }


def _levels() -> dict:
    return {name: vars(edits) for name, edits in EDIT_LEVELS.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-dataset", type=int, default=PER_DATASET)
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    if not (shared_dir() / "datasets").exists():
        print(f"skipped: {shared_dir()}/datasets not found (set DATELINE_SHARED_DIR)")
        return 0
    report = run(args.per_dataset)
    report["gate_subset"] = {"per_dataset": GATE_PER_DATASET, **gate()}
    report["measured"] = {
        "at": datetime.now(UTC).isoformat(timespec="seconds"),
        "python": sys.version.split()[0],
        "machine": platform.machine(),
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"{report['sources']} source articles; written to {args.out}")
    print(f"{'scenario':8} {'level':10} {'items':>6} {'P':>7} {'R':>7} {'orig':>7} {'ms':>6}")
    for scenario in ("live", "bulk"):
        for level, row in report[scenario].items():
            print(
                f"{scenario:8} {level:10} {row['items']:6} {row['copy_precision']:7.4f} "
                f"{row['copy_recall']:7.4f} {row['original_accuracy']:7.4f} "
                f"{row['ms_per_article']:6.2f}"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
