"""GET /api/articles (cursor-paginated) and /api/articles/{key}; POST a reaction (token)."""

from __future__ import annotations

from datetime import UTC, datetime

from django.shortcuts import get_object_or_404
from ninja import Router
from ninja.errors import HttpError

from dateline.api import cursor as cursors
from dateline.api.auth import TokenAuth, visitor_of
from dateline.api.schemas import ArticleDetail, ArticleList, ReactionOut
from dateline.api.throttle import BucketThrottle
from dateline.site.page_cache import shared_article_data
from dateline.site.ratelimit import API_WRITES
from dateline.store import reading
from dateline.store.engagement import add_reaction
from dateline.store.models import Article

router = Router(tags=["articles"])
MAX_LIMIT = 100


@router.get("/articles", response=ArticleList)
def list_articles(
    request,
    cursor: str | None = None,
    limit: int = 20,
    publisher: str | None = None,
    originals: bool = False,
):
    """Articles, newest first seen first. Pass `next_cursor` back as `cursor` for the next page."""
    position = cursors.decode(cursor)
    after = None
    if position:
        try:
            moment, last_id = datetime.fromisoformat(position["t"]), int(position["id"])
            if moment.tzinfo is not None:
                moment = moment.astimezone(UTC)  # a year-9999 moment east of UTC overflows
        except (KeyError, TypeError, ValueError, OverflowError) as exc:
            raise HttpError(400, "invalid cursor") from exc
        if not 0 <= last_id < 2**63:
            raise HttpError(400, "invalid cursor")
        after = (moment, last_id)
    items, last = reading.article_list(after, max(1, min(limit, MAX_LIMIT)), publisher, originals)
    next_cursor = cursors.encode({"t": last[0].isoformat(), "id": last[1]}) if last else None
    return {"items": items, "next_cursor": next_cursor}


@router.get("/articles/{key}", response=ArticleDetail)
def get_article(request, key: str):
    """One article with its provenance (copy of what, known reprints), date flags and Related."""
    found = get_object_or_404(reading.article_query(), key=key)
    shared = shared_article_data(found, reading.article_shared)
    counters = {"reads": found.reads, "reactions": found.reactions}
    return {**shared, "article": {**shared["article"], **counters}}


@router.post(
    "/articles/{key}/reactions",
    response=ReactionOut,
    auth=TokenAuth(),
    throttle=BucketThrottle(API_WRITES),
)
def react(request, key: str):
    """Say the article was good, once per token (like a visitor on the site)."""
    found = get_object_or_404(Article, key=key)
    added = add_reaction(found, visitor_of(request.auth))
    found.refresh_from_db(fields=["reactions"])
    return {"reactions": found.reactions, "added": added}
