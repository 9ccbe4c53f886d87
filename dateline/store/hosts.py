"""The per-host politeness budget, shared by every worker through the database.

Each request in flight holds a `HostLease` row (with an expiry, so a killed worker frees its slot),
and `Host.next_request_at` spaces request starts. Both are checked and taken in one short
transaction on the host row (row lock on PostgreSQL, the write lock on SQLite), so any number of
workers on any number of machines together keep a host within its limits. A host that keeps
failing is marked down and left alone until its backoff expires.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from dateline.gather.schedule import error_backoff
from dateline.store.models import Host, HostLease, Source

WAIT_STEP = 0.05  # seconds between tries for a busy host's slot
HOST_DOWN_BASE = 60.0  # first backoff once a host is marked down


@dataclass(frozen=True)
class HostLimits:
    max_concurrent: int
    requests_per_second: float


class HostUnavailable(Exception):
    """No slot for this host now: it is down, or stayed busy longer than we would wait."""

    def __init__(self, host: str, until: datetime, reason: str, *, down: bool = False) -> None:
        super().__init__(reason)
        self.host = host
        self.until = until
        self.down = down  # failing (worth showing), rather than merely busy


def host_of(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


def limits_for(source: Source | None = None) -> HostLimits:
    config = settings.CONFIG
    return HostLimits(
        max_concurrent=(source and source.host_max_concurrent) or config["host_max_concurrent"],
        requests_per_second=(source and source.host_requests_per_second)
        or config["host_requests_per_second"],
    )


@contextmanager
def host_slot(url: str, limits: HostLimits, holder: str, *, wait: float) -> Iterator[None]:
    """Hold one of the host's request slots for the duration of a fetch."""
    name = host_of(url)
    lease_id = _acquire(name, limits, holder, wait)
    try:
        yield
    finally:
        HostLease.objects.filter(pk=lease_id).delete()


def _acquire(name: str, limits: HostLimits, holder: str, wait: float) -> int:
    give_up = time.monotonic() + wait
    while True:
        granted, retry_in = try_acquire(name, limits, holder, timezone.now())
        if granted is not None:
            return granted
        if time.monotonic() + retry_in > give_up:
            raise HostUnavailable(
                name, timezone.now() + timedelta(seconds=retry_in), f"{name} is busy"
            )
        time.sleep(min(max(retry_in, 0.001), WAIT_STEP))


def try_acquire(
    name: str, limits: HostLimits, holder: str, now: datetime
) -> tuple[int | None, float]:
    """(lease id, 0) if a request may start now, else (None, seconds worth waiting)."""
    lease_for = timedelta(seconds=settings.CONFIG["fetch_timeout"] * 7)  # all redirect hops
    with transaction.atomic():
        host = _locked_host(name)
        if host.down_until and host.down_until > now:
            raise HostUnavailable(
                name,
                host.down_until,
                f"{name} is down until {host.down_until:%H:%M:%S} UTC: {host.last_error}",
                down=True,
            )
        host.leases.filter(expires_at__lte=now).delete()  # slots of killed workers
        if host.next_request_at and host.next_request_at > now:
            return None, (host.next_request_at - now).total_seconds()
        if host.leases.count() >= limits.max_concurrent:
            return None, WAIT_STEP
        lease = HostLease.objects.create(host=host, holder=holder[:100], expires_at=now + lease_for)
        Host.objects.filter(pk=host.pk).update(
            next_request_at=now + timedelta(seconds=1 / limits.requests_per_second),
            requests=F("requests") + 1,
        )
        return lease.pk, 0.0


def _locked_host(name: str) -> Host:
    host = Host.objects.select_for_update().filter(name=name).first()
    if host is None:
        Host.objects.bulk_create([Host(name=name)], ignore_conflicts=True)
        host = Host.objects.select_for_update().get(name=name)
    return host


def record_success(url: str) -> None:
    Host.objects.filter(name=host_of(url)).exclude(consecutive_failures=0, down_until=None).update(
        consecutive_failures=0, down_until=None, last_error=""
    )


def record_failure(url: str, error: str, *, retry_after: float | None = None) -> None:
    """Count a failure against the host; past the threshold, mark it down with a backoff."""
    now = timezone.now()
    config = settings.CONFIG
    with transaction.atomic():
        host = _locked_host(host_of(url))
        failures = host.consecutive_failures + 1
        changes: dict = {"consecutive_failures": failures, "last_error": error[:2000]}
        if failures >= config["host_down_after"]:
            delay = error_backoff(
                failures - config["host_down_after"] + 1,
                base=HOST_DOWN_BASE,
                maximum=config["poll_interval_max"],
            )
            changes["down_until"] = now + timedelta(seconds=max(delay, retry_after or 0))
        elif retry_after:
            changes["next_request_at"] = now + timedelta(seconds=retry_after)
        Host.objects.filter(pk=host.pk).update(**changes)
