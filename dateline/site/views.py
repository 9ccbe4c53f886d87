"""Thin views: parse the request, ask `store.reading` for the data, render it."""

from __future__ import annotations

from django.contrib.sitemaps import views as sitemap_views
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe

from dateline.site import metadata
from dateline.site.forms import search_form
from dateline.site.front_cache import shared_page
from dateline.site.page_cache import shared_article_data, shared_article_html
from dateline.site.ratelimit import REACTIONS, rate_limited
from dateline.site.read_batch import READS
from dateline.site.render import render_page
from dateline.site.sitemaps import NEWS_SITEMAPS, SITEMAPS
from dateline.site.visitor import known_visitor
from dateline.store import reading
from dateline.store.engagement import add_reaction, has_reacted, record_read
from dateline.store.follows import follows_publisher
from dateline.store.models import Article, Publisher


@require_safe
@shared_page
def home(request: HttpRequest, fmt: str | None = None) -> HttpResponse:
    return render_page(request, "site/home.html", reading.home_page(_known(request)), fmt)


@require_safe
@shared_page
def article(
    request: HttpRequest, key: str, slug: str | None = None, fmt: str | None = None
) -> HttpResponse:
    found = get_object_or_404(reading.article_query(), key=key)
    if fmt is None and slug != found.slug and request.GET.get("format") != "json":
        return redirect(found, permanent=True)
    reading_it = request.method == "GET"  # a HEAD (a link checker, a monitor) reads nothing
    if reading_it and getattr(request, "csrf_slot", False):
        # A new visitor: counted in the batch like a view of the kept page, and joined to their
        # history if they come back (front_cache sets `dl_first`); no write on this request.
        READS.add(found.pk)
        found.reads += 1
    elif reading_it and record_read(found, request.visitor):
        found.reads += 1
    request.read_article = found.pk  # a page kept for new visitors counts their reads too
    shared = shared_article_data(found, reading.article_shared)
    known = _known(request)
    data = reading.article_personal(shared, found, known, bool(known) and has_reacted(found, known))
    extra = {}
    if not fmt and request.GET.get("format") != "json":
        absolute = request.build_absolute_uri
        extra = {
            "shared_html": shared_article_html(found, shared),
            "json_ld": metadata.script_json(metadata.json_ld(data, absolute)),
            "social_meta": metadata.social_meta(data, absolute),
        }
    return render_page(request, "site/article.html", data, fmt, extra=extra)


@require_POST
@rate_limited(REACTIONS)
@known_visitor
def react(request: HttpRequest, key: str) -> HttpResponse:
    found = get_object_or_404(Article, key=key)
    added = add_reaction(found, request.visitor)
    found.refresh_from_db(fields=["reactions"])
    if request.headers.get("Accept", "").startswith("application/json"):
        return JsonResponse({"reactions": found.reactions, "reacted": True, "added": added})
    return redirect(found.get_absolute_url() + "#reactions", permanent=False)


@require_safe
@shared_page
def latest(request: HttpRequest, fmt: str | None = None) -> HttpResponse:
    return render_page(request, "site/latest.html", reading.latest_page(), fmt)


@require_safe
@shared_page
def publisher(request: HttpRequest, slug: str, fmt: str | None = None) -> HttpResponse:
    found = get_object_or_404(Publisher, slug=slug)
    data = reading.publisher_page(found)
    data["following"] = bool(_known(request)) and follows_publisher(request.visitor, found)
    return render_page(request, "site/publisher.html", data, fmt)


@require_safe
@shared_page
def search(request: HttpRequest, fmt: str | None = None) -> HttpResponse:
    form = search_form(request.GET)
    data = reading.search_page(form.query(), form.filters(), form.applied())
    extra = {"form": form, "choices": reading.search_choices()}
    if form.query().strip():
        extra["feed_query"] = request.GET.urlencode()
    return render_page(request, "site/search.html", data, fmt, extra=extra)


@require_safe
def status(request: HttpRequest, fmt: str | None = None) -> HttpResponse:
    return render_page(request, "site/status.html", reading.status_page(), fmt)


@require_safe
def about(request: HttpRequest, fmt: str | None = None) -> HttpResponse:
    return render_page(request, "site/about.html", {"page": "about"}, fmt)


@require_safe
def sitemap_index(request: HttpRequest) -> HttpResponse:
    return sitemap_views.index(
        request,
        SITEMAPS,
        template_name="site/sitemap_index.xml",
        sitemap_url_name="site:sitemap-section",
    )


@require_safe
def sitemap_section(request: HttpRequest, section: str) -> HttpResponse:
    return sitemap_views.sitemap(request, SITEMAPS, section, template_name="site/sitemap.xml")


@require_safe
def news_sitemap(request: HttpRequest) -> HttpResponse:
    return sitemap_views.sitemap(request, NEWS_SITEMAPS, template_name="site/sitemap_news.xml")


@require_safe
def robots(request: HttpRequest) -> HttpResponse:
    context = {
        "sitemap": request.build_absolute_uri(reverse("site:sitemap")),
        "news_sitemap": request.build_absolute_uri(reverse("site:news-sitemap")),
    }
    return render(request, "site/robots.txt", context, content_type="text/plain; charset=utf-8")


def _known(request: HttpRequest) -> str:
    """The visitor, or "" for an id made for this request (nothing read, liked or followed)."""
    return "" if getattr(request, "visitor_is_new", False) else request.visitor


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    # Asked as JSON (".json", ?format=json), answered as JSON: a script reads the error too.
    fmt = ".json" if request.path.endswith(".json") else None
    return render_page(request, "site/404.html", {"error": "not found"}, fmt, status=404)
