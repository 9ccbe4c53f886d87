"""Caching the part of the article page that every visitor shares.

The whole HTML page cannot be shared with readers who have a cookie: it carries their CSRF
token, reaction state and Recommendation (new visitors get whole pages: `front_cache`). What is
expensive and common to all is the article, its provenance and its Related list; that dict,
and its HTML, are cached under the article's version
(`store.reading.article_version`), which changes with reactions and provenance. Because the
version is read from the database row, every worker process sees a change at once; an old
entry is simply never asked for again and expires. Related drifts as new articles arrive,
so entries also expire after `TTL`.
"""

from __future__ import annotations

from collections.abc import Callable

from django.core.cache import cache
from django.template.loader import render_to_string

from dateline.store.models import Article
from dateline.store.reading import article_version

TTL = 10 * 60


def shared_article_data(article: Article, build: Callable[[Article], dict]) -> dict:
    key = f"dl:article:{article.key}:{article_version(article)}"
    return cache.get_or_set(key, lambda: build(article), TTL)


def shared_article_html(article: Article, shared: dict) -> dict[str, str]:
    """The shared part rendered once: before the reaction form ("top") and after the article
    ("bottom"). Rendering it was a third of a returning reader's article page."""

    def render() -> dict[str, str]:
        return {
            "top": render_to_string("site/_article_top.html", shared),
            "bottom": render_to_string("site/_article_bottom.html", shared),
        }

    key = f"dl:article-html:{article.key}:{article_version(article)}"
    return cache.get_or_set(key, render, TTL)
