"""Politeness per host, in one process: at most N requests at once, a gap between starts,
and a host that keeps failing is left alone for a while ("host down").

`HostLimiter.try_acquire` is the pure decision (with an injectable clock, so tests need no
sleeping); `acquire` / `slot` wait for it with a condition variable. The store keeps the same
rules across workers in the database; this class is the reference they mirror.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from urllib.parse import urlsplit


@dataclass(frozen=True)
class HostLimits:
    max_concurrent: int = 2
    min_interval: float = 1.0  # seconds between the starts of two requests
    failures_before_down: int = 5  # consecutive failures that mark the host down
    down_base: float = 60.0  # first "down" period; doubles with each further failure
    down_max: float = 6 * 3600.0


@dataclass
class HostState:
    active: int = 0
    next_start: float = float("-inf")  # earliest moment the next request may start
    failures: int = 0  # consecutive
    down_until: float = float("-inf")


class HostDown(Exception):
    """The host failed too often; try again after `retry_in` seconds."""

    def __init__(self, host: str, retry_in: float, failures: int) -> None:
        super().__init__(
            f"{host} is down after {failures} failures in a row; next try in {retry_in:.0f} s"
        )
        self.host = host
        self.retry_in = retry_in


def host_key(url: str) -> str:
    """The politeness key of a URL: its host name, lower-case, without port."""
    return (urlsplit(url).hostname or "").lower()


class HostLimiter:
    def __init__(
        self, default: HostLimits | None = None, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.default = default or HostLimits()
        self._clock = clock
        self._limits: dict[str, HostLimits] = {}
        self._states: dict[str, HostState] = {}
        self._changed = threading.Condition()

    def set_limits(self, host: str, limits: HostLimits) -> None:
        """Per-host override (a source's own setting, or a robots.txt Crawl-delay)."""
        with self._changed:
            self._limits[host] = limits
            self._changed.notify_all()

    def limits(self, host: str) -> HostLimits:
        return self._limits.get(host, self.default)

    def state(self, host: str) -> HostState:
        with self._changed:
            state = self._states.get(host, HostState())
            return HostState(state.active, state.next_start, state.failures, state.down_until)

    def is_down(self, host: str) -> bool:
        return self.state(host).down_until > self._clock()

    def try_acquire(self, host: str) -> float:
        """0.0 and a slot taken, or the seconds to wait before asking again; HostDown if down."""
        with self._changed:
            return self._try(host)

    def _try(self, host: str) -> float:
        now = self._clock()
        state = self._states.setdefault(host, HostState())
        limits = self.limits(host)
        if state.down_until > now:
            raise HostDown(host, state.down_until - now, state.failures)
        if state.active >= limits.max_concurrent:
            return max(limits.min_interval, 0.01)  # woken earlier by a release
        if state.next_start > now:
            return state.next_start - now
        state.active += 1
        state.next_start = now + limits.min_interval
        return 0.0

    def acquire(self, host: str, timeout: float | None = None) -> None:
        """Wait for a slot (real time); TimeoutError after `timeout` seconds, HostDown if down."""
        deadline = None if timeout is None else time.monotonic() + timeout
        with self._changed:
            while (wait := self._try(host)) > 0:
                if deadline is not None:
                    left = deadline - time.monotonic()
                    if left <= 0:
                        raise TimeoutError(f"no slot for {host} within {timeout} s")
                    wait = min(wait, left)
                self._changed.wait(wait)

    def release(self, host: str, failed: bool = False) -> None:
        """Give the slot back; `failed` counts toward "host down", success clears the count."""
        with self._changed:
            state = self._states.setdefault(host, HostState())
            state.active = max(0, state.active - 1)
            self._record(host, state, failed)
            self._changed.notify_all()

    def defer(self, host: str, seconds: float) -> None:
        """The host asked us to wait (Retry-After): no new request before then."""
        with self._changed:
            state = self._states.setdefault(host, HostState())
            state.next_start = max(state.next_start, self._clock() + seconds)

    def _record(self, host: str, state: HostState, failed: bool) -> None:
        if not failed:
            state.failures = 0
            return
        state.failures += 1
        limits = self.limits(host)
        over = state.failures - limits.failures_before_down
        if over >= 0:
            pause = min(limits.down_max, limits.down_base * 2**over)
            state.down_until = self._clock() + pause

    @contextmanager
    def slot(self, host: str, timeout: float | None = None) -> Iterator[None]:
        """`with limiter.slot(host):` one request.

        An exception inside counts as a failure of the host unless it says otherwise with a
        false `transient` attribute (a `FetchError` for a refused URL or a binary body is our
        decision, not the host failing).
        """
        self.acquire(host, timeout)
        try:
            yield
        except BaseException as exc:
            self.release(host, failed=getattr(exc, "transient", True))
            raise
        self.release(host)
