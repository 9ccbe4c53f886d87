"""Read and starred state: `edit-tag` and `mark-all-as-read`."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.http import HttpRequest, HttpResponse

from dateline.api import numbers
from dateline.api.greader import ids
from dateline.api.greader.auth import param, params, reader_api
from dateline.api.greader.streams import BadStream, bad_request, resolve
from dateline.api.greader.subscriptions import ok
from dateline.store import reader

POST = frozenset({"POST"})
IGNORED = {"broadcast", "broadcast-friends", "like", "tracking-kept-unread"}


def _changes(added: list[str], removed: list[str]) -> dict[str, bool]:
    """Tag streams added and removed, as values of read / starred; ValueError if unknown."""
    changes: dict[str, bool] = {}
    for tags, on in ((added, True), (removed, False)):
        for tag in tags:
            parsed = ids.parse_stream_id(tag)
            name = parsed.value if parsed and parsed.kind == "state" else None
            if name == "read":
                changes["read"] = on
            elif name == "kept-unread":
                changes["read"] = not on
            elif name == "starred":
                changes["starred"] = on
            elif name not in IGNORED:
                raise ValueError(f"unsupported tag {tag}")
    return changes


@reader_api(POST)
def edit_tag(request: HttpRequest) -> HttpResponse:
    """Add (`a`) or remove (`r`) read / starred on the items `i`."""
    wanted = [pk for pk in map(ids.parse_item_id, params(request, "i")) if pk is not None]
    if not wanted:
        return bad_request("no items")
    try:
        changes = _changes(params(request, "a"), params(request, "r"))
    except ValueError as exc:
        return bad_request(str(exc))
    reader.mark(request.reader_user, wanted, **changes)
    return ok()


def _before(value: str) -> datetime | None:
    """`ts`: microseconds (Google's unit) when it has 16 digits or more, else seconds."""
    number = numbers.whole(value)
    if number is None:
        return None
    if len(value.strip()) >= 16:
        seconds, micro = divmod(number, 1_000_000)  # exact: a float would round
        start = numbers.moment(seconds)
        return start + timedelta(microseconds=micro) if start else None
    # Whole seconds: what was crawled within that second was seen too.
    end = numbers.moment(number + 1)
    return end - timedelta(microseconds=1) if end else None


@reader_api(POST)
def mark_all_as_read(request: HttpRequest) -> HttpResponse:
    user = request.reader_user
    try:
        stream = resolve(user, param(request, "s") or ids.READING_LIST)
    except BadStream:
        return bad_request("unknown stream")
    reader.mark_all_read(user, stream, before=_before(param(request, "ts")))
    return ok()
