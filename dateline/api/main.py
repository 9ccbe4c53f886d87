"""The JSON API at /api/: OpenAPI at /api/openapi.json, browsable docs at /api/docs.

Thin like the site's views: every endpoint calls the same `store` functions as the pages.
Reads are open; writes (reactions, sources) need a token and are rate limited.
"""

from __future__ import annotations

from ninja import NinjaAPI

from dateline.api import articles, publishers, search, sources
from dateline.api.docs import LocalSwagger

api = NinjaAPI(
    title="Dateline API",
    version="1",
    description=(
        "Articles with their provenance, publishers with their originality signals, search, "
        "reactions and the feeds Dateline follows. Writes need `Authorization: Bearer <token>` "
        "(create one with `dateline token create NAME`). Lists use opaque cursors: pass "
        "`next_cursor` back as `cursor`."
    ),
    docs=LocalSwagger(),
    urls_namespace="api",
)
for module in (articles, publishers, search, sources):
    api.add_router("/", module.router)
