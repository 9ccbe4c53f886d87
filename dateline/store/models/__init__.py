"""Persistence: the only place that knows the database. Pipeline stages never import this.

One module per concern; everything is importable from `dateline.store.models`.
"""

from dateline.store.models.articles import Article, TermStat
from dateline.store.models.engagement import Reaction, Read
from dateline.store.models.provenance import CopyLink, TraceKey
from dateline.store.models.publishers import Publisher
from dateline.store.models.sources import Source

__all__ = [
    "Article",
    "CopyLink",
    "Publisher",
    "Reaction",
    "Read",
    "Source",
    "TermStat",
    "TraceKey",
]
