"""What the gather stage hands to the understand stage: one page as it was found."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

PageKind = Literal["html", "text"]
GatherDateSource = Literal["feed", "sitemap"]


@dataclass(frozen=True)
class RawPage:
    """One page before extraction.

    `origin` says where it came from (a file path, ``path#record-3`` inside a WARC, or the
    fetched URL) so that a failure can be reported against something a person can find.
    """

    origin: str
    kind: PageKind
    content: str
    url: str | None = None
    fetched_at: datetime | None = None
    headers: dict[str, str] = field(default_factory=dict)
    # Dates the gatherer saw beside the page: (source, value, detail), source being "feed" or
    # "sitemap", e.g. ("feed", <pubDate>, "the feed's pubDate"). The HTTP Last-Modified header
    # is read from `headers` by the understand stage.
    dates: tuple[tuple[GatherDateSource, datetime, str], ...] = ()


@dataclass(frozen=True)
class PageError:
    """A file, archive record or URL we could not turn into a page, and why."""

    origin: str
    reason: str
