"""Fetching one URL safely and politely: the gatherer's single way onto the network.

- http(s) only; every address a host resolves to must be public (cloud metadata never), checked
  after DNS resolution and again on every redirect hop, and the connection goes to the checked
  address (`pinning.py`), which closes the DNS-rebinding gap.
- Bounded: connect / read / total timeouts, at most `max_redirects` hops, a decoded-size cap
  (`bodies.py`: gzip, deflate and br bombs stop at the cap), binary responses refused.
- Conditional GET is the caller's headers (`If-None-Match`, `If-Modified-Since`); a 304 comes
  back as a normal `Response` (`not_modified`). Other 4xx answers are returned too: a 404 is a
  fact about the page, not a failure of the fetch.
- Transient failures (connect errors, 429, 5xx) are retried with exponential backoff and
  jitter, honouring `Retry-After`; a wait longer than `max_retry_wait` is not slept but raised
  as `FetchError.retry_after`, so the caller can schedule the next try instead of blocking.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from urllib.parse import urljoin, urlsplit

import httpx

from dateline import __version__
from dateline.gather import bodies
from dateline.gather.addresses import AddressRefused, ResolveFailed, Resolver, resolve_checked
from dateline.gather.decode import decode_page
from dateline.gather.pinning import PinnedBackend, pin_key, pinned_client
from dateline.gather.retry import TRANSIENT_STATUSES, backoff_delay, parse_retry_after

MAX_REDIRECTS = 5
_REDIRECTS = frozenset({301, 302, 303, 307, 308})


class FetchError(Exception):
    """A fetch failed; the message says why in words a person can act on.

    `kind` is one word a program can act on: refused, dns, connect, timeout, too_large,
    binary, corrupt, redirects, http, network. Only connect errors, 429 and 5xx are retried
    inside `fetch`; `transient` says which failures are worth trying again later.
    `retry_after` (seconds) is set when the server asked us to wait; `status` when the failure
    is an HTTP answer; `attempts` counts the tries made.
    """

    def __init__(
        self,
        message: str,
        *,
        kind: str = "network",
        status: int | None = None,
        retry_after: float | None = None,
        attempts: int = 1,
    ) -> None:
        super().__init__(message)
        self.kind = kind
        self.status = status
        self.retry_after = retry_after
        self.attempts = attempts

    @property
    def transient(self) -> bool:
        """Worth trying again later (the host or network may recover)."""
        return self.kind in {"dns", "connect", "timeout", "network"} or (
            self.kind == "http" and self.status in TRANSIENT_STATUSES
        )


@dataclass(frozen=True)
class FetchPolicy:
    # Total seconds for one attempt, every hop and the whole body (checked between reads, so
    # the last read may add up to read_timeout).
    timeout: float = 20.0
    max_bytes: int = 10 * 1024 * 1024  # decoded body size cap
    allow_private: bool = False  # any non-public address except cloud metadata (tests)
    contact: str = ""  # URL or e-mail in the User-Agent, so sites can reach the operator
    connect_timeout: float = 10.0
    read_timeout: float = 15.0  # longest silence between two reads
    max_redirects: int = MAX_REDIRECTS
    retries: int = 2  # extra attempts after a transient failure
    backoff_base: float = 2.0  # first retry after 1-2 s: never faster than 1 request/s
    backoff_max: float = 60.0
    max_retry_wait: float = 30.0  # longer Retry-After: raise with retry_after, do not sleep
    # Non-public networks allowed without allow_private, e.g. ("127.0.0.0/8",) for a fixture
    # server: narrower than allow_private, so a redirect to 10.x is still refused.
    allowed_networks: tuple[str, ...] = ()
    allow_binary: bool = False  # skip the not-binary check (e.g. a .xml.gz sitemap)
    # Host name -> addresses; None is the system resolver. Tests map fixture names to loopback.
    resolver: Resolver | None = field(default=None, compare=False)

    @property
    def user_agent(self) -> str:
        contact = f"; +{self.contact}" if self.contact else ""
        return f"Dateline/{__version__} (self-hosted news reader{contact})"


@dataclass(frozen=True)
class Response:
    url: str
    status: int
    headers: dict[str, str]
    body: bytes
    attempts: int = 1  # 1 + retries made
    redirects: tuple[str, ...] = ()  # the URLs we were sent through, in order

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def charset(self) -> str | None:
        """The charset the Content-Type header declares, if any."""
        for param in self.headers.get("content-type", "").split(";")[1:]:
            name, _, value = param.partition("=")
            if name.strip().lower() == "charset" and value.strip():
                return value.strip().strip("\"'")
        return None

    def text(self) -> str:
        """The body as text (BOM, UTF-8, declared charset, <meta>, then detection)."""
        return decode_page(self.body, self.charset)


def check_url(
    url: str,
    allow_private: bool,
    allowed_networks: tuple[str, ...] = (),
    resolver: Resolver | None = None,
) -> str:
    """Refuse non-http(s) URLs and off-limits hosts; return the checked address to connect to."""
    try:
        parts = urlsplit(url)
    except ValueError as exc:  # "http://[::1/": a bracket that never closes
        raise FetchError(f"refused {url!r}: not a valid URL ({exc})", kind="refused") from exc
    if parts.scheme not in {"http", "https"}:
        raise FetchError(
            f"refused {parts.scheme or 'relative'}: URL; only http and https are fetched",
            kind="refused",
        )
    try:
        host = httpx.URL(url).raw_host.decode("ascii")
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except (httpx.InvalidURL, ValueError, UnicodeError) as exc:
        raise FetchError(f"refused {url!r}: not a valid URL ({exc})", kind="refused") from exc
    if not host:
        raise FetchError(f"refused {url!r}: no host name", kind="refused")
    try:
        return resolve_checked(host, port, allow_private, allowed_networks, resolver)
    except ResolveFailed as exc:
        # A resolver's "try again" is retried at once; a name that does not exist is not.
        raise FetchError(str(exc), kind="connect" if exc.temporary else "dns") from exc
    except AddressRefused as exc:
        raise FetchError(str(exc), kind="refused") from exc


def fetch(
    url: str,
    policy: FetchPolicy,
    headers: dict[str, str] | None = None,
    *,
    sleep: Callable[[float], None] = time.sleep,
    rng: random.Random | None = None,
) -> Response:
    """GET `url` under `policy`, retrying transient failures; see the module docstring."""
    attempt = 0
    while True:
        error: FetchError
        try:
            response = _attempt(url, policy, headers or {})
        except FetchError as exc:
            if exc.kind != "connect":
                exc.attempts = attempt + 1
                raise
            error, retry_after = exc, None
        else:
            if response.status not in TRANSIENT_STATUSES:
                return replace(response, attempts=attempt + 1)
            retry_after = parse_retry_after(response.headers.get("retry-after"))
            error = FetchError(
                f"HTTP {response.status} from {urlsplit(response.url).hostname}"
                + (f" (Retry-After {retry_after:.0f} s)" if retry_after is not None else ""),
                kind="http",
                status=response.status,
                retry_after=retry_after,
            )
        error.attempts = attempt + 1
        if retry_after is not None and retry_after > policy.max_retry_wait:
            raise error  # too long to sleep here: the caller schedules the next try
        if attempt >= policy.retries:
            if error.status is not None:
                error.args = (f"{error.args[0]} after {attempt + 1} attempts",)
            raise error
        delay = backoff_delay(attempt, policy.backoff_base, policy.backoff_max, rng)
        sleep(max(delay, retry_after or 0.0))
        attempt += 1


def _attempt(url: str, policy: FetchPolicy, headers: dict[str, str]) -> Response:
    """One try: follow checked, pinned redirects, then read the body under every limit."""
    deadline = time.monotonic() + policy.timeout
    request_headers = {
        "User-Agent": policy.user_agent,
        "Accept-Encoding": bodies.ACCEPT_ENCODING,
        **headers,
    }
    timeout = httpx.Timeout(
        connect=min(policy.connect_timeout, policy.timeout),
        read=min(policy.read_timeout, policy.timeout),
        write=policy.timeout,
        pool=policy.timeout,
    )
    client, backend = pinned_client(timeout)
    hops: list[str] = []
    with client:
        for _ in range(policy.max_redirects + 1):
            _pin(url, policy, backend)
            try:
                with client.stream("GET", url, headers=request_headers) as response:
                    if response.status_code in _REDIRECTS and "location" in response.headers:
                        hops.append(url)
                        url = urljoin(url, response.headers["location"])
                        _check_time(deadline, policy, url)
                        continue
                    body = _read(response, policy, deadline)
                    headers = dict(response.headers)
                    status = response.status_code
                    return Response(str(response.url), status, headers, body, redirects=tuple(hops))
            except (httpx.ConnectError, httpx.ConnectTimeout) as exc:
                raise FetchError(f"cannot connect to {url}: {exc}", kind="connect") from exc
            except httpx.TimeoutException as exc:
                raise FetchError(
                    f"timed out (no data for {timeout.read:.0f} s): {url}", kind="timeout"
                ) from exc
            except httpx.HTTPError as exc:
                raise FetchError(f"network error for {url}: {exc}", kind="network") from exc
    raise FetchError(f"more than {policy.max_redirects} redirects from {hops[0]}", kind="redirects")


def _pin(url: str, policy: FetchPolicy, backend: PinnedBackend) -> None:
    address = check_url(url, policy.allow_private, policy.allowed_networks, policy.resolver)
    backend.pins[pin_key(httpx.URL(url))] = address


def _check_time(deadline: float, policy: FetchPolicy, url: str) -> None:
    if time.monotonic() > deadline:
        raise FetchError(
            f"timed out: took longer than {policy.timeout:.0f} s in total: {url}", kind="timeout"
        )


def _read(response: httpx.Response, policy: FetchPolicy, deadline: float) -> bytes:
    url = str(response.url)
    if not policy.allow_binary:
        media = bodies.binary_content_type(response.headers.get("content-type", ""))
        if media:
            raise FetchError(f"binary content ({media}), not a page or feed: {url}", kind="binary")
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > policy.max_bytes:
        raise FetchError(
            f"response larger than {policy.max_bytes} bytes ({declared} declared): {url}",
            kind="too_large",
        )

    def timed_chunks() -> Iterator[bytes]:
        for chunk in response.iter_raw():  # as the network delivers: checked per read
            _check_time(deadline, policy, url)
            yield chunk

    encoding = response.headers.get("content-encoding", "")
    try:
        body = bodies.read_body(timed_chunks(), encoding, policy.max_bytes)
    except bodies.TooLarge:
        raise FetchError(
            f"response larger than {policy.max_bytes} bytes"
            + (f" once decoded ({encoding})" if encoding else "")
            + f": {url}",
            kind="too_large",
        ) from None
    except bodies.BodyError as exc:
        raise FetchError(f"{exc}: {url}", kind="corrupt") from exc
    if not policy.allow_binary and (found := bodies.sniff_binary(body[:1024])):
        raise FetchError(f"binary content ({found}), not a page or feed: {url}", kind="binary")
    return body
