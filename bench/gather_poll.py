"""Gathering throughput with real `dateline worker` processes against fixture hosts on loopback.

Run from the project root: `nice .venv/bin/python -m bench.gather_poll` (about 3 minutes).
Results go to bench/results/gather_poll.json.

1. Polling: 1,000 feeds spread over 20 fixture hosts (127.0.0.1 to 127.0.0.20, one server each),
   polled by 2 worker processes under the default politeness budget (2 concurrent, 1 request/s
   per host, shared through the database). Each feed links 2 pages of its host that every feed of
   that host shares, so the run is dominated by feed requests, as a steady-state poll is. The
   servers measure what the limits promise: requests in flight per host and the spacing of
   request starts per host. A second run (120 feeds, 2 hosts whose answers take 1 s, 4 workers,
   10 requests/s allowed) is one where the 2-in-flight limit, not the rate, is what binds.
2. Articles: the same real pages (Scrapinghub benchmark, else the bundled demo) behind feeds,
   fetched, extracted and stored by 1 and then 2 worker processes (fresh store each time,
   politeness raised so that it is not the bottleneck), next to trafilatura alone on the same
   pages in this process.
Each phase uses a scratch SQLite store (the embedded default) in a temporary folder.
"""

from __future__ import annotations

import gzip
import itertools
import json
import os
import platform
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from contextlib import ExitStack, contextmanager
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("DATELINE_SHARED_DIR", ROOT.parent / "shared"))
REAL_PAGES = SHARED / "datasets" / "scrapinghub-article-extraction-benchmark" / "html"
DEMO_PAGES = ROOT / "dateline" / "demo" / "wikinews"
RESULTS = ROOT / "bench" / "results" / "gather_poll.json"
HOSTS = 20
FEEDS = int(os.environ.get("BENCH_FEEDS", "1000"))
LATENCY = 0.05  # seconds each fixture response takes
TIME_LIMIT = 600  # a phase that has not finished by then stops and is reported as unfinished


class Meter:
    """What the fixture servers saw, per host: requests in flight and request start times."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.in_flight: dict[str, int] = defaultdict(int)
        self.max_in_flight: dict[str, int] = defaultdict(int)
        self.starts: dict[str, list[float]] = defaultdict(list)

    def enter(self, host: str) -> None:
        with self.lock:
            self.in_flight[host] += 1
            self.max_in_flight[host] = max(self.max_in_flight[host], self.in_flight[host])
            self.starts[host].append(time.monotonic())

    def leave(self, host: str) -> None:
        with self.lock:
            self.in_flight[host] -= 1

    def summary(self) -> dict:
        gaps = [b - a for s in self.starts.values() for a, b in itertools.pairwise(s)]
        per_second = max((_most_in_window(sorted(s), 1.0) for s in self.starts.values()), default=0)
        return {
            "requests": sum(len(s) for s in self.starts.values()),
            "max_concurrent_per_host": max(self.max_in_flight.values(), default=0),
            # Grants are spaced by the limit; the starts the servers see also carry the jitter
            # between a grant and its request leaving the worker, hence the 10 s window too.
            "max_requests_started_in_any_1s_per_host": per_second,
            "max_requests_started_in_any_10s_per_host": max(
                (_most_in_window(sorted(s), 10.0) for s in self.starts.values()), default=0
            ),
            "min_gap_between_starts_per_host_s": round(min(gaps), 3) if gaps else None,
        }


def _most_in_window(starts: list[float], window: float) -> int:
    best, first = 0, 0
    for last, when in enumerate(starts):
        while when - starts[first] >= window:
            first += 1
        best = max(best, last - first + 1)
    return best


@contextmanager
def fixture_hosts(routes: dict[str, dict[str, bytes]], meter: Meter, latency: float = LATENCY):
    """One server per host address; routes[host][path] = body (RSS or HTML)."""
    with ExitStack() as stack:
        for host, paths in routes.items():
            stack.enter_context(_server(host, paths, meter, latency))
        yield


@contextmanager
def _server(host: str, paths: dict[str, bytes], meter: Meter, latency: float):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            meter.enter(host)
            try:
                time.sleep(latency)
                body = paths.get(self.path)
                kind = "application/rss+xml" if self.path.endswith(".xml") else "text/html"
                self.send_response(200 if body is not None else 404)
                self.send_header("Content-Type", f"{kind}; charset=utf-8")
                self.send_header("Content-Length", str(len(body or b"")))
                self.end_headers()
                self.wfile.write(body or b"")
            finally:
                meter.leave(host)

        def log_message(self, *args) -> None:
            pass

    server = ThreadingHTTPServer((host, PORT), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield
    finally:
        server.shutdown()
        server.server_close()


PORT = 18080 + os.getpid() % 1000


def rss(items: list[tuple[str, str]]) -> bytes:
    body = "".join(
        f"<item><title>{title}</title><link>{link}</link><guid>{link}</guid></item>"
        for title, link in items
    )
    return (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>Bench</title>{body}'
        "</channel></rss>"
    ).encode()


def host_address(number: int) -> str:
    return f"127.0.0.{number + 1}"


class Store:
    """A scratch installation: its data folder, environment and `dateline` processes."""

    def __init__(self, extra_env: dict[str, str]) -> None:
        self.dir = Path(tempfile.mkdtemp(prefix="dateline-gather-bench-"))
        self.env = {
            **os.environ,
            "DATELINE_DATA_DIR": str(self.dir),
            "DATELINE_DATABASE_URL": "",
            "DATELINE_ALLOW_PRIVATE_NETWORKS": "true",
            "DATELINE_TASK_BACKEND": "database",
            **extra_env,
        }
        self.workers: list[subprocess.Popen] = []

    def run(self, *args: str) -> None:
        subprocess.run(
            [sys.executable, "-m", "dateline.cli.main", *args], env=self.env, check=True,
            stdout=subprocess.DEVNULL,
        )  # fmt: skip

    def start_workers(self, count: int) -> None:
        for _ in range(count):
            self.workers.append(
                subprocess.Popen(
                    [sys.executable, "-m", "dateline.cli.main", "worker", "--idle", "0.2"],
                    env=self.env,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                )
            )

    def stop_workers(self) -> None:
        for worker in self.workers:
            worker.send_signal(signal.SIGTERM)
        for worker in self.workers:
            try:
                worker.wait(timeout=30)
            except subprocess.TimeoutExpired:
                worker.kill()

    def query(self, sql: str) -> list[tuple]:
        with sqlite3.connect(self.dir / "dateline.sqlite3", timeout=30) as db:
            return db.execute(sql).fetchall()

    def wait_until(self, sql: str, target: int) -> bool:
        deadline = time.monotonic() + TIME_LIMIT
        while time.monotonic() < deadline:
            if self.query(sql)[0][0] >= target:
                return True
            time.sleep(0.2)
        return False


def write_opml(store: Store, urls: list[str]) -> str:
    outlines = "".join(f'<outline type="rss" text="f" xmlUrl="{u}"/>' for u in urls)
    path = store.dir / "feeds.opml"
    path.write_text(f'<?xml version="1.0"?><opml version="2.0"><body>{outlines}</body></opml>')
    return str(path)


def polling_phase(
    pages: list[tuple[str, bytes]],
    *,
    feeds: int = FEEDS,
    hosts: int = HOSTS,
    workers: int = 2,
    latency: float = LATENCY,
    limits: tuple[int, float] = (2, 1.0),
) -> dict:
    routes: dict[str, dict[str, bytes]] = {host_address(h): {} for h in range(hosts)}
    urls = []
    for h in range(hosts):
        host = host_address(h)
        shared = pages[2 * h : 2 * h + 2]
        for name, html in shared:
            routes[host][f"/a/{name}"] = html
        items = [(name, f"http://{host}:{PORT}/a/{name}") for name, _ in shared]
        for f in range(feeds // hosts):
            routes[host][f"/feed{f}.xml"] = rss(items)
            urls.append(f"http://{host}:{PORT}/feed{f}.xml")
    store = Store(
        {
            "DATELINE_HOST_MAX_CONCURRENT": str(limits[0]),
            "DATELINE_HOST_REQUESTS_PER_SECOND": str(limits[1]),
        }
    )
    meter = Meter()
    with fixture_hosts(routes, meter, latency):
        store.run("feeds", "import", write_opml(store, urls))
        store.start_workers(workers)
        start = time.monotonic()
        done = store.wait_until(
            "SELECT count(*) FROM store_source WHERE last_polled_at IS NOT NULL", len(urls)
        )
        wall = time.monotonic() - start
        store.stop_workers()
    seen = meter.summary()
    return {
        "feeds": len(urls),
        "hosts": hosts,
        "worker_processes": workers,
        "limits": {"max_concurrent_per_host": limits[0], "requests_per_second_per_host": limits[1]},
        "response_latency_s": latency,
        "finished": done,
        "wall_s": round(wall, 1),
        "requests_per_s": round(seen["requests"] / wall, 1),
        "feeds_per_s": round(len(urls) / wall, 1),
        "floor_wall_s_at_the_rate_limit": round(seen["requests"] / hosts / limits[1], 1),
        "floor_wall_s_at_the_concurrency_limit": round(
            seen["requests"] * latency / hosts / limits[0], 1
        ),
        **seen,
        "errors": store.query("SELECT count(*) FROM store_source WHERE last_error <> ''")[0][0],
        "articles_stored": store.query("SELECT count(*) FROM store_article")[0][0],
    }


def article_phase(pages: list[tuple[str, bytes]], workers: int) -> dict:
    routes: dict[str, dict[str, bytes]] = {host_address(h): {} for h in range(HOSTS)}
    urls = []
    for h in range(HOSTS):
        host = host_address(h)
        mine = pages[h::HOSTS]
        for name, html in mine:
            routes[host][f"/a/{name}"] = html
        if mine:
            routes[host]["/feed.xml"] = rss([(n, f"http://{host}:{PORT}/a/{n}") for n, _ in mine])
            urls.append(f"http://{host}:{PORT}/feed.xml")
    # Politeness raised: this phase measures fetch + extract + store, not the rate limit.
    store = Store(
        {"DATELINE_HOST_REQUESTS_PER_SECOND": "1000", "DATELINE_HOST_MAX_CONCURRENT": "8"}
    )
    meter = Meter()
    with fixture_hosts(routes, meter):
        store.run("feeds", "import", write_opml(store, urls))
        store.start_workers(workers)
        start = time.monotonic()
        done = store.wait_until("SELECT count(*) FROM store_feeditem", len(pages))
        wall = time.monotonic() - start
        store.stop_workers()
    first, last = store.query("SELECT min(first_seen_at), max(first_seen_at) FROM store_feeditem")[
        0
    ]
    span = (datetime.fromisoformat(last) - datetime.fromisoformat(first)).total_seconds()
    stored = store.query("SELECT count(*) FROM store_article")[0][0]
    return {
        "worker_processes": workers,
        "pages": len(pages),
        "finished": done,
        "articles_stored": stored,
        "wall_s_including_worker_start": round(wall, 2),
        "pages_per_s_including_worker_start": round(len(pages) / wall, 2),
        "pages_per_s_steady": round((len(pages) - 1) / span, 2) if span > 0 else None,
    }


def trafilatura_alone(pages: list[tuple[str, bytes]]) -> dict:
    import trafilatura

    texts = [html.decode("utf-8", "replace") for _, html in pages]
    start = time.perf_counter()
    extracted = sum(1 for text in texts if trafilatura.extract(text))
    elapsed = time.perf_counter() - start
    return {
        "pages": len(texts),
        "extracted": extracted,
        "pages_per_s": round(len(texts) / elapsed, 2),
    }


def load_pages() -> tuple[str, list[tuple[str, bytes]]]:
    if REAL_PAGES.exists():
        files = sorted(REAL_PAGES.glob("*.html.gz"))
        return "scrapinghub-article-extraction-benchmark", [
            (f.name.split(".")[0][:16] + ".html", gzip.decompress(f.read_bytes())) for f in files
        ]
    files = sorted(DEMO_PAGES.glob("*.html"))
    return "dateline demo (wikinews)", [(f.name, f.read_bytes()) for f in files]


def main() -> int:
    corpus, pages = load_pages()
    print(f"polling {FEEDS} feeds on {HOSTS} hosts with 2 workers…", flush=True)
    polling = polling_phase(pages)
    print(json.dumps(polling, indent=2), flush=True)
    # Slow hosts and more workers than slots: here the concurrency limit is what binds.
    print("concurrency: 4 workers, 2 slow hosts…", flush=True)
    concurrency = polling_phase(pages, feeds=120, hosts=2, workers=4, latency=1.0, limits=(2, 10.0))
    print(json.dumps(concurrency, indent=2), flush=True)
    articles = []
    for workers in (1, 2):
        print(f"articles with {workers} worker(s)…", flush=True)
        articles.append(article_phase(pages, workers))
        print(json.dumps(articles[-1], indent=2), flush=True)
    alone = trafilatura_alone(pages)
    for run in articles:
        if run["pages_per_s_steady"]:
            run["ratio_to_trafilatura_alone"] = round(
                run["pages_per_s_steady"] / alone["pages_per_s"], 3
            )
    result = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
        "corpus": corpus,
        "polling": polling,
        "concurrency_limit": concurrency,
        "articles": articles,
        "trafilatura_alone": alone,
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
