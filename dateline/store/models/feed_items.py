"""Feed items and article revisions: deduplication at the door, and edits kept as history."""

from __future__ import annotations

from django.db import models

from dateline.store.models.articles import Article
from dateline.store.models.sources import Source


class FeedItem(models.Model):
    """One entry of one feed, linked to the article it turned into (if any)."""

    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="items")
    guid = models.CharField(max_length=1000, blank=True)
    link = models.URLField(max_length=2000, help_text="Canonicalised entry link.")
    title = models.CharField(max_length=500, blank=True)
    summary = models.TextField(blank=True, help_text="The feed's own summary of the article.")
    published = models.DateTimeField(null=True, blank=True)
    entry_hash = models.CharField(
        max_length=64, help_text="Hash of title, summary and dates: a change means an edit."
    )
    article = models.ForeignKey(
        Article, null=True, blank=True, on_delete=models.SET_NULL, related_name="feed_items"
    )
    first_seen_at = models.DateTimeField(auto_now_add=True)
    last_seen_at = models.DateTimeField(auto_now=True)

    class Meta:
        indexes = [
            models.Index(fields=["source", "guid"]),
            models.Index(fields=["source", "link"]),
            models.Index(fields=["link"]),
        ]

    def __str__(self) -> str:
        return self.title or self.link


class ArticleRevision(models.Model):
    """An earlier state of an article that its publisher has since edited."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="revisions")
    fetched_at = models.DateTimeField(help_text="When this state was seen.")
    replaced_at = models.DateTimeField(auto_now_add=True)
    title = models.CharField(max_length=500)
    body_hash = models.CharField(max_length=64)
    body_text = models.TextField()

    class Meta:
        ordering = ["article", "-fetched_at"]

    def __str__(self) -> str:
        return f"{self.title} ({self.fetched_at:%Y-%m-%d %H:%M})"
