"""Reader apps' service layer: credentials, subscriptions, streams and read/starred state.

The Google Reader and Fever views (`dateline.api.greader`, `dateline.api.fever`) only parse and
render; everything they read or write goes through here, and this is the only module that
writes the reader tables.

A user's *reading list* is every article that reached us through a feed they subscribe to
(`FeedItem` links feed entries to articles), newest first. Article ids are the item ids of both
protocols, so they are stable and "newest first" is "highest id first": ids are given out in
arrival order. Continuations are the last id of a page, so a page never repeats or skips an item
when new articles arrive between two requests.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import check_password, make_password
from django.db import transaction
from django.db.models import Max, Q, QuerySet
from django.utils import timezone

from dateline.store.following import follow
from dateline.store.models import (
    Article,
    FeedItem,
    ReaderAccount,
    ReaderItemState,
    ReaderKey,
    ReaderSubscription,
    Source,
)

User = get_user_model()
BATCH = 500  # state rows written per statement when marking many articles at once
USE_RESOLUTION = timedelta(minutes=1)  # how exactly a key's last use is kept


# --- Credentials --------------------------------------------------------------------------------


def digest(secret: str) -> str:
    # Auth tokens are random; Fever keys derive from the reader password, which the CLI
    # generates at random unless the operator chooses one. A plain SHA-256 is enough for both.
    return hashlib.sha256(secret.encode()).hexdigest()


def fever_key(login: str, password: str) -> str:
    """The Fever `api_key` an app computes from what its user typed: md5("login:password")."""
    return hashlib.md5(f"{login}:{password}".encode()).hexdigest()


@transaction.atomic
def set_password(user, password: str) -> None:
    """Set the user's reader password; apps signed in with the old one must sign in again."""
    ReaderAccount.objects.update_or_create(
        user=user, defaults={"password_hash": make_password(password)}
    )
    ReaderKey.objects.filter(user=user).delete()
    # Apps ask for an "email" or a "username": either works as the Fever login.
    logins = {user.get_username(), user.email} - {""}
    ReaderKey.objects.bulk_create(
        ReaderKey(user=user, kind=ReaderKey.FEVER, digest=digest(fever_key(login, password)))
        for login in sorted(logins)
    )


def revoke(user) -> bool:
    """Sign every app out and remove the reader password; subscriptions and state stay."""
    keys = ReaderKey.objects.filter(user=user).delete()[0]
    return bool(ReaderAccount.objects.filter(user=user).delete()[0] or keys)


@transaction.atomic
def forget(user) -> int:
    """Delete everything reader apps left about the user: access, subscriptions, state."""
    revoke(user)
    return forget_reading(user)


def forget_reading(user) -> int:
    """Delete what the user's reader apps followed, read and starred; their access stays."""
    subs = ReaderSubscription.objects.filter(user=user).delete()[0]
    return subs + ReaderItemState.objects.filter(user=user).delete()[0]


LOGIN_CHARS = 254  # the longest an email address may be; usernames are shorter


def check_login(login: str, password: str):
    """The user whose reader password this is (login: username or email), else None."""
    # A 60,000-character "email" made SQLite's LIKE give up ("pattern too complex"): a 500
    # before any check. No account has such a name.
    fits = 0 < len(login) <= LOGIN_CHARS
    account = (
        ReaderAccount.objects.select_related("user")
        .filter(Q(user__username=login) | Q(user__email__iexact=login), user__is_active=True)
        .first()
        if fits
        else None
    )
    if account is None:
        make_password(password)  # same work either way: timing does not tell which users exist
        return None
    return account.user if check_password(password, account.password_hash) else None


def issue_token(user) -> str:
    """A new auth token for one app; only its digest is kept."""
    token = secrets.token_hex(24)  # hex only: clients split the ClientLogin lines on "="
    ReaderKey.objects.create(user=user, kind=ReaderKey.TOKEN, digest=digest(token))
    return token


def user_for_token(token: str):
    return _user_for(ReaderKey.TOKEN, token)


def user_for_fever_key(api_key: str):
    return _user_for(ReaderKey.FEVER, api_key.strip().lower())


def _user_for(kind: str, secret: str):
    if not secret:
        return None
    key = (
        ReaderKey.objects.select_related("user")
        .filter(kind=kind, digest=digest(secret), user__is_active=True)
        .first()
    )
    if key is None:
        return None
    now = timezone.now()
    if key.last_used_at is None or now - key.last_used_at > USE_RESOLUTION:
        # Apps make dozens of calls a sync: one write a minute is enough to tell "in use".
        ReaderKey.objects.filter(pk=key.pk).update(last_used_at=now)
    return key.user


# --- Subscriptions ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Subscription:
    source_id: int
    url: str
    title: str
    folder: str
    last_ok_at: datetime | None


def subscriptions(user) -> list[Subscription]:
    rows = ReaderSubscription.objects.filter(user=user).select_related("source")
    found = [
        Subscription(
            r.source_id,
            r.source.url,
            r.title or r.source.title or r.source.url,
            r.folder,
            r.source.last_ok_at,
        )
        for r in rows
    ]
    return sorted(found, key=lambda s: (s.folder.lower(), s.title.lower(), s.source_id))


def folders(user) -> list[str]:
    names = ReaderSubscription.objects.filter(user=user).exclude(folder="")
    return sorted(set(names.values_list("folder", flat=True)), key=str.lower)


def subscribe(user, url: str, title: str = "", folder: str = "") -> Subscription:
    """Follow `url` (a feed, or a page announcing one) for everyone, and subscribe the user.

    Raises `following.FollowError` when the URL cannot be followed.
    """
    feed_url, _ = follow(url, title)[0]  # a page announcing several feeds: its first one
    source = Source.objects.get(url=feed_url)
    _, created = ReaderSubscription.objects.get_or_create(
        user=user, source=source, defaults={"title": title[:300], "folder": folder[:200]}
    )
    if not created and (title or folder):
        edit_subscription(user, source.pk, title=title or None, folder=folder or None)
    return next(s for s in subscriptions(user) if s.source_id == source.pk)


def edit_subscription(
    user, source_id: int, title: str | None = None, folder: str | None = None
) -> bool:
    changes = {}
    if title is not None:
        changes["title"] = title[:300]
    if folder is not None:
        changes["folder"] = folder[:200]
    rows = ReaderSubscription.objects.filter(user=user, source_id=source_id)
    return bool(rows.update(**changes)) if changes else rows.exists()


def unsubscribe(user, source_id: int) -> bool:
    """Stop reading a feed. The feed itself stays followed: other people may read it."""
    return bool(ReaderSubscription.objects.filter(user=user, source_id=source_id).delete()[0])


def rename_folder(user, old: str, new: str) -> int:
    return ReaderSubscription.objects.filter(user=user, folder=old).update(folder=new[:200])


def source_for_url(user, url: str) -> int | None:
    """The id of the subscribed feed with this URL (Google's own `feed/<url>` stream ids)."""
    return (
        ReaderSubscription.objects.filter(user=user, source__url=url)
        .values_list("source_id", flat=True)
        .first()
    )


# --- Streams ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Stream:
    """Which articles: `all` (the reading list), `starred`, `read`, `feed` or `folder`."""

    kind: str
    source_id: int | None = None
    folder: str = ""


@dataclass(frozen=True)
class Filters:
    exclude_read: bool = False
    exclude_starred: bool = False
    only_read: bool = False
    only_starred: bool = False
    crawled_after: datetime | None = None
    crawled_before: datetime | None = None


ALL = Stream("all")


def _subscribed_sources(user) -> QuerySet:
    return ReaderSubscription.objects.filter(user=user).values("source_id")


def _states(user, **flags) -> QuerySet:
    return ReaderItemState.objects.filter(user=user, **flags).values("article_id")


def _from_sources(sources: QuerySet) -> QuerySet:
    items = FeedItem.objects.filter(source_id__in=sources, article__isnull=False)
    return Article.objects.filter(pk__in=items.values("article_id"))


def articles(user, stream: Stream = ALL, filters: Filters = Filters()) -> QuerySet:
    """The articles of a stream as a query, not yet ordered or cut into pages."""
    subscribed = _subscribed_sources(user)
    if stream.kind == "starred":
        found = Article.objects.filter(pk__in=_states(user, starred=True))
    elif stream.kind == "read":
        found = Article.objects.filter(pk__in=_states(user, read=True))
    elif stream.kind == "feed":
        found = _from_sources(subscribed.filter(source_id=stream.source_id))
    elif stream.kind == "folder":
        found = _from_sources(subscribed.filter(folder=stream.folder))
    else:
        found = _from_sources(subscribed)
    if filters.exclude_read:
        found = found.exclude(pk__in=_states(user, read=True))
    if filters.exclude_starred:
        found = found.exclude(pk__in=_states(user, starred=True))
    if filters.only_read:
        found = found.filter(pk__in=_states(user, read=True))
    if filters.only_starred:
        found = found.filter(pk__in=_states(user, starred=True))
    if filters.crawled_after is not None:
        found = found.filter(first_seen_at__gte=filters.crawled_after)
    if filters.crawled_before is not None:
        found = found.filter(first_seen_at__lte=filters.crawled_before)
    return found


def visible(user) -> QuerySet:
    """Every article the user can open in an app: the reading list, plus what they starred
    (kept after unsubscribing, as a starred item should be)."""
    return Article.objects.filter(
        Q(pk__in=articles(user).values("pk")) | Q(pk__in=_states(user, starred=True))
    )


def visible_among(user, ids: Iterable[int]) -> list[int]:
    """The visible ones among `ids`: two small indexed lookups instead of the whole stream."""
    wanted = list(set(ids))
    through_feeds = FeedItem.objects.filter(
        article_id__in=wanted, source_id__in=_subscribed_sources(user)
    ).values_list("article_id", flat=True)
    starred = _states(user, starred=True).filter(article_id__in=wanted)
    return sorted(set(through_feeds) | set(starred.values_list("article_id", flat=True)))


def page(
    found: QuerySet, count: int, after: int | None = None, oldest_first: bool = False
) -> tuple[list[int], int | None]:
    """One page of ids, newest first (or oldest first), and the continuation for the next."""
    order = "pk" if oldest_first else "-pk"
    if after is not None:
        found = found.filter(pk__gt=after) if oldest_first else found.filter(pk__lt=after)
    ids = list(found.order_by(order).values_list("pk", flat=True)[: count + 1])
    more = len(ids) > count
    ids = ids[:count]
    return ids, (ids[-1] if more and ids else None)


def newest_crawl(user) -> datetime | None:
    return articles(user).aggregate(newest=Max("first_seen_at"))["newest"]


# --- Items --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Item:
    """One article as a reader app sees it: with its feed, its folder and the user's state."""

    id: int
    title: str
    url: str
    canonical_url: str
    html: str
    author: str
    published: datetime
    updated: datetime
    crawled: datetime
    source_id: int
    source_title: str
    source_url: str
    folder: str
    read: bool
    starred: bool


def items(user, ids: Iterable[int], oldest_first: bool = False) -> list[Item]:
    """The visible articles among `ids`, newest first (or oldest first), with their state."""
    wanted = Article.objects.filter(pk__in=visible_among(user, ids))
    found = list(wanted.select_related("publisher").order_by("pk" if oldest_first else "-pk"))
    if not found:
        return []
    article_ids = [a.pk for a in found]
    mine = {s.source_id: s for s in subscriptions(user)}
    origins: dict[int, int] = {}
    links = FeedItem.objects.filter(article_id__in=article_ids).order_by("source_id")
    for article_id, source_id in links.values_list("article_id", "source_id"):
        # Prefer a feed the user reads; else any feed it came through (a starred item kept
        # after unsubscribing).
        if article_id not in origins or (source_id in mine and origins[article_id] not in mine):
            origins[article_id] = source_id
    sources = {s.pk: s for s in Source.objects.filter(pk__in=set(origins.values()))}
    states = {
        s.article_id: s
        for s in ReaderItemState.objects.filter(user=user, article_id__in=article_ids)
    }
    return [_item(a, origins.get(a.pk), mine, sources, states.get(a.pk)) for a in found]


def _item(article: Article, source_id, mine, sources, state) -> Item:
    source = sources.get(source_id)
    subscription = mine.get(source_id)
    if subscription is not None:
        source_title, folder = subscription.title, subscription.folder
    else:
        source_title = (source.title or source.url) if source else article.publisher.name
        folder = ""
    published = article.claimed_date or article.first_seen_at
    return Item(
        id=article.pk,
        title=article.title,
        url=article.url or article.canonical_url,
        canonical_url=article.canonical_url or article.url,
        html=article.body_html,
        author=", ".join(article.authors or []),
        published=published,
        updated=article.updated_date or published,
        crawled=article.first_seen_at,
        source_id=source_id or 0,
        source_title=source_title,
        source_url=source.url if source else "",
        folder=folder,
        read=bool(state and state.read),
        starred=bool(state and state.starred),
    )


# --- State --------------------------------------------------------------------------------------


def mark(user, ids: Iterable[int], read: bool | None = None, starred: bool | None = None) -> int:
    """Set read and/or starred on the visible articles among `ids`; how many there were."""
    flags = {
        name: value for name, value in (("read", read), ("starred", starred)) if value is not None
    }
    if not flags:
        return 0
    wanted = visible_among(user, ids)
    _upsert(user, wanted, flags)
    return len(wanted)


def mark_all_read(user, stream: Stream = ALL, before: datetime | None = None) -> int:
    """Mark the stream's unread articles read, up to `before` (what the app has seen)."""
    unread = articles(user, stream, Filters(exclude_read=True, crawled_before=before))
    ids = list(unread.values_list("pk", flat=True))
    _upsert(user, ids, {"read": True})
    return len(ids)


def _upsert(user, article_ids: list[int], flags: dict[str, bool]) -> None:
    # One statement per batch: an insert for articles without a state row, an update of only
    # the given flags for those with one (marking read must not unstar).
    for start in range(0, len(article_ids), BATCH):
        ReaderItemState.objects.bulk_create(
            [
                ReaderItemState(user=user, article_id=pk, **flags)
                for pk in article_ids[start : start + BATCH]
            ],
            update_conflicts=True,
            unique_fields=["user", "article"],
            update_fields=[*flags, "updated"],
        )


def unread_ids(user) -> list[int]:
    found = articles(user, filters=Filters(exclude_read=True))
    return list(found.order_by("pk").values_list("pk", flat=True))


def starred_ids(user) -> list[int]:
    return list(
        ReaderItemState.objects.filter(user=user, starred=True)
        .order_by("article_id")
        .values_list("article_id", flat=True)
    )


@dataclass(frozen=True)
class UnreadCount:
    count: int
    newest: datetime | None


def unread_counts(user) -> tuple[dict[int, UnreadCount], dict[str, UnreadCount], UnreadCount]:
    """Unread articles per feed, per folder and in all, with the newest one's crawl time.

    One query for the unread (feed, article) pairs, counted here: an article two feeds brought
    counts in both feeds but once in a folder and in the total.
    """
    subs = {s.source_id: s.folder for s in subscriptions(user)}
    pairs = (
        FeedItem.objects.filter(source_id__in=list(subs), article__isnull=False)
        .exclude(article_id__in=_states(user, read=True))
        .values_list("source_id", "article_id", "article__first_seen_at")
        .distinct()
    )
    feeds: dict[int, set[int]] = {}
    in_folders: dict[str, set[int]] = {name: set() for name in folders(user)}
    everything: set[int] = set()
    newest: dict[object, datetime] = {}

    def add(key: object, bucket: set[int], article_id: int, seen: datetime) -> None:
        bucket.add(article_id)
        if key not in newest or seen > newest[key]:
            newest[key] = seen

    for source_id, article_id, seen in pairs:
        add(source_id, feeds.setdefault(source_id, set()), article_id, seen)
        if subs[source_id]:
            add(("folder", subs[source_id]), in_folders[subs[source_id]], article_id, seen)
        add("all", everything, article_id, seen)
    return (
        {pk: UnreadCount(len(ids), newest[pk]) for pk, ids in feeds.items()},
        {
            name: UnreadCount(len(ids), newest.get(("folder", name)))
            for name, ids in in_folders.items()
        },
        UnreadCount(len(everything), newest.get("all")),
    )


def total_visible(user) -> int:
    return visible(user).count()
