"""Article-body extraction on the Scrapinghub benchmark: our pipeline and trafilatura alone.

Run from the project root:  python -m bench.extraction  [--out bench/results/extraction.json]

Both systems run in the same process on the same 181 pages, interleaved page by page so that
machine load hits both alike; the scorer is bench/extraction_score.py.
"""

from __future__ import annotations

import argparse
import gzip
import json
import logging
import os
import platform
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import trafilatura

from bench.extraction_score import Score, evaluate, load_predictions
from dateline.gather.page import RawPage
from dateline.understand.article import ExtractionError
from dateline.understand.extract import extract_page

ROOT = Path(__file__).resolve().parents[1]
DATASET = "datasets/scrapinghub-article-extraction-benchmark"
RESULTS = ROOT / "bench" / "results" / "extraction.json"
FLOORS = ROOT / "bench" / "floors.json"
# The published row our scorer must reproduce (SOURCE.md of the dataset): trafilatura 2.0.0.
PUBLISHED_SYSTEM = "trafilatura"
PUBLISHED_F1 = 0.958
PACKAGES = ("dateline", "trafilatura", "htmldate", "lxml", "py3langid")
WARMUP_PAGES = 3  # first calls load models (py3langid takes ~1 s); keep that out of the timing


@dataclass(frozen=True)
class BenchPage:
    item_id: str
    url: str
    html: str
    gold: str


def shared_dir() -> Path:
    """../shared next to the project root, or $DATELINE_SHARED_DIR."""
    return Path(os.environ.get("DATELINE_SHARED_DIR", ROOT.parent / "shared")).resolve()


def dataset_dir() -> Path:
    return shared_dir() / DATASET


def load_pages(folder: Path | None = None) -> list[BenchPage]:
    folder = folder or dataset_dir()
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    return [
        BenchPage(
            item_id=item_id,
            url=item["url"],
            html=gzip.decompress((folder / "html" / f"{item_id}.html.gz").read_bytes()).decode(),
            gold=item["articleBody"],
        )
        for item_id, item in sorted(truth.items())
    ]


def ours(page: BenchPage) -> str:
    """Our whole understand stage, as the pipeline runs it; a refused page scores as empty."""
    origin = f"scrapinghub:{page.item_id}"
    raw = RawPage(origin=origin, kind="html", content=page.html, url=page.url)
    try:
        return "\n".join(extract_page(raw).paragraphs)
    except ExtractionError:
        return ""


def trafilatura_alone(page: BenchPage) -> str:
    return trafilatura.extract(page.html, include_comments=False) or ""


Extractor = Callable[[BenchPage], str]


@contextmanager
def quiet_logs() -> Iterator[None]:
    """trafilatura logs every page it gives up on; a benchmark run does not need them."""
    logging.disable(logging.WARNING)
    try:
        yield
    finally:
        logging.disable(logging.NOTSET)


def run(pages: list[BenchPage], systems: dict[str, Extractor]) -> dict[str, dict]:
    """Extract every page with every system, interleaved, and score and time each system."""
    outputs: dict[str, dict[str, str]] = {name: {} for name in systems}
    seconds = dict.fromkeys(systems, 0.0)
    with quiet_logs():
        for page in pages[:WARMUP_PAGES]:
            for extract in systems.values():
                extract(page)
        for index, page in enumerate(pages):
            # Alternate who goes first, so neither always runs on a warmer cache.
            order = list(systems.items())
            for name, extract in order if index % 2 == 0 else reversed(order):
                start = time.perf_counter()
                outputs[name][page.item_id] = extract(page)
                seconds[name] += time.perf_counter() - start
    gold = {page.item_id: page.gold for page in pages}
    results: dict[str, dict] = {}
    for name in systems:
        score = evaluate(gold, outputs[name])
        results[name] = {
            **score.as_dict(),
            "empty_outputs": sum(1 for text in outputs[name].values() if not text.strip()),
            "seconds": round(seconds[name], 2),
            "pages_per_second": round(len(pages) / seconds[name], 1),
        }
    return results


def score_ours(pages: list[BenchPage]) -> Score:
    """Our F1 alone, untimed: what the quality gate checks."""
    gold = {page.item_id: page.gold for page in pages}
    with quiet_logs():
        return evaluate(gold, {page.item_id: ours(page) for page in pages})


def scorer_check(folder: Path | None = None) -> Score:
    """Our scorer on the published output of trafilatura 2.0.0; it must give F1 0.958."""
    folder = folder or dataset_dir()
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    published = json.loads((folder / "output" / f"{PUBLISHED_SYSTEM}.json").read_text("utf-8"))
    gold = {item_id: item["articleBody"] for item_id, item in truth.items()}
    return evaluate(gold, load_predictions(published))


def _version(package: str) -> str | None:
    try:
        return version(package)
    except PackageNotFoundError:
        return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=RESULTS, help="where to write the JSON")
    args = parser.parse_args(argv)
    folder = dataset_dir()
    if not folder.exists():
        print(f"{folder} not found: set DATELINE_SHARED_DIR to the shared data folder")
        return 2

    check = scorer_check(folder)
    pages = load_pages(folder)
    results = run(pages, {"dateline": ours, "trafilatura": trafilatura_alone})
    time_ratio = results["dateline"]["seconds"] / results["trafilatura"]["seconds"]
    floor = json.loads(FLOORS.read_text())["extraction"]["f1"] if FLOORS.exists() else None
    report = {
        "benchmark": f"{DATASET} ({len(pages)} pages)",
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "systems": {
            "dateline": {"call": "extract_page(RawPage(kind='html'))", **results["dateline"]},
            "trafilatura": {
                "call": "trafilatura.extract(html, include_comments=False)",
                **results["trafilatura"],
            },
        },
        # seconds per page, ours over trafilatura's: 1.5 means we take 1.5 times as long
        "time_ratio_dateline_over_trafilatura": round(time_ratio, 2),
        "f1_floor": floor,
        "scorer_check": {
            "system": f"{PUBLISHED_SYSTEM} 2.0.0 published output",
            "published_f1": PUBLISHED_F1,
            **check.as_dict(),
            "reproduced": round(check.f1, 3) == PUBLISHED_F1,
        },
        "versions": {
            "python": platform.python_version(),
            **{name: _version(name) for name in PACKAGES},
        },
        "machine": {"platform": platform.platform(), "cpus": os.cpu_count()},
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    _print_table(report)
    print(f"written to {args.out}")
    return 0


def _print_table(report: dict) -> None:
    print(report["benchmark"])
    print(f"{'system':<12} {'F1':>6} {'P':>6} {'R':>6} {'acc':>6} {'empty':>5} {'pages/s':>8}")
    for name, row in report["systems"].items():
        print(
            f"{name:<12} {row['f1']:>6.3f} {row['precision']:>6.3f} {row['recall']:>6.3f} "
            f"{row['accuracy']:>6.3f} {row['empty_outputs']:>5} {row['pages_per_second']:>8.1f}"
        )
    check = report["scorer_check"]
    ratio = report["time_ratio_dateline_over_trafilatura"]
    print(f"time per page, dateline/trafilatura: {ratio}x")
    print(
        f"scorer check: {check['system']} F1 {check['f1']:.3f} "
        f"(published {check['published_f1']}) -> {'ok' if check['reproduced'] else 'MISMATCH'}"
    )
    if report["f1_floor"] is not None:
        print(f"F1 floor (bench/floors.json): {report['f1_floor']}")


if __name__ == "__main__":
    sys.exit(main())
