"""Plain-text page dumps (what a crawler saw of a news page, one block a line) to an Article.

Top to bottom: shape every line, find the densest block of prose (the body), read the
headline and site above it, then the dates, byline, dateline and credit around it.
"""

from __future__ import annotations

from dateline.understand.article import Article, ExtractionError
from dateline.understand.dateline import credit_line, read_dateline
from dateline.understand.text import clean_paragraphs
from dateline.understand.textbody import INVISIBLE, find_body
from dateline.understand.textheader import find_headline, site_from_copyright, site_from_url
from dateline.understand.textlines import Line, read_lines
from dateline.understand.textmeta import claimed_dates, read_byline

MIN_BODY_WORDS = 12


def extract_text_dump(text: str, url: str | None = None) -> Article:
    """Extract the article of a plain-text page dump, or raise ExtractionError saying why not."""
    lines = read_lines(text or "")
    body = find_body(lines)
    if body is None:
        raise ExtractionError("no prose in the text dump, so no article body")
    headline = find_headline(lines, body)
    if headline is None:
        raise ExtractionError("no headline found in the text dump")
    if headline.index >= body.start:  # a question headline read as the body's first sentence
        body = range(headline.index + 1, body.stop)
    body = _with_credit_lines(lines, body)
    paragraphs = clean_paragraphs(
        [line.text for line in lines[body.start : body.stop] if line.kind not in INVISIBLE]
    )
    if sum(len(paragraph.split()) for paragraph in paragraphs) < MIN_BODY_WORDS:
        raise ExtractionError("the text dump's longest block of prose is too short for an article")
    published, updated = claimed_dates(lines, headline.index, body)
    authors, byline_credit = read_byline(lines, headline.index, body)
    found = read_dateline(paragraphs)
    return Article(
        title=headline.title,
        paragraphs=paragraphs,
        site_name=headline.site_name or site_from_copyright(lines) or site_from_url(lines, url),
        authors=authors,
        claimed_date=published,
        updated_date=updated,
        dateline_place=found.place,
        credit=found.credit or byline_credit,
        url=url,
    )


def _with_credit_lines(lines: list[Line], body: range) -> range:
    """Take in the credit lines that close a wire story ("— The Associated Press")."""
    stop = body.stop
    while stop < len(lines) and (lines[stop].kind in INVISIBLE or credit_line(lines[stop].text)):
        stop += 1
    while stop > body.stop and lines[stop - 1].kind in INVISIBLE:
        stop -= 1
    return range(body.start, stop)
