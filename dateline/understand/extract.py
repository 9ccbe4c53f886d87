"""The understand stage, top to bottom: one RawPage in, one clean Article out."""

from __future__ import annotations

import logging
import re
from email.utils import parsedate_to_datetime

from dateline.gather.page import RawPage
from dateline.understand.article import Article, DateEvidence, ExtractionError
from dateline.understand.dateline import read_dateline
from dateline.understand.entities import extract as extract_entities
from dateline.understand.html import extract_html
from dateline.understand.language import detect_language
from dateline.understand.text import clean_line, clean_paragraphs
from dateline.understand.text_dates import dates_in_text
from dateline.understand.textdump import extract_text_dump

log = logging.getLogger(__name__)

MAX_PAGE_CHARS = 10 * 2**20  # as the fetcher's and a WARC record's 10 MB
# A picture kept inside the page (a browser's "save as a single file"): never article text,
# and most of such a page's bytes.
_INLINE_DATA = re.compile(r"data:[^\"'\s)>]{1024,}")


def extract_or_reason(page: RawPage) -> Article | str:
    """The page's article, or a sentence saying why it has none; never raises."""
    try:
        return extract_page(page)
    except ExtractionError as exc:
        return str(exc)
    except Exception as exc:  # a library choking on hostile input must not stop an import
        log.exception("extraction crashed on %s", page.origin)
        return f"extraction error: {exc!r}"


def extract_page(page: RawPage) -> Article:
    """Extract the article from a page, or raise ExtractionError saying why not."""
    if not page.content or not page.content.strip():
        raise ExtractionError("the page is empty")
    content = page.content
    if page.kind == "html":
        content = _INLINE_DATA.sub("data:,", content)
    if len(content) > MAX_PAGE_CHARS:  # a 46 MB page took 1.3 GB to parse; no article is that
        mb = MAX_PAGE_CHARS // 2**20
        raise ExtractionError(f"the page holds more than {mb} M characters of text and markup")
    if page.kind == "html":
        article = extract_html(content, url=page.url)
    else:
        article = extract_text_dump(content, url=page.url)

    article.paragraphs = clean_paragraphs(article.paragraphs)
    article.title = clean_line(article.title)
    for name in ("site_name", "description", "section", "dateline_place", "credit"):
        if value := getattr(article, name):
            setattr(article, name, clean_line(value) or None)
    article.authors = [name for name in map(clean_line, article.authors) if name]
    if not article.paragraphs:
        raise ExtractionError("no article body found")
    if not article.title:
        raise ExtractionError("no headline found")
    if article.dateline_place is None or article.credit is None:
        found = read_dateline(article.paragraphs)
        article.dateline_place = article.dateline_place or found.place
        article.credit = article.credit or found.credit
    if not article.language:
        article.language = detect_language(article.title + "\n" + article.body_text)
    article.date_evidence += gathered_dates(page)
    article.entities = extract_entities(article.title, article.body_text)
    if article.claimed_date is not None:
        # Read here, not by the store: in a bulk import this runs in the extracting processes,
        # and the one writer has the rest to do (it was 7 % of its time).
        article.text_dates = dates_in_text(article.body_text.split("\n\n"), article.claimed_date)
    return article


def gathered_dates(page: RawPage) -> list[DateEvidence]:
    """What the feed, the sitemap and the HTTP response said about the page's date."""
    evidence = [DateEvidence(source, value, detail) for source, value, detail in page.dates]
    modified = {k.lower(): v for k, v in page.headers.items()}.get("last-modified")
    if modified:
        try:
            value = parsedate_to_datetime(modified)
        except (TypeError, ValueError):
            value = None  # a malformed header is no evidence
        if value is not None and value.tzinfo is not None:
            evidence.append(DateEvidence("http-last-modified", value, "the server's Last-Modified"))
    return evidence
