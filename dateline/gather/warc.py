"""Pages inside WARC archives (web crawls): each HTML response record becomes a RawPage."""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from dateline.gather.decode import NotTextError, decode_page
from dateline.gather.page import PageError, RawPage
from dateline.gather.urls import web_url

MAX_RECORD_BYTES = 10 * 1024 * 1024


def iter_warc_pages(path: Path) -> Iterator[RawPage | PageError]:
    """HTML responses with status 200 in a WARC file; other records are skipped silently (a
    crawl of images or of revisits is a whole archive without a page). One cut short (a copy
    that stopped) says where: its whole records are read, the one it ends inside is not."""
    with path.open("rb") as stream:
        records = 0
        archive = ArchiveIterator(stream)
        reading = iter(archive)
        while True:
            try:
                record = next(reading)
            except StopIteration:
                break
            except ArchiveLoadFailed as exc:
                yield PageError(str(path), f"not a readable WARC file: {exc}")
                return
            except (AttributeError, ValueError, EOFError, OSError, zlib.error):
                # warcio trips over a header block the file ends inside (a target URI unread)
                yield PageError(str(path), f"the archive is cut short inside record {records + 1}")
                return
            if record.format != "warc" or not record.rec_headers.headers:
                break  # warcio reads any text as an old ARC "record", trailing blank lines as one
            found = _page(path, records + 1, record)
            if record.rec_type is None or _cut_short(record):  # its page is a part, if any
                yield PageError(str(path), f"the archive is cut short inside record {records + 1}")
                return
            records += 1
            if found is not None:
                yield found
        if records and _left_over(stream, archive.offset):
            yield PageError(str(path), f"the archive is cut short after record {records}")
        elif records == 0:
            yield PageError(str(path), "not a WARC file: no WARC records found")


def _left_over(stream, offset: int) -> bool:
    """Bytes after the last record warcio could read: the start of one the file ends inside
    (trailing blank lines are not that)."""
    stream.seek(offset)
    return bool(stream.read(4096).strip(b"\r\n\t \x00"))


def _page(path: Path, number: int, record) -> RawPage | PageError | None:
    """The record's page if it is an HTML response with status 200, else None."""
    if record.rec_type != "response" or record.http_headers is None:
        return None
    origin = f"{path}#record-{number}"
    status = record.http_headers.get_statuscode()
    content_type = (record.http_headers.get_header("Content-Type") or "").lower()
    if status != "200" or "html" not in content_type:
        return None
    body = record.content_stream().read(MAX_RECORD_BYTES + 1)
    if len(body) > MAX_RECORD_BYTES:
        return PageError(origin, "record larger than 10 MB")
    try:
        text = decode_page(body, _charset(content_type))
    except NotTextError as exc:
        return PageError(origin, str(exc))
    return RawPage(
        origin=origin,
        kind="html",
        content=text,
        # A target that is no web address ("http://[::1/x") is no URL for the page.
        url=web_url(record.rec_headers.get_header("WARC-Target-URI")),
        fetched_at=_warc_date(record.rec_headers.get_header("WARC-Date")),
    )


def _cut_short(record) -> bool:
    """Whether the file ends before the record's declared length (warcio reads what there is):
    what is left of it is read first, as the iterator would to reach the next record."""
    raw = record.raw_stream
    if not hasattr(raw, "limit"):
        return True  # no length read: the header block it ends inside had not given it yet
    while raw.read(1 << 16):
        pass
    return raw.limit > 0


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
