"""Fetching one URL safely: http(s) only, public addresses only, bounded time and size.

Every hop of a redirect chain is checked again, so a public URL cannot bounce us into a
private network. (Pinning the connection to the checked address, against DNS rebinding,
comes with the full gatherer.)
"""

from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import httpx

from dateline import __version__

MAX_REDIRECTS = 5


class FetchError(Exception):
    """A fetch failed; the message says why in words a person can act on."""


@dataclass(frozen=True)
class FetchPolicy:
    timeout: float = 20.0
    max_bytes: int = 10 * 1024 * 1024
    allow_private: bool = False
    contact: str = ""

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


def check_url(url: str, allow_private: bool) -> None:
    """Refuse non-http(s) URLs and hosts resolving to loopback/private/link-local/... ranges."""
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"}:
        raise FetchError(
            f"refused {parts.scheme or 'relative'}: URL; only http and https are fetched"
        )
    if not parts.hostname:
        raise FetchError(f"refused {url!r}: no host name")
    if allow_private:
        return
    try:
        infos = socket.getaddrinfo(parts.hostname, parts.port or 443, proto=socket.IPPROTO_TCP)
    except socket.gaierror as exc:
        raise FetchError(f"cannot resolve {parts.hostname}: {exc.strerror}") from exc
    for info in infos:
        address = ipaddress.ip_address(info[4][0])
        if not address.is_global or address.is_multicast:
            raise FetchError(f"refused {parts.hostname}: resolves to non-public address {address}")


def fetch(url: str, policy: FetchPolicy, headers: dict[str, str] | None = None) -> Response:
    """GET a URL, following up to MAX_REDIRECTS checked redirects; the body is size-capped."""
    request_headers = {"User-Agent": policy.user_agent, **(headers or {})}
    with httpx.Client(timeout=policy.timeout, follow_redirects=False) as client:
        for _ in range(MAX_REDIRECTS + 1):
            check_url(url, policy.allow_private)
            try:
                with client.stream("GET", url, headers=request_headers) as response:
                    if response.is_redirect and "location" in response.headers:
                        url = urljoin(url, response.headers["location"])
                        continue
                    body = _read_capped(response, policy.max_bytes)
                    return Response(
                        str(response.url), response.status_code, dict(response.headers), body
                    )
            except httpx.TimeoutException as exc:
                raise FetchError(f"timed out after {policy.timeout:.0f} s: {url}") from exc
            except httpx.HTTPError as exc:
                raise FetchError(f"network error for {url}: {exc}") from exc
    raise FetchError(f"more than {MAX_REDIRECTS} redirects from {url}")


def _read_capped(response: httpx.Response, max_bytes: int) -> bytes:
    chunks, size = [], 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > max_bytes:
            raise FetchError(f"response larger than {max_bytes} bytes: {response.url}")
        chunks.append(chunk)
    return b"".join(chunks)
