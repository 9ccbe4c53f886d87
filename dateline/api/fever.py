"""The Fever API (feedafever.com/api, version 3) as FreshRSS and Miniflux serve it.

Reeder, Unread, Fiery Feeds, ReadKit and others POST `api_key=md5("login:password")` to
`/fever/?api` with the wanted parts in the query (`&groups`, `&items&since_id=…`, `&mark=item…`).
Folders are Fever's groups; item ids are article ids. `dateline.store.reader` does the work.
"""

from __future__ import annotations

import zlib
from datetime import datetime, timedelta

from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from dateline.api import numbers
from dateline.site.ratelimit import SIGN_IN, client_id, take, too_many, waiting
from dateline.store import reader

PAGE = 50  # Fever's fixed page size


def group_id(folder: str) -> int:
    """A folder's group id: stable without a table of its own, never 0 (0 means "all")."""
    return zlib.crc32(folder.encode()) % 2_000_000_000 + 1


def _param(request: HttpRequest, name: str) -> str | None:
    if name in request.POST:
        return request.POST[name]
    return request.GET.get(name)


def _has(request: HttpRequest, name: str) -> bool:
    return name in request.GET or name in request.POST


def _int(value: str | None) -> int | None:
    return numbers.whole(value)


def _ids(value: str | None) -> list[int]:
    return [pk for v in (value or "").split(",") if (pk := numbers.whole(v)) is not None][:PAGE]


def _joined(ids: list[int]) -> str:
    return ",".join(map(str, ids))


def _seconds(moment: datetime | None) -> int:
    return int(moment.timestamp()) if moment else 0


@csrf_exempt  # authenticated by the api_key in each request, never by a cookie
@require_http_methods(["GET", "POST"])
def fever(request: HttpRequest) -> JsonResponse:
    # Apps send the key with every call, so only wrong keys spend the sign-in budget; once it
    # is spent no key is checked until it refills (guessing md5(login:password) was unlimited).
    client = client_id(request)
    wait = waiting(SIGN_IN, client)
    if wait:
        return too_many(wait)
    user = reader.user_for_fever_key(_param(request, "api_key") or "")
    if user is None:
        take(SIGN_IN, client)
        # Fever's own answer to a wrong key: 200 with auth 0 (apps read the field, not the status).
        return JsonResponse({"api_version": 3, "auth": 0})
    newest = reader.newest_crawl(user)
    body: dict = {
        "api_version": 3,
        "auth": 1,
        # Apps send this back as `before` when marking a feed read, so it must be the newest
        # item they can have seen, not the clock.
        "last_refreshed_on_time": _seconds(newest or timezone.now()),
    }
    subs = reader.subscriptions(user)
    if _has(request, "groups"):
        body["groups"] = [{"id": group_id(name), "title": name} for name in reader.folders(user)]
        body["feeds_groups"] = _feeds_groups(subs)
    if _has(request, "feeds"):
        body["feeds"] = [_feed(sub) for sub in subs]
        body["feeds_groups"] = _feeds_groups(subs)
    if _has(request, "favicons"):
        body["favicons"] = []
    if _has(request, "links"):
        body["links"] = []
    if _has(request, "mark"):
        _mark(request, user, subs)
    if _has(request, "items"):
        body["total_items"] = reader.total_visible(user)
        body["items"] = [_item(entry) for entry in _items(request, user)]
    if _has(request, "unread_item_ids") or _param(request, "as") in {"read", "unread"}:
        body["unread_item_ids"] = _joined(reader.unread_ids(user))
    if _has(request, "saved_item_ids") or _param(request, "as") in {"saved", "unsaved"}:
        body["saved_item_ids"] = _joined(reader.starred_ids(user))
    return JsonResponse(body)


def _feed(sub: reader.Subscription) -> dict:
    return {
        "id": sub.source_id,
        "favicon_id": 0,
        "title": sub.title,
        "url": sub.url,
        "site_url": "",
        "is_spark": 0,
        "last_updated_on_time": _seconds(sub.last_ok_at),
    }


def _feeds_groups(subs: list[reader.Subscription]) -> list[dict]:
    by_folder: dict[str, list[int]] = {}
    for sub in subs:
        if sub.folder:
            by_folder.setdefault(sub.folder, []).append(sub.source_id)
    return [
        {"group_id": group_id(name), "feed_ids": _joined(ids)} for name, ids in by_folder.items()
    ]


def _items(request: HttpRequest, user) -> list[reader.Item]:
    """50 items: after `since_id` (oldest first), before `max_id` (newest first), `with_ids`,
    or else the newest."""
    visible = reader.visible(user)
    since_id, max_id = _int(_param(request, "since_id")), _int(_param(request, "max_id"))
    if _param(request, "with_ids") is not None:
        return reader.items(user, _ids(_param(request, "with_ids")), oldest_first=True)
    if since_id is not None:
        ids, _ = reader.page(visible, PAGE, after=since_id, oldest_first=True)
        return reader.items(user, ids, oldest_first=True)
    ids, _ = reader.page(visible, PAGE, after=max_id or None)
    return reader.items(user, ids)


def _item(entry: reader.Item) -> dict:
    return {
        "id": entry.id,
        "feed_id": entry.source_id,
        "title": entry.title,
        "author": entry.author,
        "html": entry.html,
        "url": entry.url,
        "is_saved": int(entry.starred),
        "is_read": int(entry.read),
        "created_on_time": _seconds(entry.published),
    }


def _mark(request: HttpRequest, user, subs: list[reader.Subscription]) -> None:
    """`mark=item&as=read|unread|saved|unsaved&id=`, `mark=feed|group&as=read&id=&before=`."""
    target, state, pk = _param(request, "mark"), _param(request, "as"), _int(_param(request, "id"))
    if pk is None:
        return
    if target == "item":
        flags = {
            "read": {"read": True},
            "unread": {"read": False},
            "saved": {"starred": True},
            "unsaved": {"starred": False},
        }.get(state or "")
        if flags:
            reader.mark(user, [pk], **flags)
        return
    if state != "read" or target not in {"feed", "group"}:
        return
    before_seconds = _int(_param(request, "before"))
    # Whole seconds: an item crawled within that second was seen too (it is what
    # last_refreshed_on_time, rounded down, reported).
    end = numbers.moment(before_seconds + 1) if before_seconds else None
    before = end - timedelta(microseconds=1) if end else None  # past year 9999: no bound
    if target == "feed":
        reader.mark_all_read(user, reader.Stream("feed", source_id=pk), before)
    elif pk == 0:  # group 0 is every feed (Fever's "Kindling")
        reader.mark_all_read(user, reader.ALL, before)
    else:
        for name in {sub.folder for sub in subs if sub.folder and group_id(sub.folder) == pk}:
            reader.mark_all_read(user, reader.Stream("folder", folder=name), before)
