"""Feed leases: two workers never poll the same feed at once; a dead worker's lease expires."""

import threading
import time
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from dateline.store import feed_leases
from dateline.store.models import Source
from dateline.store.polling import poll_feed
from tests.servers import serve

LEASE = timedelta(minutes=5)


def test_a_held_lease_keeps_others_out_until_it_expires(db):
    source = Source.objects.create(url="http://example.org/rss")
    assert feed_leases.claim(source.pk, "a", LEASE) is not None
    assert feed_leases.claim(source.pk, "b", LEASE) is None
    Source.objects.filter(pk=source.pk).update(lease_expires_at=timezone.now() - timedelta(1))
    assert feed_leases.claim(source.pk, "b", LEASE) is not None  # a died; b takes over
    assert not feed_leases.release(source.pk, "a", last_error="late")  # a lost it
    assert feed_leases.release(source.pk, "b", next_poll_at=timezone.now() + LEASE)
    assert feed_leases.claim(source.pk, "a", LEASE) is None  # just polled: not due again yet


def test_paused_feeds_are_not_claimed(db):
    source = Source.objects.create(url="http://example.org/rss", active=False)
    assert feed_leases.claim(source.pk, "a", LEASE) is None


@pytest.mark.django_db(transaction=True)
def test_two_workers_polling_at_once_fetch_a_feed_once(settings):
    settings.CONFIG = {**settings.CONFIG, "allow_private_networks": True}
    requests = []

    def slow_feed(request):
        requests.append(time.monotonic())
        time.sleep(0.5)  # both workers are surely inside poll_feed while the first one fetches
        channel = "<channel><title>Slow</title></channel>"
        return 200, {}, f'<?xml version="1.0"?><rss version="2.0">{channel}</rss>'.encode()

    outcomes = {}
    with serve({"/rss": slow_feed}) as base:
        source = Source.objects.create(url=base + "/rss")
        start = threading.Barrier(2)

        def worker(name: str) -> None:
            try:
                start.wait()
                outcomes[name] = poll_feed(source.pk, owner=name)
            finally:
                connection.close()

        threads = [threading.Thread(target=worker, args=(n,)) for n in ("a", "b")]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert len(requests) == 1
    polled = [o for o in outcomes.values() if o is not None]
    assert len(polled) == 1 and polled[0].error is None
    source.refresh_from_db()
    assert source.lease_owner == "" and source.next_poll_at > timezone.now()
