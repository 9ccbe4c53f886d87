"""Labelled news streams for evaluation, each as (StoryDoc, gold label) pairs in arrival order.

- GVA violent corpus (jsonl.gz): sorted by creation date; `split` gives the earliest 60 % to tune
  and the rest to report. The 39 articles filed under two incidents are dropped (one label each
  could not be right).
- UCI News Aggregator (csv.gz, titles only): the file is grouped by story, so it is sorted by
  timestamp (ties by id) to avoid leaking the labels through the order.
- SemEval-2015 TimeLine Wikinews (jsonl.gz): the four topic sets are the labels.
- `overlay` lays one labelled stream over another, shifted in time: a denser stream for tuning.
- Miranda et al. 2018 (JSON array or JSON Lines; fields id, date, lang, cluster, title, text):
  the standard story-clustering benchmark, loaded unchanged.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
from collections import Counter
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from dateline.group.features import StoryDoc
from dateline.understand.dateline import read_dateline

Labelled = list[tuple[StoryDoc, str]]
TUNE_SHARE = 0.6
FORMATS = ("gva", "uci", "semeval", "miranda")


def _open_text(path: Path) -> io.TextIOBase:
    if path.suffix == ".gz":
        return io.TextIOWrapper(gzip.open(path), encoding="utf-8")
    return path.open(encoding="utf-8")


def _day(text: str) -> datetime:
    return datetime.fromisoformat(text[:10]).replace(tzinfo=UTC)


def _dateline_place(text: str) -> str | None:
    return read_dateline([p for p in text.split("\n") if p.strip()][:2]).place


def split(stream: Labelled, part: str) -> Labelled:
    """'tune': the earliest 60 %; 'report': the rest; 'all': everything."""
    cut = round(len(stream) * TUNE_SHARE)
    return {"tune": stream[:cut], "report": stream[cut:], "all": stream}[part]


def overlay(under: Labelled, over: Labelled, at: float = 0.0) -> Labelled:
    """`over` with `under`'s articles shifted in time so that the fraction `at` of `under`
    lands on `over`'s first day, cut to `over`'s span: a denser stream of the same kind, with
    its labels (the report split has about four times the tune split's articles a day, and
    density is where look-alikes merge). Copies: the streams' documents are left alone."""
    if not under or not over:
        return list(over)
    pivot = under[round(at * (len(under) - 1))][0].arrived
    shift = over[0][0].arrived - pivot
    start, end = over[0][0].arrived, over[-1][0].arrived
    moved = [(replace(doc, arrived=doc.arrived + shift), label) for doc, label in under]
    both = [p for p in moved if start <= p[0].arrived <= end]
    both += [(replace(doc), label) for doc, label in over]
    return sorted(both, key=lambda p: (p[0].arrived, p[0].id))


def gva(path: Path) -> Labelled:
    with _open_text(path) as lines:
        rows = [json.loads(line) for line in lines if line.strip()]
    filed = Counter(row["doc_id"] for row in rows)
    rows = [row for row in rows if filed[row["doc_id"]] == 1]
    rows.sort(key=lambda row: (row["dct"], row["doc_id"]))
    return [
        (
            StoryDoc(
                id=row["doc_id"],
                arrived=_day(row["dct"]),
                title=row["title"],
                text=row["content"],
                publisher=row["hostname"],
                dateline_place=_dateline_place(row["content"]),
            ),
            row["incident_id"],
        )
        for row in rows
    ]


def uci(path: Path) -> Labelled:
    with _open_text(path) as handle:
        rows = list(csv.DictReader(handle))
    rows.sort(key=lambda row: (int(row["TIMESTAMP"]), int(row["ID"])))
    return [
        (
            StoryDoc(
                id=row["ID"],
                arrived=datetime.fromtimestamp(int(row["TIMESTAMP"]) / 1000, tz=UTC),
                title=row["TITLE"],
                text="",
                publisher=row["PUBLISHER"],
            ),
            row["STORY"],
        )
        for row in rows
    ]


def semeval(path: Path) -> Labelled:
    with _open_text(path) as lines:
        rows = [json.loads(line) for line in lines if line.strip()]
    rows.sort(key=lambda row: (row["date"], row["doc_id"]))
    return [
        (
            StoryDoc(
                id=row["doc_id"],
                arrived=_day(row["date"]),
                title=row["title"],
                text=row["text"],
                dateline_place=_dateline_place(row["text"]),
            ),
            row["corpus"],
        )
        for row in rows
    ]


def _miranda_rows(path: Path) -> Iterator[dict]:
    with _open_text(path) as handle:
        text = handle.read()
    if text.lstrip().startswith("["):
        yield from json.loads(text)
    else:
        for line in text.splitlines():
            if line.strip():
                yield json.loads(line)


def _miranda_date(value: str) -> datetime:
    moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def miranda(path: Path, lang: str | None = None) -> Labelled:
    rows = [r for r in _miranda_rows(path) if lang is None or r.get("lang") == lang]
    rows.sort(key=lambda row: (_miranda_date(row["date"]), str(row["id"])))
    return [
        (
            StoryDoc(
                id=str(row["id"]),
                arrived=_miranda_date(row["date"]),
                title=row.get("title") or "",
                text=row.get("text") or "",
                publisher=row.get("source") or "",
                dateline_place=_dateline_place(row.get("text") or ""),
            ),
            str(row["cluster"]),
        )
        for row in rows
    ]


def load(path: Path, format: str) -> Labelled:
    loaders = {"gva": gva, "uci": uci, "semeval": semeval, "miranda": miranda}
    return loaders[format](path)


def guess_format(path: Path) -> str:
    name = path.name.casefold()
    if "violent" in name or "gva" in name:
        return "gva"
    if "uci" in name or name.endswith((".csv", ".csv.gz")):
        return "uci"
    if "semeval" in name:
        return "semeval"
    return "miranda"
