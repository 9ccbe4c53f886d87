"""Browsable API docs (Swagger UI) served from django-ninja's own files, not a CDN.

django-ninja serves its docs from a CDN unless "ninja" is an installed app; ours must work
offline and under our unchanged Content-Security-Policy (`script-src 'self'`, no inline
code), so the page is our template (its settings travel in a JSON data block) and its three
files are streamed from the installed package by `asset`.
"""

from __future__ import annotations

import json
from pathlib import Path

import ninja
from django.conf import settings
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from ninja.openapi.docs import DocsBase

ASSETS_DIR = Path(ninja.__file__).parent / "static" / "ninja"
ASSETS = {
    "swagger-ui.css": "text/css",
    "swagger-ui-bundle.js": "text/javascript",
    "swagger-ui-init.js": "text/javascript",
}


class LocalSwagger(DocsBase):
    def render_page(self, request: HttpRequest, api, **kwargs) -> HttpResponse:
        config = {
            "url": self.get_openapi_url(api, kwargs),
            "layout": "BaseLayout",
            "deepLinking": True,
        }
        response = render(
            request,
            "site/api_docs.html",
            {"api": api, "swagger_settings": json.dumps(config), "asset_url": _asset_url},
        )
        # The site's own policy, unrelaxed: the page loads only our files and runs no inline code.
        response["Content-Security-Policy"] = settings.CONTENT_SECURITY_POLICY
        return response


def _asset_url(name: str) -> str:
    return reverse("api-docs-asset", args=[name])


def asset(request: HttpRequest, name: str) -> FileResponse:
    if name not in ASSETS:
        raise Http404(name)
    response = FileResponse((ASSETS_DIR / name).open("rb"), content_type=ASSETS[name])
    response["Cache-Control"] = "public, max-age=86400"
    return response
