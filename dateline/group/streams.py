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

A file that cannot be read as its format (a folder, binary or truncated data, a record without
its label or with a date that is no date) raises `StreamError`, which says where and what in one
line: an evaluation should not end in a traceback over a typo.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import zlib
from collections import Counter
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from dateline.group.features import StoryDoc
from dateline.understand.dateline import read_dateline

Labelled = list[tuple[StoryDoc, str]]
TUNE_SHARE = 0.6
FORMATS = ("gva", "uci", "semeval", "miranda")


class StreamError(ValueError):
    """A stream that cannot be read: the file, the record and what is wrong."""


def _open_text(path: Path) -> io.TextIOBase:
    if path.suffix == ".gz":
        return io.TextIOWrapper(gzip.open(path), encoding="utf-8")
    return path.open(encoding="utf-8")


def _json_lines(path: Path) -> list[dict]:
    """One JSON object per line, blank lines skipped; a bad line is named by its number."""
    rows = []
    with _open_text(path) as lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as error:
                raise StreamError(f"line {number} is not JSON ({error.msg})") from None
    return rows


def _records(rows: list, fields: tuple[str, ...], keep=None) -> list[tuple[int, dict]]:
    """The rows `keep` wants (all by default), numbered as in the file, each checked to be an
    object that has every one of `fields`."""
    out = []
    for number, row in enumerate(rows, start=1):
        if not isinstance(row, dict):
            raise StreamError(f"record {number} is not a JSON object")
        if keep is not None and not keep(row):
            continue
        missing = [name for name in fields if row.get(name) in (None, "")]
        if missing:
            raise StreamError(f"record {number} has no {', '.join(missing)}")
        out.append((number, row))
    return out


def _dated(rows: list[tuple[int, dict]], field: str, parse) -> list[tuple[datetime, dict]]:
    """Each row with its date parsed, a date that is no date named with its record."""
    out = []
    for number, row in rows:
        try:
            out.append((parse(str(row[field])), row))
        except (ValueError, OverflowError, OSError):  # OSError: a time the platform cannot hold
            raise StreamError(f"record {number}: {field} {row[field]!r} is not a date") from None
    return out


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
    rows = _records(_json_lines(path), ("doc_id", "dct", "incident_id"))
    filed = Counter(row["doc_id"] for _, row in rows)
    dated = [(day, row) for day, row in _dated(rows, "dct", _day) if filed[row["doc_id"]] == 1]
    dated.sort(key=lambda pair: (pair[1]["dct"], pair[1]["doc_id"]))
    return [
        (
            StoryDoc(
                id=row["doc_id"],
                arrived=day,
                title=row.get("title") or "",
                text=row.get("content") or "",
                publisher=row.get("hostname") or "",
                dateline_place=_dateline_place(row.get("content") or ""),
            ),
            row["incident_id"],
        )
        for day, row in dated
    ]


def _millis(value: str) -> datetime:
    return datetime.fromtimestamp(int(value) / 1000, tz=UTC)


def uci(path: Path) -> Labelled:
    with _open_text(path) as handle:
        rows = _records(list(csv.DictReader(handle)), ("ID", "TIMESTAMP", "STORY"))
    dated = _dated(rows, "TIMESTAMP", _millis)
    dated.sort(key=lambda pair: (pair[0], pair[1]["ID"].zfill(12)))
    return [
        (
            StoryDoc(
                id=row["ID"],
                arrived=moment,
                title=row.get("TITLE") or "",
                text="",
                publisher=row.get("PUBLISHER") or "",
            ),
            row["STORY"],
        )
        for moment, row in dated
    ]


def semeval(path: Path) -> Labelled:
    rows = _records(_json_lines(path), ("doc_id", "date", "corpus"))
    dated = _dated(rows, "date", _day)
    dated.sort(key=lambda pair: (pair[1]["date"], pair[1]["doc_id"]))
    return [
        (
            StoryDoc(
                id=row["doc_id"],
                arrived=day,
                title=row.get("title") or "",
                text=row.get("text") or "",
                dateline_place=_dateline_place(row.get("text") or ""),
            ),
            row["corpus"],
        )
        for day, row in dated
    ]


def _miranda_rows(path: Path) -> list:
    with _open_text(path) as handle:
        start = handle.read(4096).lstrip()
    if not start.startswith("["):
        return _json_lines(path)
    with _open_text(path) as handle:
        try:
            return json.load(handle)
        except json.JSONDecodeError as error:
            where = f"line {error.lineno}, column {error.colno}"
            raise StreamError(f"not a JSON array ({error.msg} at {where})") from None


def _miranda_date(value: str) -> datetime:
    moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def miranda(path: Path, lang: str | None = None) -> Labelled:
    wanted = None if lang is None else (lambda row: row.get("lang") == lang)
    rows = _records(_miranda_rows(path), ("id", "date", "cluster"), keep=wanted)
    dated = _dated(rows, "date", _miranda_date)
    dated.sort(key=lambda pair: (pair[0], str(pair[1]["id"])))
    return [
        (
            StoryDoc(
                id=str(row["id"]),
                arrived=moment,
                title=row.get("title") or "",
                text=row.get("text") or "",
                publisher=row.get("source") or "",
                dateline_place=_dateline_place(row.get("text") or ""),
            ),
            str(row["cluster"]),
        )
        for moment, row in dated
    ]


def load(path: Path, format: str) -> Labelled:
    """The stream at `path` read as `format`; `StreamError` says why it cannot be."""
    loaders = {"gva": gva, "uci": uci, "semeval": semeval, "miranda": miranda}
    if path.is_dir():
        raise StreamError(f"{path} is a folder: give the stream file in it")
    try:
        return loaders[format](path)
    except StreamError as error:
        raise StreamError(f"{path}: {error}") from None
    except UnicodeDecodeError:
        raise StreamError(f"{path}: not UTF-8 text (binary data?)") from None
    except (OSError, EOFError, zlib.error, csv.Error) as error:  # gzip's bad or cut data too
        raise StreamError(f"{path}: cannot be read ({error})") from None


def guess_format(path: Path) -> str:
    name = path.name.casefold()
    if "violent" in name or "gva" in name:
        return "gva"
    if "uci" in name or name.endswith((".csv", ".csv.gz")):
        return "uci"
    if "semeval" in name:
        return "semeval"
    return "miranda"
