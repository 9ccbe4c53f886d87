"""Keys of the near-duplicate index that stopped counting: held by too many articles."""

from __future__ import annotations

from django.db import models


class TraceStopKey(models.Model):
    """A key that reached `trace.index.MAX_POSTINGS` articles: boilerplate ("All rights
    reserved.") or a text copied that often. Candidate queries skip it and its `TraceKey` rows
    are deleted, exactly as the in-memory `trace.index.KeyIndex` does."""

    key = models.BigIntegerField(primary_key=True)
    stopped_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"stop key {self.key}"
