"""Small news pages made on the spot and stored through the real ingest path."""

from __future__ import annotations

import html
from datetime import datetime

from dateline.gather.page import RawPage
from dateline.store.ingest import ingest_page
from dateline.store.models import Article

# Long enough for the extractor to keep it and for the trace stage to recognise copies.
STORY = [
    "The harbour authority said on Tuesday that the new electric ferry will enter service in "
    "the spring, replacing two diesel boats that have crossed the estuary since the 1980s.",
    "Engineers completed sea trials last week, and the vessel met every target for speed, "
    "range and charging time, according to a report published by the authority.",
    "Commuters have waited years for the change: the old boats were often cancelled in winter "
    "storms, and repairs left the crossing with a single vessel for months at a time.",
    "The ferry carries three hundred passengers and forty bicycles, and its batteries charge "
    "at each end of the route during the ten minutes it takes to load and unload.",
    "Local businesses welcomed the announcement and said that a reliable crossing would bring "
    "more visitors to the old town and its market on both sides of the water.",
]

LANES = [
    "The city council approved a network of protected cycle lanes on Monday evening after a "
    "debate that lasted more than four hours and drew a crowd to the town hall.",
    "Councillors voted seven to two for the plan, which separates bicycles from traffic on the "
    "three main roads into the centre with low concrete kerbs and new crossings.",
    "Shopkeepers on the high street had asked for loading bays to be kept, and the final "
    "design keeps most of them, moving some parking spaces to side streets instead.",
    "Construction starts in March and should take two summers; the council will publish "
    "counts of cyclists and of traffic before and after the work is finished.",
]


def news_page(
    title: str,
    paragraphs: list[str],
    site: str,
    url: str,
    published: str | None = None,
    author: str | None = None,
    language: str = "en",
    description: str | None = None,
    image: str | None = None,
) -> RawPage:
    meta = [f'<meta property="og:site_name" content="{html.escape(site)}">']
    meta.append(f'<link rel="canonical" href="{html.escape(url)}">')
    if published:
        meta.append(f'<meta property="article:published_time" content="{published}">')
    if author:
        meta.append(f'<meta name="author" content="{html.escape(author)}">')
    if description:
        meta.append(f'<meta name="description" content="{html.escape(description)}">')
    if image:
        meta.append(f'<meta property="og:image" content="{html.escape(image)}">')
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    content = (
        f'<html lang="{language}"><head><title>{html.escape(title)}</title>{"".join(meta)}'
        f"</head><body><article><h1>{html.escape(title)}</h1>{body}</article></body></html>"
    )
    return RawPage(origin=url, kind="html", content=content, url=url)


def store(page: RawPage, seen_at: datetime | None = None) -> Article:
    if seen_at is not None:
        page = RawPage(page.origin, page.kind, page.content, page.url, seen_at)
    result = ingest_page(page)
    assert result.status == "imported", result.reason
    return Article.objects.get(key=result.key)


def ferry_story(
    site: str = "Harbour Times", url: str = "https://harbour.example/ferry", **kwargs
) -> RawPage:
    return news_page("Electric ferry to enter service in spring", STORY, site, url, **kwargs)
