"""robots.txt, per RFC 9309: parsed by protego, cached per origin with an expiry.

What an answer means (RFC 9309 §2.3.1):
- 2xx: the rules apply, cached for `ttl` (24 h by default, as the RFC suggests).
- 4xx ("unavailable"): no rules, everything allowed.
- 5xx or unreachable: assume complete disallow, and ask again after `unreachable_ttl`; once it
  has been unreachable for `give_up_after` (30 days), treat it as unavailable (allow all), as
  the RFC permits.

The cache is a pure class: it takes a function that fetches a URL, so tests and the store's
workers can give it whatever client they use (`fetcher` builds one on `gather.fetch`).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from urllib.parse import urlsplit

from protego import Protego

from dateline.gather.fetch import FetchError, FetchPolicy, fetch

ROBOTS_MAX_BYTES = 512 * 1024  # RFC 9309: parse at least the first 500 KiB
PRODUCT_TOKEN = "Dateline"  # the name robots.txt groups match, from our User-Agent
RobotsFetch = Callable[[str], tuple[int, bytes]]  # robots.txt URL -> (status, body)


@dataclass(frozen=True)
class RobotsRules:
    state: str  # "rules", "allow_all" (4xx) or "disallow_all" (5xx / unreachable)
    parser: Protego | None
    fetched_at: float
    expires_at: float
    failing_since: float | None = None  # first of an unbroken run of 5xx/unreachable answers
    reason: str = ""


class RobotsCache:
    """`allowed(url)`, `crawl_delay(url)` and `sitemaps(url)`, fetching robots.txt as needed."""

    def __init__(
        self,
        fetch_robots: RobotsFetch,
        user_agent: str = PRODUCT_TOKEN,
        ttl: float = 24 * 3600,
        unreachable_ttl: float = 3600,
        give_up_after: float = 30 * 24 * 3600,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._fetch = fetch_robots
        self.user_agent = user_agent
        self.ttl = ttl
        self.unreachable_ttl = unreachable_ttl
        self.give_up_after = give_up_after
        self._clock = clock
        self._rules: dict[str, RobotsRules] = {}
        self._lock = threading.Lock()
        self._loading: dict[str, threading.Lock] = {}  # one fetch per origin at a time

    def allowed(self, url: str) -> bool:
        rules = self.rules(url)
        if rules.state == "allow_all":
            return True
        if rules.state == "disallow_all" or rules.parser is None:
            return False
        return rules.parser.can_fetch(url, self.user_agent)

    def crawl_delay(self, url: str) -> float | None:
        """Seconds between requests the site asks of us, if it says."""
        rules = self.rules(url)
        delay = rules.parser.crawl_delay(self.user_agent) if rules.parser else None
        return float(delay) if delay is not None else None

    def sitemaps(self, url: str) -> list[str]:
        rules = self.rules(url)
        return list(rules.parser.sitemaps) if rules.parser else []

    def rules(self, url: str) -> RobotsRules:
        """The cached rules for the URL's origin, fetched again once expired."""
        origin = _origin(url)
        with self._lock:
            cached = self._rules.get(origin)
            loading = self._loading.setdefault(origin, threading.Lock())
        if cached and cached.expires_at > self._clock():
            return cached
        # Threads that miss together wait for one fetch instead of each asking the host.
        with loading:
            with self._lock:
                cached = self._rules.get(origin)
            now = self._clock()
            if cached and cached.expires_at > now:
                return cached
            fresh = self._load(origin, now, cached)
            with self._lock:
                self._rules[origin] = fresh
            return fresh

    def _load(self, origin: str, now: float, previous: RobotsRules | None) -> RobotsRules:
        try:
            status, body = self._fetch(origin + "/robots.txt")
        except FetchError as exc:
            return self._unreachable(now, previous, f"robots.txt unreachable: {exc}")
        if 200 <= status < 300:
            text = body[:ROBOTS_MAX_BYTES].decode("utf-8", errors="replace")
            return RobotsRules("rules", Protego.parse(text), now, now + self.ttl)
        if 400 <= status < 500:
            reason = f"robots.txt answered HTTP {status}: allowed"
            return RobotsRules("allow_all", None, now, now + self.ttl, reason=reason)
        return self._unreachable(now, previous, f"robots.txt answered HTTP {status}")

    def _unreachable(self, now: float, previous: RobotsRules | None, reason: str) -> RobotsRules:
        since = previous.failing_since if previous and previous.failing_since else now
        if now - since >= self.give_up_after:
            return RobotsRules("allow_all", None, now, now + self.unreachable_ttl, since, reason)
        return RobotsRules("disallow_all", None, now, now + self.unreachable_ttl, since, reason)


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}"


def fetcher(policy: FetchPolicy) -> RobotsFetch:
    """A RobotsFetch on `gather.fetch`: redirects followed, 500 KiB read, no retries."""
    robots_policy = replace(policy, max_bytes=ROBOTS_MAX_BYTES, retries=0)

    def fetch_robots(url: str) -> tuple[int, bytes]:
        try:
            response = fetch(url, robots_policy)
        except FetchError as exc:
            if exc.status is not None:
                return exc.status, b""  # a 5xx or 429 answer: the caller decides
            raise
        return response.status, response.body

    return fetch_robots
