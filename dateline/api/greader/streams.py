"""Reading streams: `stream/contents`, `stream/items/ids` and `stream/items/contents`."""

from __future__ import annotations

from datetime import datetime

from django.http import HttpRequest, HttpResponse, JsonResponse

from dateline.api import numbers
from dateline.api.greader import ids, render
from dateline.api.greader.auth import param, params, reader_api
from dateline.store import reader

MAX_IDS = 10_000  # NetNewsWire and Reeder ask for up to 10 000 ids at once
MAX_CONTENTS = 1_000
DEFAULT_COUNT = 20  # Google's default page size

STATE_STREAMS = {"reading-list": "all", "starred": "starred", "read": "read"}


class BadStream(ValueError):
    pass


def resolve(user, stream_id: str) -> reader.Stream:
    """A protocol stream id as a store stream; BadStream when we do not serve it."""
    parsed = ids.parse_stream_id(stream_id)
    if parsed is None:
        raise BadStream(stream_id)
    if parsed.kind == "state" and parsed.value in STATE_STREAMS:
        return reader.Stream(STATE_STREAMS[parsed.value])
    if parsed.kind == "label":
        return reader.Stream("folder", folder=parsed.value)
    if parsed.kind == "feed":
        return reader.Stream("feed", source_id=feed_source(user, parsed.value))
    raise BadStream(stream_id)


def feed_source(user, value: str) -> int | None:
    """`feed/<id>` as we give them out, or Google's own `feed/<feed URL>`."""
    if value.isdigit():  # ours; "feed/²" or a 30-digit one is no feed
        return numbers.whole(value)
    return reader.source_for_url(user, value)


def _time(value: str) -> datetime | None:
    try:
        number = float(value)
    except ValueError:
        return None
    if not number > 0:  # nan too
        return None
    if number >= 1e15:  # some clients send microseconds
        number /= 1_000_000
    return numbers.moment(number)  # None past year 9999 ("inf", "1e300")


def filters(request: HttpRequest) -> reader.Filters:
    """`xt` (exclude) and `it` (include) targets, `ot` / `nt` crawl-time bounds."""
    excluded = {ids.parse_stream_id(t) for t in params(request, "xt")}
    included = {ids.parse_stream_id(t) for t in params(request, "it")}
    state = ids.StreamId
    return reader.Filters(
        exclude_read=state("state", "read") in excluded or state("state", "unread") in included,
        exclude_starred=state("state", "starred") in excluded,
        only_read=state("state", "read") in included or state("state", "unread") in excluded,
        only_starred=state("state", "starred") in included,
        crawled_after=_time(param(request, "ot")),
        crawled_before=_time(param(request, "nt")),
    )


def _count(request: HttpRequest, ceiling: int) -> int:
    count = numbers.whole(param(request, "n"))
    return max(1, min(count, ceiling)) if count is not None else min(DEFAULT_COUNT, ceiling)


def _page(request: HttpRequest, stream_id: str, ceiling: int):
    user = request.reader_user
    found = reader.articles(user, resolve(user, stream_id), filters(request))
    after = param(request, "c")
    return reader.page(
        found,
        _count(request, ceiling),
        after=numbers.whole(after),
        oldest_first=param(request, "r") == "o",
    )


def bad_request(message: str) -> HttpResponse:
    return HttpResponse(message, status=400, content_type="text/plain; charset=utf-8")


@reader_api()
def contents(request: HttpRequest, stream_id: str = "") -> HttpResponse:
    """A stream's items with their content. The stream is in the path, or in `s` (FeedMe)."""
    stream_id = stream_id or param(request, "s") or ids.READING_LIST
    try:
        page_ids, continuation = _page(request, stream_id, MAX_CONTENTS)
    except BadStream:
        return bad_request(f"unknown stream {stream_id}")
    user = request.reader_user
    entries = reader.items(user, page_ids, oldest_first=param(request, "r") == "o")
    body = {
        "direction": "ltr",
        "id": stream_id,
        "title": stream_id,
        "updated": render.seconds(reader.newest_crawl(user)),
        "items": [render.item(e) for e in entries],
    }
    if continuation is not None:
        body["continuation"] = str(continuation)
    return JsonResponse(body)


@reader_api()
def item_ids(request: HttpRequest) -> HttpResponse:
    """Ids only, short (decimal) form: how NetNewsWire and Reeder learn what to fetch."""
    stream_id = param(request, "s") or ids.READING_LIST
    try:
        page_ids, continuation = _page(request, stream_id, MAX_IDS)
    except BadStream:
        return bad_request(f"unknown stream {stream_id}")
    body: dict = {"itemRefs": [{"id": str(pk)} for pk in page_ids]}
    if continuation is not None:
        body["continuation"] = str(continuation)
    return JsonResponse(body)


@reader_api()
def item_contents(request: HttpRequest) -> HttpResponse:
    """The items named by repeated `i` parameters, in any id form."""
    wanted = [pk for pk in map(ids.parse_item_id, params(request, "i")) if pk is not None]
    user = request.reader_user
    entries = reader.items(user, wanted[:MAX_CONTENTS], oldest_first=param(request, "r") == "o")
    return JsonResponse(
        {
            "direction": "ltr",
            "id": ids.READING_LIST,
            "title": "Reading list",
            "updated": render.seconds(reader.newest_crawl(user)),
            "items": [render.item(e) for e in entries],
        }
    )
