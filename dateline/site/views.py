"""Thin views: parse the request, ask `store.reading` for the data, render it."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_GET, require_POST

from dateline.site.render import render_page
from dateline.store import reading
from dateline.store.engagement import add_reaction, has_reacted, record_read
from dateline.store.models import Article, Publisher


@require_GET
def home(request: HttpRequest, fmt: str | None = None) -> HttpResponse:
    return render_page(request, "site/home.html", reading.home_page(request.visitor), fmt)


@require_GET
def article(
    request: HttpRequest, key: str, slug: str | None = None, fmt: str | None = None
) -> HttpResponse:
    found = get_object_or_404(Article.objects.select_related("publisher"), key=key)
    if fmt is None and slug != found.slug and request.GET.get("format") != "json":
        return redirect(found, permanent=True)
    record_read(found, request.visitor)
    found.refresh_from_db(fields=["reads", "reactions", "heat"])
    data = reading.article_page(found, request.visitor, has_reacted(found, request.visitor))
    return render_page(request, "site/article.html", data, fmt)


@require_POST
def react(request: HttpRequest, key: str) -> HttpResponse:
    found = get_object_or_404(Article, key=key)
    added = add_reaction(found, request.visitor)
    found.refresh_from_db(fields=["reactions"])
    if request.headers.get("Accept", "").startswith("application/json"):
        return JsonResponse({"reactions": found.reactions, "reacted": True, "added": added})
    return redirect(found.get_absolute_url() + "#reactions", permanent=False)


@require_GET
def publisher(request: HttpRequest, slug: str, fmt: str | None = None) -> HttpResponse:
    found = get_object_or_404(Publisher, slug=slug)
    return render_page(request, "site/publisher.html", reading.publisher_page(found), fmt)


@require_GET
def search(request: HttpRequest, fmt: str | None = None) -> HttpResponse:
    query = request.GET.get("q", "")[:200]
    return render_page(request, "site/search.html", reading.search_page(query), fmt)


@require_GET
def status(request: HttpRequest, fmt: str | None = None) -> HttpResponse:
    return render_page(request, "site/status.html", reading.status_page(), fmt)


@require_GET
def about(request: HttpRequest) -> HttpResponse:
    return render_page(request, "site/about.html", {})


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if isinstance(exception, Http404):
        return render_page(request, "site/404.html", {"error": "not found"}, status=404)
    return render_page(request, "site/404.html", {"error": "not found"}, status=404)
