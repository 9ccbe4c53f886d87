"""The shapes the API returns: the same dicts the pages render, described for OpenAPI."""

from __future__ import annotations

from typing import Any

from ninja import Schema


class PublisherRef(Schema):
    name: str
    url: str


class Card(Schema):
    """An article in a list: the same shape on every page and endpoint."""

    key: str
    title: str
    url: str
    publisher: PublisherRef
    date: str | None
    credit: str | None = None
    dateline_place: str | None = None
    reason: str | None = None


class SearchHit(Card):
    snippet_html: str


class ArticleList(Schema):
    items: list[Card]
    next_cursor: str | None


class SearchResults(Schema):
    query: str
    items: list[SearchHit]
    next_cursor: str | None


class ArticleFields(Card):
    site_name: str | None
    authors: list[str]
    section: str | None
    language: str | None
    claimed_date: str | None
    updated_date: str | None
    first_seen_at: str | None
    original_url: str | None
    canonical_url: str | None
    description: str | None
    image: str | None
    body_html: str
    reads: int
    reactions: int


class Provenance(Schema):
    is_copy: bool
    original: Card | None
    kind: str | None
    containment: float | None
    evidence: str | None
    reason: str | None
    credited_wire: str | None
    date_flags: list[dict[str, Any]]
    date_evidence: list[dict[str, Any]]
    reprints: list[dict[str, Any]]


class ArticleDetail(Schema):
    article: ArticleFields
    provenance: Provenance
    related: list[Card]


class PublisherSummary(Schema):
    name: str
    slug: str
    domain: str
    url: str
    articles: int


class PublisherDetail(Schema):
    publisher: dict[str, Any]
    signals: dict[str, Any]
    articles: list[Card]


class ReactionOut(Schema):
    reactions: int
    added: bool


class SourceOut(Schema):
    id: int
    url: str
    title: str
    active: bool
    last_polled_at: str | None
    last_ok_at: str | None
    next_poll_at: str | None
    last_error: str | None
    consecutive_failures: int
    articles_added: int


class SourceIn(Schema):
    url: str
    title: str = ""


class Message(Schema):
    detail: str
