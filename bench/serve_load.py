"""Load on the site: wrk against `dateline up`'s web server and against nginx, in the same run.

    python -m bench.serve_load            # a store of 100 k generated articles
    python -m bench.serve_load --full     # 100 k, then 1 M
    python -m bench.serve_load --sizes 20000 --duration 5   # a quick look while iterating

For each size: a scratch SQLite store under /tmp is made by bulk SQL inserts (articles, their
full-text rows through the store's own triggers, term statistics, publishers, some copies,
stories, engagement, and the Related lists ingest keeps: 8 rows per article, made up here since
working them out for a million articles is ingest's cost, not the page's — bench/import_speed.py
measures it), granian serves it exactly as `dateline up` starts it
(dateline/cli/server.py), and wrk (Debian package) measures, at `--connections` on loopback,
for two kinds of visitor:

- a new visitor (no cookie: a shared link, a search result) gets the page kept in front of
  Django (dateline/site/front_cache.py) once anyone has asked for it; every view still counts
  as a read (queued, written once a second);
- a returning reader (one visitor cookie on every request) gets a personal page from Django:
  the read is recorded, Recommendation is computed from their history, the shared part of the
  article page comes from the data cache when it was built before.

Scenarios: the same article again and again ("cached"), a different article on every request
("uncached": a wrk Lua script walks a list; the two visitor kinds walk different halves, so
one does not warm the other), home, search (one query; a different query each request), and
nginx serving the same article page as a static file. Results: req/s, p50, p99 and their ratios
to nginx, in bench/results/serve_load.json. wrk and nginx are installed with apt when missing.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np

from dateline.cli.server import server_command

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results" / "serve_load.json"
VISITOR = "benchReaderCookie0000001"
PUBLISHERS = 400
COPY_SHARE = 0.08  # a few reprints, so the provenance parts of a page have work to do
STORY_SHARE = 0.3  # articles that belong to a multi-outlet story
RELATED_LINKS = 8  # kept Related links per article
HALF_LIFE_HOURS = 24.0
SYLLABLES = [
    "ka", "lo", "mi", "ren", "tas", "vel", "or", "an", "bri", "cos", "dun", "el", "fa", "gor",
    "hal", "is", "jun", "kel", "mar", "nor", "pel", "quin", "ros", "sul", "tor", "ul", "var",
]  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--full", action="store_true", help="also the 1 M article store")
    parser.add_argument("--sizes", type=int, nargs="*", help="store sizes (default 100000)")
    parser.add_argument("--duration", type=int, default=10, help="seconds per wrk run")
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--workers", type=int, default=2, help="web server worker processes")
    parser.add_argument("--web-threads", type=int, default=2,
                        help="threads per web worker")  # fmt: skip
    parser.add_argument("--keep", action="store_true", help="keep the scratch stores in /tmp")
    args = parser.parse_args(argv)
    sizes = args.sizes or ([100_000, 1_000_000] if args.full else [100_000])
    _ensure_tools()
    runs = []
    for size in sizes:
        runs.append(run_size(size, args))
    report = {
        "benchmark": "serve_load",
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {
            "cpus": os.cpu_count(),
            "note": "2 cores shared with other engineers' work; wrk, granian and nginx share "
            "them too, so absolute numbers are low and noisy; the ratios to nginx are the point",
            "python": platform.python_version(),
        },
        "settings": {
            "connections": args.connections,
            "wrk_threads": args.threads,
            "duration_s": args.duration,
            "database": "SQLite (WAL), the embedded default",
        },
        "goals": {
            "cached_article_rps_vs_nginx": ">= 0.30",
            "uncached_article_p99_ms_at_64_connections_1M": "<= 50",
        },
        "runs": runs,
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(report, indent=2) + "\n")
    print(json.dumps(report, indent=2))
    return 0


def run_size(size: int, args) -> dict:
    data_dir = Path(tempfile.mkdtemp(prefix=f"dateline-load-{size}-", dir="/tmp"))
    env = {
        **os.environ,
        "DATELINE_DATA_DIR": str(data_dir),
        "DATELINE_DEBUG": "false",
        "DATELINE_ALLOWED_HOSTS": "127.0.0.1,localhost",
    }
    env.pop("DATELINE_DATABASE_URL", None)  # the embedded default
    try:
        started = time.perf_counter()
        _manage(env, "migrate", "--verbosity", "0")
        _manage(env, "collectstatic", "--noinput", "--verbosity", "0")
        paths = generate(data_dir / "dateline.sqlite3", size)
        build_s = time.perf_counter() - started
        print(f"[{size}] store generated in {build_s:.0f} s", file=sys.stderr)
        port = _free_port()
        with _server(env, port, args.workers, args.web_threads):
            base = f"http://127.0.0.1:{port}"
            article = paths["articles"][0]
            html = _get(base + article, cookie=False)
            # nginx's workers run as an unprivileged user: a world-readable folder of its own.
            static_dir = Path(tempfile.mkdtemp(prefix="nginx-root-", dir=data_dir))
            for folder in (data_dir, static_dir):
                os.chmod(folder, 0o755)
            (static_dir / "article.html").write_bytes(html)
            half = len(paths["articles"]) // 2
            lists = _lua_lists(
                data_dir,
                {
                    "articles_returning": paths["articles"][1:half],
                    "articles_new": paths["articles"][half:],
                    "searches": paths["searches"],
                },
            )
            with _nginx(static_dir, _free_port()) as nginx_base:
                results = _measure(base, nginx_base + "/article.html", article, lists, args)
        nginx = results["nginx_static_article"]
        for name, result in results.items():
            if not name.startswith("nginx") and "1_connection" not in name:
                result["vs_nginx"] = _ratios(result, nginx)
        return {
            "articles": size,
            "server": f"granian, {args.workers} workers x {args.web_threads} threads",
            "store_build_s": round(build_s, 1),
            "page_bytes": len(html),
            "results": results,
            "goals_met": {
                "cached_article_rps_vs_nginx_ge_0.30 (new visitor)": (
                    results["article_cached_new_visitor"]["vs_nginx"]["requests_per_s"] or 0
                )
                >= 0.30,
                "cached_article_rps_vs_nginx_ge_0.30 (returning reader)": (
                    results["article_cached_returning"]["vs_nginx"]["requests_per_s"] or 0
                )
                >= 0.30,
                "uncached_article_p99_le_50ms (new visitor)": (
                    results["article_uncached_new_visitor"]["p99_ms"] <= 50
                ),
                "uncached_article_p99_le_50ms (returning reader)": (
                    results["article_uncached_returning"]["p99_ms"] <= 50
                ),
            },
        }
    finally:
        if not args.keep:
            shutil.rmtree(data_dir, ignore_errors=True)


def _measure(base: str, static: str, article: str, lists: dict, args) -> dict:
    results = {"nginx_static_article": _wrk(static, args, probe="/article.html")}
    _get(base + article, cookie=False)  # kept in at least one worker
    results["article_cached_new_visitor"] = _wrk(base + article, args, cookie=False)
    _get(base + article)
    results["article_cached_returning"] = _wrk(base + article, args)
    walk = lists["articles_new"]
    results["article_uncached_new_visitor"] = _wrk(base, args, walk, cookie=False)
    results["article_uncached_returning"] = _wrk(base, args, lists["articles_returning"])
    results["home_new_visitor"] = _wrk(base + "/", args, cookie=False)
    results["home_returning"] = _wrk(base + "/", args)
    search = lists["searches"]
    results["search_cached_new_visitor"] = _wrk(base + _first_line(search), args, cookie=False)
    results["search_uncached_new_visitor"] = _wrk(base, args, search, cookie=False)
    results["nginx_static_article_again"] = _wrk(static, args, probe="/article.html")
    # One connection: the time a request takes without waiting in the server's queue (at 64
    # connections and a few threads, p99 is mostly queueing).
    one = argparse.Namespace(**{**vars(args), "connections": 1, "threads": 1})
    results["article_cached_returning_1_connection"] = _wrk(base + article, one)
    results["article_uncached_returning_1_connection"] = _wrk(
        base, one, lists["articles_returning"]
    )
    results["article_uncached_new_visitor_1_connection"] = _wrk(base, one, walk, cookie=False)
    results["home_returning_1_connection"] = _wrk(base + "/", one)
    return results


def _first_line(script: Path) -> str:
    return script.with_suffix(".txt").read_text().splitlines()[0]


# --- the store ----------------------------------------------------------------------------------


def generate(db_path: Path, size: int, seed: int = 7) -> dict:
    """Fill the migrated store with `size` articles by bulk SQL; return URLs to request."""
    rng = np.random.default_rng(seed)
    words = _vocabulary(6000, rng)
    # Zipf-like word frequencies, as in real text: a few words everywhere, most words rare.
    weights = 1.0 / np.arange(1, len(words) + 1) ** 1.05
    weights /= weights.sum()
    now = datetime.now(UTC)
    db = sqlite3.connect(db_path)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=OFF")
    db.executemany(
        "INSERT INTO store_publisher (id, name, slug, domain, created_at) VALUES (?, ?, ?, ?, ?)",
        [
            (p, f"Outlet {p}", f"outlet-{p}", f"outlet{p}.example", now.isoformat())
            for p in range(1, PUBLISHERS + 1)
        ],
    )
    df: Counter[str] = Counter()
    articles: list[str] = []
    batch: list[tuple] = []
    story_rows: list[tuple] = []
    member_rows: list[tuple] = []
    story_id = 0
    story_left = 0
    columns = (
        "id, key, fingerprint, publisher_id, title, slug, url, canonical_url, origin, site_name, "
        "authors, section, description, image, language, claimed_date, updated_date, "
        "first_seen_at, dateline_place, credit, body_text, body_html, terms, reads, reactions, "
        "heat, original_id, provenance, date_evidence, date_flags, related_at"
    )
    link_rows: list[tuple] = []
    chunk = 20_000
    for start in range(0, size, chunk):
        count = min(chunk, size - start)
        drawn = rng.choice(len(words), size=(count, 110), p=weights)
        for offset in range(count):
            pk = start + offset + 1
            seen = now - timedelta(minutes=int((size - pk) * 43_200 / size))  # 30 days
            tokens = [words[i] for i in drawn[offset]]
            title = " ".join(tokens[:8]).capitalize()
            body = ". ".join(" ".join(tokens[i : i + 22]) for i in range(8, 110, 22)) + "."
            terms = Counter(tokens)
            df.update(terms.keys())
            original = None
            if pk > 100 and rng.random() < COPY_SHARE:
                original = int(rng.integers(1, pk - 50))
            publisher = int(rng.integers(1, PUBLISHERS + 1))
            heat = None
            reads = reactions = 0
            if rng.random() < 0.05:
                reads, reactions = int(rng.integers(1, 40)), int(rng.integers(0, 6))
                score = reads + 3.0 * reactions
                heat = np.log2(score) + seen.timestamp() / 3600.0 / HALF_LIFE_HOURS
            key = f"{pk:012x}"
            slug = "-".join(tokens[:6])[:100]
            url = f"https://outlet{publisher}.example/{pk}"
            paragraphs = "".join(f"<p>{p}.</p>" for p in body.split(". ") if p)
            batch.append(
                (pk, key, f"{pk:064x}", publisher, title, slug, url, url, "", f"Outlet {publisher}",
                 "[]", "", "", "", "en", seen.isoformat(), None, seen.isoformat(), "", "", body,
                 paragraphs, json.dumps(terms), reads, reactions, heat, original,
                 "copy of an earlier article" if original else "", "[]", "[]", seen.isoformat())
            )  # fmt: skip
            # Related lists as ingest leaves them (store.related_links): kept rows, here
            # RELATED_LINKS near neighbours in time with made-up similarities.
            near = rng.integers(max(1, pk - 3000), min(size, pk + 3000) + 1, RELATED_LINKS)
            scores = rng.uniform(0.12, 0.6, RELATED_LINKS)
            pairs = zip(near, scores, strict=True)
            link_rows += [(pk, int(o), float(s)) for o, s in pairs if o != pk]
            if story_left == 0 and rng.random() < STORY_SHARE / 4:
                story_id += 1
                story_left = int(rng.integers(2, 8))
                stamp = seen.isoformat()
                story_rows.append((story_id, title, "", None, "{}", stamp, stamp, 0, 0, 0, 0, None))
            if story_left:
                story_left -= 1
                member_rows.append((pk, story_id, seen.isoformat(), 1.0, "shares the event"))
            if len(articles) < 20_000 and original is None:
                articles.append(f"/articles/{key}/{slug}")
        _insert(db, "store_article", columns, batch, now)
        batch.clear()
        db.executemany(
            "INSERT OR IGNORE INTO store_relatedlink (article_id, other_id, score) "
            "VALUES (?, ?, ?)",
            link_rows,
        )
        link_rows.clear()
        db.commit()
        print(f"  {start + count} articles", file=sys.stderr)
    story_columns = (
        "id, title, lead, headline_article_id, state, first_seen_at, last_seen_at, size, "
        "independent_reports, reprints, publishers, merged_into_id"
    )
    _insert(db, "store_story", story_columns, story_rows, now)
    _insert(
        db, "store_storymember", "article_id, story_id, joined_at, score, reason", member_rows, now
    )
    db.executemany(
        "INSERT OR REPLACE INTO store_termstat (term, df) VALUES (?, ?)",
        [*df.items(), ("#documents", size)],
    )
    db.commit()
    db.execute("ANALYZE")
    db.close()
    random.seed(seed)
    common = words[20:400]
    searches = [f"/search?q={random.choice(common)}+{random.choice(common)}" for _ in range(2000)]
    return {"articles": articles, "searches": searches}


def _insert(db, table: str, columns: str, rows: list[tuple], now: datetime) -> None:
    """Bulk insert; NOT NULL columns this script does not know (added since) get a plain value."""
    names = [c.strip() for c in columns.split(",")]
    extra = {}
    for _, name, kind, notnull, default, primary in db.execute(f"PRAGMA table_info({table})"):
        if name not in names and notnull and default is None and not primary:
            kind = kind.lower()
            extra[name] = now.isoformat() if "date" in kind else 0 if "int" in kind else ""
    every = [*names, *extra]
    sql = f"INSERT INTO {table} ({', '.join(every)}) VALUES ({', '.join('?' * len(every))})"
    db.executemany(sql, [(*row, *extra.values()) for row in rows])


def _vocabulary(count: int, rng) -> list[str]:
    seen: set[str] = set()
    words = []
    while len(words) < count:
        word = "".join(rng.choice(SYLLABLES, size=int(rng.integers(2, 4))))
        if word not in seen:
            seen.add(word)
            words.append(word)
    return words


# --- servers and wrk ----------------------------------------------------------------------------


def _ensure_tools() -> None:
    missing = [tool for tool in ("wrk", "nginx") if not shutil.which(tool)]
    if not missing:
        return
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    packages = ["wrk" if tool == "wrk" else "nginx-light" for tool in missing]
    subprocess.run([*sudo, "apt-get", "update", "-qq"], check=True)
    subprocess.run([*sudo, "apt-get", "install", "-y", "-qq", *packages], check=True)


def _manage(env: dict, *command: str) -> None:
    subprocess.run(
        [sys.executable, "-m", "dateline.cli.main", "manage", *command], env=env, check=True
    )


class _server:
    """The web server as `dateline up` starts it (dateline/cli/server.py), no access log."""

    def __init__(self, env: dict, port: int, workers: int, threads: int):
        self.env, self.port, self.workers, self.threads = env, port, workers, threads

    def __enter__(self):
        command = server_command("127.0.0.1", self.port, self.workers, self.threads)
        self.process = subprocess.Popen(command, env=self.env, stdout=subprocess.DEVNULL)
        try:
            _wait_for(f"http://127.0.0.1:{self.port}/about")
        except BaseException:
            self.__exit__()
            raise
        return self

    def __exit__(self, *exc):
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=30)


class _nginx:
    def __init__(self, root: Path, port: int):
        self.root, self.port = root, port

    def __enter__(self) -> str:
        conf = self.root.parent / "nginx.conf"
        conf.write_text(
            f"""worker_processes 2;
daemon off;
pid {self.root.parent}/nginx.pid;
error_log {self.root.parent}/nginx-error.log warn;
events {{ worker_connections 1024; }}
http {{
  access_log off;
  sendfile on;
  keepalive_requests 100000;
  types {{ text/html html; }}
  server {{
    listen 127.0.0.1:{self.port};
    root {self.root};
  }}
}}
"""
        )
        self.process = subprocess.Popen(["nginx", "-c", str(conf), "-p", str(self.root.parent)])
        base = f"http://127.0.0.1:{self.port}"
        try:
            _wait_for(base + "/article.html")
        except BaseException:
            self.__exit__()  # never leave a server behind
            raise
        return base

    def __exit__(self, *exc):
        self.process.send_signal(signal.SIGQUIT)
        self.process.wait(timeout=30)


def _lua_lists(data_dir: Path, paths: dict) -> dict[str, Path]:
    """A wrk script per list: each request takes the next path, so no two are the same."""
    scripts = {}
    for name, items in paths.items():
        listing = data_dir / f"{name}.txt"
        listing.write_text("\n".join(items) + "\n")
        script = data_dir / f"{name}.lua"
        script.write_text(
            f"""local paths = {{}}
local i = 0
init = function(args)
  for line in io.lines("{listing}") do paths[#paths + 1] = line end
  i = math.random(#paths)
end
request = function()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end
"""
        )
        scripts[name] = script
    return scripts


def _wrk(
    url: str, args, script: Path | None = None, probe: str = "/about", cookie: bool = True
) -> dict:
    """One wrk run, after the server has finished what the previous run left queued; with the
    returning reader's cookie, or as new visitors (no cookie at all)."""
    _wait_idle("/".join(url.split("/")[:3]) + probe)
    command = [
        "wrk", f"-t{args.threads}", f"-c{args.connections}", f"-d{args.duration}s", "--latency",
        "--timeout", "30s",
    ]  # fmt: skip
    if cookie:
        command += ["-H", f"Cookie: dl_visitor={VISITOR}"]
    if script:
        command += ["-s", str(script)]
    output = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    return _parse_wrk(output)


def _parse_wrk(output: str) -> dict:
    def latency(label: str) -> float:
        match = re.search(rf"^\s+{label}%\s+([\d.]+)(us|ms|s)\s*$", output, re.M)
        if not match:
            return float("nan")
        value, unit = float(match.group(1)), match.group(2)
        return round(value * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit], 3)

    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    total = int(re.search(r"(\d+) requests in", output).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    timeouts = re.search(r"Socket errors:.*timeout (\d+)", output)
    return {
        "requests_per_s": rps,
        "p50_ms": latency("50"),
        "p99_ms": latency("99"),
        "requests": total,
        "non_2xx_3xx": int(errors.group(1)) if errors else 0,
        "timeouts": int(timeouts.group(1)) if timeouts else 0,
    }


def _ratios(result: dict, nginx: dict) -> dict:
    """Requests/s as a share of nginx's; latencies as multiples of nginx's."""

    def ratio(ours: float, theirs: float, digits: int) -> float | None:
        return round(ours / theirs, digits) if theirs else None

    return {
        "requests_per_s": ratio(result["requests_per_s"], nginx["requests_per_s"], 4),
        "p50": ratio(result["p50_ms"], nginx["p50_ms"], 1),
        "p99": ratio(result["p99_ms"], nginx["p99_ms"], 1),
    }


def _get(url: str, cookie: bool = True) -> bytes:
    headers = {"Cookie": f"dl_visitor={VISITOR}"} if cookie else {}
    request = urllib.request.Request(url, headers=headers)
    with urllib.request.urlopen(request, timeout=60) as response:
        return response.read()


def _wait_idle(probe: str, seconds: float = 120) -> None:
    """Wait until `probe` is answered within a second: wrk's last connections may have left
    requests queued in the server, which would otherwise be billed to the next run."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        started = time.monotonic()
        _wait_for(probe)
        if time.monotonic() - started < 1.0:
            return
    raise TimeoutError(f"{probe} stayed slow for {seconds} s")


def _wait_for(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            urllib.request.urlopen(url, timeout=5).read()
            return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


if __name__ == "__main__":
    raise SystemExit(main())
