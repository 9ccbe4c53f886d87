"""The clean article: what the understand stage produces from one RawPage."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any


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

    @property
    def body_text(self) -> str:
        return "\n\n".join(self.paragraphs)

    def as_json(self) -> dict[str, Any]:
        """The stable, scriptable shape printed by `dateline extract`."""
        data = asdict(self)
        for key in ("claimed_date", "updated_date"):
            value = data[key]
            data[key] = value.isoformat() if value else None
        return data


class ExtractionError(ValueError):
    """The page holds no article we can extract; the message says why."""
