"""Date flags on honest news: how often they fire (false positives), and what re-dating catches.

Run from the project root:  python -m bench.trace_dates  [--out ...] [--show N]

Corpora of mostly honest dates (a flag there is mostly a false positive):
- the 120 Wikinews demo articles (dateline/demo/wikinews, shipped), at their true date;
- the GVA violent corpus (../shared/datasets, skipped when absent): 6,296 local US crime stories,
  many of them follow-ups, at the crawler's creation date (`dct`); the 48 pages the Wayback
  Machine archived before their dct have a provably wrong date and are counted apart;
- the trafilatura-eval pages with a gold date (skipped when absent), at the date extract_html
  claims, with their markup and URL evidence: the "backdated" check.
Only text and page evidence is used, no original: the hardest case for the text flags. Then each
article is claimed again 3, 6 and 15 months later, text unchanged (a re-dated copy), to see how
many re-datings its text gives away. A 12-month shift is left out: a year-less "Jan. 14" cannot
tell it. Last, bench/farm.py's content farm, whose truth says which claims are misdated, scores
the flags with the original the trace stage finds (precision / recall).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import sys
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from dateline.gather.page import RawPage
from dateline.trace.dating import (
    BACKDATED_MIN_GAP,
    MIN_RECENCY_CUES,
    RECENCY_REACH,
    REDATED_COPY_MIN_GAP,
    DateEvidence,
    Original,
    date_flags,
    dates_in_text,
)
from dateline.understand.article import ExtractionError
from dateline.understand.extract import extract_page
from dateline.understand.html import extract_html

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results" / "trace_dates.json"
WIKINEWS = ROOT / "dateline" / "demo" / "wikinews"
GVA = "datasets/gva-violent-corpus/the_violent_corpus.jsonl.gz"
TRAFILATURA = "datasets/trafilatura-eval"
SHIFTS_DAYS = {"3 months": 91, "6 months": 182, "15 months": 456}
# The Wayback Machine holds a copy of the page this long before its `dct`: the dct is wrong.
ARCHIVE_SLACK = timedelta(days=1)
MIN_GVA_CHARS = 200  # shorter bodies are a teaser line or a captcha page, not an article
# Farm sources per dataset (60 reaches an edited paragraph of 73 dashes, on which
# dateline.understand.dateline.credit_line backtracks for hours: reported, not ours to fix).
FARM_SOURCES = 50
FARM_SAMPLE = 10


@dataclass
class Doc:
    name: str
    claimed: datetime
    paragraphs: list[str]
    page_evidence: list[DateEvidence] = field(default_factory=list)
    # True when the claimed date is provably wrong (a GVA page archived before its `dct`)
    known_wrong: bool = False


def shared_dir() -> Path:
    return Path(os.environ.get("DATELINE_SHARED_DIR", ROOT.parent / "shared")).resolve()


def wikinews() -> Iterator[Doc]:
    for path in sorted(WIKINEWS.glob("*.html")):
        article = extract_html(path.read_text(encoding="utf-8"))
        if article.claimed_date:
            yield Doc(path.stem, article.claimed_date, article.paragraphs)


def gva(path: Path) -> Iterator[Doc]:
    seen: set[str] = set()
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            row = json.loads(line)
            content = row.get("content") or ""
            if row["doc_id"] in seen or len(content) < MIN_GVA_CHARS or not row.get("dct"):
                continue
            seen.add(row["doc_id"])
            paragraphs = [part.strip() for part in content.split("\n\n") if part.strip()]
            claimed = datetime.fromisoformat(row["dct"])
            archived = datetime.strptime(row["archive_timestamp"][:8], "%Y%m%d")
            wrong = archived < claimed - ARCHIVE_SLACK
            yield Doc(row["doc_id"], claimed, paragraphs, known_wrong=wrong)


def trafilatura_eval(folder: Path) -> Iterator[Doc]:
    entries = json.loads((folder / "evaldata.json").read_text(encoding="utf-8"))
    for url, entry in entries.items():
        if not entry.get("date"):
            continue
        found = [folder / sub / f"{entry['file']}.gz" for sub in ("cache", "eval")]
        path = next((candidate for candidate in found if candidate.exists()), None)
        if path is None:
            continue
        html = gzip.decompress(path.read_bytes()).decode("utf-8", errors="replace")
        try:
            article = extract_html(html, url=url)
        except ExtractionError:
            continue
        if article.claimed_date:
            yield Doc(url, article.claimed_date, article.paragraphs, article.date_evidence)


def flag_kinds(doc: Doc, claimed: datetime) -> list[tuple[str, str]]:
    evidence = doc.page_evidence + dates_in_text(doc.paragraphs, claimed)
    return [(flag.kind, flag.message) for flag in date_flags(claimed, evidence)]


def score(docs: list[Doc], show: int) -> dict:
    """Flags at the claimed date (false positives unless the date is known wrong) and at
    shifted dates (re-datings the text gives away)."""
    honest = [doc for doc in docs if not doc.known_wrong]
    wrong = [doc for doc in docs if doc.known_wrong]
    kinds: Counter[str] = Counter()
    flagged: dict[bool, list[dict]] = {False: [], True: []}
    dated = 0
    for doc in docs:
        evidence = dates_in_text(doc.paragraphs, doc.claimed)
        dated += any(item.basis in ("stated", "year-inferred") for item in evidence)
        found = flag_kinds(doc, doc.claimed)
        if found:
            kinds.update({kind for kind, _ in found})
            item = {"doc": doc.name, "claimed": doc.claimed.isoformat(), "flags": found}
            flagged[doc.known_wrong].append(item)
    able = [doc for doc in honest if _can_show_staleness(doc)]
    result = {
        "articles": len(docs),
        "with_a_day_dated_in_text": dated,
        "flagged": len(flagged[False]) + len(flagged[True]),
        "by_kind": dict(kinds),
        "false_positive_rate": _rate(len(flagged[False]), len(honest)),
        "redated_text_flagged": {
            label: _rate(_stale(honest, days), len(honest)) for label, days in SHIFTS_DAYS.items()
        },
        "texts_that_can_show_staleness": len(able),
        "redated_among_those": {
            label: _rate(_stale(able, days), len(able)) for label, days in SHIFTS_DAYS.items()
        },
        "sample_false_positives": flagged[False][:show],
    }
    if wrong:
        result["known_wrong_dates"] = {
            "why": "archived by the Wayback Machine before its claimed date",
            **_rate(len(flagged[True]), len(wrong)),
            "flagged_sample": flagged[True][:show],
        }
    return result


def _stale(docs: list[Doc], days: int) -> int:
    """How many texts give themselves away when claimed `days` later."""
    later = timedelta(days=days)
    return sum(
        any(kind == "text-inconsistent" for kind, _ in flag_kinds(doc, doc.claimed + later))
        for doc in docs
    )


def _can_show_staleness(doc: Doc) -> bool:
    """A year-less day and MIN_RECENCY_CUES days of "the week before": what the flag needs."""
    evidence = dates_in_text(doc.paragraphs, doc.claimed)
    recent = doc.claimed.date() - RECENCY_REACH
    cues = {e.value.date() for e in evidence if e.basis == "relative" and e.value.date() >= recent}
    has_day = any(item.basis == "year-inferred" for item in evidence)
    return has_day and len(cues) >= MIN_RECENCY_CUES


def _rate(count: int, total: int) -> dict:
    return {"count": count, "of": total, "rate": round(count / total, 4) if total else None}


def farm_scores(per_dataset: int) -> dict:
    """Date flags on bench/farm.py's content farm, whose truth says which claims are misdated.

    A copy is misdated beyond our thresholds when it claims a date REDATED_COPY_MIN_GAP after its
    original's publication ("fresh" +30 or +400 days) or BACKDATED_MIN_GAP before it. The
    original is the one the trace stage finds (bench/trace_stream.py), as the store will pass it.
    """
    try:
        from bench.farm import simulate
        from bench.farm_sources import load_sources
        from bench.trace_stream import run
    except ImportError as err:
        return {"skipped": f"the content-farm simulator is not available: {err}"}
    if not (shared_dir() / GVA).exists():
        return {"skipped": "the farm's source articles (../shared/datasets) are absent"}
    sources = load_sources(shared_dir(), per_dataset)
    report: dict = {"sources": len(sources)}
    for mode, bulk in (("streaming", False), ("bulk-import", True)):
        items = simulate(sources, "light", seed=0, bulk=bulk)
        stream = run([item.doc for item in items])
        report[mode] = _farm_mode(items, stream)
    return report


def _farm_mode(items: list, stream) -> dict:
    by_id = {item.doc.id: item for item in items}
    counts: Counter[str] = Counter()
    claims: dict[str, Counter[str]] = {}
    wrong: list[dict] = []
    for item in items:
        doc, truth = item.doc, by_id[item.true_original]
        if doc.claimed is None:
            continue
        misdated = doc.id != truth.doc.id and (
            doc.claimed - truth.published >= REDATED_COPY_MIN_GAP
            or truth.published - doc.claimed >= BACKDATED_MIN_GAP
        )
        found_id = stream.group_of(doc.id)
        found = by_id[found_id].doc if found_id != doc.id else None
        original = None
        if found is not None:
            original = Original(found.publisher, found.first_seen, found.credit, found.claimed)
        paragraphs = _farm_paragraphs(doc.text)
        evidence = dates_in_text(paragraphs, doc.claimed)
        flags = date_flags(doc.claimed, evidence, original)
        flagged, text_only = bool(flags), bool(date_flags(doc.claimed, evidence))
        if flagged and not misdated and len(wrong) < FARM_SAMPLE:
            wrong.append({"claim": item.claim, "flags": [(f.kind, f.message) for f in flags]})
        counts.update(
            {
                "misdated": misdated,
                "flagged": flagged,
                "flagged_misdated": flagged and misdated,
                "flagged_text_only": text_only,
                "flagged_text_only_misdated": text_only and misdated,
            }
        )
        claims.setdefault(item.claim, Counter()).update({"items": 1, "flagged": flagged})
    flagged, hits, positives = counts["flagged"], counts["flagged_misdated"], counts["misdated"]
    return {
        "dated_items": sum(claim["items"] for claim in claims.values()),
        "misdated_beyond_thresholds": positives,
        "precision": round(hits / flagged, 4) if flagged else None,
        "recall": round(hits / positives, 4) if positives else None,
        "text_only": {
            "flagged": counts["flagged_text_only"],
            "of_them_misdated": counts["flagged_text_only_misdated"],
        },
        "flagged_by_claim": {name: dict(claim) for name, claim in sorted(claims.items())},
        "false_positive_sample": wrong,
    }


def _farm_paragraphs(text: str) -> list[str]:
    """The body, as the understand stage reads a farm page (template lines and all)."""
    try:
        return extract_page(RawPage("farm", "text", text)).paragraphs
    except ExtractionError:
        return [line for line in text.splitlines() if line.strip()]


def _summary(name: str, result: dict) -> str:
    if "skipped" in result:
        return f"{name}: skipped ({result['skipped']})"
    fp = result["false_positive_rate"]
    shifted = ", ".join(
        f"+{label} {item['count']}/{item['of']}"
        for label, item in result["redated_among_those"].items()
    )
    known = result.get("known_wrong_dates")
    wrong = f"; known wrong dates flagged {known['count']}/{known['of']}" if known else ""
    return (
        f"{name}: {fp['count']}/{fp['of']} honest articles flagged {result['by_kind']}; "
        f"re-dated texts that can show it, flagged: {shifted}{wrong}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=RESULTS)
    parser.add_argument("--show", type=int, default=20, help="flagged examples kept per corpus")
    parser.add_argument("--farm-sources", type=int, default=FARM_SOURCES, help="per dataset")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    corpora: dict[str, dict] = {"wikinews": score(list(wikinews()), args.show)}
    for name, relative, reader in (
        ("gva", GVA, gva),
        ("trafilatura-eval", TRAFILATURA, trafilatura_eval),
    ):
        path = shared_dir() / relative
        corpora[name] = (
            score(list(reader(path)), args.show)
            if path.exists()
            else {"skipped": f"{path} not found"}
        )
    report = {
        "measured_with": "python -m bench.trace_dates",
        "date": datetime.now().date().isoformat(),
        "corpora": corpora,
        "farm": farm_scores(args.farm_sources),
        "seconds": round(time.perf_counter() - started, 1),
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    for name, result in corpora.items():
        print(_summary(name, result))
    for mode, farm in report["farm"].items():
        if isinstance(farm, dict):
            print(
                f"farm ({mode}): precision {farm['precision']}, recall {farm['recall']} on "
                f"{farm['misdated_beyond_thresholds']} misdated of {farm['dated_items']} dated"
            )
        elif mode == "skipped":
            print(f"farm: skipped ({farm})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
