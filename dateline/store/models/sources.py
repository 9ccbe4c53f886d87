"""Sources: the feeds we poll, with their health and their polling schedule."""

from __future__ import annotations

from django.db import models


class Source(models.Model):
    """A feed we poll. Its health and schedule are kept here so the status page can show them."""

    url = models.URLField(max_length=2000, unique=True)
    title = models.CharField(max_length=300, blank=True)
    active = models.BooleanField(default=True)
    etag = models.CharField(max_length=500, blank=True)
    last_modified = models.CharField(max_length=100, blank=True)
    last_polled_at = models.DateTimeField(null=True, blank=True)
    next_poll_at = models.DateTimeField(null=True, blank=True, db_index=True)
    last_ok_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    consecutive_failures = models.PositiveIntegerField(default=0)
    articles_added = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    # Adaptive polling (see gather.schedule).
    interval_seconds = models.PositiveIntegerField(
        null=True, blank=True, help_text="Current interval between polls; empty until observed."
    )
    items_per_day = models.FloatField(
        null=True, blank=True, help_text="Observed publishing rate, smoothed."
    )
    last_new_item_at = models.DateTimeField(null=True, blank=True)
    ttl_seconds = models.PositiveIntegerField(
        default=0, help_text="Longest caching hint seen (RSS ttl, Cache-Control, Expires)."
    )
    fetch_count = models.PositiveIntegerField(default=0, help_text="Feed requests made.")
    not_modified_count = models.PositiveIntegerField(default=0, help_text="Answered 304.")
    # Per-source politeness override; empty means the configured defaults.
    host_max_concurrent = models.PositiveSmallIntegerField(null=True, blank=True)
    host_requests_per_second = models.FloatField(null=True, blank=True)
    # Feed lease: who is polling it now and until when (a crashed worker's lease expires).
    lease_owner = models.CharField(max_length=100, blank=True)
    lease_expires_at = models.DateTimeField(null=True, blank=True)
    queued_until = models.DateTimeField(
        null=True, blank=True, help_text="A poll task is queued; do not queue another before."
    )

    class Meta:
        ordering = ["url"]

    def __str__(self) -> str:
        return self.title or self.url
