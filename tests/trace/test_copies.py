"""Copy relations: wrapped, cut, reordered and lightly edited copies are copies; a page quoting
two paragraphs is a partial copy; another outlet's report of the same event is no copy at all."""

from __future__ import annotations

import re

import pytest

from dateline.trace.copies import COPY_SHARE, profile, relate
from tests.trace.texts import doc, wikinews, wrapped

ARTICLE = wikinews("100911")  # 39 paragraphs, ~1,000 words


def test_a_copy_wrapped_in_a_farm_page_is_a_copy_of_the_original():
    relation = relate(doc(2, wrapped(ARTICLE), "farm.example", 90), doc(1, ARTICLE, minutes=0))
    assert relation is not None
    assert (relation.kind, relation.copy_id, relation.source_id) == ("copy", 2, 1)
    assert relation.containment == 1.0 and relation.coverage == 1.0
    assert relation.evidence == "100% of its text is in example.com's article."


def test_a_copy_cut_short_is_a_copy():
    relation = relate(doc(2, ARTICLE[:10], "farm.example", 90), doc(1, ARTICLE))
    assert relation.kind == "copy"
    assert relation.containment == 1.0
    assert relation.coverage < 0.3


def test_a_copy_with_paragraphs_dropped_and_reordered_is_a_copy():
    kept = [p for i, p in enumerate(ARTICLE) if i % 4]
    reordered = [kept[0], *reversed(kept[1:])]
    relation = relate(doc(2, reordered, "farm.example", 90), doc(1, ARTICLE))
    assert relation.kind == "copy"
    assert relation.containment == 1.0


def test_a_copy_with_one_word_in_twenty_replaced_is_a_copy():
    counter = iter(range(10**6))
    spun = [
        re.sub(r"\b\w{4,}\b", lambda m: "zzz" if next(counter) % 20 == 0 else m[0], p)
        for p in ARTICLE
    ]
    relation = relate(doc(2, spun, "farm.example", 90), doc(1, ARTICLE))
    assert relation.kind == "copy"
    assert COPY_SHARE < relation.containment < 0.95


def test_the_earlier_version_is_the_source_whichever_is_new():
    relation = relate(doc(1, ARTICLE, minutes=0), doc(2, ARTICLE[:20], "farm.example", 90))
    assert (relation.copy_id, relation.source_id) == (2, 1)


OWN_REPORT = [
    "Shares of Boeing fell on Monday after the company lost the tanker deal.",
    "Analysts in Chicago said the loss would weigh on the company's defence unit for years.",
    "The company's chief executive told employees in a memo that it would consider a protest.",
    "Several members of Congress from Washington state said they would ask for hearings.",
    "Boeing had been seen as the favourite for most of the competition.",
]


def test_a_page_quoting_two_paragraphs_of_another_is_a_partial_copy():
    own = wikinews("106653")  # Boeing's 737 replacement, ~280 words of its own
    quoted = [" ".join(ARTICLE[3:5]), " ".join(ARTICLE[5:7])]  # ~90 words of the original
    page = [*own[:8], *quoted, *own[8:]]
    relation = relate(doc(2, page, "blog.example", 600), doc(1, ARTICLE))
    assert relation is not None
    assert (relation.kind, relation.copy_id, relation.source_id) == ("partial", 2, 1)
    assert relation.containment < COPY_SHARE
    assert relation.evidence.startswith("It shares passages (")


def test_one_quoted_sentence_is_no_relation():
    page = [*OWN_REPORT, ARTICLE[4]]
    assert relate(doc(2, page, "blog.example", 600), doc(1, ARTICLE)) is None


# Two outlets' own reports of one (invented) shooting: same names, place, times and a shared
# quote from the police, written separately. The heart of the matter: no copy.
REPORT_A = [
    "SPRINGFIELD — A 17-year-old boy was shot and killed Saturday night outside a convenience "
    "store on Maple Avenue, Springfield police said.",
    "Officers were called to the 1200 block of Maple Avenue at about 10:40 p.m. and found the "
    "teen with a gunshot wound to the chest. He was pronounced dead at the scene.",
    "Police identified him as Jordan Ellis, a junior at Central High School.",
    '"We are asking anyone who was in the area to come forward," police spokeswoman Dana '
    "Ruiz said.",
    "No arrests have been made. Anyone with information is asked to call Crime Stoppers.",
]
REPORT_B = [
    "Jordan Ellis, 17, loved basketball and wanted to study engineering, his aunt said Sunday, "
    "a day after the Central High School junior was gunned down on Maple Avenue.",
    "Springfield police said the shooting happened around 10:40 p.m. Saturday near a "
    "convenience store in the 1200 block. Ellis died at the scene from a wound to the chest.",
    '"We are asking anyone who was in the area to come forward," police spokeswoman Dana '
    "Ruiz said.",
    "Neighbors said they heard three shots and saw a dark sedan speed away toward Route 9.",
    "It was the city's fourth homicide this year. No one has been arrested.",
]


def test_two_outlets_reports_of_the_same_event_are_not_copies():
    assert relate(doc(2, REPORT_B, "daily.example", 60), doc(1, REPORT_A, "tv.example")) is None
    assert relate(doc(1, REPORT_A, "tv.example"), doc(2, REPORT_B, "daily.example", 60)) is None


@pytest.mark.parametrize("other", ["102977", "106653", "11716"])
def test_wikinews_reports_on_the_same_companies_are_not_copies(other):
    # All four are about Airbus, EADS and Boeing contracts, written as separate articles.
    assert relate(doc(2, wikinews(other), minutes=60), doc(1, ARTICLE)) is None


def test_texts_without_prose_relate_to_nothing():
    assert profile("Home\nNews").size == 0
    assert relate(doc(2, ["Home", "News"]), doc(1, ARTICLE)) is None
