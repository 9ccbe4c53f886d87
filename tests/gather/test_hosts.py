import threading

import pytest

from dateline.gather.fetch import FetchError, fetch
from dateline.gather.hosts import HostDown, HostLimiter, HostLimits, host_key
from tests.gather.publisher import Publisher


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_concurrency_and_interval_limits():
    clock = Clock()
    limiter = HostLimiter(HostLimits(max_concurrent=2, min_interval=1.0), clock=clock)
    assert limiter.try_acquire("a.example") == 0
    assert limiter.try_acquire("a.example") == 1.0  # too soon after the first start
    assert limiter.try_acquire("b.example") == 0  # other hosts are not affected
    clock.now = 1.0
    assert limiter.try_acquire("a.example") == 0
    clock.now = 5.0
    assert limiter.try_acquire("a.example") > 0  # two are running: the third waits
    limiter.release("a.example")
    assert limiter.try_acquire("a.example") == 0


def test_per_host_limits_override_the_default():
    clock = Clock()
    limiter = HostLimiter(clock=clock)
    limiter.set_limits("slow.example", HostLimits(max_concurrent=1, min_interval=10))
    assert limiter.try_acquire("slow.example") == 0
    limiter.release("slow.example")
    assert limiter.try_acquire("slow.example") == 10


def test_repeated_failures_mark_the_host_down_with_growing_pauses():
    clock = Clock()
    limits = HostLimits(min_interval=0, failures_before_down=3, down_base=60, down_max=200)
    limiter = HostLimiter(limits, clock=clock)
    for _ in range(3):
        limiter.try_acquire("bad.example")
        limiter.release("bad.example", failed=True)
    with pytest.raises(HostDown, match="down after 3 failures") as caught:
        limiter.try_acquire("bad.example")
    assert caught.value.retry_in == 60
    clock.now = 61
    limiter.try_acquire("bad.example")
    limiter.release("bad.example", failed=True)
    assert limiter.state("bad.example").down_until == 61 + 120
    clock.now = 500
    limiter.try_acquire("bad.example")
    limiter.release("bad.example", failed=True)
    assert limiter.state("bad.example").down_until == 500 + 200  # 240 s, capped at 200
    clock.now = 701
    limiter.try_acquire("bad.example")
    limiter.release("bad.example")  # one success clears the record
    assert limiter.state("bad.example").failures == 0 and not limiter.is_down("bad.example")


def test_retry_after_defers_the_next_start():
    clock = Clock()
    limiter = HostLimiter(HostLimits(min_interval=0), clock=clock)
    limiter.defer("busy.example", 30)
    assert limiter.try_acquire("busy.example") == 30


def test_slot_counts_only_host_failures():
    limiter = HostLimiter(HostLimits(min_interval=0, failures_before_down=1))
    with pytest.raises(FetchError), limiter.slot("a.example"):
        raise FetchError("refused: binary", kind="binary")  # our decision, not the host's fault
    assert not limiter.is_down("a.example")
    with pytest.raises(FetchError), limiter.slot("a.example"):
        raise FetchError("cannot connect", kind="connect")
    assert limiter.is_down("a.example")


def test_threads_sharing_a_limiter_never_exceed_it_on_the_server(publisher: Publisher):
    publisher.fault("alpha.test", "*", "slow", seconds=0.15)
    limiter = HostLimiter(HostLimits(max_concurrent=2, min_interval=0.02))
    policy = publisher.policy()
    urls = [publisher.url("alpha.test", f"/news/{i}") for i in range(12)]
    errors = []

    def worker(url):
        try:
            with limiter.slot(host_key(url)):
                fetch(url, policy)
        except Exception as exc:  # collected: a thread's failure must fail the test
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(url,)) for url in urls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert len(publisher.requests("alpha.test")) == 12
    assert publisher.max_concurrency("alpha.test") == 2
