"""Sitemaps: every article and publisher page (with lastmod), and a Google News sitemap.

Django's sitemap framework does the paging and the index; Google News only wants articles
published in the last two days (https://developers.google.com/search/docs/crawling-indexing/
sitemaps/news-sitemap), with the publication's name and language.
"""

from __future__ import annotations

from datetime import timedelta

from django.contrib.sitemaps import Sitemap
from django.db.models import Max, Q
from django.db.models.functions import Coalesce
from django.utils import timezone

from dateline.store.models import Article, Publisher

NEWS_WINDOW = timedelta(days=2)
NEWS_LIMIT = 1000  # Google's cap per news sitemap


class ArticleSitemap(Sitemap):
    limit = 5000

    def items(self):
        return Article.objects.only(
            "key", "slug", "claimed_date", "updated_date", "first_seen_at"
        ).order_by("id")

    def lastmod(self, article: Article):
        return article.updated_date or article.shown_date


class PublisherSitemap(Sitemap):
    def items(self):
        return Publisher.objects.annotate(newest=Max("articles__first_seen_at")).order_by("id")

    def lastmod(self, publisher: Publisher):
        return publisher.newest


class NewsSitemap(Sitemap):
    """Articles of the last two days, by their shown date, with `news:news` details."""

    limit = NEWS_LIMIT

    def items(self):
        since = timezone.now() - NEWS_WINDOW
        shown = Coalesce("claimed_date", "first_seen_at")
        return (
            Article.objects.select_related("publisher")
            .only(
                "key",
                "slug",
                "title",
                "language",
                "claimed_date",
                "first_seen_at",
                "updated_date",
                "publisher__name",
            )
            .annotate(shown=shown)
            .filter(Q(shown__gte=since), Q(shown__lte=timezone.now() + timedelta(hours=1)))
            .order_by("-shown", "-id")
        )

    def lastmod(self, article: Article):
        return article.updated_date or article.shown_date

    def get_urls(self, page=1, site=None, protocol=None):
        urls = super().get_urls(page=page, site=site, protocol=protocol)
        for url in urls:
            article = url["item"]
            url["news"] = {
                "name": article.publisher.name,
                "language": (article.language or "en").split("-")[0].lower(),
                "date": article.shown_date.isoformat(),
                "title": article.title,
            }
        return urls


SITEMAPS = {"articles": ArticleSitemap, "publishers": PublisherSitemap}
NEWS_SITEMAPS = {"news": NewsSitemap}
