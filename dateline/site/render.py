"""One view, two renderings: the same data dict becomes an HTML page or its JSON."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render


def wants_json(request: HttpRequest, fmt: str | None) -> bool:
    return fmt == ".json" or request.GET.get("format") == "json"


def render_page(
    request: HttpRequest, template: str, data: dict, fmt: str | None = None, status: int = 200
) -> HttpResponse:
    if wants_json(request, fmt):
        response: HttpResponse = JsonResponse(
            data, status=status, json_dumps_params={"ensure_ascii": False}
        )
    else:
        response = render(request, template, {"data": data, **data}, status=status)
    response["Content-Security-Policy"] = settings.CONTENT_SECURITY_POLICY
    return response
