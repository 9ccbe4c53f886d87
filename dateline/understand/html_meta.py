"""What a page says about itself in its markup: canonical URL, language, section, dates.

trafilatura reads most metadata well; these are the fields it does not give us (canonical
links, `<html lang>`, section, the *modified* date, full timestamps), read in one pass.
"""

from __future__ import annotations

import json
import re
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urljoin

from lxml.html import HtmlElement

from dateline.gather.urls import web_url
from dateline.understand.article import DateEvidence

# Keys are lower-cased `property`, `name` or `itemprop` values of <meta> tags.
PUBLISHED_KEYS = (
    "article:published_time",
    "og:published_time",
    "datepublished",
    "date.issued",
    "dc.date.issued",
    "dcterms.issued",
    "publish-date",
    "publishdate",
    "pubdate",
    "sailthru.date",
    "parsely-pub-date",
)
MODIFIED_KEYS = (
    "article:modified_time",
    "og:updated_time",
    "datemodified",
    "dc.date.modified",
    "dcterms.modified",
    "last-modified",
)
# More <meta> dates some CMSs write: kept as evidence only, too vague to choose the claimed date.
OTHER_DATE_KEYS = ("date", "dc.date", "dcterms.date", "dcterms.created", "datecreated")
JSON_LD_DATE_KEYS = ("datePublished", "dateCreated", "dateModified")
SECTION_KEYS = ("article:section", "parsely-section", "section")
SITE_NAME_KEYS = ("og:site_name", "application-name")
ARTICLE_TYPES = {
    "article",
    "newsarticle",
    "reportagenews",
    "analysisnewsarticle",
    "opinionnewsarticle",
    "backgroundnewsarticle",
    "reviewnewsarticle",
    "blogposting",
    "liveblogposting",
    "report",
    "scholarlyarticle",
    "techarticle",
    "webpage",
}
_LANG = re.compile(r"^([a-z]{2})(?:[-_][a-z0-9]+)*$")
_YMD = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})")
# A claimed date earlier than the web, or more than a day ahead of our clock, is a template bug.
EARLIEST_YEAR = 1990
CLOCK_SKEW = timedelta(days=1)


@dataclass
class HeadMeta:
    canonical_url: str | None = None
    language: str | None = None
    section: str | None = None
    site_name: str | None = None
    published: datetime | None = None
    modified: datetime | None = None
    dates: list[DateEvidence] = field(default_factory=list)  # every date the markup gives


def absolute_http_url(href: str | None, base: str | None) -> str | None:
    """Resolve `href` against `base`; keep it only if it ends up a web address readers may be
    sent to (`urls.web_url`: no "http://user@evil.example", no port 99999999)."""
    if not href or not href.strip():
        return None
    try:
        resolved = urljoin(base or "", href.strip())
    except ValueError:  # e.g. an invalid IPv6 literal in the netloc
        return None
    return web_url(resolved)


def language_code(value: str | None) -> str | None:
    """'en-US', 'en_gb', 'EN' -> 'en'; anything that is not an ISO 639-1 tag -> None."""
    match = _LANG.match((value or "").strip().lower())
    return match.group(1) if match else None


def parse_meta_date(value: str | None) -> datetime | None:
    """Parse an ISO 8601 or RFC 2822 date from markup; absurd dates -> None.

    A value without a zone stays naive, as the page gave it (the store reads naive as UTC).
    """
    text = (value or "").strip()
    if not text:
        return None
    parsed: datetime | None = None
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        try:
            parsed = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            match = _YMD.match(text)
            if match:
                try:
                    parsed = datetime(*(int(group) for group in match.groups()))
                except ValueError:
                    parsed = None
    if parsed is None:
        return None
    if parsed.year < EARLIEST_YEAR or as_utc(parsed) > datetime.now(UTC) + CLOCK_SKEW:
        return None
    return parsed


def as_utc(value: datetime) -> datetime:
    """For comparisons only: naive dates are read as UTC, like the store does."""
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _meta_values(tree: HtmlElement) -> dict[str, str]:
    """First non-empty content of each <meta> key, plus itemprop dates on <time> elements."""
    values: dict[str, str] = {}
    for element in tree.iter("meta"):
        key = (
            element.get("property")
            or element.get("name")
            or element.get("itemprop")
            or element.get("http-equiv")
        )
        content = (element.get("content") or "").strip()
        if key and content:
            values.setdefault(key.strip().lower(), content)
    for element in tree.xpath(
        "//*[@itemprop='datePublished' or @itemprop='dateModified'][@datetime or @content]"
    ):
        key = element.get("itemprop").lower()
        values.setdefault(key, element.get("datetime") or element.get("content") or "")
    return values


def _walk_json(data: Any) -> Iterator[dict[str, Any]]:
    """Objects of a JSON-LD document, following lists, @graph and mainEntity (iteratively:
    a hostile page can nest them deeper than Python's recursion limit)."""
    queue = deque([data])
    while queue:
        node = queue.popleft()
        if isinstance(node, list):
            queue.extendleft(reversed(node))  # keep document order
        elif isinstance(node, dict):
            yield node
            queue.extendleft(node[key] for key in ("mainEntity", "@graph") if key in node)


def _types(node: dict[str, Any]) -> set[str]:
    kind = node.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return {k.lower() for k in kinds if isinstance(k, str)}


def _json_ld_article(tree: HtmlElement) -> dict[str, Any]:
    """The first JSON-LD object typed as an article (or web page) that carries a date."""
    for script in tree.xpath("//script[@type='application/ld+json']"):
        try:
            data = json.loads(script.text or "", strict=False)
        except (ValueError, RecursionError):
            continue  # broken JSON-LD is common; the <meta> tags usually say the same
        for node in _walk_json(data):
            if _types(node) & ARTICLE_TYPES and ("datePublished" in node or "dateCreated" in node):
                return node
    return {}


def _first_string(value: Any) -> str | None:
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, str) and v.strip()), None)
    return value.strip() if isinstance(value, str) and value.strip() else None


def _first_date(values: dict[str, str], keys: tuple[str, ...], fallback: Any) -> datetime | None:
    for key in keys:
        parsed = parse_meta_date(values.get(key))
        if parsed:
            return parsed
    return parse_meta_date(_first_string(fallback))


def _date_evidence(values: dict[str, str], article: dict[str, Any]) -> list[DateEvidence]:
    found = [
        DateEvidence("meta", parsed, key)
        for key in (*PUBLISHED_KEYS, *MODIFIED_KEYS, *OTHER_DATE_KEYS)
        if (parsed := parse_meta_date(values.get(key)))
    ]
    found += [
        DateEvidence("json-ld", parsed, key)
        for key in JSON_LD_DATE_KEYS
        if (parsed := parse_meta_date(_first_string(article.get(key))))
    ]
    return found


def read_head_meta(tree: HtmlElement, url: str | None) -> HeadMeta:
    """Read the fields trafilatura leaves out; relative links are resolved against `url`."""
    values = _meta_values(tree)
    article = _json_ld_article(tree)
    canonical = next(
        (
            link.get("href")
            for link in tree.iter("link")
            if "canonical" in (link.get("rel") or "").lower().split()
        ),
        None,
    )
    root = tree.getroottree().getroot()
    language = language_code(
        root.get("lang") or root.get("{http://www.w3.org/XML/1998/namespace}lang")
    )
    site_name = next((values[key] for key in SITE_NAME_KEYS if key in values), None)
    return HeadMeta(
        canonical_url=absolute_http_url(canonical, url)
        or absolute_http_url(values.get("og:url"), url),
        language=language
        or language_code(values.get("content-language"))
        or language_code(values.get("og:locale"))
        or language_code(_first_string(article.get("inLanguage"))),
        section=next((values[key] for key in SECTION_KEYS if key in values), None)
        or _first_string(article.get("articleSection")),
        site_name=site_name,
        published=_first_date(
            values, PUBLISHED_KEYS, article.get("datePublished") or article.get("dateCreated")
        ),
        modified=_first_date(values, MODIFIED_KEYS, article.get("dateModified")),
        dates=_date_evidence(values, article),
    )
