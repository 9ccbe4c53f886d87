"""The fixture publisher's faults: each turns a request into a misbehaving answer.

`apply` returns None when the fault lets the request through (a flaky route that has
recovered), an answer (status, headers, body), or a Writer that writes to the socket itself
(slow drips, huge streams, resets) and returns the status it sent.
"""

from __future__ import annotations

import gzip
import socket
import struct
import time
from collections.abc import Callable
from functools import cache
from http.server import BaseHTTPRequestHandler
from typing import Any

import brotli

from tests.gather import site_content as content

Answer = tuple[int, dict[str, str], bytes]
Writer = Callable[[BaseHTTPRequestHandler], int]
MB = 1024 * 1024
# The smallest valid PNG header and IHDR: enough for any sniffer.
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 17


@cache
def gzip_bomb(size: int) -> bytes:
    return gzip.compress(b"\0" * size, compresslevel=9)


@cache
def br_bomb(size: int) -> bytes:
    return brotli.compress(b"\0" * size, quality=5)


def scripts_page() -> bytes:
    return (
        b"<!doctype html><html><head><meta charset='utf-8'><title>Scripts everywhere</title>"
        b"<script src='/tracker.js'></script>"
        b"<script>window.dataLayer=[];document.write('<p>injected</p>');</script>"
        b'<script type=\'application/ld+json\'>{"@type":"NewsArticle",'
        b'"headline":"Scripts everywhere"}</script></head>'
        b"<body onload='track()'><article><h1>Scripts everywhere</h1>"
        b"<p>The text a reader came for sits between scripts.</p>"
        b"<script>for(var i=0;i<3;i++){console.log('</p><p>not text')}</script>"
        b"<p>It is still the article.</p></article><noscript><img src='/pixel.gif'></noscript>"
        b"</body></html>"
    )


def apply(
    name: str,
    params: dict[str, Any],
    request: BaseHTTPRequestHandler,
    body: bytes | None,
    path: str,
    hits: int,
) -> Answer | Writer | None:
    """The answer for fault `name` on its `hits`-th request (1-based)."""
    body = body if body is not None else b"<p>fixture</p>"
    if name == "slow":
        time.sleep(float(params.get("seconds", 2)))
        return 200, {"Content-Type": "text/html"}, body
    if name == "drip":
        return _drip(body, int(params.get("chunk", 64)), float(params.get("delay", 0.5)))
    if name in ("500", "503"):
        headers = {"Content-Type": "text/plain"}
        if "retry_after" in params:
            headers["Retry-After"] = str(params["retry_after"])
        return int(name), headers, b"server error"
    if name == "429":
        retry_after = str(params.get("retry_after", "1"))
        return 429, {"Retry-After": retry_after, "Content-Type": "text/plain"}, b"slow down"
    if name == "flaky":
        if hits > int(params.get("times", 2)):
            return None
        return 503, {"Retry-After": str(params.get("retry_after", "0"))}, b"try again"
    if name == "no-etag":
        return None  # handled by the publisher: the route is served without validators
    if name == "redirect-loop":
        bare, _, query = path.partition("?")
        step = int(query.rpartition("=")[2] or 0) if query.startswith("loop=") else 0
        return 302, {"Location": f"{bare}?loop={step + 1}"}, b""
    if name == "redirect-to":
        return int(params.get("status", 302)), {"Location": params["location"]}, b""
    if name == "malformed-xml":
        cut = body[: max(40, len(body) // 2)]
        return 200, {"Content-Type": "application/xml"}, cut + b"<item><title>broken &"
    if name == "cp1252-as-utf8":
        page = content.FRENCH.encode("cp1252")
        return 200, {"Content-Type": "text/html; charset=utf-8"}, page
    if name == "koi8r-as-cp1252":
        page = content.RUSSIAN.encode("koi8-r")
        return 200, {"Content-Type": "text/html; charset=windows-1252"}, page
    if name == "gzip-bomb":
        bomb = gzip_bomb(int(params.get("size", 50 * MB)))
        return 200, {"Content-Type": "text/html", "Content-Encoding": "gzip"}, bomb
    if name == "br-bomb":
        bomb = br_bomb(int(params.get("size", 50 * MB)))
        return 200, {"Content-Type": "text/html", "Content-Encoding": "br"}, bomb
    if name == "huge":
        return _huge(int(params.get("size", 50 * MB)), bool(params.get("length", True)))
    if name == "binary":
        content_type = params.get("content_type", "image/png")
        return 200, {"Content-Type": content_type}, PNG + b"\x00" * 4096
    if name == "reset":
        return _reset
    if name == "scripts":
        return 200, {"Content-Type": "text/html; charset=utf-8"}, scripts_page()
    raise ValueError(f"unknown fault {name!r}")


def _drip(body: bytes, chunk: int, delay: float) -> Writer:
    def write(request: BaseHTTPRequestHandler) -> int:
        request.send_response(200)
        request.send_header("Content-Type", "text/html")
        request.send_header("Content-Length", str(len(body)))
        request.end_headers()
        for start in range(0, len(body), chunk):
            request.wfile.write(body[start : start + chunk])
            request.wfile.flush()
            time.sleep(delay)
        return 200

    return write


def _huge(size: int, with_length: bool) -> Writer:
    block = (b"<p>" + b"all work and no play " * 48 + b"</p>\n")[:1024]

    def write(request: BaseHTTPRequestHandler) -> int:
        request.send_response(200)
        request.send_header("Content-Type", "text/html")
        if with_length:
            request.send_header("Content-Length", str(size))
        else:
            request.close_connection = True  # the body ends when the connection does
        request.end_headers()
        sent = 0
        while sent < size:
            request.wfile.write(block[: min(len(block), size - sent)])
            sent += len(block)
        return 200

    return write


def _reset(request: BaseHTTPRequestHandler) -> int:
    # SO_LINGER with a zero timeout makes close() send a TCP RST instead of a FIN.
    request.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    request.close_connection = True
    return 0
