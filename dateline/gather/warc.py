"""Pages inside WARC archives (web crawls): each HTML response record becomes a RawPage."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from dateline.gather.decode import NotTextError, decode_page
from dateline.gather.page import PageError, RawPage

MAX_RECORD_BYTES = 10 * 1024 * 1024


def iter_warc_pages(path: Path) -> Iterator[RawPage | PageError]:
    """HTML responses with status 200 in a WARC file; other records are skipped silently."""
    with path.open("rb") as stream:
        try:
            records = 0
            for number, record in enumerate(ArchiveIterator(stream), start=1):
                if record.format != "warc":  # warcio reads any text as an old ARC "record"
                    break
                records += 1
                if record.rec_type != "response" or record.http_headers is None:
                    continue
                origin = f"{path}#record-{number}"
                status = record.http_headers.get_statuscode()
                content_type = (record.http_headers.get_header("Content-Type") or "").lower()
                if status != "200" or "html" not in content_type:
                    continue
                body = record.content_stream().read(MAX_RECORD_BYTES + 1)
                if len(body) > MAX_RECORD_BYTES:
                    yield PageError(origin, "record larger than 10 MB")
                    continue
                try:
                    text = decode_page(body, _charset(content_type))
                except NotTextError as exc:
                    yield PageError(origin, str(exc))
                    continue
                yield RawPage(
                    origin=origin,
                    kind="html",
                    content=text,
                    url=record.rec_headers.get_header("WARC-Target-URI"),
                    fetched_at=_warc_date(record.rec_headers.get_header("WARC-Date")),
                )
            if records == 0:
                yield PageError(str(path), "not a WARC file: no WARC records found")
        except ArchiveLoadFailed as exc:
            yield PageError(str(path), f"not a readable WARC file: {exc}")


def _charset(content_type: str) -> str | None:
    for part in content_type.split(";"):
        key, _, value = part.strip().partition("=")
        if key == "charset" and value:
            return value.strip("\"' ")
    return None


def _warc_date(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
