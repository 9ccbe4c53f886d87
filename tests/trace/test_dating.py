"""date_flags: the example re-dated wire copy is flagged, with and without its original; honest
articles (trial dates ahead, history, features, quick updates) are not."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from dateline.gather.page import RawPage
from dateline.trace.dating import DateEvidence, Original, date_flags, dates_in_text
from dateline.understand.extract import extract_page
from tests.paths import require_shared

AP = Original("apnews.com", datetime(2024, 1, 21, 4, 12, tzinfo=UTC), wire="AP")


def _flags(paragraphs: list[str], claimed: datetime, original=None, page=()) -> list:
    evidence = [*page, *dates_in_text(paragraphs, claimed)]
    return date_flags(claimed, evidence, original)


@pytest.fixture(scope="module")
def example():
    path = require_shared("examples/scraped-wire-copy.txt")
    return extract_page(RawPage(str(path), "text", path.read_text(encoding="utf-8")))


def test_the_example_claims_april_2025(example):
    assert example.claimed_date == datetime(2025, 4, 7, 2, 7, 50)
    assert len(example.paragraphs) == 13


def test_with_its_original_the_example_is_a_redated_copy(example):
    flags = _flags(example.paragraphs, example.claimed_date, AP)
    assert flags[0].kind == "redated-copy"
    assert flags[0].message == (
        "Copy of AP's story first seen 21 January 2024; this page claims 7 April 2025, "
        "15 months later."
    )
    assert [item.source for item in flags[0].evidence] == ["claimed", "first-seen"]
    assert [flag.kind for flag in flags] == ["redated-copy", "text-inconsistent"]


def test_without_its_original_the_text_gives_the_example_away(example):
    (flag,) = _flags(example.paragraphs, example.claimed_date)
    assert flag.kind == "text-inconsistent"
    assert flag.message == (
        "The latest event the text dates is 14 January, no year given (“the test-firing on "
        "Jan. 14”), at least 83 days before this page's date, 7 April 2025, yet it tells of the "
        "past week's events (“said Sunday”, “last week”, “on Thursday”): the text points to mid "
        "to late January, not April."
    )
    # the year of a year-less "Jan. 14" is not knowable from the text: none is made up
    assert "2024" not in flag.message and "January 2025" not in flag.message
    details = [item.detail for item in flag.evidence]
    assert details[:2] == ["the date this page gives", "the test-firing on Jan. 14"]
    assert {"said Sunday", "on Thursday", "on Friday", "last week"} <= set(details)


def test_the_example_on_its_true_date_is_not_flagged(example):
    assert _flags(example.paragraphs, datetime(2024, 1, 21, 4, 12), AP) == []


def test_an_update_hours_after_the_original_is_not_flagged(example):
    update = AP.first_seen + timedelta(hours=5)
    assert _flags(example.paragraphs, update, AP) == []


def test_a_reprint_within_the_week_is_not_redated_past_it_is():
    assert date_flags(AP.first_seen + timedelta(days=6), [], AP) == []
    (flag,) = date_flags(AP.first_seen + timedelta(days=8), [], AP)
    assert flag.kind == "redated-copy" and flag.message.endswith("8 days later.")


def test_a_copy_dated_before_its_original_is_backdated():
    dated = Original("apnews.com", AP.first_seen, "AP", claimed=AP.first_seen - timedelta(hours=1))
    (flag,) = date_flags(datetime(2024, 1, 10, tzinfo=UTC), [], dated)
    assert flag.kind == "backdated"
    assert flag.message == (
        "This page claims 10 January 2024, 11 days before AP's story it copies was published "
        "(21 January 2024)."
    )
    # we may have seen the original late: first-seen alone bounds nothing from below
    assert date_flags(datetime(2024, 1, 10, tzinfo=UTC), [], AP) == []


def test_after_a_bulk_import_the_originals_own_date_counts():
    imported = Original("apnews.com", datetime(2026, 1, 1, tzinfo=UTC), "AP", AP.first_seen)
    assert date_flags(AP.first_seen + timedelta(hours=2), [], imported) == []
    (flag,) = date_flags(datetime(2025, 4, 7, tzinfo=UTC), [], imported)
    assert flag.message.startswith("Copy of AP's story published 21 January 2024;")


def test_a_page_dated_before_all_its_other_dates_is_backdated():
    page = [
        DateEvidence("url", datetime(2024, 1, 21), "/2024/01/21"),
        DateEvidence("meta", datetime(2024, 1, 21, 9, tzinfo=UTC), "article:published_time"),
        DateEvidence("meta", datetime(2024, 2, 1, tzinfo=UTC), "article:modified_time"),
    ]
    (flag,) = date_flags(datetime(2023, 1, 5), page)
    assert flag.kind == "backdated"
    assert flag.message == (
        "This page claims 5 January 2023, but every other date it gives is later: the earliest, "
        "its address (/2024/01/21), says 21 January 2024, 13 months later."
    )
    assert "article:modified_time" not in [item.detail for item in flag.evidence]


def test_one_restamped_date_or_a_later_update_is_not_backdating():
    # a CMS move re-stamps article:published_time; modified dates are changes, not births
    assert (
        date_flags(datetime(2023, 1, 5), [DateEvidence("meta", datetime(2024, 1, 21), "date")])
        == []
    )
    changes = [
        DateEvidence("meta", datetime(2024, 1, 21), "article:modified_time"),
        DateEvidence("json-ld", datetime(2024, 1, 21), "dateModified"),
        DateEvidence("http-last-modified", datetime(2024, 1, 21), "Last-Modified"),
    ]
    assert date_flags(datetime(2023, 1, 5), changes) == []
    # within the time-zone margin
    page = [
        DateEvidence("url", datetime(2024, 1, 21), "/2024/01/21"),
        DateEvidence("meta", datetime(2024, 1, 21, 9, tzinfo=UTC), "article:published_time"),
    ]
    assert date_flags(datetime(2024, 1, 20, 18, tzinfo=UTC), page) == []


TRIAL = [
    "A man charged in the Jan. 6 shooting outside a downtown bar pleaded not guilty Tuesday.",
    "His trial is set for Sept. 14, prosecutors said Monday. A Sept. 28 hearing was scheduled.",
    "Police arrested him last week after a tip, officers said Friday.",
]
HISTORY = [
    "The company, founded in 1998, said Monday it would close its last plant.",
    "It opened the plant on Sept. 11, 2001, the day of the attacks, and expanded it on June 3.",
    "Workers were told last week; the union said Tuesday it would appeal on Thursday.",
]
FEATURE = [
    "Six months after the flood, the town is still rebuilding.",
    "In September, the river rose nine feet. On Sept. 14, water reached the church steps.",
    "Residents said Tuesday that the repairs would take another year. The council met this "
    "week and will vote on Monday; last week it hired engineers.",
]


@pytest.mark.parametrize(
    ("paragraphs", "claimed"),
    [
        (TRIAL, datetime(2024, 1, 17)),  # a trial date months ahead
        (HISTORY, datetime(2024, 3, 12)),  # history, with the year written
        (FEATURE, datetime(2024, 3, 12)),  # a feature recapping last September
    ],
    ids=["trial-date-ahead", "historical-date", "feature-recap"],
)
def test_ordinary_articles_are_not_flagged(paragraphs, claimed):
    assert _flags(paragraphs, claimed) == []


def test_a_follow_up_that_says_how_old_its_event_is_is_not_flagged():
    text = [
        "Two months ago, a gunman opened fire at the mall on Jan. 14.",
        "On Monday, the county said the review was done; officials met Tuesday and Thursday.",
    ]
    assert _flags(text, datetime(2024, 3, 20)) == []
    assert _flags([*text[1:], "The mall shooting on Jan. 14 killed two."], datetime(2024, 3, 20))


def test_a_text_telling_of_events_after_its_date_is_inconsistent():
    text = ["Police arrested him on March 5, 2021, after a chase.", "He said Monday it was over."]
    (flag,) = _flags(text, datetime(2020, 1, 1))
    assert flag.kind == "text-inconsistent"
    assert flag.message == (
        "The text tells of an event on 5 March 2021 (“arrested him on March 5, 2021”), "
        "14 months after the date this page claims, 1 January 2020."
    )


def test_dates_ahead_or_after_an_update_are_consistent():
    ahead = ["The trial is scheduled to begin on March 5, 2021."]
    assert _flags(ahead, datetime(2020, 1, 1)) == []
    updated = [DateEvidence("meta", datetime(2021, 3, 6), "article:modified_time")]
    past = ["Police arrested him on March 5, 2021."]
    assert _flags(past, datetime(2020, 1, 1), page=updated) == []


def test_no_claimed_date_means_no_flags():
    assert date_flags(None, [DateEvidence("url", datetime(2024, 1, 21), "/2024/01/21")], AP) == []


# The page's own claim, as extraction leaves it among the evidence, and the dates the gatherer
# adds beside it (dateline.understand.extract.gathered_dates).
CLAIM = datetime(2024, 1, 5, 9, tzinfo=UTC)
OWN_META = DateEvidence("meta", CLAIM, "article:published_time")
FEED = DateEvidence("feed", datetime(2025, 4, 7, 6, tzinfo=UTC), "the feed's pubDate")
SITEMAP = DateEvidence(
    "sitemap", datetime(2025, 4, 7, 5, tzinfo=UTC), "the sitemap's news:publication_date"
)


def test_a_claim_its_feed_and_sitemap_list_15_months_later_is_backdated():
    # The claim's own <meta> is among the evidence: it is no "other date" against itself.
    (flag,) = date_flags(CLAIM, [OWN_META, FEED, SITEMAP])
    assert flag.kind == "backdated"
    assert flag.message == (
        "This page claims 5 January 2024, but every other date it gives is later: the earliest, "
        "the publisher's sitemap (the sitemap's news:publication_date), says 7 April 2025, "
        "15 months later."
    )


def test_one_feed_date_alone_is_not_enough():
    # A feed re-listing an old article, or giving its updated time as pubDate: one kind of
    # evidence, like one re-stamped <meta>, does not make a flag.
    assert date_flags(CLAIM, [OWN_META, FEED]) == []


def test_an_address_dated_like_the_claim_outweighs_a_late_feed_and_sitemap():
    url = DateEvidence("url", datetime(2024, 1, 5), "/2024/01/05")
    assert date_flags(CLAIM, [OWN_META, url, FEED, SITEMAP]) == []


def test_last_modified_and_a_sitemap_lastmod_are_changes_not_births():
    lastmod = DateEvidence("sitemap", datetime(2025, 4, 7, tzinfo=UTC), "the sitemap's lastmod")
    served = DateEvidence("http-last-modified", datetime(2025, 4, 7, tzinfo=UTC), "Last-Modified")
    assert date_flags(CLAIM, [OWN_META, FEED, lastmod, served]) == []


def test_last_modified_covers_an_update_that_tells_of_later_events():
    paragraphs = [
        "The council voted on Jan. 4, 2024, to close the bridge for repairs.",
        "The bridge reopened on March 20, 2024, after the repairs were finished, officials said.",
    ]
    evidence = [OWN_META, *dates_in_text(paragraphs, CLAIM)]
    (flag,) = date_flags(CLAIM, evidence)
    assert flag.kind == "text-inconsistent"  # told as past, 75 days after the claim
    served = DateEvidence("http-last-modified", datetime(2024, 3, 21, tzinfo=UTC), "Last-Modified")
    assert date_flags(CLAIM, [*evidence, served]) == []  # the page was updated by then


def test_an_address_dated_like_the_claim_backs_it_against_restamped_markup():
    # A CMS move re-stamped the markup two years later; the address keeps the old date.
    url = DateEvidence("url", datetime(2017, 7, 12), "/home/2017/7/12")
    restamped = [
        DateEvidence("meta", datetime(2019, 6, 17, tzinfo=UTC), "datepublished"),
        DateEvidence("json-ld", datetime(2019, 6, 17, tzinfo=UTC), "datePublished"),
    ]
    assert date_flags(datetime(2017, 7, 12), [url, *restamped]) == []
