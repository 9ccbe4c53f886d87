"""GET /api/publishers and /api/publishers/{slug} (with the originality signals)."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from ninja import Router

from dateline.api.schemas import PublisherDetail, PublisherSummary
from dateline.store import reading
from dateline.store.models import Publisher

router = Router(tags=["publishers"])


@router.get("/publishers", response=list[PublisherSummary])
def list_publishers(request):
    return reading.publisher_list()


@router.get("/publishers/{slug}", response=PublisherDetail)
def get_publisher(request, slug: str):
    """A publisher, how much of it is copied and how late, and its latest articles."""
    return reading.publisher_page(get_object_or_404(Publisher, slug=slug))
