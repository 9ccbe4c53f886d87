"""A fault-injecting fixture publisher: several news sites on one loopback port.

    with Publisher() as pub:
        pub.add_site("alpha.test", n_articles=10)          # feeds, sitemaps, pages, robots.txt
        pub.add_feed("alpha.test", 5, "/feeds/2.xml")      # more feeds on one host
        feed = pub.url("alpha.test", "/feed.xml")          # http://alpha.test:PORT/feed.xml
        fetch(feed, pub.policy())                          # resolver maps *.test to 127.0.0.1
        pub.fault("alpha.test", "/feed.xml", "429", retry_after="120")
        pub.max_concurrency("alpha.test"), pub.requests("alpha.test")

Sites are told apart by the Host header; a client that cannot set it can use the path prefix
form `pub.url(host, path, by_prefix=True)` = http://127.0.0.1:PORT/alpha.test/feed.xml.
Every static route answers conditional GETs (ETag, Last-Modified, 304) like a real server.

Faults (`pub.fault(host, path, name, **params)`; path "*" = every path of the host):
    slow          wait `seconds` (2) before answering
    drip          send the body `chunk` (64) bytes at a time, `delay` (0.5 s) apart
    500 / 503     that status (503 with `retry_after` if given)
    429           429 Too Many Requests with Retry-After `retry_after` ("1"; seconds or date)
    flaky         `times` (2) answers of 503 (Retry-After `retry_after`), then the real one
    no-etag       the route ignores conditional headers and sends no validators
    redirect-loop /path -> /path?loop=1 -> /path?loop=2 ... forever
    redirect-to   302 to `location` (e.g. a private address or a file: URL)
    malformed-xml the route's body cut in half, with an unclosed element
    cp1252-as-utf8, koi8r-as-cp1252   French / Russian text in one charset, declared another
    gzip-bomb     Content-Encoding: gzip of `size` (50 MB) zero bytes
    br-bomb       the same with brotli
    huge          `size` (50 MB) of HTML, streamed; `length` False omits Content-Length
    binary        a PNG image (Content-Type image/png, or `content_type`)
    reset         close the connection without answering
    scripts       an HTML page full of scripts (inline, external, JSON-LD, event handlers)
"""

from __future__ import annotations

import gzip
import hashlib
import threading
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import urlsplit

from dateline.gather.addresses import ResolveFailed
from dateline.gather.fetch import FetchPolicy
from tests.gather import faults
from tests.gather import site_content as content

LOOPBACK = ("127.0.0.0/8",)
FAULTS = frozenset(
    """slow drip 500 503 429 flaky no-etag redirect-loop redirect-to malformed-xml
    cp1252-as-utf8 koi8r-as-cp1252 gzip-bomb br-bomb huge binary reset scripts""".split()
)
Handler = Callable[[BaseHTTPRequestHandler], tuple[int, dict[str, str], bytes]]


@dataclass
class Route:
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    handler: Handler | None = None  # computes (status, headers, body) per request


@dataclass
class LoggedRequest:
    """One request, logged when it arrives; `status` and `ended` are filled in when answered
    (status 0: the connection was dropped or reset; ended None: still being answered)."""

    host: str
    path: str
    headers: dict[str, str]
    started: float  # time.monotonic()
    status: int = 0
    ended: float | None = None


@dataclass
class Site:
    host: str
    base: str
    articles: list[content.Article]  # those of /feed.xml, /atom.xml, /feed.json and sitemaps
    feeds: dict[str, list[content.Article]] = field(default_factory=dict)  # add_feed(path=)


class Publisher:
    """The server; use as a context manager (or start()/stop())."""

    def __init__(self) -> None:
        self.routes: dict[tuple[str, str], Route] = {}
        self.faults: dict[tuple[str, str], tuple[str, dict[str, Any]]] = {}
        self.sites: dict[str, Site] = {}
        self.log: list[LoggedRequest] = []
        self._lock = threading.Lock()
        self._active: dict[str, int] = defaultdict(int)
        self._max_active: dict[str, int] = defaultdict(int)
        self._fault_hits: dict[tuple[str, str], int] = defaultdict(int)
        self._server: ThreadingHTTPServer | None = None

    # -- lifecycle ---------------------------------------------------------------------------
    def start(self) -> Publisher:
        publisher = self

        class RequestHandler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                publisher._handle(self)

            def log_message(self, *args: object) -> None:
                pass

        class Server(ThreadingHTTPServer):
            daemon_threads = True
            request_queue_size = 128

        self._server = Server(("127.0.0.1", 0), RequestHandler)
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self._server:
            self._server.shutdown()
            self._server.server_close()

    def __enter__(self) -> Publisher:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def port(self) -> int:
        assert self._server, "start the publisher first"
        return self._server.server_address[1]

    # -- addressing --------------------------------------------------------------------------
    def url(self, host: str, path: str = "/", by_prefix: bool = False) -> str:
        if by_prefix:
            return f"http://127.0.0.1:{self.port}/{host}{path}"
        return f"http://{host}:{self.port}{path}"

    def resolve(self, host: str, port: int) -> list[str]:
        """A resolver for FetchPolicy: the publisher's sites (and any *.test) are on loopback."""
        if host in self.sites or host.endswith(".test") or host == "127.0.0.1":
            return ["127.0.0.1"]
        raise ResolveFailed(f"cannot resolve {host}: not a fixture host")

    def policy(self, **overrides: Any) -> FetchPolicy:
        """A FetchPolicy for this publisher: loopback allowed (only), fast retries."""
        base = FetchPolicy(
            timeout=10,
            connect_timeout=2,
            read_timeout=5,
            allowed_networks=LOOPBACK,
            resolver=self.resolve,
            backoff_base=0.01,
            backoff_max=0.05,
            max_retry_wait=2,
        )
        return replace(base, **overrides)

    # -- content -----------------------------------------------------------------------------
    def route(
        self,
        host: str,
        path: str,
        body: bytes | Handler = b"",
        status: int = 200,
        headers: dict[str, str] | None = None,
    ) -> str:
        """Serve `body` (or a handler's answer) at host+path; returns the URL."""
        handler = body if callable(body) else None
        self.routes[(host, path)] = Route(
            status, dict(headers or {}), b"" if handler else body, handler
        )
        return self.url(host, path)

    def add_site(self, host: str, n_articles: int = 10, name: str | None = None) -> Site:
        """A news site: /, /feed.xml (RSS), /atom.xml, /feed.json, /news-sitemap.xml,
        /sitemap.xml.gz, /sitemap_index.xml, /robots.txt and one page per article."""
        base = self.url(host, "").rstrip("/")
        name = name or host.split(".")[0].title() + " News"
        articles = content.make_articles(host, n_articles, offset=len(self.sites) * 7)
        self.sites[host] = Site(host, base, articles)
        html = "text/html; charset=utf-8"
        for article in articles:
            self.route(host, "/" + article.slug, article.html, headers={"Content-Type": html})
        sitemap = content.news_sitemap(base, name, articles)
        index = content.sitemap_index(base, ["/news-sitemap.xml", "/sitemap.xml.gz"])
        documents = {
            "/": (content.homepage(base, name, articles[:20]), html),
            "/feed.xml": (content.rss(base, name, articles), "application/rss+xml"),
            "/atom.xml": (content.atom(base, name, articles), "application/atom+xml"),
            "/feed.json": (content.json_feed(base, name, articles), "application/feed+json"),
            "/news-sitemap.xml": (sitemap, "application/xml"),
            "/sitemap.xml.gz": (gzip.compress(sitemap), "application/x-gzip"),
            "/sitemap_index.xml": (index, "application/xml"),
            "/robots.txt": (content.robots_txt(base), "text/plain"),
        }
        for path, (body, content_type) in documents.items():
            self.route(host, path, body, headers={"Content-Type": content_type})
        return self.sites[host]

    def add_feed(self, host: str, n_items: int = 10, path: str | None = None) -> str:
        """An RSS feed URL. Without `path`: the /feed.xml of a new site with `n_items` articles.
        With `path` (e.g. "/feeds/7.xml"): one more feed on the host, with its own `n_items`
        article pages under /feeds-7/, so one host can carry many feeds."""
        if host not in self.sites:
            self.add_site(host, 0 if path else n_items)
        if not path:
            return self.url(host, "/feed.xml")
        site = self.sites[host]
        section = path.strip("/").rsplit(".", 1)[0].replace("/", "-")
        offset = len(self.routes)  # a different run of real pages for each feed
        articles = content.make_articles(host, n_items, offset=offset, section=section)
        html = "text/html; charset=utf-8"
        for article in articles:
            self.route(host, "/" + article.slug, article.html, headers={"Content-Type": html})
        site.feeds[path] = articles
        body = content.rss(site.base, f"{host} {section}", articles)
        return self.route(host, path, body, headers={"Content-Type": "application/rss+xml"})

    def robots(self, host: str, text: str | None = None, status: int = 200) -> None:
        """Replace a site's robots.txt (or make it answer `status`)."""
        body = (text or "").encode()
        self.route(host, "/robots.txt", body, status, {"Content-Type": "text/plain"})

    # -- faults ------------------------------------------------------------------------------
    def fault(self, host: str, path: str, name: str, **params: Any) -> str:
        """Switch a fault on for host+path ("*" = the whole host); returns the URL."""
        if name not in FAULTS:
            raise ValueError(f"unknown fault {name!r}; known: {sorted(FAULTS)}")
        self.faults[(host, path)] = (name, params)
        self._fault_hits[(host, path)] = 0
        return self.url(host, path if path != "*" else "/")

    def clear_faults(self) -> None:
        self.faults.clear()

    # -- observations ------------------------------------------------------------------------
    def requests(self, host: str | None = None, path: str | None = None) -> list[LoggedRequest]:
        with self._lock:
            return [
                r
                for r in self.log
                if (host is None or r.host == host) and (path is None or r.path == path)
            ]

    def max_concurrency(self, host: str) -> int:
        """The most requests to `host` the server was working on at once (each until it began
        its answer: the client may have it all from then on)."""
        return self._max_active[host]

    def reset_log(self) -> None:
        with self._lock:
            self.log.clear()
            self._max_active.clear()

    # -- serving -----------------------------------------------------------------------------
    def _handle(self, request: BaseHTTPRequestHandler) -> None:
        host, path = self._where(request)
        entry = LoggedRequest(host, path, dict(request.headers), time.monotonic())
        with self._lock:
            self.log.append(entry)
            self._active[host] += 1
            self._max_active[host] = max(self._max_active[host], self._active[host])
        answering = False
        send_response = request.send_response

        def send_first_line(*args, **kwargs) -> None:
            # From its first line on, the client may have its whole answer and send the next
            # request before this thread runs again: the request stops counting as in flight
            # here, or a client keeping to its limit would look one over it.
            nonlocal answering
            if not answering:
                answering = True
                with self._lock:
                    self._active[host] -= 1
            send_response(*args, **kwargs)

        request.send_response = send_first_line
        try:
            entry.status = self._answer(request, host, path)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (size cap, timeout): that is the point of many faults
        finally:
            with self._lock:
                if not answering:
                    self._active[host] -= 1
                entry.ended = time.monotonic()

    def _where(self, request: BaseHTTPRequestHandler) -> tuple[str, str]:
        host = (request.headers.get("Host") or "").rsplit(":", 1)[0].lower()
        path = request.path
        if host in ("127.0.0.1", "localhost", ""):
            # Path-prefix form: /alpha.test/feed.xml
            first, _, rest = path.lstrip("/").partition("/")
            host, path = first, "/" + rest
        return host, path

    def _answer(self, request: BaseHTTPRequestHandler, host: str, path: str) -> int:
        bare = urlsplit(path).path
        route = self.routes.get((host, path)) or self.routes.get((host, bare))
        keys = ((host, path), (host, bare), (host, "*"))
        fault_key = next((key for key in keys if key in self.faults), None)
        fault_name = ""
        if fault_key:
            fault_name, params = self.faults[fault_key]
            with self._lock:
                self._fault_hits[fault_key] += 1
                hits = self._fault_hits[fault_key]
            body = route.body if route and not route.handler else None
            answer = faults.apply(fault_name, params, request, body, path, hits)
            if callable(answer):
                return answer(request)
            if answer is not None:
                return _send(request, *answer)
        if route is None:
            return _send(request, 404, {"Content-Type": "text/plain"}, b"not found")
        if route.handler:
            return _send(request, *route.handler(request))
        headers = dict(route.headers)
        if route.status == 200 and fault_name != "no-etag":
            headers.setdefault("ETag", '"' + hashlib.sha256(route.body).hexdigest()[:16] + '"')
            headers.setdefault("Last-Modified", format_datetime(content.BASE_DATE, usegmt=True))
            if _not_modified(request, headers):
                return _send(request, 304, {"ETag": headers["ETag"]}, b"")
        return _send(request, route.status, headers, route.body)


def _not_modified(request: BaseHTTPRequestHandler, headers: dict[str, str]) -> bool:
    # RFC 9110: If-None-Match wins over If-Modified-Since when both are sent.
    if "If-None-Match" in request.headers:
        return request.headers["If-None-Match"] == headers["ETag"]
    return request.headers.get("If-Modified-Since") == headers["Last-Modified"]


def _send(
    request: BaseHTTPRequestHandler, status: int, headers: dict[str, str], body: bytes
) -> int:
    request.send_response(status)
    for name, value in headers.items():
        request.send_header(name, value)
    if "Content-Length" not in headers and status != 304:
        request.send_header("Content-Length", str(len(body)))
    request.end_headers()
    request.wfile.write(body)
    return status
