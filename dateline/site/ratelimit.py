"""Per-client token buckets in Django's cache: bursts are fine, floods get 429 + Retry-After.

A bucket holds `burst` tokens and refills at `rate` tokens a second; each request takes one.
The state (tokens, time) lives in the "shared" cache under the client's key, so every web
worker process draws from the same bucket (files on the embedded default, Redis when
configured). Reading and writing a bucket is not one atomic step: requests arriving at the very
same moment in different processes may both get the last token, never more than that.
"""

from __future__ import annotations

import ipaddress
import math
import time
from dataclasses import dataclass
from functools import wraps

from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest, JsonResponse


@dataclass(frozen=True)
class Limit:
    name: str
    burst: int
    rate: float  # tokens per second


REACTIONS = Limit("react", burst=20, rate=0.2)  # 20 at once, then one every 5 s
API_WRITES = Limit("api-write", burst=30, rate=0.5)
SIGN_IN = Limit("sign-in", burst=5, rate=1 / 60)
SIGN_UP = Limit("sign-up", burst=3, rate=1 / 300)
FOLLOWS = Limit("follow", burst=30, rate=0.5)


def take(limit: Limit, client: str, now: float | None = None) -> float:
    """Take a token; 0.0 if allowed, else the seconds until one is available."""
    now = time.time() if now is None else now
    tokens = _tokens(limit, client, now)
    if tokens < 1.0:
        caches["shared"].set(_key(limit, client), (tokens, now), _ttl(limit))
        return (1.0 - tokens) / limit.rate
    caches["shared"].set(_key(limit, client), (tokens - 1.0, now), _ttl(limit))
    return 0.0


def waiting(limit: Limit, client: str, now: float | None = None) -> float:
    """Seconds until `limit` has a token for `client` (0.0: now), taking none: for limits on
    failures, checked before the attempt and taken only when it fails."""
    tokens = _tokens(limit, client, time.time() if now is None else now)
    return 0.0 if tokens >= 1.0 else (1.0 - tokens) / limit.rate


def _key(limit: Limit, client: str) -> str:
    return f"dl:bucket:{limit.name}:{client}"


def _tokens(limit: Limit, client: str, now: float) -> float:
    """The client's tokens now: what the bucket held, refilled since (full when new)."""
    tokens, stamp = caches["shared"].get(_key(limit, client), (float(limit.burst), now))
    return min(float(limit.burst), tokens + (now - stamp) * limit.rate)


def client_id(request: HttpRequest) -> str:
    """Who is asking: the API token when there is one, else the client's address."""
    token = getattr(request, "api_token", None)
    if token is not None:
        return f"token:{token.pk}"
    return f"ip:{client_address(request)}"


def client_address(request: HttpRequest) -> str:
    """REMOTE_ADDR; from a trusted proxy (`DATELINE_TRUSTED_PROXIES`), the right-most address in
    X-Forwarded-For that is not one of them: the one the first trusted proxy saw. Addresses to
    its left are the client's to write, so they never count."""
    remote = request.META.get("REMOTE_ADDR", "")
    trusted = [ipaddress.ip_network(n, strict=False) for n in settings.CONFIG["trusted_proxies"]]
    if not trusted or not _among(remote, trusted):
        return remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
    for hop in reversed([hop.strip() for hop in forwarded if hop.strip()]):
        if not _among(hop, trusted):
            return hop
    return remote


def _among(address: str, networks: list) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in networks)


def too_many(retry_after: float) -> JsonResponse:
    response = JsonResponse({"detail": "too many requests, slow down"}, status=429)
    response["Retry-After"] = str(max(1, math.ceil(retry_after)))
    return response


def rate_limited(limit: Limit, methods: frozenset[str] = frozenset({"POST"})):
    """View decorator: 429 with Retry-After once the client's bucket is empty (for `methods`)."""

    def decorate(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            wait = take(limit, client_id(request)) if request.method in methods else 0.0
            if wait:
                return too_many(wait)
            return view(request, *args, **kwargs)

        return wrapped

    return decorate


def _ttl(limit: Limit) -> int:
    # Long enough for a bucket to refill completely; after that a fresh one is the same.
    return int(limit.burst / limit.rate) + 1
