"""The fault matrix: each publisher fault and what the fetcher must make of it.

Shared by `test_fault_matrix.py` (which asserts it) and `bench/gather_fetch.py` (which prints
it as a table), so the table in the bench results is the tested behaviour.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

from dateline.gather.decode import NotTextError
from dateline.gather.fetch import FetchError, fetch
from tests.gather.publisher import Publisher

HOST = "faulty.test"
PATH = "/news/1-page"


@dataclass(frozen=True)
class FaultCase:
    fault: str
    params: dict[str, Any] = field(default_factory=dict)
    kind: str | None = None  # the FetchError kind expected, None = a successful fetch
    message: str = ""  # a fragment the error message (or decoded text) must contain
    attempts: int = 1  # requests the server must have seen for this URL
    policy: dict[str, Any] = field(default_factory=dict)  # overrides of publisher.policy()


CASES = [
    FaultCase("slow", {"seconds": 3}, "timeout", "no data for 1 s", policy={"read_timeout": 1}),
    FaultCase("drip", {"chunk": 4, "delay": 0.3}, "timeout", "in total", policy={"timeout": 1}),
    FaultCase("500", {}, "http", "HTTP 500 from faulty.test after 3 attempts", attempts=3),
    FaultCase("503", {"retry_after": "1"}, "http", "Retry-After 1 s", attempts=3),
    FaultCase("429", {"retry_after": "120"}, "http", "HTTP 429", attempts=1),
    FaultCase(
        "429",
        {"retry_after": "Fri, 01 Jan 2100 00:00:00 GMT"},
        "http",
        "HTTP 429",
        attempts=1,
    ),
    FaultCase("flaky", {"times": 2}, None, "", attempts=3),
    FaultCase("redirect-loop", {}, "redirects", "more than 5 redirects", attempts=6),
    FaultCase(
        "redirect-to", {"location": "http://10.20.30.40/admin"}, "refused", "non-public address"
    ),
    FaultCase(
        "redirect-to",
        {"location": "http://169.254.169.254/latest/meta-data/"},
        "refused",
        "cloud metadata address 169.254.169.254",
        policy={"allow_private": True},
    ),
    FaultCase("redirect-to", {"location": "file:///etc/passwd"}, "refused", "only http and https"),
    FaultCase("gzip-bomb", {}, "too_large", "once decoded (gzip)"),
    FaultCase("br-bomb", {}, "too_large", "once decoded (br)"),
    FaultCase("huge", {}, "too_large", "(52428800 declared)"),
    FaultCase("huge", {"length": False}, "too_large", "larger than 10485760 bytes"),
    FaultCase("binary", {}, "binary", "binary content (image/png)"),
    FaultCase("binary", {"content_type": "text/html"}, "binary", "binary content (a PNG image)"),
    FaultCase("reset", {}, "network", "network error"),
    FaultCase("cp1252-as-utf8", {}, None, "mesures économiques très attendues"),
    FaultCase("koi8r-as-cp1252", {}, None, "Правительство объявило"),
    FaultCase("scripts", {}, None, "It is still the article."),
    FaultCase("malformed-xml", {}, None, "<item><title>broken &"),
]


@dataclass(frozen=True)
class Outcome:
    kind: str | None  # FetchError kind, or None for a response
    text: str  # the error message, or the start of the decoded body
    attempts: int  # from the fetcher's point of view
    requests: int  # what the server saw for this URL
    seconds: float


def run_case(publisher: Publisher, case: FaultCase) -> Outcome:
    """Switch the fault on, fetch once, and describe what happened."""
    publisher.clear_faults()
    publisher.reset_log()
    url = publisher.fault(HOST, PATH, case.fault, **case.params)
    started = time.monotonic()
    try:
        response = fetch(url, publisher.policy(**case.policy))
        try:
            text = response.text()
        except NotTextError as exc:
            text = f"(not text: {exc})"
        kind, attempts = None, response.attempts
    except FetchError as exc:
        kind, text, attempts = exc.kind, str(exc), exc.attempts
    seconds = time.monotonic() - started
    requests = len([r for r in publisher.requests(HOST) if r.path.startswith(PATH)])
    return Outcome(kind, text, attempts, requests, seconds)
