"""Feed leases: which worker polls a feed now, and until when.

A worker claims a feed with one conditional UPDATE (only if no unexpired lease is held), so two
workers on two machines never poll the same feed at once; a killed worker's lease simply
expires. Queueing is guarded the same way, so two schedulers never queue the same feed twice.
"""

from __future__ import annotations

import os
import socket
import uuid
from datetime import datetime, timedelta

from django.db.models import F, Q, QuerySet
from django.utils import timezone

from dateline.store.models import Source

_WORKER_ID = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"


def worker_id() -> str:
    """This process's name in leases: host, pid and a nonce (pids are reused)."""
    return _WORKER_ID


def _free(now: datetime) -> Q:
    return Q(lease_expires_at__isnull=True) | Q(lease_expires_at__lte=now)


def due(now: datetime) -> QuerySet[Source]:
    """Active feeds whose time has come and that nobody is polling."""
    return (
        Source.objects.filter(active=True)
        .filter(Q(next_poll_at__isnull=True) | Q(next_poll_at__lte=now))
        .filter(_free(now))
        .order_by(F("next_poll_at").asc(nulls_first=True), "pk")
    )


def claim(source_id: int, owner: str, lease: timedelta) -> Source | None:
    """The source, leased to `owner`; None if another worker holds it, or it is paused or not
    due (another worker has just polled it: a stale or duplicate task then does nothing)."""
    now = timezone.now()
    taken = (
        Source.objects.filter(pk=source_id, active=True)
        .filter(Q(next_poll_at__isnull=True) | Q(next_poll_at__lte=now))
        .filter(_free(now))
        .update(lease_owner=owner, lease_expires_at=now + lease)
    )
    return Source.objects.get(pk=source_id) if taken else None


def renew(source_id: int, owner: str, lease: timedelta) -> bool:
    """Extend a lease we hold (a long poll must not outlive it); False if we lost it."""
    return bool(
        Source.objects.filter(pk=source_id, lease_owner=owner).update(
            lease_expires_at=timezone.now() + lease
        )
    )


def release(source_id: int, owner: str, **changes) -> bool:
    """Write the poll's outcome and give the lease back, only if we still hold it."""
    return bool(
        Source.objects.filter(pk=source_id, lease_owner=owner).update(
            lease_owner="", lease_expires_at=None, queued_until=None, **changes
        )
    )


def free_dead_local_leases() -> int:
    """Give back the feed and host leases of workers on this machine that no longer run.

    A worker killed with -9 cannot release anything; on its own machine a restart need not
    wait for the leases to expire. Elsewhere, expiry does it.
    """
    from dateline.store.models import HostLease

    dead = {
        owner
        for owner in Source.objects.exclude(lease_owner="").values_list("lease_owner", flat=True)
        if _is_dead_local(owner)
    } | {h for h in HostLease.objects.values_list("holder", flat=True) if _is_dead_local(h)}
    if not dead:
        return 0
    HostLease.objects.filter(holder__in=dead).delete()
    return Source.objects.filter(lease_owner__in=dead).update(
        lease_owner="", lease_expires_at=None, queued_until=None
    )


def _is_dead_local(owner: str) -> bool:
    host, _, rest = owner.partition(":")
    pid = rest.partition(":")[0]
    if host != socket.gethostname() or not pid.isdigit() or owner == _WORKER_ID:
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False  # a live process (possibly a reused pid): wait for the lease to expire


def mark_queued(source_id: int, until: datetime) -> bool:
    """True for the one scheduler that gets to queue this feed's poll."""
    now = timezone.now()
    return bool(
        Source.objects.filter(pk=source_id)
        .filter(Q(queued_until__isnull=True) | Q(queued_until__lte=now))
        .update(queued_until=until)
    )
