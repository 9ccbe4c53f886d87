"""Persistence: the only place that knows the database. Pipeline stages never import this.

One module per concern; everything is importable from `dateline.store.models`.
"""

from dateline.store.models.api_tokens import ApiToken
from dateline.store.models.articles import Article, RelatedLink, TermStat
from dateline.store.models.engagement import Reaction, Read
from dateline.store.models.feed_items import ArticleRevision, FeedItem
from dateline.store.models.follows import Follow
from dateline.store.models.hosts import Host, HostLease
from dateline.store.models.provenance import CopyLink, TraceKey
from dateline.store.models.publishers import Publisher
from dateline.store.models.reader import (
    ReaderAccount,
    ReaderItemState,
    ReaderKey,
    ReaderSubscription,
)
from dateline.store.models.sources import Source
from dateline.store.models.stories import Entity, Mention, Story, StoryEvent, StoryMember
from dateline.store.models.trace_stats import TraceStopKey

__all__ = [
    "ApiToken",
    "Article",
    "ArticleRevision",
    "CopyLink",
    "Entity",
    "FeedItem",
    "Follow",
    "Host",
    "HostLease",
    "Mention",
    "Publisher",
    "Reaction",
    "Read",
    "ReaderAccount",
    "ReaderItemState",
    "ReaderKey",
    "ReaderSubscription",
    "RelatedLink",
    "Source",
    "Story",
    "StoryEvent",
    "StoryMember",
    "TermStat",
    "TraceKey",
    "TraceStopKey",
]
