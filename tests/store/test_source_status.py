"""Status rows: schedule, health and host state per feed, as the status page shows them."""

from datetime import timedelta

from django.utils import timezone

from dateline.store.models import Host, Source
from dateline.store.source_status import describe_interval, source_rows


def test_rows_show_schedule_health_and_host_state(db):
    Source.objects.create(
        url="http://down.example/rss",
        interval_seconds=5400,
        last_error="HTTP 503",
        consecutive_failures=3,
        fetch_count=7,
        not_modified_count=4,
    )
    Source.objects.create(url="http://fine.example/rss", active=False)
    Host.objects.create(name="down.example", down_until=timezone.now() + timedelta(minutes=10))
    down, fine = source_rows()
    assert down["interval"] == "1.5 h" and down["last_error"] == "HTTP 503"
    assert (down["fetch_count"], down["not_modified_count"]) == (7, 4)
    assert down["host_state"].startswith("down for")
    assert (
        fine["host_state"] == "ok"
        and fine["active"] is False
        and fine["interval"] == ("not yet known")
    )


def test_intervals_read_naturally():
    assert [describe_interval(s) for s in (None, 300, 3600, 86400, 129600)] == [
        "not yet known",
        "5 min",
        "1 h",
        "1 d",
        "1.5 d",
    ]
