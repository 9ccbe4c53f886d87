"""The near-duplicate index and the copy relations it finds."""

from __future__ import annotations

from django.db import models

from dateline.store.models.articles import Article


class TraceKey(models.Model):
    """Near-duplicate index: articles sharing enough keys are checked as possible copies."""

    key = models.BigIntegerField(db_index=True)
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="+")

    def __str__(self) -> str:
        return f"{self.key} → {self.article_id}"


class CopyLink(models.Model):
    """`copy` reproduces text first seen in `source`: in full ("copy") or in part ("partial")."""

    copy = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="copied_from")
    source = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="copied_by")
    kind = models.CharField(max_length=10, choices=[("copy", "copy"), ("partial", "partial copy")])
    containment = models.FloatField(help_text="Share of the copy's text found in the source.")
    coverage = models.FloatField(help_text="Share of the source's text found in the copy.")
    evidence = models.TextField()
    found_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["copy", "source"], name="one_link_per_pair")]

    def __str__(self) -> str:
        return f"{self.copy_id} {self.kind} of {self.source_id}"
