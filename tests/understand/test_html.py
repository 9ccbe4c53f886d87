"""extract_html on small invented pages: metadata, URLs, bylines, leaks, and bad input."""

from __future__ import annotations

import json
import random
from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dateline.understand.article import ExtractionError
from dateline.understand.authors import split_authors
from dateline.understand.html import dates_in_urls, extract_html
from dateline.understand.html_meta import absolute_http_url, language_code, parse_meta_date
from dateline.understand.html_title import strip_site_name
from tests.paths import FILES

HTML = FILES / "html"
FERRY_URL = "https://gazette.example.org/local/night-ferry?ref=home"
LEAK_MARKERS = ("SCRIPT_LEAK_MARKER", "STYLE_LEAK_MARKER", "NOSCRIPT_LEAK_MARKER", "dataLayer")


def _page(name: str) -> str:
    return (HTML / name).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def ferry():
    return extract_html(_page("harbour-ferry.html"), url=FERRY_URL)


@pytest.fixture(scope="module")
def bakery():
    return extract_html(_page("jsonld-bakery.html"))


def test_meta_tags_fill_the_article(ferry):
    assert ferry.title == "New night ferry links Port Vesta and Almond Isle"
    assert ferry.site_name == "The Harbour Gazette"
    assert ferry.authors == ["Mara Lindqvist", "Tomas Ek"]
    assert ferry.section == "Local"
    assert ferry.description == "A night crossing will run four times a week from April."
    assert ferry.language == "en"
    assert ferry.url == FERRY_URL
    plus_one = timezone(timedelta(hours=1))
    assert ferry.claimed_date == datetime(2023, 3, 5, 8, 30, tzinfo=plus_one)
    assert ferry.updated_date == datetime(2023, 3, 5, 12, 15, tzinfo=plus_one)


def test_body_is_plain_paragraphs_without_the_headline_or_byline_chrome(ferry):
    assert len(ferry.paragraphs) == 4
    assert ferry.paragraphs[0].startswith("A night crossing between Port Vesta")
    assert ferry.paragraphs[-1].endswith("before the first sailing.")
    assert all("\n" not in p and "<" not in p for p in ferry.paragraphs)
    assert "Copyright" not in ferry.body_text and "Home" not in ferry.body_text


def test_relative_canonical_and_image_resolve_against_the_page_url(ferry):
    assert ferry.canonical_url == "https://gazette.example.org/local/2023/03/05/night-ferry.html"
    assert ferry.image == "https://gazette.example.org/media/2023/ferry-at-dusk.jpg"


def test_without_a_page_url_a_relative_canonical_gives_way_to_og_url():
    article = extract_html(_page("harbour-ferry.html"))
    assert article.canonical_url == "https://gazette.example.org/ignored-when-canonical-exists"
    # with no page URL, og:url is the base the relative og:image resolves against
    assert article.image == "https://gazette.example.org/media/2023/ferry-at-dusk.jpg"
    assert article.url is None


def test_json_ld_gives_dates_section_authors_and_site(bakery):
    assert bakery.title == "Bäckerei am Markt feiert Jubiläum"
    assert bakery.site_name == "Stadtbote Lindenau"
    assert bakery.authors == ["Jana Vogt", "Paul Brenner"]
    assert bakery.section == "Lokales"
    assert bakery.claimed_date == datetime(2022, 6, 14, 7, 45, tzinfo=UTC)
    assert bakery.updated_date is None  # its dateModified is earlier than datePublished


def test_a_javascript_canonical_is_ignored_for_og_url(bakery):
    assert bakery.canonical_url == "https://stadtbote.example.net/lokales/baeckerei-jubilaeum"
    assert bakery.image == "https://cdn.stadtbote.example.net/bilder/brot.jpg"


def test_language_is_detected_when_undeclared_and_when_declared_wrongly(bakery):
    assert bakery.language == "de"
    mislabelled = _page("jsonld-bakery.html").replace("<html>", '<html lang="en">')
    assert extract_html(mislabelled).language == "de"


@pytest.mark.parametrize("name", ["harbour-ferry.html", "jsonld-bakery.html"])
def test_script_style_and_noscript_never_reach_the_text(name):
    article = extract_html(_page(name), url="https://example.org/a")
    text = "\n".join([article.title, article.body_text, article.description or ""])
    assert not [marker for marker in LEAK_MARKERS if marker in text]


@pytest.mark.parametrize(
    ("byline", "names"),
    [
        ("By Mara Lindqvist and Tomas Ek", ["Mara Lindqvist", "Tomas Ek"]),
        ("Ana Ruiz; Li Wei", ["Ana Ruiz", "Li Wei"]),
        ("by Ana Ruiz, Li Wei & Tom Ng", ["Ana Ruiz", "Li Wei", "Tom Ng"]),
        ("Jana Vogt und Paul Brenner", ["Jana Vogt", "Paul Brenner"]),
        ("View all posts by Sandy Anderson", ["Sandy Anderson"]),
        ("Tom Reed; AP Auto Writer", ["Tom Reed"]),
        ("Ana Ruiz, ana ruiz", ["Ana Ruiz"]),
        ("https://social.example.com/someone", []),
        ("", []),
        (None, []),
    ],
)
def test_bylines_split_into_names(byline, names):
    assert split_authors(byline) == names


@pytest.mark.parametrize(
    ("title", "site", "url", "headline"),
    [
        ("Quake hits coast | Harbour News", "Harbour News", None, "Quake hits coast"),
        ("The Gazette » Quake hits coast", "The Gazette", None, "Quake hits coast"),
        (
            "Quake hits coast - gazette.example.org",
            None,
            "https://www.gazette.example.org/a",
            "Quake hits coast",
        ),
        ("Quake hits coast - Japan", None, "https://ap.example/a", "Quake hits coast - Japan"),
        ("Ferry: the night crossing", "Harbour News", None, "Ferry: the night crossing"),
        ("Harbour News", "Harbour News", None, "Harbour News"),
    ],
)
def test_the_site_name_is_cut_from_the_title(title, site, url, headline):
    assert strip_site_name(title, site, url) == headline


@pytest.mark.parametrize(
    ("href", "base", "expected"),
    [
        ("/a/b.html", "https://example.org/x/y", "https://example.org/a/b.html"),
        ("c.html", "https://example.org/x/y", "https://example.org/x/c.html"),
        ("//cdn.example.org/i.jpg", "https://example.org/", "https://cdn.example.org/i.jpg"),
        ("/a/b.html", None, None),
        ("javascript:void(0)", "https://example.org/", None),
        ("mailto:desk@example.org", "https://example.org/", None),
        ("ftp://example.org/file", None, None),
        ("http://[broken", None, None),
        ("  ", "https://example.org/", None),
    ],
)
def test_only_absolute_http_urls_are_kept(href, base, expected):
    assert absolute_http_url(href, base) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2023-03-05T08:30:00Z", datetime(2023, 3, 5, 8, 30, tzinfo=UTC)),
        ("2023-03-05T08:30:00.000+0000", datetime(2023, 3, 5, 8, 30, tzinfo=UTC)),
        ("Sun, 05 Mar 2023 08:30:00 GMT", datetime(2023, 3, 5, 8, 30, tzinfo=UTC)),
        ("2023-03-05 08:30", datetime(2023, 3, 5, 8, 30)),  # no zone given: stays naive
        ("2023-03-05T08:30:00 some junk", datetime(2023, 3, 5)),
        ("1970-01-01T00:00:00Z", None),  # an epoch default, not a claim
        ("3023-01-01", None),  # the future
        ("yesterday", None),
        ("", None),
    ],
)
def test_markup_dates_parse_or_give_none(value, expected):
    assert parse_meta_date(value) == expected


@pytest.mark.parametrize(
    ("tag", "code"), [("en-US", "en"), ("pt_BR", "pt"), ("DE", "de"), ("fil", None), ("", None)]
)
def test_language_tags_reduce_to_iso_639_1(tag, code):
    assert language_code(tag) == code


def _junk_pages() -> list[str]:
    rng = random.Random(7)
    binary = bytes(rng.randrange(256) for _ in range(5000)).decode("latin-1")
    return [
        "",
        "   \n\t ",
        binary,
        "\x00" * 300 + "<html><body><p>hidden</p></body></html>",
        "%PDF-1.7\n" + binary,
        "just a line of plain text, not a page",
        "<html></html>",
        "<" * 5000,
        _page("menu-only.html"),
    ]


@pytest.mark.parametrize("content", _junk_pages())
def test_pages_without_an_article_raise_extraction_error(content):
    with pytest.raises(ExtractionError) as caught:
        extract_html(content, url="https://example.org/junk")
    assert str(caught.value)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400))
def test_any_text_gives_an_article_or_an_extraction_error(text):
    page = f"<html><body><article><p>{text}</p></article></body></html>"
    for content in (text, page):
        try:
            article = extract_html(content)
        except ExtractionError:
            continue  # the one failure allowed; any other exception fails the test
        assert article.paragraphs and all(p.strip() for p in article.paragraphs)


def test_date_evidence_keeps_every_markup_and_address_date(ferry):
    plus_one = timezone(timedelta(hours=1))
    assert [(e.source, e.detail, e.value, e.basis) for e in ferry.date_evidence] == [
        ("meta", "article:published_time", datetime(2023, 3, 5, 8, 30, tzinfo=plus_one), "stated"),
        ("meta", "article:modified_time", datetime(2023, 3, 5, 12, 15, tzinfo=plus_one), "stated"),
        ("url", "/2023/03/05", datetime(2023, 3, 5), "stated"),  # from the canonical address
    ]


def test_json_ld_dates_are_evidence_even_when_not_chosen(bakery):
    assert [(e.source, e.detail, e.value) for e in bakery.date_evidence] == [
        ("json-ld", "datePublished", datetime(2022, 6, 14, 7, 45, tzinfo=UTC)),
        ("json-ld", "dateModified", datetime(2022, 6, 13, 9, 0, tzinfo=UTC)),
    ]


def test_date_evidence_is_part_of_the_json(ferry):
    data = json.loads(json.dumps(ferry.as_json()))
    assert data["date_evidence"][0] == {
        "source": "meta",
        "value": "2023-03-05T08:30:00+01:00",
        "detail": "article:published_time",
        "basis": "stated",
    }
    assert data["claimed_date"] == "2023-03-05T08:30:00+01:00"


def test_other_meta_dates_count_and_absurd_ones_do_not():
    body = "<p>" + "The harbour board met to discuss the ferry timetable again. " * 4 + "</p>"
    page = (
        '<html><head><meta name="date" content="2024-01-21">'
        '<meta name="dc.date" content="not a date">'
        '<meta property="og:updated_time" content="1970-01-01T00:00:00Z">'
        f"</head><body><article>{body}</article></body></html>"
    )
    article = extract_html(page, url="https://example.org/2024-01-22-ferry-timetable")
    assert [(e.source, e.detail, e.value) for e in article.date_evidence] == [
        ("meta", "date", datetime(2024, 1, 21)),
        ("url", "/2024-01-22", datetime(2024, 1, 22)),
    ]


@pytest.mark.parametrize(
    ("urls", "found"),
    [
        (["https://x.org/world/2024/01/21/story.html"], [(datetime(2024, 1, 21), "stated")]),
        (["https://x.org/2023/11/slug"], [(datetime(2023, 11, 1), "month")]),
        (["https://x.org/a/2024/1/5/"], [(datetime(2024, 1, 5), "stated")]),
        (["https://x.org/2023/02/31/x"], []),  # no such day
        (["https://x.org/story/24568412/x", "https://x.org/1899/01/01/"], []),  # ids, too early
        (
            ["https://x.org/2024/01/21/a", "https://x.org/2024/01/21/b"],
            [(datetime(2024, 1, 21), "stated")],
        ),
        ([None, "http://[::1", "not a url"], []),
    ],
)
def test_dates_in_urls(urls, found):
    assert [(e.value, e.basis) for e in dates_in_urls(*urls)] == found


def test_a_page_saved_with_its_pictures_inside_is_read_without_them():
    from dateline.gather.page import RawPage
    from dateline.understand.extract import MAX_PAGE_CHARS, extract_page

    picture = "data:image/png;base64," + "A" * (MAX_PAGE_CHARS + 1)
    page = _page("harbour-ferry.html").replace("</h1>", f'</h1><img src="{picture}">', 1)
    article = extract_page(RawPage("ferry.html", "html", page, url=FERRY_URL))
    assert article.title == extract_page(RawPage("f", "html", _page("harbour-ferry.html"))).title
    assert "AAAA" not in article.body_text


def test_a_page_larger_than_any_article_is_refused_in_one_line():
    from dateline.gather.page import RawPage
    from dateline.understand.extract import MAX_PAGE_CHARS, extract_page

    words = "<p>" + "word " * (MAX_PAGE_CHARS // 5) + "</p>"
    for kind, content in (("html", f"<html><body>{words}</body></html>"), ("text", words)):
        with pytest.raises(ExtractionError, match="more than 10 M characters"):
            extract_page(RawPage("big", kind, content))


def test_html_nested_deeper_than_a_parser_goes_says_so():
    with pytest.raises(ExtractionError, match="nested deeper than parsers go"):
        extract_html("<div>" * 50_000 + "<html><body><p>hi</p></body></html>")
