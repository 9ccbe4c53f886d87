"""Sitemaps (sitemaps.org): URL sets with Google News tags, sitemap indexes, gzip, plain text.

    parse_sitemap(bytes) -> Sitemap(kind, entries, children)

A URL set gives `SitemapEntry(loc, lastmod, publication_date, title, language)`; an index
gives the child sitemap URLs to fetch next. Gzip-compressed files are recognised by their
magic number and decompressed under the protocol's 50 MB limit; XML goes through
`safexml` (no DTDs or entities: no XXE, no billion laughs).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

from dateline.gather import bodies
from dateline.gather.safexml import UnsafeXMLError, child_text, local_name, parse_xml
from dateline.gather.urls import web_url

MAX_UNCOMPRESSED = 50 * 1024 * 1024  # sitemaps.org: 50 MB (52,428,800 bytes) uncompressed
MAX_URLS = 50_000  # sitemaps.org: at most 50,000 URLs a file; the rest is ignored


class SitemapError(ValueError):
    """Not a sitemap we can read; the message says why."""


@dataclass(frozen=True)
class SitemapEntry:
    loc: str
    lastmod: datetime | None = None
    publication_date: datetime | None = None  # <news:publication_date>
    title: str | None = None  # <news:title>
    language: str | None = None  # <news:language>


@dataclass(frozen=True)
class ChildSitemap:
    loc: str
    lastmod: datetime | None = None


@dataclass(frozen=True)
class Sitemap:
    kind: str  # "urlset", "index" or "text"
    entries: list[SitemapEntry] = field(default_factory=list)
    children: list[ChildSitemap] = field(default_factory=list)


def parse_sitemap(data: bytes) -> Sitemap:
    """A URL set, an index or a text sitemap; SitemapError for anything else."""
    if data[:2] == b"\x1f\x8b":
        data = _gunzip(data)
    head = data.lstrip()[:1]
    if head in (b"h", b"H"):
        return _text_sitemap(data)
    try:
        root = parse_xml(data)
    except UnsafeXMLError as exc:
        raise SitemapError(f"not a readable sitemap: {exc}") from exc
    kind = local_name(root)
    if kind == "urlset":
        return Sitemap("urlset", entries=_entries(root))
    if kind == "sitemapindex":
        children = [
            ChildSitemap(loc, parse_w3c_date(child_text(node, "lastmod")))
            for node in root
            if local_name(node) == "sitemap" and (loc := web_url(child_text(node, "loc")))
        ]
        return Sitemap("index", children=children[:MAX_URLS])
    raise SitemapError(f"not a sitemap: the root element is <{kind or '?'}>")


def _gunzip(data: bytes) -> bytes:
    try:
        return bodies.read_body([data], "gzip", MAX_UNCOMPRESSED)
    except bodies.TooLarge:
        raise SitemapError(f"sitemap larger than {MAX_UNCOMPRESSED} bytes uncompressed") from None
    except bodies.BodyError as exc:
        raise SitemapError(f"not a readable sitemap: {exc}") from exc


def _entries(root) -> list[SitemapEntry]:
    entries = []
    for node in root:
        if local_name(node) != "url":
            continue
        loc = web_url(child_text(node, "loc"))  # absolute, as the protocol has it; else none
        if not loc:
            continue
        published = title = language = None
        for news in node:
            if local_name(news) != "news":
                continue
            published = parse_w3c_date(child_text(news, "publication_date"))
            title = child_text(news, "title") or None
            for publication in news:
                if local_name(publication) == "publication":
                    language = child_text(publication, "language") or None
        entries.append(
            SitemapEntry(
                loc, parse_w3c_date(child_text(node, "lastmod")), published, title, language
            )
        )
        if len(entries) >= MAX_URLS:
            break
    return entries


def _text_sitemap(data: bytes) -> Sitemap:
    lines = data.decode("utf-8", errors="replace").splitlines()
    urls = [url for line in lines if (url := web_url(line))]
    if not urls:
        raise SitemapError("not a sitemap: neither XML nor a list of URLs")
    return Sitemap("text", entries=[SitemapEntry(url) for url in urls[:MAX_URLS]])


def parse_w3c_date(value: str | None) -> datetime | None:
    """W3C datetime ("2024-01-21", "2024-01-21T10:00Z", "...+01:00") in UTC; None if not one."""
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)
