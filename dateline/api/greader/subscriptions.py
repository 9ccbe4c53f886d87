"""Who the user is and what they read: user-info, subscriptions, folders, unread counts."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse

from dateline.api.greader import ids, render
from dateline.api.greader.auth import param, params, reader_api
from dateline.api.greader.streams import bad_request, feed_source
from dateline.store import reader
from dateline.store.following import FollowError

POST = frozenset({"POST"})


def ok() -> HttpResponse:
    return HttpResponse("OK", content_type="text/plain; charset=utf-8")


@reader_api(frozenset({"GET"}))
def user_info(request: HttpRequest) -> HttpResponse:
    user = request.reader_user
    return JsonResponse(
        {
            "userId": str(user.pk),
            "userName": user.get_username(),
            "userProfileId": str(user.pk),
            "userEmail": user.email or user.get_username(),
        }
    )


@reader_api(frozenset({"GET"}))
def subscription_list(request: HttpRequest) -> HttpResponse:
    subs = reader.subscriptions(request.reader_user)
    return JsonResponse({"subscriptions": [render.subscription(s) for s in subs]})


@reader_api(frozenset({"GET"}))
def tag_list(request: HttpRequest) -> HttpResponse:
    tags = [{"id": ids.STARRED}]
    tags += [
        {"id": ids.label_stream_id(name), "label": name, "type": "folder"}
        for name in reader.folders(request.reader_user)
    ]
    return JsonResponse({"tags": tags})


@reader_api(frozenset({"GET"}))
def unread_count(request: HttpRequest) -> HttpResponse:
    feeds, folders, total = reader.unread_counts(request.reader_user)
    counts = [
        {
            "id": stream_id,
            "count": unread.count,
            "newestItemTimestampUsec": str(render.microseconds(unread.newest)),
        }
        for stream_id, unread in [
            *((ids.feed_stream_id(pk), c) for pk, c in feeds.items()),
            *((ids.label_stream_id(name), c) for name, c in folders.items()),
            (ids.READING_LIST, total),
        ]
    ]
    return JsonResponse({"max": total.count, "unreadcounts": counts})


def _folder(stream_id: str) -> str | None:
    parsed = ids.parse_stream_id(stream_id) if stream_id else None
    return parsed.value if parsed and parsed.kind == "label" else None


def _source_id(user, stream_id: str) -> int | None:
    parsed = ids.parse_stream_id(stream_id)
    if parsed is None or parsed.kind != "feed":
        return None
    return feed_source(user, parsed.value)


@reader_api(POST)
def subscription_edit(request: HttpRequest) -> HttpResponse:
    """`ac=subscribe|unsubscribe|edit` for the feeds in `s`; `t` title, `a`/`r` folder."""
    user = request.reader_user
    action, streams = param(request, "ac"), params(request, "s")
    title = param(request, "t") or None
    add, remove = _folder(param(request, "a")), _folder(param(request, "r"))
    if not streams or action not in {"subscribe", "unsubscribe", "edit"}:
        return bad_request("ac and s are required")
    if action == "subscribe":
        url = streams[0].removeprefix("feed/")
        try:
            reader.subscribe(user, url, title=title or "", folder=add or "")
        except FollowError as exc:
            return bad_request(str(exc))
        return ok()
    for stream_id in streams:
        source_id = _source_id(user, stream_id)
        if source_id is None:
            return bad_request(f"not a subscribed feed: {stream_id}")
        if action == "unsubscribe":
            done = reader.unsubscribe(user, source_id)
        else:
            # Removing the folder a feed is in, without naming another, leaves it in none.
            folder = add if add is not None else ("" if remove is not None else None)
            done = reader.edit_subscription(user, source_id, title=title, folder=folder)
        if not done:
            return bad_request(f"not a subscribed feed: {stream_id}")
    return ok()


@reader_api(POST)
def quickadd(request: HttpRequest) -> HttpResponse:
    url = param(request, "quickadd").strip().removeprefix("feed/")
    try:
        sub = reader.subscribe(request.reader_user, url)
    except FollowError as exc:
        return JsonResponse({"numResults": 0, "error": str(exc)})
    return JsonResponse(
        {
            "numResults": 1,
            "query": url,
            "streamId": ids.feed_stream_id(sub.source_id),
            "streamName": sub.title,
        }
    )


@reader_api(POST)
def rename_tag(request: HttpRequest) -> HttpResponse:
    old, new = _folder(param(request, "s")), _folder(param(request, "dest"))
    if not old or not new:
        return bad_request("s and dest must be labels")
    return ok() if reader.rename_folder(request.reader_user, old, new) else bad_request("no such")


@reader_api(POST)
def disable_tag(request: HttpRequest) -> HttpResponse:
    """Delete a folder: its feeds stay subscribed, in no folder."""
    old = _folder(param(request, "s"))
    if not old:
        return bad_request("s must be a label")
    return ok() if reader.rename_folder(request.reader_user, old, "") else bad_request("no such")
