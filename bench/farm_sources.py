"""Real articles for the content-farm simulator: one report per GVA incident, the Scrapinghub gold
bodies and the Wikinews demo pages. Read at run time from ../shared (never copied into the
project); the Wikinews pages ship with Dateline (CC BY 2.5).
"""

from __future__ import annotations

import gzip
import html
import json
import os
import random
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

from dateline.trace.fingerprint import normalised_words

ROOT = Path(__file__).resolve().parents[1]
GVA = "datasets/gva-violent-corpus/the_violent_corpus.jsonl.gz"
SCRAPINGHUB = "datasets/scrapinghub-article-extraction-benchmark"
WIKINEWS = ROOT / "dateline" / "demo" / "wikinews"
MIN_WORDS = 120  # a farm copies articles, not briefs
DUPLICATE_SHARE = 0.05  # sources sharing this much of their text are one story, not two
_PARAGRAPH = re.compile(r"<p>(.*?)</p>", re.DOTALL)
_TAG = re.compile(r"<[^>]+>")


@dataclass(frozen=True)
class Source:
    key: str  # dataset:item
    title: str
    paragraphs: tuple[str, ...]
    publisher: str


def shared_dir() -> Path:
    """../shared next to the project root, or $DATELINE_SHARED_DIR."""
    return Path(os.environ.get("DATELINE_SHARED_DIR", ROOT.parent / "shared")).resolve()


def _paragraphs(text: str) -> tuple[str, ...]:
    return tuple(p.strip() for p in text.splitlines() if p.strip())


def _host(url: str) -> str:
    return (urlparse(url).hostname or "unknown").removeprefix("www.")


def gva_sources(shared: Path) -> list[Source]:
    """The longest report of each incident (one per incident: two reports of one shooting may
    share text, and the simulator's truth must not)."""
    best: dict[str, dict] = {}
    with gzip.open(shared / GVA, "rt", encoding="utf-8") as lines:
        for line in lines:
            row = json.loads(line)
            held = best.get(row["incident_id"])
            if held is None or len(row["content"]) > len(held["content"]):
                best[row["incident_id"]] = row
    return [
        Source(f"gva:{row['doc_id']}", row["title"], _paragraphs(row["content"]), row["hostname"])
        for _, row in sorted(best.items())
    ]


def scrapinghub_sources(shared: Path) -> list[Source]:
    truth = json.loads((shared / SCRAPINGHUB / "ground-truth.json").read_text(encoding="utf-8"))
    return [
        Source(f"scrapinghub:{key}", "", _paragraphs(item["articleBody"]), _host(item["url"]))
        for key, item in sorted(truth.items())
    ]


def wikinews_sources() -> list[Source]:
    found = []
    for path in sorted(WIKINEWS.glob("*.html")):
        page = path.read_text(encoding="utf-8")
        title = html.unescape(_TAG.sub("", page.split("<h1>")[1].split("</h1>")[0]))
        body = tuple(
            html.unescape(_TAG.sub("", p)).strip()
            for p in _PARAGRAPH.findall(page)
            if "<time" not in p  # the date line
        )
        found.append(Source(f"wikinews:{path.stem}", title, body, "en.wikinews.org"))
    return found


def load_sources(shared: Path, per_dataset: int, seed: int = 7) -> list[Source]:
    """Up to `per_dataset` long-enough articles from each set, without two sharing text."""
    rng = random.Random(seed)
    chosen: list[Source] = []
    for found in (gva_sources(shared), scrapinghub_sources(shared), wikinews_sources()):
        long_enough = [s for s in found if sum(len(p.split()) for p in s.paragraphs) >= MIN_WORDS]
        rng.shuffle(long_enough)
        chosen.extend(long_enough[: per_dataset * 2])  # room for the duplicates dropped below
    return _distinct(chosen, per_dataset)


def _distinct(sources: list[Source], per_dataset: int) -> list[Source]:
    """Drop a source when DUPLICATE_SHARE of its 5-word runs are in one already kept (plain word
    tuples: the truth must not depend on the code it judges)."""
    owner: dict[tuple[str, ...], int] = {}
    kept: list[Source] = []
    per_set: dict[str, int] = {}
    for source in sources:
        dataset = source.key.split(":")[0]
        if per_set.get(dataset, 0) >= per_dataset:
            continue
        words = normalised_words("\n".join(source.paragraphs))
        runs = set(zip(words, words[1:], words[2:], words[3:], words[4:], strict=False))
        hits: dict[int, int] = {}
        for run in runs:
            if run in owner:
                hits[owner[run]] = hits.get(owner[run], 0) + 1
        if runs and max(hits.values(), default=0) >= DUPLICATE_SHARE * len(runs):
            continue
        for run in runs:
            owner.setdefault(run, len(kept))
        kept.append(source)
        per_set[dataset] = per_set.get(dataset, 0) + 1
    return kept
