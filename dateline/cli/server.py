"""The production web server command line, shared by `dateline up` and the load benchmark.

granian (a Rust HTTP server running Django's WSGI application) rather than gunicorn's sync
workers: on this project's 2-core machines it answers an in-memory page ~9x faster
(42 k vs 4.5 k req/s for the same 13 kB body under wrk, 64 connections), mostly because it
keeps connections alive and parses HTTP outside Python. That headroom is what lets the page
cache in front of Django (`dateline.site.front_cache`) come near a static file server.
"""

from __future__ import annotations

import sys

# Requests a worker takes on at once, waiting for a thread or running. Held to the thread count
# (2), pages served from memory reached 16 k req/s beside nginx's 65 k; at 64 they reached 34 k:
# a tight limit leaves requests in the socket queue while the threads are free again in µs.
BACKPRESSURE = 128


def server_command(host: str, port: int, workers: int, threads: int) -> list[str]:
    """argv that serves `dateline.wsgi:application` on host:port."""
    return [
        sys.executable, "-m", "granian", "--interface", "wsgi", "dateline.wsgi:application",
        "--host", host, "--port", str(port),
        "--workers", str(workers), "--blocking-threads", str(threads),
        "--backpressure", str(BACKPRESSURE),
        "--no-ws", "--log-level", "warning",
    ]  # fmt: skip
