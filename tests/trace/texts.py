"""Test texts for the trace stage: Wikinews demo articles (CC BY 2.5, shipped with Dateline) and
small invented ones, turned into TraceDocs."""

from __future__ import annotations

import html
import re
from datetime import UTC, datetime, timedelta

from dateline.trace.model import TraceDoc
from tests.paths import DEMO

T0 = datetime(2024, 3, 1, 12, 0, tzinfo=UTC)
_PARAGRAPH = re.compile(r"<p>(.*?)</p>", re.DOTALL)
_TAG = re.compile(r"<[^>]+>")

# The page around a copy on a content farm, as a careless extractor leaves it.
FARM_TOP = [
    "Current:Home > News > World",
    "Excel Wealth Summit",
    "Indexbit View",
    "Date:2025-04-07 02:07:50",
]
FARM_BOTTOM = [
    "veryGood! (1)",
    "Related",
    "- How to watch (and stream) the 2024 Oscars",
    "- Where does menthol cigarette ban stand? Inside the high-stakes battle",
    "- Moving abroad can be expensive: These 5 countries will pay you to move there",
    "Ranking",
    "- Gold ring found in Sweden about 500 years after unlucky person likely lost it",
    "- West Virginia bill letting teachers remove threatening students heads to governor",
]


def wikinews(stem: str) -> list[str]:
    """The body paragraphs of one demo article (its date line left out)."""
    page = (DEMO / f"{stem}.html").read_text(encoding="utf-8")
    return [
        html.unescape(_TAG.sub("", p)).strip() for p in _PARAGRAPH.findall(page) if "<time" not in p
    ]


def doc(
    doc_id: int,
    paragraphs: list[str],
    publisher: str = "example.com",
    minutes: float = 0,
    **fields,
) -> TraceDoc:
    """A TraceDoc first seen `minutes` after T0."""
    return TraceDoc(
        id=doc_id,
        title="",
        text="\n\n".join(paragraphs),
        publisher=publisher,
        first_seen=T0 + timedelta(minutes=minutes),
        **fields,
    )


def wrapped(paragraphs: list[str]) -> list[str]:
    return [*FARM_TOP, *paragraphs, *FARM_BOTTOM]
