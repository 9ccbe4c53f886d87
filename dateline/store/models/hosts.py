"""Hosts: the politeness budget per web host, shared by every worker through the database."""

from __future__ import annotations

from django.db import models


class Host(models.Model):
    """One host name we fetch from: its request pacing and its health."""

    name = models.CharField(max_length=255, unique=True)
    next_request_at = models.DateTimeField(
        null=True, blank=True, help_text="No request to this host may start before this time."
    )
    consecutive_failures = models.PositiveIntegerField(default=0)
    down_until = models.DateTimeField(
        null=True, blank=True, help_text="Failing host: nothing is fetched from it before this."
    )
    last_error = models.TextField(blank=True)
    requests = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class HostLease(models.Model):
    """One request in flight to a host; expires so a killed worker cannot hold a slot forever."""

    host = models.ForeignKey(Host, on_delete=models.CASCADE, related_name="leases")
    holder = models.CharField(max_length=100)
    expires_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"{self.host} held by {self.holder}"
