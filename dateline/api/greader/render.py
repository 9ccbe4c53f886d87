"""Store items and subscriptions as the JSON shapes Google Reader clients decode."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

from dateline.api.greader import ids
from dateline.store.reader import Item, Subscription


def seconds(moment: datetime | None) -> int:
    return int(moment.timestamp()) if moment else 0


EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def microseconds(moment: datetime | None) -> int:
    # Exact integer arithmetic: apps send this back as `ts`, and a float would round.
    return (moment - EPOCH) // timedelta(microseconds=1) if moment else 0


def categories(folder: str) -> list[dict]:
    return [{"id": ids.label_stream_id(folder), "label": folder}] if folder else []


def subscription(sub: Subscription) -> dict:
    parts = urlsplit(sub.url)
    return {
        "id": ids.feed_stream_id(sub.source_id),
        "title": sub.title,
        "categories": categories(sub.folder),
        "url": sub.url,
        # Sources keep no homepage; the feed's site root is what apps show and open.
        "htmlUrl": f"{parts.scheme}://{parts.netloc}/" if parts.netloc else "",
        "iconUrl": "",
    }


def item(entry: Item) -> dict:
    crawled_us = microseconds(entry.crawled)
    tags = [ids.READING_LIST]
    if entry.folder:
        tags.append(ids.label_stream_id(entry.folder))
    if entry.read:
        tags.append(ids.READ)
    if entry.starred:
        tags.append(ids.STARRED)
    found = {
        "id": ids.long_item_id(entry.id),
        "crawlTimeMsec": str(crawled_us // 1000),
        "timestampUsec": str(crawled_us),
        "published": seconds(entry.published),
        "updated": seconds(entry.updated),
        "title": entry.title,
        "canonical": [{"href": entry.canonical_url}],
        "alternate": [{"href": entry.url, "type": "text/html"}],
        "summary": {"direction": "ltr", "content": entry.html},
        "content": {"direction": "ltr", "content": entry.html},
        "categories": tags,
        "origin": {
            "streamId": ids.feed_stream_id(entry.source_id),
            "title": entry.source_title,
            "htmlUrl": entry.source_url,
        },
    }
    if entry.author:
        found["author"] = entry.author
    return found
