"""The clean article: what the understand stage produces from one RawPage."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any, Literal

from dateline.understand.entities import Entities

EvidenceSource = Literal[
    "meta", "json-ld", "url", "feed", "sitemap", "http-last-modified", "first-seen", "text",
    "claimed",
]  # fmt: skip
# How a value was read: as written, or completed from a reference date (a year-less "Jan. 14",
# a bare month, "on Thursday"); the trace stage weighs inferred values less.
Basis = Literal["stated", "year-inferred", "month", "relative"]


@dataclass(frozen=True)
class DateEvidence:
    """One date said about an article, with where it was found (the meta name, the phrase)."""

    source: EvidenceSource
    value: datetime
    detail: str
    basis: Basis = "stated"

    def as_json(self) -> dict[str, str]:
        return {
            "source": self.source,
            "value": self.value.isoformat(),
            "detail": self.detail,
            "basis": self.basis,
        }


@dataclass
class Article:
    """A page reduced to the article it carries, with the claims it makes about itself.

    Dates are the page's *claims* (what it says); when we first saw it is recorded by the store.
    `paragraphs` is plain text, one entry a paragraph; `body_html` is derived from it and safe.
    """

    title: str
    paragraphs: list[str]
    site_name: str | None = None
    authors: list[str] = field(default_factory=list)
    claimed_date: datetime | None = None
    updated_date: datetime | None = None
    dateline_place: str | None = None
    credit: str | None = None
    language: str | None = None
    url: str | None = None
    canonical_url: str | None = None
    section: str | None = None
    description: str | None = None
    image: str | None = None
    # every date the markup and address give (meta tags, JSON-LD, URL path), not only the chosen one
    date_evidence: list[DateEvidence] = field(default_factory=list)
    # people, places and organisations the title and body name (topic pages, story clustering);
    # None: not read yet (an article built by hand), the store reads them
    entities: Entities | None = None
    # the dates the body refers to, read against `claimed_date` (`text_dates.dates_in_text`),
    # for the trace stage's date checks; None: not read (no claimed date, or built by hand)
    text_dates: list[DateEvidence] | None = None

    @property
    def body_text(self) -> str:
        return "\n\n".join(self.paragraphs)

    def as_json(self) -> dict[str, Any]:
        """The stable, scriptable shape printed by `dateline extract`."""
        data = asdict(self)
        for key in ("claimed_date", "updated_date"):
            value = data[key]
            data[key] = value.isoformat() if value else None
        data["date_evidence"] = [evidence.as_json() for evidence in self.date_evidence]
        if self.text_dates is not None:
            data["text_dates"] = [evidence.as_json() for evidence in self.text_dates]
        if self.entities is not None:  # the names, without the matching keys kept beside them
            data["entities"] = {
                "people": list(self.entities.people),
                "places": list(self.entities.places),
                "organisations": list(self.entities.organisations),
            }
        return data


class ExtractionError(ValueError):
    """The page holds no article we can extract; the message says why."""
