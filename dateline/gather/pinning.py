"""An httpx client whose connections go to addresses we checked, never to a fresh DNS answer.

httpx (through httpcore) would resolve the host name again when it connects. We swap in a
network backend that looks the host up in a table of pinned, already-checked addresses and
connects there; TLS still uses the host name (SNI and certificate checks) and the Host header
is unchanged, so to the server it is an ordinary request.
"""

from __future__ import annotations

import ssl
from functools import cache
from typing import Any

import httpcore
import httpx


class PinnedBackend(httpcore.SyncBackend):
    """Connects to the pinned address of a host; a host without a pin is refused."""

    def __init__(self) -> None:
        self.pins: dict[str, str] = {}

    def connect_tcp(self, host: str, port: int, *args: Any, **kwargs: Any):
        address = self.pins.get(host.lower())
        if address is None:
            # Fail closed: something tried to connect to a host we never checked.
            raise httpcore.ConnectError(f"no checked address for {host}")
        return super().connect_tcp(address, port, *args, **kwargs)


class PinnedTransport(httpx.HTTPTransport):
    """httpx's own transport with the pinning backend and no proxies from the environment."""

    def __init__(
        self,
        backend: PinnedBackend,
        max_connections: int = 10,
        ssl_context: ssl.SSLContext | None = None,
    ) -> None:
        # Not calling super().__init__: it would build a pool (and load the CA bundle, ~50 ms)
        # only for us to replace it. HTTPTransport's methods need nothing but `_pool`.
        self._pool = httpcore.ConnectionPool(
            ssl_context=ssl_context or _ssl_context(),
            max_connections=max_connections,
            http1=True,
            http2=False,
            network_backend=backend,
        )


@cache
def _ssl_context() -> ssl.SSLContext:
    """One verified-TLS context for the process: loading the CA bundle is the slow part."""
    return httpx.create_ssl_context(trust_env=False)


def pin_key(url: httpx.URL) -> str:
    """The host name as httpcore will pass it to `connect_tcp` (IDNA-encoded, no brackets)."""
    return url.raw_host.decode("ascii").lower()


def pinned_client(timeout: httpx.Timeout) -> tuple[httpx.Client, PinnedBackend]:
    backend = PinnedBackend()
    client = httpx.Client(
        transport=PinnedTransport(backend), timeout=timeout, follow_redirects=False
    )
    return client, backend
