"""The feeds Dateline follows: GET /api/sources; add and remove them with a token."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from ninja import Router, Status
from ninja.errors import HttpError

from dateline.api.auth import TokenAuth
from dateline.api.schemas import SourceIn, SourceOut
from dateline.api.throttle import BucketThrottle
from dateline.site.ratelimit import API_WRITES
from dateline.store import reading
from dateline.store.following import add_feed, feed_url_problem
from dateline.store.models import Source

router = Router(tags=["sources"])
WRITE = {"auth": TokenAuth(), "throttle": BucketThrottle(API_WRITES)}


@router.get("/sources", response=list[SourceOut])
def list_sources(request):
    """Each feed with its health, as on the Sources page."""
    return reading.status_page()["sources"]


@router.post("/sources", response={201: SourceOut, 200: SourceOut}, **WRITE)
def add_source(request, payload: SourceIn):
    """Follow a feed (http or https; the poller checks the address before each fetch).
    201 when added, 200 when it was already followed."""
    problem = feed_url_problem(payload.url)
    if problem is not None:
        raise HttpError(422, f"url: {problem}")
    # The check and the write are `dateline feeds add`'s, without the fetch `following.follow`
    # makes to find a homepage's feeds.
    url, created = add_feed(payload.url, payload.title)
    source_id = Source.objects.values_list("pk", flat=True).get(url=url)
    row = next(s for s in reading.status_page()["sources"] if s["id"] == source_id)
    return Status(201 if created else 200, row)


@router.delete("/sources/{source_id}", response={204: None}, **WRITE)
def remove_source(request, source_id: int):
    """Stop following a feed. Articles already gathered from it stay."""
    get_object_or_404(Source, pk=source_id).delete()
    return Status(204, None)
