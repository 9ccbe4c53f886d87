"""The per-host budget holds across concurrent workers (threads here, each with its own DB
connection, exactly as separate processes would be)."""

import threading
import time
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from dateline.store import hosts
from dateline.store.models import Host, HostLease
from tests.servers import serve


class Meter:
    """Counts requests in flight and when each one started, as the server saw them."""

    def __init__(self, hold: float) -> None:
        self.hold = hold
        self.lock = threading.Lock()
        self.in_flight = 0
        self.max_in_flight = 0
        self.starts: list[float] = []

    def __call__(self, request):
        with self.lock:
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)
            self.starts.append(time.monotonic())
        time.sleep(self.hold)
        with self.lock:
            self.in_flight -= 1
        return 200, {}, b"ok"


def run_workers(base: str, limits: hosts.HostLimits, workers: int, each: int) -> None:
    """`workers` threads, each fetching `each` times within the host's budget."""
    import httpx

    def work(name: str) -> None:
        try:
            for _ in range(each):
                with hosts.host_slot(base + "/", limits, name, wait=60):
                    httpx.get(base + "/", timeout=10)
        finally:
            connection.close()

    threads = [threading.Thread(target=work, args=(f"w{i}",)) for i in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


@pytest.mark.django_db(transaction=True)
def test_no_more_than_the_allowed_requests_are_in_flight_at_once():
    meter = Meter(hold=0.3)
    with serve({"/": meter}) as base:
        run_workers(base, hosts.HostLimits(max_concurrent=2, requests_per_second=50), 4, 3)
    assert len(meter.starts) == 12
    assert meter.max_in_flight <= 2
    assert HostLease.objects.count() == 0  # every slot given back


def test_request_starts_are_spaced_by_the_rate_limit(db):
    # The rule itself, on the database's clock: a grant moves the host's next start forward by
    # 1/rate, and nobody (any worker, any machine) is granted a start before it.
    limits = hosts.HostLimits(max_concurrent=4, requests_per_second=5)
    t0 = timezone.now()
    at = [t0 + timedelta(seconds=s) for s in (0, 0.1, 0.2, 0.25, 0.4)]
    answers = [hosts.try_acquire("example.org", limits, f"w{n}", t) for n, t in enumerate(at)]
    assert [lease is not None for lease, _ in answers] == [True, False, True, False, True]
    assert [round(wait, 3) for _, wait in answers] == [0, 0.1, 0, 0.15, 0]


def test_a_killed_workers_slot_expires(db):
    host = Host.objects.create(name="example.org")
    HostLease.objects.create(host=host, holder="dead", expires_at=timezone.now() - timedelta(1))
    HostLease.objects.create(host=host, holder="dead", expires_at=timezone.now() - timedelta(1))
    limits = hosts.HostLimits(max_concurrent=2, requests_per_second=1)
    lease_id, _ = hosts.try_acquire("example.org", limits, "alive", timezone.now())
    assert lease_id is not None
    assert list(HostLease.objects.values_list("holder", flat=True)) == ["alive"]


def test_a_busy_host_says_how_long_to_wait(db):
    limits = hosts.HostLimits(max_concurrent=2, requests_per_second=1)
    now = timezone.now()
    first, _ = hosts.try_acquire("example.org", limits, "a", now)
    second, wait = hosts.try_acquire("example.org", limits, "b", now)
    assert first is not None and second is None and 0.9 <= wait <= 1.0


def test_a_host_failing_past_the_threshold_is_down(db, settings):
    settings.CONFIG = {**settings.CONFIG, "host_down_after": 3}
    for _ in range(3):
        hosts.record_failure("http://example.org/rss", "HTTP 503")
    host = Host.objects.get(name="example.org")
    assert host.down_until > timezone.now() and host.consecutive_failures == 3
    with pytest.raises(hosts.HostUnavailable, match=r"example\.org is down"):
        hosts.try_acquire("example.org", hosts.limits_for(), "a", timezone.now())
    hosts.record_success("http://example.org/other")
    host.refresh_from_db()
    assert host.down_until is None and host.consecutive_failures == 0
