"""What the fixture publisher serves: article pages, feeds, sitemaps, homepages, robots.txt.

Article pages are the real news pages of the Scrapinghub benchmark in ../shared/datasets, read
at test time (never copied into the repository); without the dataset, plain generated pages
stand in, so the publisher always works.
"""

from __future__ import annotations

import gzip
import html
import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from functools import cache

from tests.paths import SHARED

BENCHMARK = SHARED / "datasets" / "scrapinghub-article-extraction-benchmark"
BASE_DATE = datetime(2026, 11, 1, 6, 0, tzinfo=UTC)
_TITLE = re.compile(rb"<title[^>]*>(.*?)</title>", re.IGNORECASE | re.DOTALL)


@dataclass(frozen=True)
class Article:
    slug: str
    title: str
    summary: str
    html: bytes  # the page as served (UTF-8)
    published: datetime


@cache
def real_pages() -> tuple[tuple[str, bytes, str], ...]:
    """(title, html, first words of the body) of every benchmark page; () without the dataset."""
    if not (BENCHMARK / "html").is_dir():
        return ()
    truth = json.loads((BENCHMARK / "ground-truth.json").read_text("utf-8"))
    pages = []
    for path in sorted((BENCHMARK / "html").glob("*.html.gz")):
        body = gzip.decompress(path.read_bytes())
        match = _TITLE.search(body)
        title = html.unescape(match.group(1).decode("utf-8", "replace")).strip() if match else ""
        item = truth.get(path.name.removesuffix(".html.gz"), {})
        pages.append((title or path.stem[:12], body, item.get("articleBody", "")[:300]))
    return tuple(pages)


def generated_page(host: str, index: int) -> tuple[str, bytes, str]:
    title = f"{host} report number {index}"
    text = f"The council of {host} met on day {index} and agreed the budget after a long debate."
    page = (
        f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>{title}</title>"
        f"</head><body><article><h1>{title}</h1><p>{text}</p>"
        f"<p>{text} Residents said the decision was overdue.</p></article></body></html>"
    )
    return title, page.encode(), text


def make_articles(host: str, count: int, offset: int = 0, section: str = "news") -> list[Article]:
    """`count` articles for `host` under /`section`/; real pages are dealt out by `offset` so
    hosts (and sections) differ."""
    pages = real_pages()
    articles = []
    for i in range(count):
        if pages:
            title, body, summary = pages[(offset + i) % len(pages)]
        else:
            title, body, summary = generated_page(host, i)
        articles.append(
            Article(
                slug=f"{section}/{i + 1}-{_slug(title)}",
                title=title,
                summary=summary,
                html=body,
                published=BASE_DATE - timedelta(hours=i),
            )
        )
    return articles


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:40] or "story"


def rss(base: str, title: str, articles: list[Article]) -> bytes:
    items = "".join(
        f"<item><title>{html.escape(a.title)}</title><link>{base}/{a.slug}</link>"
        f"<guid isPermaLink='false'>{a.slug}</guid>"
        f"<pubDate>{format_datetime(a.published, usegmt=True)}</pubDate>"
        f"<dc:creator>Staff Reporter</dc:creator>"
        f"<description>{html.escape(a.summary)}</description></item>"
        for a in articles
    )
    return (
        "<?xml version='1.0' encoding='utf-8'?>"
        "<rss version='2.0' xmlns:dc='http://purl.org/dc/elements/1.1/'"
        " xmlns:sy='http://purl.org/rss/1.0/modules/syndication/'>"
        f"<channel><title>{html.escape(title)}</title><link>{base}/</link><ttl>30</ttl>"
        f"<sy:updatePeriod>hourly</sy:updatePeriod><sy:updateFrequency>2</sy:updateFrequency>"
        f"{items}</channel></rss>"
    ).encode()


def atom(base: str, title: str, articles: list[Article]) -> bytes:
    entries = "".join(
        f"<entry><title>{html.escape(a.title)}</title><link href='{base}/{a.slug}'/>"
        f"<id>tag:{base.split('//')[1]},2026:{a.slug}</id>"
        f"<published>{a.published.isoformat()}</published>"
        f"<updated>{(a.published + timedelta(minutes=30)).isoformat()}</updated>"
        f"<author><name>Staff Reporter</name></author>"
        f"<summary>{html.escape(a.summary)}</summary></entry>"
        for a in articles
    )
    return (
        "<?xml version='1.0' encoding='utf-8'?><feed xmlns='http://www.w3.org/2005/Atom'>"
        f"<title>{html.escape(title)}</title><id>{base}/</id>"
        f"<updated>{BASE_DATE.isoformat()}</updated>{entries}</feed>"
    ).encode()


def json_feed(base: str, title: str, articles: list[Article]) -> bytes:
    return json.dumps(
        {
            "version": "https://jsonfeed.org/version/1.1",
            "title": title,
            "home_page_url": base + "/",
            "items": [
                {
                    "id": a.slug,
                    "url": f"{base}/{a.slug}",
                    "title": a.title,
                    "summary": a.summary,
                    "date_published": a.published.isoformat(),
                    "authors": [{"name": "Staff Reporter"}],
                }
                for a in articles
            ],
        }
    ).encode()


def news_sitemap(base: str, name: str, articles: list[Article]) -> bytes:
    urls = "".join(
        f"<url><loc>{base}/{a.slug}</loc><lastmod>{a.published.date().isoformat()}</lastmod>"
        f"<news:news><news:publication><news:name>{html.escape(name)}</news:name>"
        f"<news:language>en</news:language></news:publication>"
        f"<news:publication_date>{a.published.isoformat()}</news:publication_date>"
        f"<news:title>{html.escape(a.title)}</news:title></news:news></url>"
        for a in articles
    )
    return (
        "<?xml version='1.0' encoding='UTF-8'?>"
        "<urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'"
        " xmlns:news='http://www.google.com/schemas/sitemap-news/0.9'>"
        f"{urls}</urlset>"
    ).encode()


def sitemap_index(base: str, children: list[str]) -> bytes:
    entries = "".join(
        f"<sitemap><loc>{base}{path}</loc><lastmod>{BASE_DATE.isoformat()}</lastmod></sitemap>"
        for path in children
    )
    return (
        "<?xml version='1.0' encoding='UTF-8'?>"
        f"<sitemapindex xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>{entries}"
        "</sitemapindex>"
    ).encode()


def homepage(base: str, title: str, articles: list[Article]) -> bytes:
    links = "".join(f"<li><a href='/{a.slug}'>{html.escape(a.title)}</a></li>" for a in articles)
    return (
        f"<!doctype html><html><head><meta charset='utf-8'><title>{html.escape(title)}</title>"
        f"<link rel='alternate' type='application/rss+xml' title='RSS' href='/feed.xml'>"
        f"<link rel='alternate' type='application/atom+xml' title='Atom' href='{base}/atom.xml'>"
        f"<link rel='alternate' type='application/feed+json' href='feed.json'>"
        '<script>document.write(\'<link rel="alternate" type="application/rss+xml"'
        ' href="/trap.xml">\')</script>'
        f"</head><body><h1>{html.escape(title)}</h1><ul>{links}</ul></body></html>"
    ).encode()


def robots_txt(base: str) -> bytes:
    return (
        "User-agent: *\nDisallow: /private/\nCrawl-delay: 1\n\n"
        f"User-agent: BadBot\nDisallow: /\n\nSitemap: {base}/sitemap_index.xml\n"
    ).encode()


# Text for the charset faults: words a test can look for after decoding.
FRENCH = (
    "<!doctype html><html><head><title>Économie</title></head><body><p>Le gouvernement a "
    "annoncé des mesures économiques très attendues. Déjà critiqué, le ministre répète : "
    "« la croissance reviendra ».</p></body></html>"
)
RUSSIAN = (
    "<!doctype html><html><head><title>Новости</title></head><body><p>Правительство "
    "объявило о новых мерах поддержки экономики. Министр финансов заявил, что бюджет будет "
    "пересмотрен в следующем месяце.</p></body></html>"
)
