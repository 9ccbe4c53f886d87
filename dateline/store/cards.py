"""How an article appears in any list: one shape for every page and for the JSON."""

from __future__ import annotations

from datetime import datetime

from django.db.models import QuerySet

from dateline.store.models import Article

# Columns no card shows, and the largest of a row: a list of cards loads them for nothing (the
# terms are JSON decoded per row, the bodies are most of the bytes).
HEAVY = ("body_text", "body_html", "terms")


def light(query: QuerySet[Article], *relations: str) -> QuerySet[Article]:
    """`query` without the heavy columns, on the article and on each related article named."""
    return query.defer(*HEAVY, *(f"{rel}__{column}" for rel in relations for column in HEAVY))


def card(article: Article, reason: str | None = None) -> dict:
    return {
        "key": article.key,
        "title": article.title,
        "url": article.get_absolute_url(),
        "publisher": {"name": article.publisher.name, "url": article.publisher.get_absolute_url()},
        "date": iso(article.shown_date),
        "credit": article.credit or None,
        "dateline_place": article.dateline_place or None,
        "reason": reason,
    }


def iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None
