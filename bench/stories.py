"""Story clustering: quality on the three labelled streams, ours beside the baseline, and speed
and memory as the stream grows to 100k articles.

Run from the project root:  nice .venv/bin/python -m bench.stories  [--articles 100000] [--tune]
(`--articles 0` skips the scaling part: for trial runs only, with `--out` elsewhere.)

Quality: GVA violent corpus, report split (the latest 40 %, never tuned on) and tune split; the
report split twice: cold ("gva_report", from an empty state, as the floors are measured) and
warm ("gva_report_warm": the tune split replayed first, unscored, through ours and the baseline
alike, as a running site has seen the earlier articles; only report documents scored); UCI
News Aggregator sample (by timestamp); SemEval-2015 TimeLine Wikinews (4 coarse topic sets).
Every metric for ours and the baseline (TF-IDF nearest earlier article within 3 days, its
threshold tuned on the GVA tune split), docs/s of the clustering step and tracemalloc's peak.
Ours is the site's grouping: `Clusterer.add` per article and the repair pass over the stories
touched since the last one every hour of stream time (`evaluate.Replay`), each article scored
in the story it ended up in; its docs/s include the repair passes.

Scaling: the GVA corpus replayed end to end as many times as needed to reach `--articles`, each
replay shifted five years later (so old stories cool and retire, as in a long-running site).
Entities are extracted once per source article beforehand (the understand stage's job); the
clustering step, with the repair pass every stream hour as the site's worker runs it, is timed
per 10k-article window, with the process RSS and active stories at the
end of each window: flat columns mean time and memory per article do not grow with the store.

--tune prints threshold grids on the GVA tune split only (ours on its early and late halves and
on two report-like streams laid over from them: the clusterer's bar and the repair pass's merge
bar), and the titles-only bar's on UCI's early and late halves.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import platform
import time
from datetime import timedelta
from pathlib import Path

from dateline.group import metrics, streams
from dateline.group.baseline import baseline
from dateline.group.cluster import Settings
from dateline.group.evaluate import (
    REPAIR_EVERY,
    Replay,
    evaluate,
    evaluate_warm,
    prepare,
    run_ours,
)
from dateline.group.repair import MergeSettings
from tests.paths import SHARED

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results" / "stories.json"
DATASETS = SHARED / "datasets"
SHARED_GVA = DATASETS / "gva-violent-corpus" / "the_violent_corpus.jsonl.gz"
SHARED_UCI = DATASETS / "uci-news-aggregator-sample" / "uci-news-aggregator.csv.gz"
SHARED_SEMEVAL = (
    DATASETS / "semeval2015-timeline-wikinews" / "semeval2015_timeline_wikinews_docs.jsonl.gz"
)
WINDOW = 10_000
REPLAY_SHIFT = timedelta(days=5 * 365)


def quality() -> dict:
    gva = streams.gva(SHARED_GVA)
    tune, report = streams.split(gva, "tune"), streams.split(gva, "report")
    return {
        "gva_report": evaluate(report),
        # The same report split as a running site meets it: the tune split replayed first
        # (unscored, same code path), then only the report split's documents scored.
        "gva_report_warm": evaluate_warm(tune, report),
        "gva_tune": evaluate(tune),
        "uci": evaluate(streams.uci(SHARED_UCI)),
        "semeval": evaluate(streams.semeval(SHARED_SEMEVAL)),
    }


def _rss_mb() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def scaling(articles: int) -> dict:
    source = streams.gva(SHARED_GVA)
    prepare(source)
    site = Replay(record=False)  # the clusterer and its hourly repair passes, as the site
    index = site.index
    windows = []
    done, replay = 0, 0
    started = time.perf_counter()
    window_start = started
    while done < articles:
        for doc, _ in source:
            copy = dataclasses.replace(
                doc, id=f"{doc.id}-{replay}", arrived=doc.arrived + replay * REPLAY_SHIFT
            )
            site.add(copy)
            done += 1
            if done % WINDOW == 0:
                now = time.perf_counter()
                windows.append(
                    {
                        "articles": done,
                        "docs_per_second": round(WINDOW / (now - window_start), 1),
                        "rss_mb": round(_rss_mb(), 1),
                        "active_stories": len(index),
                    }
                )
                print(windows[-1], flush=True)
                window_start = now
            if done >= articles:
                break
        replay += 1
    return {
        "articles": done,
        "docs_per_second": round(done / (time.perf_counter() - started), 1),
        "repair_merges": site.merges,
        "windows": windows,
    }


def tune() -> None:
    """Threshold grids, never on the report split: the baseline's on the tune split; ours fitted
    on the tune split's earliest 60 % and validated on its latest 40 % (denser, like the report
    split), so what is kept is what generalises to a denser stream."""
    part = streams.split(streams.gva(SHARED_GVA), "tune")
    prepare(part)
    gold = [label for _, label in part]
    for threshold in (0.1, 0.15, 0.2, 0.25, 0.3):
        score = metrics.score(gold, baseline([d for d, _ in part], threshold))
        print("baseline", threshold, score["pairwise_f1"], score["bcubed_f1"])
    early, late = streams.split(part, "tune"), streams.split(part, "report")
    # Besides the halves, two streams as dense as the report split, from the tune split alone:
    # the late 40 % with the early 60 % laid over it twice (`streams.overlay`).
    halves = {
        "early": early,
        "late": late,
        "dense 1": streams.overlay(early, streams.overlay(early, late, 0.0), 0.5),
        "dense 2": streams.overlay(early, streams.overlay(early, late, 0.3), 0.8),
    }
    for threshold in (0.5, 0.75, 1.0, 1.25, 1.5):
        _grid("ours", halves, dataclasses.replace(Settings(), threshold=threshold), threshold)
    # The repair pass's merge bar: online joins as they are, merges more or less eager.
    _grid("no repair", halves, Settings(), 0.0, every=None)
    for threshold in (0.0, 0.5, 0.75, 1.0, 2.0):
        merging = MergeSettings(threshold=threshold)
        _grid("merge", halves, Settings(), threshold, merging=merging)
    # The titles-only bar: on UCI's earliest 60 % and latest 40 % (GVA articles have bodies).
    uci = streams.uci(SHARED_UCI)
    prepare(uci)
    uci_halves = {"uci early": streams.split(uci, "tune"), "uci late": streams.split(uci, "report")}
    for threshold in (-2.0, -1.5, -1.0, 0.0, 1.0):
        _grid(
            "titles",
            uci_halves,
            dataclasses.replace(Settings(), short_threshold=threshold),
            threshold,
        )


def _grid(
    label: str,
    halves: dict,
    settings: Settings,
    value: float,
    every: float | None = REPAIR_EVERY,
    merging: MergeSettings | None = None,
) -> None:
    for name, half in halves.items():
        half = [(dataclasses.replace(d), g) for d, g in half]
        ours = run_ours(half, settings, trace=False, repair_every=every, merging=merging)
        score = metrics.score([g for _, g in half], ours.stories)
        print(label, name, value, score["pairwise_f1"], score["bcubed_f1"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--tune", action="store_true")
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args()
    if args.tune:
        tune()
        return
    result = {
        "measured_with": "python -m bench.stories",
        "machine": f"{platform.machine()}, {os.cpu_count()} cores (shared), "
        f"Python {platform.python_version()}",
        "settings": dataclasses.asdict(Settings()),
        "merge_settings": dataclasses.asdict(MergeSettings()),
        "quality": quality(),
        "scaling": scaling(args.articles),
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result["quality"], indent=1))


if __name__ == "__main__":
    main()
