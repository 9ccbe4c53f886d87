"""What visitors did: reads and reactions."""

from __future__ import annotations

from django.db import models

from dateline.store.models.articles import Article


class Read(models.Model):
    """A visitor opened an article. One row per visitor and article."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="read_events")
    visitor = models.CharField(max_length=64, db_index=True)
    at = models.DateTimeField(auto_now_add=True)
    # False: the row joined the history from a cookie the visitor sends (`dl_first`), after
    # the read was counted anonymously; forgetting it must not take a count it cannot prove.
    counted = models.BooleanField(default=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["article", "visitor"], name="one_read_per_visitor")
        ]

    def __str__(self) -> str:
        return f"read of {self.article_id} by {self.visitor}"


class Reaction(models.Model):
    """A visitor said the article was good. One per visitor and article."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="reaction_events")
    visitor = models.CharField(max_length=64, db_index=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["article", "visitor"], name="one_reaction_per_visitor")
        ]

    def __str__(self) -> str:
        return f"reaction to {self.article_id} by {self.visitor}"
