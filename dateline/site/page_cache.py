"""Caching the part of the article page that every visitor shares.

The whole HTML page cannot be shared: it carries a per-visitor CSRF token, the visitor's
reaction state and their Recommendation. What is expensive and common to all is the article,
its provenance and its Related list; that dict is cached under the article's version
(`store.reading.article_version`), which changes with reactions and provenance. Because the
version is read from the database row, every worker process sees a change at once; an old
entry is simply never asked for again and expires. Related drifts as new articles arrive,
so entries also expire after `TTL`.
"""

from __future__ import annotations

from collections.abc import Callable

from django.core.cache import cache

from dateline.store.models import Article
from dateline.store.reading import article_version

TTL = 10 * 60


def shared_article_data(article: Article, build: Callable[[Article], dict]) -> dict:
    key = f"dl:article:{article.key}:{article_version(article)}"
    return cache.get_or_set(key, lambda: build(article), TTL)
