"""The data the trace stage works on and produces. Plain dataclasses: no database in here.

The store turns its rows into `TraceDoc`s, asks the trace functions, and saves what they return.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

CopyKind = Literal["copy", "partial"]


@dataclass(frozen=True)
class TraceDoc:
    """One article as the trace stage sees it."""

    id: int
    title: str
    text: str  # the body, paragraphs joined by blank lines
    publisher: str  # a stable publisher name (the site name or host)
    first_seen: datetime  # aware; when we (or the crawl we imported) first saw it
    claimed: datetime | None = None  # aware; the date the page claims
    credit: str | None = None  # wire credit found in the text: "AP", "Reuters", "AFP"...
    # The store's current original of this article's copy group; None when it is an original.
    original_id: int | None = None


@dataclass(frozen=True)
class CopyRelation:
    """`copy_id` reproduces text of `source_id` (the earlier of the two)."""

    copy_id: int
    source_id: int
    kind: CopyKind  # "copy": most of the copy's text is the source's; "partial": quotes a part
    containment: float  # share of the copy's shingles found in the source, 0..1
    coverage: float  # share of the source's shingles found in the copy, 0..1
    evidence: str  # one sentence a reader can check, e.g. "92% of its text is in X's article"


@dataclass(frozen=True)
class Provenance:
    """What we can say about where an article's text comes from."""

    article_id: int
    original_id: (
        int | None
    )  # the earliest credible version in the store; None if it is the original
    wire: str | None  # the wire agency its text credits, if any
    relations: list[CopyRelation] = field(default_factory=list)
    reason: str = ""
    # Previous originals of the groups this article joins, when trace names another original (the
    # wire's own copy arriving after a reprint; a version bridging two groups of one text):
    # re-point each of those groups at the new original.
    supersedes: tuple[int, ...] = ()
