"""One view, two renderings: the same data dict becomes an HTML page or its JSON."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from dateline.site.front_cache import CSRF_SLOT


def wants_json(request: HttpRequest, fmt: str | None) -> bool:
    return fmt == ".json" or request.GET.get("format") == "json"


def render_page(
    request: HttpRequest,
    template: str,
    data: dict,
    fmt: str | None = None,
    status: int = 200,
    extra: dict | None = None,
) -> HttpResponse:
    """`extra` is for the HTML only (forms, page metadata): the JSON is exactly `data`."""
    if wants_json(request, fmt):
        response: HttpResponse = JsonResponse(
            data, status=status, json_dumps_params={"ensure_ascii": False}
        )
    else:
        context = {"data": data, **data, **(extra or {})}
        if getattr(request, "csrf_slot", False):
            # A visitor without cookies: the form tokens are filled in as the page leaves, so
            # the page can be kept and served again (site.front_cache).
            context["csrf_token"] = CSRF_SLOT
        response = render(request, template, context, status=status)
    response["Content-Security-Policy"] = settings.CONTENT_SECURITY_POLICY
    return response
