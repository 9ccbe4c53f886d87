"""Fingerprint and index speed at 100k and 1M articles, and the index's memory per article.

Run from the project root:  python -m bench.trace_speed  [--articles 100000 1000000] [--out PATH]

Method: synthetic articles, since no corpus here has a million texts. Words are drawn from a
Zipf distribution (exponent 1.07, like English word frequencies) over 50,000 made-up words;
sentences of 12-30 words end with a full stop, paragraphs hold 2-4 sentences, and article lengths
are normal around 600 words (sd 150, at least 150). One article in twenty is a near-copy of an
earlier one (a paragraph dropped, 3% of words replaced), so queries find candidates as they will.
Every article is fingerprinted (`index_keys`), queried (`KeyIndex.candidates`) and added, in one
process; times are per article. Index memory is counted object by object (the dict, its keys,
its posting lists, one id per article) and divided by the articles; a database row of two
BIGINTs with its index entry costs about 40-60 bytes instead. Verification (`trace` on the
candidates found) is timed apart, for up to 2,000 articles whose candidates are among the first
5,000 (the ones whose texts are kept for it).
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
import time
from array import array
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

from dateline.trace.index import KeyIndex
from dateline.trace.model import TraceDoc
from dateline.trace.sketch import index_keys
from dateline.trace.trace import trace

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results" / "trace_speed.json"
VOCABULARY = 50_000
ZIPF = 1.07
COPY_SHARE = 0.05
BATCH = 1000
START = datetime(2024, 1, 1, tzinfo=UTC)


def vocabulary(rng: np.random.Generator) -> list[str]:
    syllables = [a + b for a in "bcdfghklmnprstvz" for b in "aeiou"]
    words: set[str] = set()
    while len(words) < VOCABULARY:
        words.add("".join(rng.choice(syllables, rng.integers(1, 5))))
    return sorted(words)


def articles(count: int, seed: int = 3) -> Iterator[str]:
    """Synthetic article bodies, as the method above says."""
    rng = np.random.default_rng(seed)
    words = np.array(vocabulary(rng), dtype=object)
    weights = 1.0 / np.arange(1, VOCABULARY + 1) ** ZIPF
    weights /= weights.sum()
    kept: list[str] = []
    for first in range(0, count, BATCH):
        size = min(BATCH, count - first)
        lengths = np.maximum(150, rng.normal(600, 150, size).astype(int))
        drawn = words[rng.choice(VOCABULARY, int(lengths.sum()), p=weights)]
        offset = 0
        for length in lengths:
            if kept and rng.random() < COPY_SHARE:
                yield _near_copy(rng, kept[int(rng.integers(len(kept)))], words)
                continue
            text = _paragraphs(rng, list(drawn[offset : offset + length]))
            offset += length
            if len(kept) < 5000:
                kept.append(text)
            yield text


def _paragraphs(rng: np.random.Generator, words: list[str]) -> str:
    paragraphs, sentences, at = [], [], 0
    while at < len(words):
        end = at + int(rng.integers(12, 31))
        sentences.append(" ".join(words[at:end]).capitalize() + ".")
        at = end
        if len(sentences) >= rng.integers(2, 5):
            paragraphs.append(" ".join(sentences))
            sentences = []
    if sentences:
        paragraphs.append(" ".join(sentences))
    return "\n\n".join(paragraphs)


def _near_copy(rng: np.random.Generator, text: str, words: np.ndarray) -> str:
    paragraphs = text.split("\n\n")
    if len(paragraphs) > 2:
        paragraphs.pop(int(rng.integers(1, len(paragraphs))))
    tokens = "\n\n".join(paragraphs).split(" ")
    for at in rng.choice(len(tokens), len(tokens) // 33, replace=False):
        if "\n" not in tokens[at] and not tokens[at].endswith("."):
            tokens[at] = str(words[int(rng.integers(VOCABULARY))])
    return " ".join(tokens)


def index_bytes(index: KeyIndex, articles: int) -> int:
    """Bytes of the index's Python objects: dict, keys, posting lists, one int per article."""
    total = sys.getsizeof(index.postings) + articles * sys.getsizeof(1 << 40)
    for key, held in index.postings.items():
        total += sys.getsizeof(key) + (sys.getsizeof(held) if isinstance(held, list) else 0)
    return total


def run(count: int) -> dict:
    index = KeyIndex()
    keys_ms, query_ms, verify_ms, verified = array("d"), array("d"), array("d"), 0
    texts: dict[int, str] = {}
    started = time.perf_counter()
    for article_id, text in enumerate(articles(count)):
        t0 = time.perf_counter()
        keys = index_keys(text)
        t1 = time.perf_counter()
        found = index.candidates(keys)
        index.add(article_id, keys)
        t2 = time.perf_counter()
        keys_ms.append(1000 * (t1 - t0))
        query_ms.append(1000 * (t2 - t1))
        if article_id < 5000:
            texts[article_id] = text
        if found and verified < 2000 and all(i in texts for i, _ in found):
            verify_ms.append(_verify(article_id, text, [i for i, _ in found], texts))
            verified += 1
    total = time.perf_counter() - started
    rows = index.rows()
    return {
        "articles": count,
        "fingerprint_ms": _summary(keys_ms),
        "query_and_add_ms": _summary(query_ms),
        "fingerprint_plus_query_ms_mean": round(float(np.mean(keys_ms) + np.mean(query_ms)), 3),
        "verification_ms_per_article_with_candidates": _summary(verify_ms),
        "rows_per_article": round(rows / count, 1),
        "stop_keys": index.stop_keys(),
        "index_memory_bytes_per_article": round(index_bytes(index, count) / count),
        "wall_seconds": round(total, 1),
    }


def _verify(article_id: int, text: str, found: list[int], texts: dict[int, str]) -> float:
    doc = TraceDoc(id=article_id, title="", text=text, publisher="new", first_seen=START)
    candidates = [
        TraceDoc(id=i, title="", text=texts[i], publisher="old", first_seen=START) for i in found
    ]
    started = time.perf_counter()
    trace(doc, candidates)
    return 1000 * (time.perf_counter() - started)


def _summary(values) -> dict:
    if not values:
        return {}
    data = np.array(values)
    return {
        "mean": round(float(data.mean()), 3),
        "p50": round(float(np.percentile(data, 50)), 3),
        "p99": round(float(np.percentile(data, 99)), 3),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    report: dict = {"method": __doc__.split("Method: ")[1].strip()}
    for count in args.articles:
        report[str(count)] = run(count)
        print(count, json.dumps(report[str(count)]), flush=True)
    report["machine"] = {"platform": platform.platform(), "python": platform.python_version()}
    report["measured_at"] = datetime.now(UTC).isoformat(timespec="seconds")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"written to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
