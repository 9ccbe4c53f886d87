"""GET /api/search: the site's search, with the same filters and highlighted snippets."""

from __future__ import annotations

from datetime import date

from ninja import Router
from ninja.errors import HttpError

from dateline.api import cursor as cursors
from dateline.api.schemas import SearchResults
from dateline.store import reading

router = Router(tags=["search"])
MAX_LIMIT = 50
MAX_OFFSET = 1000  # deep pages of a relevance ranking are never useful and cost the most


@router.get("/search", response=SearchResults)
def search(
    request,
    q: str,
    since: date | None = None,
    until: date | None = None,
    publisher: str | None = None,
    language: str | None = None,
    originals: bool = False,
    everything: bool = False,
    limit: int = 20,
    cursor: str | None = None,
):
    """Articles containing every word of `q`, best first; `snippet_html` is escaped, with
    `<mark>` around the matches. Pass `next_cursor` back as `cursor` for more. Without
    `since`/`until`, only the newest 100,000 articles are searched unless `everything`."""
    if len(q) > 200:
        raise HttpError(422, "q: at most 200 characters")
    position = cursors.decode(cursor) or {}
    offset = position.get("offset", 0)
    if not isinstance(offset, int) or not 0 <= offset <= MAX_OFFSET:
        raise HttpError(400, "invalid cursor")
    limit = max(1, min(limit, MAX_LIMIT))
    filters = reading.search_filters(since, until, publisher, language, originals, everything)
    items, more = reading.search_window(q, filters, limit=limit, offset=offset)
    more = more and offset + limit <= MAX_OFFSET
    return {
        "query": q,
        "items": items,
        "next_cursor": cursors.encode({"offset": offset + limit}) if more else None,
    }
