"""Following feeds: add one (by its URL or a homepage announcing it), export them all as OPML."""

from __future__ import annotations

from dateline.gather.discover import discover
from dateline.gather.fetch import FetchError, check_url, fetch
from dateline.gather.opml import OpmlFeed, write_opml
from dateline.store.models import Source
from dateline.store.polling import fetch_policy


class FollowError(ValueError):
    """The URL cannot be followed; the message says why."""


def follow(url: str, title: str = "") -> list[tuple[str, bool]]:
    """Follow `url`, or the feeds its page announces; (feed URL, newly added) for each.

    If the URL cannot be fetched now it is followed as given: its errors then show on the
    status page, and it is polled again with backoff, as any failing feed.
    """
    try:
        check_url(url, allow_private=True)  # scheme and host only; the fetch checks addresses
    except FetchError as exc:
        if exc.kind == "refused":
            raise FollowError(str(exc)) from exc
    reached: list[bool] = []

    def get(candidate: str) -> bytes | None:
        try:
            response = fetch(candidate, fetch_policy())
        except FetchError:
            return None
        reached.append(True)
        return response.body if response.status < 400 else None

    found = discover(url, get)
    if not found and reached:
        raise FollowError(f"no feed found at {url}: neither a feed nor a page announcing one")
    feeds = [(link.url, title or link.title) for link in found] or [(url, title)]
    added = []
    for feed_url, feed_title in feeds:
        _, created = Source.objects.get_or_create(url=feed_url, defaults={"title": feed_title})
        added.append((feed_url, created))
    return added


def opml_export() -> str:
    feeds = [OpmlFeed(xml_url=s.url, title=s.title) for s in Source.objects.order_by("url")]
    return write_opml(feeds).decode("utf-8")
