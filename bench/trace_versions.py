"""Noisy versions of one article: 14 extractors' outputs (and the gold body) of 181 pages.

Run from the project root:  python -m bench.trace_versions  [--pages N] [--out PATH]

Every version goes through the store's path (bench/trace_stream.py) in a shuffled order. All
versions of a page should end in one group and versions of different pages in different groups:
scored as pairs (precision, recall, F1) and with the adjusted Rand index. html-text is the whole
page as text, i.e. the article wrapped in its site's menus and lists.
"""

from __future__ import annotations

import argparse
import json
import random
import time
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bench.farm_sources import SCRAPINGHUB, shared_dir
from bench.trace_metrics import pair_score
from bench.trace_stream import Stream
from dateline.trace.model import TraceDoc

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results" / "trace_versions.json"
GOLD = "ground-truth"
SEED = 0
GATE_PAGES = 60  # the gate test's subset: the first pages by id, ~8 s


@dataclass(frozen=True)
class Version:
    page: str
    system: str
    text: str


def load_versions(folder: Path | None = None, pages: int | None = None) -> list[Version]:
    """Gold bodies and every staged system's output; the two JSON shapes of SOURCE.md."""
    folder = folder or shared_dir() / SCRAPINGHUB
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    keep = sorted(truth)[:pages] if pages else sorted(truth)
    found = [Version(page, GOLD, truth[page]["articleBody"]) for page in keep]
    for path in sorted((folder / "output").glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(data.get("output"), dict):
            data = data["output"]
        for page in keep:
            item = data.get(page) or {}
            found.append(Version(page, path.stem, item.get("articleBody") or ""))
    return found


def run(versions: list[Version], seed: int = SEED) -> dict:
    """Stream the non-empty versions in a shuffled order and score the groups."""
    usable = [v for v in versions if v.text.split()]
    random.Random(seed).shuffle(usable)
    start = datetime(2024, 1, 1, tzinfo=UTC)
    stream = Stream()
    started = time.perf_counter()
    for index, version in enumerate(usable):
        stream.add(_doc(index, version, start))
    seconds = time.perf_counter() - started
    truth = {i: v.page for i, v in enumerate(usable)}
    groups = {i: stream.group_of(i) for i in truth}
    overall = pair_score(truth, groups)
    whole_page = [i for i, v in enumerate(usable) if v.system != "html-text"]
    extracted = pair_score({i: truth[i] for i in whole_page}, {i: groups[i] for i in whole_page})
    return {
        "versions": len(versions),
        "empty_versions_left_out": len(versions) - len(usable),
        "pages": len(set(truth.values())),
        **_scores(overall),
        "without_html_text": _scores(extracted),
        "with_gold_by_system": _with_gold(usable, groups),
        "ms_per_version": round(1000 * seconds / len(usable), 2),
        "candidates_per_version": round(stream.candidates_seen / len(usable), 2),
    }


def _doc(index: int, version: Version, start: datetime) -> TraceDoc:
    return TraceDoc(
        id=index,
        title="",
        text=version.text,
        publisher=version.system,
        first_seen=start + timedelta(minutes=index),
    )


def _scores(score) -> dict:
    return {
        "precision": round(score.precision, 4),
        "recall": round(score.recall, 4),
        "f1": round(score.f1, 4),
        "ari": round(score.ari, 4),
    }


def _with_gold(usable: list[Version], groups: dict[int, int]) -> dict[str, float]:
    """Per system: the share of its versions grouped with the page's gold body."""
    gold = {v.page: groups[i] for i, v in enumerate(usable) if v.system == GOLD}
    together: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for i, v in enumerate(usable):
        if v.system != GOLD and v.page in gold:
            total[v.system] += 1
            together[v.system] += groups[i] == gold[v.page]
    return {system: round(together[system] / total[system], 4) for system in sorted(total)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=None, help="first N pages only")
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    folder = shared_dir() / SCRAPINGHUB
    if not folder.exists():
        print(f"skipped: {folder} not found (set DATELINE_SHARED_DIR)")
        return 0
    report = {"all_pages": run(load_versions(folder, args.pages))}
    if not args.pages:
        report["gate_subset"] = {"pages": GATE_PAGES, **run(load_versions(folder, GATE_PAGES))}
    report["measured_at"] = datetime.now(UTC).isoformat(timespec="seconds")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"written to {args.out}")
    print(f"{'set':22} {'P':>7} {'R':>7} {'F1':>7} {'ARI':>7} {'ms':>6}")
    for name, row in report.items():
        if isinstance(row, dict):
            print(
                f"{name:22} {row['precision']:7.4f} {row['recall']:7.4f} {row['f1']:7.4f} "
                f"{row['ari']:7.4f} {row['ms_per_version']:6.2f}"
            )
            rest = row["without_html_text"]
            print(
                f"{'  without html-text':22} {rest['precision']:7.4f} {rest['recall']:7.4f} "
                f"{rest['f1']:7.4f} {rest['ari']:7.4f}"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
