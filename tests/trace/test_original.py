"""The original: the wire's own copy when the text credits a wire, else the earliest version we
saw; versions seen together are told apart by their text, then by the dates they claim."""

from __future__ import annotations

from datetime import timedelta

import pytest

from dateline.trace.original import (
    TIE_WINDOW,
    choose,
    choose_original,
    credible_claim,
    credited_wire,
    precedes,
    publisher_wire,
    reason,
)
from tests.trace.texts import T0, doc

TEXT = ["Some text."]


def test_the_earliest_version_we_saw_is_the_original():
    versions = [doc(3, TEXT, minutes=300), doc(1, TEXT, minutes=0), doc(2, TEXT, minutes=120)]
    assert choose_original(versions).id == 1


def test_the_wires_own_copy_beats_a_reprint_seen_earlier():
    reprint = doc(1, TEXT, "daily.example", minutes=0, credit="AP")
    own = doc(2, TEXT, "apnews.com", minutes=240, credit="AP")
    assert choose_original([reprint, own]) is own
    assert precedes(own, reprint)


def test_a_wire_credit_without_the_wires_copy_leaves_the_earliest_reprint():
    first = doc(1, TEXT, "daily.example", minutes=0, credit="AP")
    later = doc(2, TEXT, "farm.example", minutes=240, credit="AP")
    assert choose_original([later, first]) is first


def test_a_publisher_that_is_a_different_wire_gets_no_preference():
    reprint = doc(1, TEXT, "daily.example", minutes=0, credit="AP")
    other_wire = doc(2, TEXT, "reuters.com", minutes=240)
    assert choose_original([reprint, other_wire]) is reprint


@pytest.mark.parametrize(
    ("publisher", "wire"),
    [
        ("apnews.com", "AP"),
        ("www.reuters.com", "Reuters"),
        ("uk.reuters.com", "Reuters"),
        ("The Associated Press", "AP"),
        ("AFP", "AFP"),
        ("example.com", None),
        ("notreuters.com", None),
    ],
)
def test_publisher_wire(publisher, wire):
    assert publisher_wire(publisher) == wire


def test_the_group_credit_is_the_most_credited_wire():
    versions = [doc(1, TEXT, credit="AP"), doc(2, TEXT, credit="AP"), doc(3, TEXT, credit="AFP")]
    assert credited_wire(versions) == "AP"
    assert credited_wire([doc(1, TEXT)]) is None


def test_versions_seen_in_one_import_are_tied_and_the_earliest_claim_wins():
    copy = doc(1, TEXT, "farm.example", minutes=0, claimed=T0 + timedelta(days=400))
    source = doc(2, TEXT, "paper.example", minutes=5, claimed=T0 - timedelta(days=2))
    assert choose_original([copy, source]) is source


def test_outside_the_tie_window_first_seen_wins_whatever_the_claims():
    copy = doc(1, TEXT, "farm.example", minutes=0, claimed=T0 - timedelta(days=30))
    later = TIE_WINDOW.total_seconds() / 60 + 1
    source = doc(2, TEXT, "paper.example", minutes=later, claimed=T0 - timedelta(days=2))
    assert choose_original([copy, source]) is copy


def test_a_claim_after_we_saw_the_page_is_ignored():
    impossible = doc(1, TEXT, minutes=0, claimed=T0 + timedelta(days=3))
    assert credible_claim(impossible) == impossible.first_seen
    honest = doc(2, TEXT, minutes=0, claimed=T0 - timedelta(hours=5))
    assert credible_claim(honest) == honest.claimed


def test_all_else_equal_the_first_stored_wins():
    assert choose_original([doc(5, TEXT), doc(4, TEXT)]).id == 4


def test_the_reason_names_the_rule_that_decided():
    first = doc(1, TEXT, "paper.example", minutes=0, claimed=T0)
    copy = doc(2, TEXT, "farm.example", minutes=5, claimed=T0 + timedelta(days=400))
    assert reason(choose([first])) == "No earlier version of this text was found."
    assert reason(choose([first, copy])) == (
        "2 versions were first seen together; paper.example's claims the earliest date."
    )
    later = doc(3, TEXT, "farm.example", minutes=600)
    assert reason(choose([later, first])) == (
        "The earliest of 2 versions is paper.example's, first seen 2024-03-01 12:00."
    )
    wire = [doc(4, TEXT, "daily.example", credit="AFP"), doc(5, TEXT, "afp.com", minutes=90)]
    assert reason(choose(wire)) == "AFP wire story; afp.com's own copy is the original."
    reprints = [doc(4, TEXT, "daily.example", credit="AFP"), doc(6, TEXT, "x.example", minutes=90)]
    assert reason(choose(reprints)).startswith("AFP wire story; AFP's own copy is not here. ")
