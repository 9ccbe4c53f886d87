"""extract_text_dump on plain-text page dumps: the shared example, the Wikinews fixtures,
dumps generated from ../shared/datasets, small invented pages, and arbitrary text."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dateline.understand.article import Article, ExtractionError
from dateline.understand.dates import find_dates, parse_date
from dateline.understand.textdump import extract_text_dump
from tests.paths import FILES, require_shared
from tests.understand.dumpgen import (
    CASE_COUNT,
    DATASETS,
    FIELDS,
    expected,
    extracted,
    generate_cases,
)

DUMPS = FILES / "textdumps"
FIXTURES = sorted(DUMPS.glob("*.txt"))
HEADLINE = "Storm closes schools across the valley"
BODY = [
    "Schools across the valley will stay closed on Monday after a storm knocked out power to "
    "thousands of homes, officials said on Sunday.",
    "The district said buses could not run safely while crews cleared fallen trees from roads "
    "in the hills above the town.",
    "Parents were told to check the district website for updates before the morning.",
]


def dump(*lines: str) -> str:
    return "\n".join(lines) + "\n"


# The shared example ---------------------------------------------------------------------------


def test_scraped_wire_copy():
    path = require_shared("examples/scraped-wire-copy.txt")
    text = path.read_text(encoding="utf-8")
    lines = [line.strip() for line in text.splitlines()]
    first = next(n for n, line in enumerate(lines) if line.startswith("SEOUL, South Korea (AP)"))
    story = lines[first : first + 13]
    assert story[-1].endswith("as a nuclear weapons state.")

    article = extract_text_dump(text)

    assert article.title == (
        "North Korea stresses alignment with Russia against US and says Putin could visit at an "
        "early date"
    )
    assert article.site_name == "Excel Wealth Summit"
    assert article.claimed_date == datetime(2025, 4, 7, 2, 7, 50)
    assert article.claimed_date.tzinfo is None
    assert article.updated_date is None
    assert article.dateline_place == "Seoul, South Korea"
    assert article.credit == "AP"
    assert article.authors == []
    assert article.paragraphs == story
    assert article.paragraphs[0].startswith("SEOUL, South Korea (AP) — North Korea said Sunday")


# Wikinews fixtures (CC BY 2.5, see tests/files/textdumps/ATTRIBUTION.md) ----------------------


@pytest.mark.parametrize("path", FIXTURES, ids=[path.stem for path in FIXTURES])
def test_wikinews_dump_matches_its_golden_file(path):
    golden = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    article = extract_text_dump(path.read_text(encoding="utf-8"))
    assert extracted(article) == {name: golden[name] for name in FIELDS}


def test_there_are_eight_wikinews_dumps_with_attribution():
    assert len(FIXTURES) == 8
    attribution = (DUMPS / "ATTRIBUTION.md").read_text(encoding="utf-8")
    assert "Wikinews contributors" in attribution and "CC BY 2.5" in attribution
    assert all(f"`{path.name}`" in attribution for path in FIXTURES)


# Dumps generated from the shared datasets -----------------------------------------------------


@pytest.fixture(scope="module")
def generated():
    for name in DATASETS:
        require_shared(f"datasets/{name}")
    return generate_cases(require_shared("datasets"))


@pytest.mark.dataset
@pytest.mark.parametrize("number", range(CASE_COUNT))
def test_generated_dump(generated, number):
    case = generated[number]
    assert extracted(extract_text_dump(case.text)) == expected(case), f"{case.name}:\n{case.text}"


@pytest.mark.dataset
def test_generated_dumps_per_field_accuracy(generated):
    """The gate in one line: `pytest -k per_field -rA` shows the accuracy of every field."""
    right = dict.fromkeys(FIELDS, 0)
    for case in generated:
        got, want = extracted(extract_text_dump(case.text)), expected(case)
        for name in FIELDS:
            right[name] += got[name] == want[name]
    accuracy = {name: count / len(generated) for name, count in right.items()}
    print(" ".join(f"{name}={share:.1%}" for name, share in accuracy.items()))
    assert accuracy == dict.fromkeys(FIELDS, 1.0)


@pytest.mark.dataset
def test_generated_dumps_cover_the_variety(generated):
    assert len(generated) >= 24
    assert len({case.site_name for case in generated}) > 5
    assert any(case.site_name is None for case in generated)
    assert any(case.claimed_date and case.claimed_date.tzinfo for case in generated)
    assert any(case.claimed_date and not case.claimed_date.tzinfo for case in generated)
    assert any(case.updated_date for case in generated)
    assert any(case.place and case.credit for case in generated)
    assert any(case.credit and not case.place for case in generated)
    assert any(case.place and not case.credit for case in generated)
    assert any(len(case.authors) == 2 for case in generated)


# Small invented pages -------------------------------------------------------------------------


@pytest.mark.parametrize("separator", [" | ", " - ", " — ", " – ", " :: ", " -", " · "])
def test_site_name_from_the_dressed_title(separator):
    article = extract_text_dump(
        dump(f"{HEADLINE}{separator}Valley Post", "News | Weather | Sport", HEADLINE, *BODY)
    )
    assert (article.title, article.site_name) == (HEADLINE, "Valley Post")
    assert article.paragraphs == BODY


@pytest.mark.parametrize(
    "dressed",
    [
        f"Current:Home > Contact{HEADLINE} -Valley Post",
        f"Home » Local » {HEADLINE} | Valley Post",
        f"Valley Post | {HEADLINE}",
    ],
)
def test_breadcrumbs_are_stripped_from_the_dressed_title(dressed):
    article = extract_text_dump(dump(dressed, HEADLINE, "Jan. 21, 2024", *BODY))
    assert (article.title, article.site_name) == (HEADLINE, "Valley Post")


def test_site_suffix_on_the_only_headline():
    article = extract_text_dump(dump("Home", "Local", f"{HEADLINE} | Valley Post", *BODY))
    assert (article.title, article.site_name) == (HEADLINE, "Valley Post")


def test_a_dash_inside_the_headline_is_not_a_site():
    title = "Apple's iTunes replaces Wal - Mart as No. 1 U.S. music seller"
    article = extract_text_dump(dump(title, *BODY))
    assert (article.title, article.site_name) == (title, None)


def test_site_from_the_copyright_line_and_from_the_url():
    footer = extract_text_dump(dump(HEADLINE, *BODY, "About | Contact", "© 2024 Valley Post."))
    assert footer.site_name == "Valley Post"
    masthead = extract_text_dump(
        dump("Valley Post", HEADLINE, *BODY), url="https://www.valleypost.com/local/storm"
    )
    assert masthead.site_name == "Valley Post"
    assert masthead.url == "https://www.valleypost.com/local/storm"


def test_updated_date_goes_to_updated_date():
    article = extract_text_dump(dump(HEADLINE, "Updated 2024-01-21T10:00:00Z", *BODY))
    assert article.claimed_date is None
    assert article.updated_date == datetime(2024, 1, 21, 10, tzinfo=UTC)


def test_published_and_updated_on_one_line():
    line = "Published: March 3, 2024 10:15 AM | Updated: March 4, 2024 8:00 AM"
    article = extract_text_dump(dump(HEADLINE, line, *BODY))
    assert article.claimed_date == datetime(2024, 3, 3, 10, 15)
    assert article.updated_date == datetime(2024, 3, 4, 8, 0)


def test_dates_in_link_lists_are_not_the_story_date():
    article = extract_text_dump(
        dump(HEADLINE, *BODY, "Related", "- Other story", "Jan. 5, 2023", "- Another story")
    )
    assert article.claimed_date is None


@pytest.mark.parametrize(
    ("byline", "authors", "credit"),
    [
        ("By Jane Doe and John Roe", ["Jane Doe", "John Roe"], None),
        ("By Jane Doe, Associated Press", ["Jane Doe"], "AP"),
        ("By JANE DOE | March 3, 2024", ["Jane Doe"], None),
        ("Written by Ana Ruiz", ["Ana Ruiz"], None),
        ("By The Associated Press", [], "AP"),
        ("Von Lukas Weber", ["Lukas Weber"], None),
    ],
)
def test_bylines(byline, authors, credit):
    article = extract_text_dump(dump(HEADLINE, byline, *BODY))
    assert (article.authors, article.credit) == (authors, credit)
    assert article.paragraphs == BODY


def test_dateline_and_credit_are_read_and_kept_in_the_body():
    first = "WASHINGTON (Reuters) - " + BODY[0]
    article = extract_text_dump(dump(HEADLINE, first, *BODY[1:]))
    assert (article.dateline_place, article.credit) == ("Washington", "Reuters")
    assert article.paragraphs[0] == first


def test_widgets_share_bars_and_link_lists_stay_out_of_the_body():
    article = extract_text_dump(
        dump(
            HEADLINE,
            "Facebook | Twitter | WhatsApp | Email",
            *BODY,
            "veryGood! (1)",
            "Like (3)",
            "👍 12",
            "Trending",
            "- Mayor opens the new library",
            "- Five ways to save on heating",
            "A TV show cooking segment featured a chef frying fish. It ended up being a "
            "near-extinct species – and fishermen were furious.",
            "Privacy | Terms",
        )
    )
    assert article.paragraphs == BODY


def test_a_teaser_list_without_bullets_stays_out_of_the_body():
    teasers = [
        "Mayor Ortega opens the new library",
        "The library in Brookfield cost twelve million dollars and took three years to build.",
        "Five ways to save on heating",
        "Experts in Denver say small changes at home can cut bills by a fifth this winter.",
    ]
    article = extract_text_dump(dump(HEADLINE, "Jan. 21, 2024", *BODY, "More stories", *teasers))
    assert article.paragraphs == BODY


def test_in_body_subheadings_stay_and_adverts_and_links_go():
    section = (
        "Crews from the valley utility worked through the night, and the district said it would "
        "decide on Tuesday's classes after a meeting with the utility on Monday afternoon."
    )
    article = extract_text_dump(
        dump(
            HEADLINE,
            BODY[0],
            "Advertisement",
            BODY[1],
            "READ MORE: Power cuts hit the north side",
            BODY[2],
            "What happens next",
            section,
        )
    )
    assert article.paragraphs == [*BODY, "What happens next", section]


def test_question_headline_right_above_the_body():
    title = "Will the valley's schools open on Monday?"
    article = extract_text_dump(dump(title, *BODY))
    assert (article.title, article.paragraphs) == (title, BODY)


def test_no_prose_is_no_article():
    with pytest.raises(ExtractionError, match="no article body"):
        extract_text_dump(dump("Home", "News", "Sport", "Weather"))


def test_no_headline_is_no_article():
    with pytest.raises(ExtractionError, match="no headline"):
        extract_text_dump(dump(*BODY))


def test_empty_text_is_no_article():
    with pytest.raises(ExtractionError):
        extract_text_dump("")


# Claimed dates --------------------------------------------------------------------------------

EST = timezone(timedelta(hours=-5))


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Date:2025-04-07 02:07:50", datetime(2025, 4, 7, 2, 7, 50)),
        ("Published: March 3, 2024 10:15 AM", datetime(2024, 3, 3, 10, 15)),
        ("Updated 2024-01-21T10:00:00Z", datetime(2024, 1, 21, 10, tzinfo=UTC)),
        ("Jan. 21, 2024", datetime(2024, 1, 21)),
        ("Posted on Sept. 7, 2005", datetime(2005, 9, 7)),
        ("Tuesday, January 28, 2014 8:18 PM EST", datetime(2014, 1, 28, 20, 18, tzinfo=EST)),
        ("21 January 2024", datetime(2024, 1, 21)),
        ("21.01.2024, 14:05 Uhr", datetime(2024, 1, 21, 14, 5)),
        ("Veröffentlicht am 3. März 2024 um 10:15 Uhr", datetime(2024, 3, 3, 10, 15)),
        ("Publié le 5 avril 2024 à 10h15", datetime(2024, 4, 5, 10, 15)),
        ("5 de marzo de 2024", datetime(2024, 3, 5)),
        (
            "2024-01-21T10:00:00+02:00",
            datetime(2024, 1, 21, 10, tzinfo=timezone(timedelta(hours=2))),
        ),
        ("01/21/2024", datetime(2024, 1, 21)),
        ("21/01/2024 09:00 GMT+2", datetime(2024, 1, 21, 9, tzinfo=timezone(timedelta(hours=2)))),
        (
            "Last updated: 12 June 2023, 4:30pm BST",
            datetime(2023, 6, 12, 16, 30, tzinfo=timezone(timedelta(hours=1))),
        ),
        (
            "Jan 5, 2024 at 3 p.m. ET",
            datetime(2024, 1, 5, 15, tzinfo=ZoneInfo("America/New_York")),
        ),
    ],
)
def test_claimed_date_formats(text, value):
    parsed = parse_date(text)
    assert parsed == value
    assert (parsed.utcoffset() if parsed else None) == value.utcoffset()


@pytest.mark.parametrize(
    "text", ["2024-02-31", "3 hours ago", "In 1066 the Normans came", "May 32, 2024", "25:99"]
)
def test_not_dates(text):
    assert parse_date(text) is None


def test_date_labels():
    line = "Posted: Tuesday, January 28, 2014 8:18 PM EST Updated: Friday, February 28, 2014"
    assert [mention.label for mention in find_dates(line)] == ["published", "updated"]
    assert find_dates("Jan. 21, 2024")[0].label is None


# Arbitrary text -------------------------------------------------------------------------------

PIECES = [
    HEADLINE,
    f"{HEADLINE} | Valley Post",
    "Home > News",
    "Date:2025-04-07 02:07:50",
    "Updated 2024-01-21T10:00:00Z",
    "By Jane Doe, Associated Press",
    "veryGood! (1)",
    "👍 12",
    "- A list item that ends with a period.",
    "Related",
    "READ MORE: Another headline",
    "Advertisement",
    "SEOUL, South Korea (AP) — North Korea said Sunday that it would talk.",
    "— The Associated Press",
    "© 2024 Valley Post. All rights reserved.",
    *BODY,
]


def _check(text: str) -> None:
    try:
        article = extract_text_dump(text)
    except ExtractionError:
        return
    assert isinstance(article, Article)
    assert article.title and article.paragraphs


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=2000))
def test_arbitrary_text_gives_an_article_or_an_extraction_error(text):
    _check(text)


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(PIECES) | st.text(max_size=120), max_size=40))
def test_arbitrary_page_shaped_text_gives_an_article_or_an_extraction_error(lines):
    _check("\n".join(lines))
