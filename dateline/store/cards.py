"""How an article appears in any list: one shape for every page and for the JSON."""

from __future__ import annotations

from datetime import datetime

from dateline.store.models import Article


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
