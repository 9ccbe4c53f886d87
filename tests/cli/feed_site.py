"""A publisher on loopback for the worker tests: the bundled demo pages behind a few RSS feeds."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.paths import DEMO
from tests.servers import serve

WORKER_ENV = {
    "DATELINE_ALLOW_PRIVATE_NETWORKS": "true",
    "DATELINE_HOST_MAX_CONCURRENT": "4",
    "DATELINE_HOST_REQUESTS_PER_SECOND": "200",
    "DATELINE_FETCH_TIMEOUT": "10",
}


@contextmanager
def demo_feeds(feeds: int, per_feed: int) -> Iterator[tuple[list[str], int]]:
    """Serve `feeds` feeds of `per_feed` demo pages each; yields (feed URLs, pages in all)."""
    pages = sorted(DEMO.glob("*.html"))[: feeds * per_feed]
    routes: dict = {}
    with serve(routes) as base:
        urls = []
        for number in range(feeds):
            chunk = pages[number * per_feed : (number + 1) * per_feed]
            routes[f"/feed{number}.xml"] = (200, {}, _rss(base, chunk))
            urls.append(f"{base}/feed{number}.xml")
        for page in pages:
            routes[f"/a/{page.name}"] = (
                200,
                {"Content-Type": "text/html; charset=utf-8"},
                page.read_bytes(),
            )
        yield urls, len(pages)


def opml(urls: list[str], path: Path) -> Path:
    outlines = "".join(f'<outline type="rss" text="f" xmlUrl="{u}"/>' for u in urls)
    path.write_text(f'<?xml version="1.0"?><opml version="2.0"><body>{outlines}</body></opml>')
    return path


def _rss(base: str, pages: list[Path]) -> bytes:
    items = "".join(
        f"<item><title>{p.stem}</title><link>{base}/a/{p.name}</link><guid>{p.stem}</guid></item>"
        for p in pages
    )
    channel = f"<channel><title>Demo</title>{items}</channel>"
    return f'<?xml version="1.0"?><rss version="2.0">{channel}</rss>'.encode()
