"""Naming the publisher of an article."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.utils.text import slugify

from dateline.store.models import Publisher
from dateline.understand.article import Article

UNKNOWN = "Unknown publisher"


def host_of(url: str | None) -> str:
    host = (urlsplit(url).hostname or "") if url else ""
    return host.removeprefix("www.")


def publisher_identity(article: Article) -> tuple[str, str, str]:
    """(name, slug, domain): the page's own site name when it gives one, else its host."""
    domain = host_of(article.canonical_url or article.url)
    name = (article.site_name or domain or UNKNOWN).strip()[:200]
    slug = slugify(name)[:200] or slugify(domain) or "unknown"
    return name, slug, domain


def publisher_for(article: Article) -> Publisher:
    name, slug, domain = publisher_identity(article)
    publisher, _ = Publisher.objects.get_or_create(
        slug=slug, defaults={"name": name, "domain": domain}
    )
    if domain and not publisher.domain:
        Publisher.objects.filter(pk=publisher.pk).update(domain=domain)
    return publisher
