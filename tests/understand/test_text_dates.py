"""dates_in_text: what the text dates, resolved against the page's claimed date."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dateline.gather.page import RawPage
from dateline.trace.dating import date_flags
from dateline.understand.extract import extract_page
from dateline.understand.text_dates import dates_in_text, looks_ahead, told_as_past
from tests.paths import require_shared

CLAIMED = datetime(2025, 4, 7, 2, 7, 50)  # a Monday: the example page's "Date:" line


def _found(paragraphs: list[str], reference: datetime) -> list[tuple[str, date, str]]:
    return [(e.basis, e.value.date(), e.detail) for e in dates_in_text(paragraphs, reference)]


@pytest.fixture(scope="module")
def example_body() -> list[str]:
    path = require_shared("examples/scraped-wire-copy.txt")
    article = extract_page(RawPage(str(path), "text", path.read_text(encoding="utf-8")))
    assert article.paragraphs[0].startswith("SEOUL, South Korea (AP)")
    assert article.paragraphs[-1].endswith("nuclear weapons state.")
    return article.paragraphs


def test_the_example_dates_read_against_its_claimed_date(example_body):
    found = _found(example_body, CLAIMED)
    assert ("year-inferred", date(2025, 1, 14), "the test-firing on Jan. 14") in found
    assert ("relative", date(2025, 4, 6), "said Sunday") in found
    assert ("relative", date(2025, 4, 3), "on Thursday") in found
    assert ("relative", date(2025, 3, 31), "last week") in found
    assert ("month", date(2024, 9, 1), "Russia’s Far East in September") in found
    # the only day-dated event is Jan. 14; everything else is the week before the claim
    assert [item for item in found if item[0] in ("stated", "year-inferred")] == [
        ("year-inferred", date(2025, 1, 14), "the test-firing on Jan. 14")
    ]


def test_every_item_is_text_evidence_in_reading_order(example_body):
    evidence = dates_in_text(example_body, CLAIMED)
    assert {item.source for item in evidence} == {"text"}
    assert [item.detail for item in evidence][:5] == [
        "said Sunday",
        "last week",
        "Russia’s Far East in September",
        "on Sunday",
        "the test-firing on Jan. 14",
    ]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("He was charged Jan. 5.", date(2024, 1, 5)),  # latest occurrence up to the reference
        ("The fire on Dec. 28 destroyed a barn.", date(2023, 12, 28)),
        ("It starts on 14 January.", date(2024, 1, 14)),  # 4 days ahead: the coming one
        ("The vote on Feb. 20 passed.", date(2024, 2, 20)),  # under 60 days ahead: coming too
        ("The storm hit on April 2.", date(2023, 4, 2)),  # further ahead: last year's
        ("The trial is set for Sept. 14.", date(2024, 9, 14)),  # look-ahead words: the next one
        ("A Sept. 28 court date was set.", date(2024, 9, 28)),
    ],
)
def test_year_less_dates_resolve_to_the_nearest_sensible_year(sentence, expected):
    reference = datetime(2024, 1, 10, 9)
    (found,) = dates_in_text([sentence], reference)
    assert found.basis == "year-inferred"
    assert found.value.date() == expected


def test_a_feb_29_finds_its_leap_year():
    (found,) = dates_in_text(["It began on Feb. 29."], datetime(2025, 6, 1))
    assert found.value.date() == date(2024, 2, 29)


def test_written_years_are_kept_and_page_stamps_are_not_events():
    found = _found(
        [
            "Posted: Tuesday, January 28, 2014 8:18 PM EST Updated: Friday, February 28, 2014",
            "Police said the shooting on Jan. 21, 2014, was the third this year.",
        ],
        datetime(2014, 1, 28),
    )
    assert found == [("stated", date(2014, 1, 21), "the shooting on Jan. 21, 2014")]


@pytest.mark.parametrize(
    ("sentence", "day"),
    [
        ("The minister said Sunday that talks would go on.", date(2025, 4, 6)),
        ("They met on Monday.", date(2025, 4, 7)),  # the claimed day itself
        ("He last spoke last Monday.", date(2025, 3, 31)),
        ("She will testify on Thursday.", date(2025, 4, 10)),  # ahead: the coming Thursday
        ("The vote is next Tuesday.", date(2025, 4, 8)),
        ("It happened yesterday.", date(2025, 4, 6)),
        ("The talks ended last week.", date(2025, 3, 31)),
        ("Two months ago the plant closed.", date(2025, 2, 6)),
        ("Six months after the flood, the town rebuilds.", date(2024, 10, 9)),
    ],
)
def test_relative_phrases_are_anchored_on_the_reference(sentence, day):
    (found,) = dates_in_text([sentence], CLAIMED)
    assert (found.basis, found.value.date()) == ("relative", day)


@pytest.mark.parametrize(
    "sentence",
    [
        "Shoppers lined up for Black Friday deals.",
        "The Sunday Times reported the sale.",
        "Good Friday services were held.",
        "The market opens every Saturday.",
        "He may 5 times have said so.",  # lower-case month words are not dates
        "Revenue rose 5% in the quarter ended.",
    ],
)
def test_names_and_habits_are_not_dates(sentence):
    assert dates_in_text([sentence], CLAIMED) == []


def test_bare_month_names_need_a_preposition_or_a_year():
    found = _found(
        ["August Wilson wrote it.", "In May the mill closed.", "March 2019 was wet."], CLAIMED
    )
    assert found == [
        ("month", date(2024, 5, 1), "In May"),  # after April: last year's May
        ("month", date(2019, 3, 1), "March 2019"),
    ]


def test_details_tell_ahead_from_past():
    ahead, past = dates_in_text(
        ["The hearing is scheduled for March 3, 2026.", "Voters approved it on March 3, 2026."],
        CLAIMED,
    )
    assert ahead.detail == "scheduled for March 3, 2026" and looks_ahead(ahead.detail)
    assert not told_as_past(ahead.detail)
    assert told_as_past(past.detail) and not looks_ahead(past.detail)


def test_an_aware_reference_reads_phrases_on_the_page_day():
    (found,) = dates_in_text(["Police said Sunday."], datetime(2025, 4, 7, 23, 0, tzinfo=UTC))
    assert found.value == datetime(2025, 4, 6, 23, 0)


_WORDS = st.sampled_from(
    "Jan. Feb. Sept. May March 14 29 31 2024 1998 Sunday Monday last next this week year "
    "months ago two in on will set for said was , . Black Friday yesterday 5/21/16 2023-02-29 "
    "Tuesday, Dec. 28, 2023".split()
)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.one_of(st.text(max_size=40), st.lists(_WORDS, max_size=12).map(" ".join))),
    st.datetimes(min_value=datetime(1995, 1, 1), max_value=datetime(2090, 12, 31)),
)
def test_any_text_gives_evidence_and_flags_without_crashing(paragraphs, reference):
    evidence = dates_in_text(paragraphs, reference)
    for item in evidence:
        assert item.source == "text" and item.detail.strip()
        assert isinstance(item.value, datetime)
    for flag in date_flags(reference, evidence):
        assert flag.kind == "text-inconsistent" and flag.message.endswith(".")
