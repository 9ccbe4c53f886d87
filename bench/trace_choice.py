"""How the fingerprint parameters were chosen: the same measurements under each alternative.

Run from the project root:  python -m bench.trace_choice  [--out PATH]   (about 3 minutes)

Alternatives: shingle length (3, 4, 5 words), sampling rate (1 in 8 or 1 in 16 shingles), the
MIN_SHARED keys a candidate needs (2 or 3), and MinHash with LSH banding (32 bands of 4 rows over
128 permutations, a candidate sharing one band: the textbook near-duplicate index) in place of
sampling. Each alternative is measured on: the first 60 Scrapinghub pages' versions (pair F1),
the content-farm simulator at moderate and heavy edits (copy recall; 60 sources per dataset),
the GVA same-event pairs (relations flagged by relate() on every pair, before any review), and
the keys (store rows) per article.
"""

from __future__ import annotations

import argparse
import hashlib
import json
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

from bench import trace_farm, trace_stream, trace_versions
from bench.farm import simulate
from bench.farm_sources import GVA, SCRAPINGHUB, load_sources, shared_dir
from bench.trace_same_event import load_docs, same_event_pairs
from dateline.trace import copies, index, shingles, sketch
from dateline.trace.copies import profile, relate_profiles

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results" / "trace_choice.json"
BANDS, ROWS = 32, 4
_PRIME = (1 << 61) - 1
_RNG = np.random.default_rng(1)
_A = _RNG.integers(1, _PRIME, BANDS * ROWS, dtype=np.uint64)
_B = _RNG.integers(0, _PRIME, BANDS * ROWS, dtype=np.uint64)


def minhash_keys(text: str) -> list[int]:
    """LSH band keys of a 128-permutation MinHash over the same shingles (for comparison)."""
    found = profile(text).shingles
    if not found:
        return []
    values = np.fromiter((s & 0xFFFFFFFF for s in found), dtype=np.uint64, count=len(found))
    signature = ((np.outer(values, _A) + _B) % _PRIME).min(axis=0)
    return [
        int.from_bytes(hashlib.blake2b(band.tobytes() + bytes([i]), digest_size=7).digest())
        for i, band in enumerate(signature.reshape(BANDS, ROWS))
    ]


@contextmanager
def patched(module, **values) -> Iterator[None]:
    old = {name: getattr(module, name) for name in values}
    for name, value in values.items():
        setattr(module, name, value)
    try:
        yield
    finally:
        for name, value in old.items():
            setattr(module, name, value)


def shingle_words(size: int):
    return [patched(copies, SHINGLE_WORDS=size), patched(sketch, SHINGLE_WORDS=size)]


def sample_bits(bits: int):
    return [patched(sketch, _LIMIT=1 << (64 - bits))]


def min_shared(count: int):
    return [patched(index, MIN_SHARED=count)]


def lsh():
    return [
        patched(sketch, index_keys=minhash_keys),
        patched(trace_stream, index_keys=minhash_keys),
        patched(index, MIN_SHARED=1),
    ]


ALTERNATIVES: dict[str, Callable[[], list]] = {
    "chosen: 4 words, 1 in 8, MIN_SHARED 2": list,
    "3 words": lambda: shingle_words(3),
    "5 words": lambda: shingle_words(5),
    "1 in 16": lambda: sample_bits(4),
    "MIN_SHARED 3": lambda: min_shared(3),
    "1 in 16, MIN_SHARED 3": lambda: sample_bits(4) + min_shared(3),
    f"MinHash LSH {BANDS}x{ROWS}": lsh,
}


def measure(sources, versions, gva) -> dict:
    versions_score = trace_versions.run(versions)
    farm = {
        level: trace_farm.score(simulate(sources, level, seed=1)) for level in ("moderate", "heavy")
    }
    docs, pairs = gva
    profiles = {i: profile(docs[i].text) for pair in pairs for i in pair}
    related = [relate_profiles(docs[b], profiles[b], docs[a], profiles[a]) for a, b in pairs]
    keys = [len(sketch.index_keys(doc.text)) for doc in docs[:2000]]
    return {
        "versions_f1": versions_score["f1"],
        "versions_precision": versions_score["precision"],
        "versions_recall": versions_score["recall"],
        **{f"farm_{level}_recall": farm[level]["copy_recall"] for level in farm},
        **{f"farm_{level}_precision": farm[level]["copy_precision"] for level in farm},
        "farm_candidates_per_article": farm["moderate"]["candidates_per_article"],
        "same_event_copy_flags": sum(1 for r in related if r and r.kind == "copy"),
        "same_event_partial_flags": sum(1 for r in related if r and r.kind == "partial"),
        "keys_per_gva_article": round(float(np.mean(keys)), 1),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    if not (shared_dir() / SCRAPINGHUB).exists() or not (shared_dir() / GVA).exists():
        print(f"skipped: datasets not found under {shared_dir()} (set DATELINE_SHARED_DIR)")
        return 0
    sources = load_sources(shared_dir(), 60)
    versions = trace_versions.load_versions(pages=60)
    docs, incidents, _ = load_docs(shared_dir() / GVA)
    gva = (docs, sorted(same_event_pairs(docs, incidents)))
    report = {}
    for name, patches in ALTERNATIVES.items():
        with ExitStack() as stack:
            for patch in patches():
                stack.enter_context(patch)
            shingles.word_terms.cache_clear()
            report[name] = measure(sources, versions, gva)
        print(name, report[name], flush=True)
    report["measured_at"] = datetime.now(UTC).isoformat(timespec="seconds")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"written to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
