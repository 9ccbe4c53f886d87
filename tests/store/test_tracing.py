"""Provenance through the real ingest path: copies, originals, regrouping and date flags."""

import html
import io

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from dateline.gather.files import find_files, iter_pages
from dateline.store.ingest import ingest_page
from dateline.store.models import Article, CopyLink
from dateline.understand.extract import extract_page
from tests.paths import DEMO, require_shared
from tests.store.fixtures import import_path

AP_URL = "https://apnews.com/article/north-korea-russia-putin-visit-choe-son-hui"


def example_page():
    files, _ = find_files([require_shared("examples/scraped-wire-copy.txt")])
    (page,) = list(iter_pages(files))
    return page


def _ap_warc(tmp_path, captured: str):
    """AP's own page of the story the example copies, as a crawl captured it at `captured`."""
    article = extract_page(example_page())
    body = "".join(f"<p>{html.escape(p)}</p>" for p in article.paragraphs)
    page = (
        f"<html><head><title>{html.escape(article.title)} | AP News</title>"
        f'<meta property="og:site_name" content="AP News">'
        f'<link rel="canonical" href="{AP_URL}">'
        f'<meta property="article:published_time" content="2024-01-21T04:12:31Z"></head>'
        f"<body><article><h1>{html.escape(article.title)}</h1>{body}</article></body></html>"
    )
    path = tmp_path / "ap.warc.gz"
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        headers = StatusAndHeaders(
            "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
        )
        writer.write_record(
            writer.create_warc_record(
                AP_URL,
                "response",
                payload=io.BytesIO(page.encode()),
                http_headers=headers,
                warc_headers_dict={"WARC-Date": captured},
            )
        )
    return path


@pytest.fixture
def ap_original_warc(tmp_path):
    """AP's page as a crawl captured it in January 2024, hours after it went up."""
    return _ap_warc(tmp_path, "2024-01-21T05:00:00Z")


def test_the_example_is_a_redated_copy_of_ap(db, ap_original_warc):
    (ap,) = import_path(ap_original_warc)
    copy = ingest_page(example_page())
    assert copy.status == "imported"
    farm = Article.objects.get(key=copy.key)
    original = Article.objects.get(key=ap.key)
    assert farm.original == original and original.original is None
    assert original.publisher.name == "AP News"
    link = CopyLink.objects.get(copy=farm, source=original)
    assert link.kind == "copy" and link.containment > 0.95
    messages = " ".join(flag["message"] for flag in farm.date_flags)
    assert "AP" in messages and "21 January 2024" in messages and "15 months" in messages
    assert any(flag["kind"] == "redated-copy" for flag in farm.date_flags)
    assert original.date_flags == []


def test_an_original_imported_late_is_dated_by_its_own_claim(db, tmp_path):
    """A bulk import: we first see AP's page in 2026, but it says 21 January 2024."""
    (ap,) = import_path(_ap_warc(tmp_path, "2026-11-01T00:00:00Z"))
    farm = Article.objects.get(key=ingest_page(example_page()).key)
    assert farm.original.key == ap.key
    (redated,) = [flag for flag in farm.date_flags if flag["kind"] == "redated-copy"]
    assert redated["message"] == (
        "Copy of AP's story published 21 January 2024; this page claims 7 April 2025, "
        "15 months later."
    )


def test_the_original_arriving_second_takes_the_lead(db, ap_original_warc):
    farm = Article.objects.get(key=ingest_page(example_page()).key)
    assert farm.original is None
    assert [flag["kind"] for flag in farm.date_flags] == ["text-inconsistent"]
    (ap,) = import_path(ap_original_warc)
    farm.refresh_from_db()
    assert farm.original.key == ap.key
    assert "redated-copy" in {flag["kind"] for flag in farm.date_flags}


def test_pages_show_the_banner_and_the_known_copies(client, db, ap_original_warc):
    (ap,) = import_path(ap_original_warc)
    farm = Article.objects.get(key=ingest_page(example_page()).key)
    page = client.get(farm.get_absolute_url()).content.decode()
    assert "This is a copy" in page and f'href="/articles/{ap.key}/' in page
    assert "Check the date" in page and "15 months" in page
    original_page = client.get(f"/articles/{ap.key}.json").json()
    assert [r["key"] for r in original_page["provenance"]["reprints"]] == [farm.key]
    assert farm.key not in {item["key"] for item in original_page["related"]}
    signals = client.get(f"{farm.publisher.get_absolute_url()}.json").json()["signals"]
    assert signals["copies"] == 1 and signals["copy_share"] == 1.0 and signals["date_flags"] == 1
    assert signals["median_delay_days"] > 400  # 7 April 2025 vs 21 January 2024
    home = client.get("/index.json").json()
    assert [i["key"] for i in home["latest"]] == [ap.key]
    assert home["latest"][0]["reason"] == "also reprinted 1 time"


def test_different_reports_on_the_same_subject_are_not_copies(db):
    import_path(DEMO)  # 120 Wikinews articles: many on the same companies and events
    assert CopyLink.objects.count() == 0
    assert not Article.objects.filter(original__isnull=False).exists()


def test_a_quoted_passage_is_a_partial_copy_not_a_copy(db):
    (source,) = import_path(DEMO / "10718.html")
    original = Article.objects.get(key=source.key)
    paragraphs = original.body_text.split("\n\n")
    quoted = [paragraphs[5], paragraphs[8]]  # its two longest paragraphs: 91 of 241 words
    own = [
        "Music fans in Manchester said on Tuesday that they welcomed any cut in download prices, "
        "though several shop owners warned that small record stores would feel the pressure.",
        "The city's independent stores have struggled for years against online sellers, and a "
        "trade group said it would ask the council for help with rents and business rates.",
        "Local musicians were divided: some said cheaper downloads bring new listeners, others "
        "that artists would see even less of each sale than they do today.",
        "At a vinyl shop near Piccadilly, the owner said customers still came for advice and "
        "rare pressings, which no download store could offer at any price.",
        "A student who buys most of her music online said she would spend the savings on concert "
        "tickets, which have become much more expensive over the past five years.",
        "The trade group plans a meeting with shop owners next month to discuss joint "
        "promotions, a loyalty card and a weekend festival of live music in the shops.",
        "Economists at the university said the effect on local shops would be small, because "
        "their customers are rarely the people who compare prices between download stores.",
    ]
    head = '<head><meta property="article:published_time" content="2026-11-20T09:00:00Z"></head>'
    page = (
        f"<html>{head}<body><article><h1>Record shops fear price war</h1>"
        + "".join(f"<p>{html.escape(p)}</p>" for p in [*own[:3], *quoted, *own[3:]])
        + "</article></body></html>"
    )
    from dateline.gather.page import RawPage

    result = ingest_page(RawPage("quote.html", "html", page, url="https://city.example/shops"))
    quoting = Article.objects.get(key=result.key)
    link = CopyLink.objects.get(copy=quoting)
    assert link.source == original and link.kind == "partial"
    assert quoting.original is None  # quoting is not copying


def _keys_of_synthetic_articles(count: int, seed: int = 3) -> list[list[int]]:
    """Index keys of made-up articles: each shares a boilerplate line with all the others, some
    share a paragraph with one earlier article, the rest is their own."""
    import random

    from dateline.trace.sketch import index_keys

    rng = random.Random(seed)
    words = [f"w{n}" for n in range(3000)]

    def sentence(length: int = 20) -> str:
        return " ".join(rng.choice(words) for _ in range(length)) + "."

    boilerplate = "\n".join(sentence() for _ in range(4))  # a site's sign-off, on every page
    paragraphs: list[str] = []
    found = []
    for n in range(count):
        own = [" ".join(sentence() for _ in range(3)) for _ in range(4)]
        if paragraphs and n % 3 == 0:
            own.append(rng.choice(paragraphs))  # quotes an earlier article
        paragraphs.extend(own)
        found.append(index_keys("\n\n".join([*own, boilerplate])))
    return found


def test_the_sql_candidate_rule_is_the_in_memory_one(db, monkeypatch):
    """Same rows in, same candidates out, stop keys included (MAX_POSTINGS lowered to 5 so the
    boilerplate keys stop after five articles)."""
    from datetime import UTC, datetime

    from dateline.store.models import Publisher, TraceKey, TraceStopKey
    from dateline.store.tracing import _add_keys, _candidate_ids
    from dateline.trace import index
    from dateline.trace.index import KeyIndex

    monkeypatch.setattr(index, "MAX_POSTINGS", 5)
    publisher = Publisher.objects.create(name="Synthetic", slug="synthetic")
    memory = KeyIndex()
    compared = 0
    for n, keys in enumerate(_keys_of_synthetic_articles(40)):
        article = Article.objects.create(
            key=f"s{n}",
            fingerprint=f"{n:064d}",
            publisher=publisher,
            title=f"Article {n}",
            slug=f"a{n}",
            first_seen_at=datetime(2024, 1, 1, tzinfo=UTC),
            body_text="",
            body_html="",
        )
        # The in-memory index numbers articles by their store ids, so the tie order agrees too.
        expected = [article_id for article_id, _ in memory.candidates(keys)]
        assert _candidate_ids(keys, exclude=article.pk) == expected, f"article {n}"
        compared += bool(expected)
        memory.add(article.pk, keys)
        _add_keys(article.pk, keys)
    assert compared >= 10  # the quoting articles found what they quote
    stopped = set(TraceStopKey.objects.values_list("key", flat=True))
    assert stopped and len(stopped) == memory.stop_keys()
    assert TraceKey.objects.count() == memory.rows()
    assert not TraceKey.objects.filter(key__in=stopped).exists()


VERDICT_PAGE = (
    "<html><head><title>Rocky Mount man convicted | Telegram</title>"
    '<meta property="article:published_time" content="2016-03-14T09:00:00Z"></head>'
    "<body><article><h1>Rocky Mount man convicted</h1>"
    "<p>A Rocky Mount man was convicted in the shooting of a man outside a church on Sunset "
    "Avenue last year, the Nash County district attorney's office said.</p>"
    "<p>Marcus Hale was convicted on June 10, 2016, after a three-day trial in which the "
    "church's pastor and two neighbours testified about what they saw that night.</p>"
    "</article></body></html>"
)


def test_the_text_dates_read_at_extraction_are_the_ones_the_store_checks(db, monkeypatch):
    from dateline.gather.page import RawPage
    from dateline.store import tracing

    article = extract_page(RawPage(origin="test:verdict", kind="html", content=VERDICT_PAGE))
    read = [(d.value.date().isoformat(), d.basis) for d in article.text_dates]
    assert ("2016-06-10", "stated") in read  # and "last year", a relative date

    def read_again(*args, **kwargs):
        raise AssertionError("the store read the text's dates again")

    monkeypatch.setattr(tracing, "dates_in_text", read_again)
    stored = ingest_page(RawPage(origin="test:verdict", kind="html", content=VERDICT_PAGE))
    flags = Article.objects.get(key=stored.key).date_flags
    assert [flag["kind"] for flag in flags] == ["text-inconsistent"]
    assert "June 10, 2016" in flags[0]["message"]
