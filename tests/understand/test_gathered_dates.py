"""Dates seen by the gatherer (feed, sitemap, HTTP) reach the article as evidence."""

from datetime import UTC, datetime

from dateline.gather.page import RawPage
from dateline.understand.extract import extract_page, gathered_dates

HTML = (
    "<html><head><title>Harbour bridge reopens after repairs</title></head><body><article>"
    "<h1>Harbour bridge reopens after repairs</h1>"
    + "".join(
        f"<p>Paragraph {n}: the harbour bridge reopened on Monday after {n + 7} months of work "
        f"on its deck, and crews from {n + 2} contractors finished the railings overnight.</p>"
        for n in range(6)
    )
    + "</article></body></html>"
)


def test_feed_sitemap_and_last_modified_become_evidence() -> None:
    feed_date = datetime(2024, 1, 15, 9, 30, tzinfo=UTC)
    page = RawPage(
        origin="http://example.org/a",
        kind="html",
        content=HTML,
        url="http://example.org/a",
        headers={"Last-Modified": "Tue, 16 Jan 2024 08:00:00 GMT"},
        dates=(("feed", feed_date, "the feed's pubDate"),),
    )
    evidence = extract_page(page).date_evidence
    sources = {item.source: item.value for item in evidence}
    assert sources["feed"] == feed_date
    assert sources["http-last-modified"] == datetime(2024, 1, 16, 8, 0, tzinfo=UTC)


def test_malformed_last_modified_is_ignored() -> None:
    page = RawPage(origin="x", kind="html", content=HTML, headers={"last-modified": "yesterday"})
    assert gathered_dates(page) == []
