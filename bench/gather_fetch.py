"""Fetching article pages politely, and what each fault of the fixture publisher turns into.

Run from the project root: `nice .venv/bin/python -m bench.gather_fetch`. A fault-injecting
fixture publisher (tests/gather/publisher.py) serves the 181 real Scrapinghub benchmark pages
(generated pages without ../shared) from several hosts on loopback. Worker threads fetch them
through `gather.fetch` with a robots.txt check and the per-host limiter, twice:

- polite: the default limits (<= 2 concurrent, >= 1 s between starts per host) on a few pages,
  then the same against a server that takes 2.5 s per answer (so the concurrency limit binds);
- throughput: <= 2 concurrent per host and no interval, every page, to see the client's cost.

The server counts how many requests each host was answering at once: it must never exceed the
limit. Then the fault matrix of tests/gather/fault_matrix.py runs (fault -> outcome, error,
attempts). Results go to bench/results/gather_fetch.json.
"""

from __future__ import annotations

import json
import os
import platform
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from itertools import pairwise
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results" / "gather_fetch.json"
WORKERS = 8


def crawl(publisher, hosts: list[str], per_host: int, limits) -> dict:
    """Fetch `per_host` article pages of each host with WORKERS threads; what the server saw."""
    from dateline.gather.fetch import FetchError, fetch
    from dateline.gather.hosts import HostLimiter, host_key
    from dateline.gather.robots import RobotsCache, fetcher

    policy = publisher.policy()
    limiter = HostLimiter(limits)
    fetch_robots = fetcher(policy)

    def polite_robots(url: str) -> tuple[int, bytes]:
        with limiter.slot(host_key(url)):  # robots.txt counts against the host's budget too
            return fetch_robots(url)

    robots = RobotsCache(polite_robots)
    urls = [
        publisher.url(host, "/" + article.slug)
        for host in hosts
        for article in publisher.sites[host].articles[:per_host]
    ]
    # Interleave hosts, as a queue of mixed feeds would.
    urls = [u for i in range(per_host) for u in urls[i::per_host]]
    publisher.reset_log()
    failures: list[str] = []
    sizes: list[int] = []
    granted: dict[str, list[float]] = {host: [] for host in hosts}
    lock = threading.Lock()

    def one(url: str) -> None:
        host = host_key(url)
        if not robots.allowed(url):
            with lock:
                failures.append(f"robots.txt disallows {url}")
            return
        try:
            with limiter.slot(host):
                with lock:
                    granted[host].append(time.monotonic())
                body = fetch(url, policy).body
        except FetchError as exc:
            with lock:
                failures.append(str(exc))
            return
        with lock:
            sizes.append(len(body))

    started = time.perf_counter()
    with ThreadPoolExecutor(WORKERS) as pool:
        list(pool.map(one, urls))
    seconds = time.perf_counter() - started
    per_host_concurrency = {host: publisher.max_concurrency(host) for host in hosts}
    server_gaps, client_gaps = {}, {}
    for host in hosts:
        starts = sorted(r.started for r in publisher.requests(host) if r.path.startswith("/news/"))
        server_gaps[host] = round(min((b - a for a, b in pairwise(starts)), default=0.0), 3)
        grants = sorted(granted[host])
        client_gaps[host] = round(min((b - a for a, b in pairwise(grants)), default=0.0), 3)
    return {
        "hosts": len(hosts),
        "pages": len(urls),
        "fetched": len(sizes),
        "failed": len(failures),
        "failures": failures[:5],
        "seconds": round(seconds, 2),
        "pages_per_s": round(len(sizes) / seconds, 2),
        "mb_per_s": round(sum(sizes) / seconds / 1e6, 2),
        "limit_max_concurrent": limits.max_concurrent,
        "limit_min_interval_s": limits.min_interval,
        "max_concurrency_observed_per_host": per_host_concurrency,
        "limit_held": max(per_host_concurrency.values()) <= limits.max_concurrent,
        "min_gap_between_slots_s_per_host": client_gaps,
        "min_gap_between_request_arrivals_s_per_host": server_gaps,
        "robots_txt_requests": len(publisher.requests(path="/robots.txt")),
    }


def fault_table(publisher_class) -> list[dict]:
    from tests.gather.fault_matrix import CASES, HOST, PATH, run_case

    rows = []
    with publisher_class() as publisher:
        publisher.add_site(HOST, n_articles=3)
        publisher.route(HOST, PATH, b"<html><body><p>fine</p></body></html>")
        for case in CASES:
            outcome = run_case(publisher, case)
            params = ", ".join(f"{k}={v}" for k, v in case.params.items())
            rows.append(
                {
                    "fault": case.fault + (f" ({params})" if params else ""),
                    "outcome": outcome.kind or "ok",
                    "expected": case.kind or "ok",
                    "as_expected": outcome.kind == case.kind and case.message in outcome.text,
                    "text": outcome.text[:140].replace("\n", " "),
                    "attempts": outcome.attempts,
                    "retries": outcome.attempts - 1,
                    "server_requests": outcome.requests,
                    "seconds": round(outcome.seconds, 2),
                }
            )
    return rows


def main() -> int:
    sys.path.insert(0, str(ROOT))
    from dateline.gather.hosts import HostLimits
    from tests.gather.publisher import Publisher
    from tests.gather.site_content import real_pages

    pages = real_pages()
    hosts = [f"site{i}.test" for i in range(6)]
    per_host = (len(pages) // len(hosts)) if pages else 30
    with Publisher() as publisher:
        for host in hosts:
            publisher.add_site(host, n_articles=per_host)
        polite = crawl(publisher, hosts[:3], 5, HostLimits())
        # Answers slower than the interval: the concurrency limit becomes the binding one.
        for host in hosts[3:]:
            publisher.fault(host, "*", "slow", seconds=2.5)
        slow_server = crawl(publisher, hosts[3:], 6, HostLimits())
        publisher.clear_faults()
        throughput = crawl(
            publisher, hosts, per_host, HostLimits(max_concurrent=2, min_interval=0.0)
        )
    faults = fault_table(Publisher)
    result = {
        "benchmark": "gather fetch: polite article fetching + fault matrix, fixture publisher",
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {
            "python": platform.python_version(),
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
        },
        "pages_source": "scrapinghub benchmark (real pages)" if pages else "generated pages",
        "workers": WORKERS,
        "polite_defaults": polite,
        "polite_defaults_slow_server_2_5s": slow_server,
        "throughput_no_interval": throughput,
        "fault_matrix": faults,
        "faults_as_expected": sum(row["as_expected"] for row in faults),
        "faults_total": len(faults),
        "note": (
            "Loopback, one server process; every fetch does DNS check + pinned connect + "
            "decompression under the size cap + binary sniffing. robots.txt is fetched once "
            "per host and cached. Gaps: between slots granted by the limiter (what it "
            "enforces) and between request arrivals at the server (plus thread scheduling "
            "jitter on a shared 2-core machine)."
        ),
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    print(
        f"polite:     {polite['pages_per_s']} pages/s, max concurrency per host "
        f"{max(polite['max_concurrency_observed_per_host'].values())}, "
        f"min gap {min(polite['min_gap_between_slots_s_per_host'].values())} s between slots, "
        f"{min(polite['min_gap_between_request_arrivals_s_per_host'].values())} s between "
        "arrivals at the server"
    )
    print(
        f"slow server: max concurrency per host "
        f"{max(slow_server['max_concurrency_observed_per_host'].values())} (limit 2)"
    )
    print(
        f"throughput: {throughput['pages_per_s']} pages/s ({throughput['mb_per_s']} MB/s), "
        f"max concurrency per host {max(throughput['max_concurrency_observed_per_host'].values())}"
    )
    width = max(len(row["fault"]) for row in faults)
    for row in faults:
        mark = "ok " if row["as_expected"] else "BAD"
        print(
            f"{mark} {row['fault']:<{width}}  {row['outcome']:<9} retries={row['retries']}  "
            f"{row['text'][:70]}"
        )
    print(f"wrote {RESULTS.relative_to(ROOT)}")
    runs = (polite, slow_server, throughput)
    ok = result["faults_as_expected"] == len(faults) and all(run["limit_held"] for run in runs)
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
