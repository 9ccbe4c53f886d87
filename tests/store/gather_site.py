"""A small publisher on loopback whose feed and pages a test can change between polls."""

from __future__ import annotations

import threading
from collections import Counter
from dataclasses import dataclass, field

ARTICLE = """<html><head><title>{title}</title><link rel="canonical" href="{base}/{slug}"></head>
<body><article><h1>{title}</h1><p>{body}</p><p>The harbour authority said the new timetable would
take effect next month, with extra sailings on weekends during the summer season.</p>
<p>Passengers welcomed the change, which follows years of complaints about crowded boats.</p>
</article></body></html>"""


@dataclass
class Item:
    slug: str
    title: str
    body: str
    guid: str | None = None
    link_suffix: str = ""  # e.g. tracking parameters the feed adds to the link
    published: str = ""
    author: str = ""


@dataclass
class Site:
    """Feed at /rss (ETag = a version number), one page per item; counts every request."""

    items: list[Item] = field(default_factory=list)
    version: int = 1
    base: str = ""
    hits: Counter = field(default_factory=Counter)
    lock: threading.Lock = field(default_factory=threading.Lock)
    served: dict = field(default_factory=dict)  # the route table the loopback server reads

    def publish(self) -> None:
        """Make the current items live (the server reads its route table on each request)."""
        self.served.update(self.routes())

    def feed(self) -> bytes:
        entries = "".join(
            f"<item><title>{i.title}</title><link>{self.base}/{i.slug}{i.link_suffix}</link>"
            + (f"<guid>{i.guid}</guid>" if i.guid else "")
            + (f"<pubDate>{i.published}</pubDate>" if i.published else "")
            + (f"<dc:creator>{i.author}</dc:creator>" if i.author else "")
            + "<description>Summary of "
            + i.title
            + "</description></item>"
            for i in self.items
        )
        channel = f"<channel><title>Harbour News</title>{entries}</channel>"
        dc = 'xmlns:dc="http://purl.org/dc/elements/1.1/"'
        return f'<?xml version="1.0"?><rss version="2.0" {dc}>{channel}</rss>'.encode()

    def routes(self) -> dict:
        return {"/rss": self._rss, **{f"/{i.slug}": self._page for i in self.items}}

    def _rss(self, request):
        with self.lock:
            self.hits["/rss"] += 1
        etag = f'"v{self.version}"'
        if request.headers.get("If-None-Match") == etag:
            return 304, {"ETag": etag}, b""
        return 200, {"ETag": etag, "Content-Type": "application/rss+xml"}, self.feed()

    def _page(self, request):
        slug = request.path.split("?")[0].lstrip("/")
        with self.lock:
            self.hits[slug] += 1
        for item in self.items:
            if item.slug == slug:
                html = ARTICLE.format(title=item.title, slug=slug, body=item.body, base=self.base)
                return 200, {"Content-Type": "text/html; charset=utf-8"}, html.encode()
        return 404, {}, b"gone"
