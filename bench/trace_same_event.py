"""Same event, different outlets: reports of one shooting by different publishers are not copies.

Run from the project root:  python -m bench.trace_same_event  [--out PATH]

The GVA corpus labels 6,296 local news articles with the incident they report; 1,637 incidents
have two or more. Every article goes through the store's path (bench/trace_stream.py) in crawl
order, then every pair of one incident from different publishers is looked at: a copy relation
between them is a false copy unless the two texts really are one text (a wire story or a sister
station's reprint). Those verdicts were made by reading the pairs and are kept, as ids only, in
bench/trace_same_event_review.json; a flagged pair nobody has read is reported as unreviewed.
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
from collections import Counter, defaultdict
from datetime import UTC, datetime
from pathlib import Path

from bench.farm_sources import GVA, shared_dir
from bench.trace_stream import Stream
from dateline.trace.copies import profile, relate_profiles
from dateline.trace.model import TraceDoc

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results" / "trace_same_event.json"
REVIEW = ROOT / "bench" / "trace_same_event_review.json"
_TWO_PART_SUFFIXES = {"co", "com", "org", "net", "gov", "ac"}


def publisher(hostname: str) -> str:
    """The registrable domain: www.wsmv.com:80 and wsmv.com are one publisher, and so are
    chicago.suntimes.com and homicides.suntimes.com."""
    labels = hostname.split(":")[0].casefold().split(".")
    two_part = len(labels) > 2 and labels[-2] in _TWO_PART_SUFFIXES and len(labels[-1]) == 2
    return ".".join(labels[-3:] if two_part else labels[-2:])


def load_docs(path: Path) -> tuple[list[TraceDoc], dict[int, set[str]], dict[int, str]]:
    """Articles once each (39 are filed under two incidents), in crawl order, with their incident
    ids and upstream doc ids."""
    rows: dict[str, dict] = {}
    incidents: defaultdict[str, set[str]] = defaultdict(set)
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            row = json.loads(line)
            rows.setdefault(row["doc_id"], row)
            incidents[row["doc_id"]].add(row["incident_id"])
    ordered = sorted(rows.values(), key=lambda r: (r["archive_timestamp"], r["doc_id"]))
    docs = [_doc(i, row) for i, row in enumerate(ordered)]
    return (
        docs,
        {i: incidents[row["doc_id"]] for i, row in enumerate(ordered)},
        {i: row["doc_id"] for i, row in enumerate(ordered)},
    )


def _doc(index: int, row: dict) -> TraceDoc:
    seen = datetime.strptime(row["archive_timestamp"], "%Y%m%d%H%M%S").replace(tzinfo=UTC)
    claimed = datetime.strptime(row["dct"], "%Y-%m-%d").replace(tzinfo=UTC) if row["dct"] else None
    return TraceDoc(
        id=index,
        title=row["title"],
        text=row["content"],
        publisher=publisher(row["hostname"]),
        first_seen=seen,
        claimed=claimed,
    )


def same_event_pairs(docs: list[TraceDoc], incidents: dict[int, set[str]]) -> set[tuple[int, int]]:
    by_incident: defaultdict[str, list[int]] = defaultdict(list)
    for doc_id, found in incidents.items():
        for incident in found:
            by_incident[incident].append(doc_id)
    return {
        (a, b)
        for members in by_incident.values()
        for a, b in itertools.combinations(sorted(members), 2)
        if docs[a].publisher != docs[b].publisher
    }


def run(path: Path, review: dict) -> dict:
    """The pipeline's relations, and relate() on every pair, judged against the review."""
    docs, incidents, upstream = load_docs(path)
    stream = Stream()
    for doc in docs:
        stream.add(doc)
    pairs = same_event_pairs(docs, incidents)
    return {
        "articles": len(docs),
        "same_event_pairs_different_publishers": len(pairs),
        "pipeline": judge(pipeline_flags(stream, pairs), docs, upstream, review, pairs),
        "relate_on_every_pair": judge(direct_flags(docs, pairs), docs, upstream, review, pairs),
    }


def pipeline_flags(stream: Stream, pairs: set[tuple[int, int]]) -> dict:
    found = {}
    for provenance in stream.provenance.values():
        for relation in provenance.relations:
            pair = tuple(sorted((relation.copy_id, relation.source_id)))
            if pair in pairs:
                found[pair] = relation
    return found


def direct_flags(docs: list[TraceDoc], pairs: set[tuple[int, int]]) -> dict:
    """relate() on every pair, candidate or not: the most the pipeline could flag."""
    profiles = {i: profile(docs[i].text) for pair in pairs for i in pair}
    related = {
        (a, b): relate_profiles(docs[b], profiles[b], docs[a], profiles[a]) for a, b in pairs
    }
    return {pair: relation for pair, relation in related.items() if relation is not None}


def judge(flagged: dict, docs, upstream, review: dict, pairs: set[tuple[int, int]]) -> dict:
    """Flagged pairs by kind and verdict; false rates over the pairs with text on both sides."""
    with_text = sum(1 for a, b in pairs if docs[a].text.strip() and docs[b].text.strip())
    verdicts: Counter[str] = Counter()
    wrong: Counter[str] = Counter()
    examples: defaultdict[str, list] = defaultdict(list)
    for (a, b), relation in sorted(flagged.items()):
        verdict = review["verdicts"].get("|".join(sorted((upstream[a], upstream[b]))), "unreviewed")
        verdicts[f"{relation.kind}: {verdict}"] += 1
        wrong[relation.kind] += verdict in review["false"]
        if len(examples[verdict]) < 5:
            examples[verdict].append(_example(docs, upstream, a, b, relation))
    return {
        "pairs_with_text_on_both_sides": with_text,
        "flagged": len(flagged),
        "verdicts": dict(sorted(verdicts.items())),
        "false_copies": wrong["copy"],
        "false_copy_rate": round(wrong["copy"] / with_text, 5),
        "false_partials": wrong["partial"],
        "false_partial_rate": round(wrong["partial"] / with_text, 5),
        "unreviewed": sum(n for k, n in verdicts.items() if k.endswith("unreviewed")),
        "examples": dict(examples),
    }


def _example(docs, upstream, a: int, b: int, relation) -> dict:
    return {
        "docs": [upstream[a], upstream[b]],
        "publishers": [docs[a].publisher, docs[b].publisher],
        "kind": relation.kind,
        "containment": relation.containment,
        "coverage": relation.coverage,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    path = shared_dir() / GVA
    if not path.exists():
        print(f"skipped: {path} not found (set DATELINE_SHARED_DIR)")
        return 0
    report = run(path, json.loads(REVIEW.read_text(encoding="utf-8")))
    report["measured_at"] = datetime.now(UTC).isoformat(timespec="seconds")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"written to {args.out}")
    print(
        f"{report['same_event_pairs_different_publishers']} same-event pairs, different publishers"
    )
    for scope in ("pipeline", "relate_on_every_pair"):
        judged = report[scope]
        print(f"{scope}: {judged['flagged']} pairs related")
        for verdict, n in judged["verdicts"].items():
            print(f"  {verdict:40} {n:5}")
        print(
            f"  false copies {judged['false_copies']} (rate {judged['false_copy_rate']:.5f}), "
            f"false partials {judged['false_partials']} (rate "
            f"{judged['false_partial_rate']:.5f}), unreviewed {judged['unreviewed']}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
