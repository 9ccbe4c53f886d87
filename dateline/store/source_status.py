"""Per-feed status rows for the status page, `dateline feeds list` and the admin."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from dateline.store.cards import iso
from dateline.store.hosts import host_of
from dateline.store.models import Host, Source


def source_rows() -> list[dict]:
    """One JSON-ready dict per feed: schedule (next poll, interval), health (last error, host
    state), conditional GET (fetches, 304s)."""
    now = timezone.now()
    sources = list(Source.objects.order_by("url"))
    host_names = {host_of(s.url) for s in sources}
    host_list = Host.objects.filter(name__in=host_names)
    host_states = {h.name: _host_state(h, now) for h in host_list}
    return [
        {
            "id": s.pk,
            "url": s.url,
            "title": s.title,
            "active": s.active,
            "last_polled_at": iso(s.last_polled_at),
            "last_ok_at": iso(s.last_ok_at),
            "next_poll_at": iso(s.next_poll_at),
            "last_error": s.last_error or None,
            "consecutive_failures": s.consecutive_failures,
            "articles_added": s.articles_added,
            "interval": describe_interval(s.interval_seconds),
            "interval_seconds": s.interval_seconds,
            "items_per_day": round(s.items_per_day, 2) if s.items_per_day is not None else None,
            "fetch_count": s.fetch_count,
            "not_modified_count": s.not_modified_count,
            "polling_now": bool(s.lease_expires_at and s.lease_expires_at > now),
            "host_state": host_states.get(host_of(s.url), "ok"),
        }
        for s in sources
    ]


def describe_interval(seconds: int | None) -> str:
    if not seconds:
        return "not yet known"
    if seconds < 3600:
        return f"{round(seconds / 60)} min"
    if seconds < 86400:
        return f"{seconds / 3600:.1f} h".replace(".0 h", " h")
    return f"{seconds / 86400:.1f} d".replace(".0 d", " d")


def _host_state(host: Host, now) -> str:
    if host.down_until and host.down_until > now:
        left = max(host.down_until - now, timedelta(0))
        return f"down for {describe_interval(int(left.total_seconds()) or 1)}"
    if host.consecutive_failures:
        return f"{host.consecutive_failures} failures in a row"
    return "ok"
