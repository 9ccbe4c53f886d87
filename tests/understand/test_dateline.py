"""read_dateline: the place and wire credit of a story, and nothing from ordinary sentences."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dateline.understand.dateline import (
    DatelineInfo,
    credit_line,
    leading_dateline,
    read_dateline,
    wire_name,
)

BODY = "North Korea said Sunday that it would keep testing missiles."


@pytest.mark.parametrize(
    ("opening", "place", "credit"),
    [
        ("SEOUL, South Korea (AP) — ", "Seoul, South Korea", "AP"),
        ("WASHINGTON (Reuters) - ", "Washington", "Reuters"),
        ("PARIS (AFP) – ", "Paris", "AFP"),
        ("NEW YORK (CNN) — ", "New York", "CNN"),
        ("(CNN) — ", None, "CNN"),
        ("(AP) — ", None, "AP"),
        ("LONDON, Jan 5 (Reuters) - ", "London", "Reuters"),
        ("BEIJING, Jan. 5 (Xinhua) -- ", "Beijing", "Xinhua"),
        ("KYIV, Ukraine — ", "Kyiv, Ukraine", None),
        ("WASHINGTON — ", "Washington", None),
        ("RIO DE JANEIRO (AP) — ", "Rio de Janeiro", "AP"),
        ("ST. LOUIS, Mo. (AP) — ", "St. Louis, Mo.", "AP"),
        ("WINSTON-SALEM, N.C. — ", "Winston-Salem, N.C.", None),
        ("SÃO PAULO, Brazil (Reuters) - ", "São Paulo, Brazil", "Reuters"),
        ("MCALLEN, Texas (AP) — ", "McAllen, Texas", "AP"),
        ("UNITED NATIONS (AP) — ", "United Nations", "AP"),
        ("WASHINGTON, D.C. (UPI) -- ", "Washington, D.C.", "UPI"),
        ("SEOUL, SOUTH KOREA (Yonhap) — ", "Seoul, South Korea", "Yonhap"),
        ("NEW YORK (CNN Business) — ", "New York", "CNN"),
        ("TOKYO (Kyodo) -- ", "Tokyo", "Kyodo"),
        ("Berlin (dpa) - ", "Berlin", "dpa"),
        ("MADRID (EFE) — ", "Madrid", "EFE"),
        ("ROME (ANSA) - ", "Rome", "ANSA"),
        ("SYDNEY (AAP) - ", "Sydney", "AAP"),
        ("KUALA LUMPUR (Bernama) -- ", "Kuala Lumpur", "Bernama"),
        ("LONDON (PA) - ", "London", "PA"),
        ("TORONTO (The Canadian Press) — ", "Toronto", "Canadian Press"),
        ("NEW YORK (Bloomberg) -- ", "New York", "Bloomberg"),
        ("SEOUL (AP)—", "Seoul", "AP"),
        ("LOS ANGELES (KABC) — ", "Los Angeles", "KABC"),
    ],
)
def test_leading_dateline(opening, place, credit):
    assert read_dateline([opening + BODY, "Second paragraph."]) == DatelineInfo(place, credit)


@pytest.mark.parametrize(
    "paragraph",
    [
        "Apple said on Monday (in a statement) that it would open a store.",
        "Apple said on Monday (in a statement) — and repeated on Tuesday — that it would.",
        "WASHINGTON is a city with many monuments.",
        "NASA — the space agency — said the launch was delayed.",
        "COVID-19 — The virus spread quickly.",
        "BREAKING — The president has resigned.",
        "The company (Reuters) - said nothing.",
        "U.S. stocks — the S&P 500 in particular — fell on Monday.",
        "AI — the technology everyone talks about — is here.",
        "In Seoul (South Korea) - officials said the talks would resume.",
        "JANUARY 5 (Reuters) - Markets fell.",
    ],
)
def test_ordinary_first_sentences_give_no_dateline(paragraph):
    assert read_dateline([paragraph]) == DatelineInfo(None, None)


@pytest.mark.parametrize(
    ("closing", "credit"),
    [
        ("— The Associated Press", "AP"),
        ("Associated Press", "AP"),
        ("The Associated Press", "AP"),
        ("-- Reuters", "Reuters"),
        ("—AFP", "AFP"),
        ("Reuters contributed to this report.", "Reuters"),
        ("The Associated Press contributed to this report.", "AP"),
        ("Associated Press writer Jane D. Doe in Tokyo contributed to this report.", "AP"),
        ("Bloomberg News contributed reporting to this story.", "Bloomberg"),
        ("Copyright 2024 The Associated Press. All rights reserved.", "AP"),
        ("© 2023 Agence France-Presse", "AFP"),
    ],
)
def test_closing_credit_line(closing, credit):
    assert credit_line(closing) == credit
    assert read_dateline([BODY, "More text here.", closing]) == DatelineInfo(None, credit)


@pytest.mark.parametrize(
    "closing",
    [
        "Pa Smith contributed to this report.",  # a person, not the PA wire
        "The police contributed to the search.",
        "Reuters reported that talks had stalled.",
        "Ap.",
    ],
)
def test_closing_lines_that_credit_no_wire(closing):
    assert credit_line(closing) is None


def test_leading_credit_wins_over_a_closing_one():
    paragraphs = ["PARIS (AFP) – " + BODY, "More text.", "Reuters contributed to this report."]
    assert read_dateline(paragraphs) == DatelineInfo("Paris", "AFP")


def test_a_place_only_dateline_takes_the_credit_from_the_closing_line():
    paragraphs = ["KYIV, Ukraine — " + BODY, "More text.", "— The Associated Press"]
    assert read_dateline(paragraphs) == DatelineInfo("Kyiv, Ukraine", "AP")


def test_dateline_in_the_second_paragraph_under_a_standfirst():
    paragraphs = ["A short standfirst sums up the story.", "TOKYO (Kyodo) -- " + BODY]
    assert read_dateline(paragraphs) == DatelineInfo("Tokyo", "Kyodo")


def test_only_the_opening_paragraphs_are_read_for_a_dateline():
    paragraphs = ["First.", "Second.", "LONDON (Reuters) - Third paragraph text."]
    assert read_dateline(paragraphs) == DatelineInfo(None, None)


def test_no_paragraphs():
    assert read_dateline([]) == DatelineInfo(None, None)


@pytest.mark.parametrize(
    ("spelled", "name"),
    [
        ("AP", "AP"),
        ("The Associated Press", "AP"),
        ("associated press", "AP"),
        ("Agence France-Presse", "AFP"),
        ("Deutsche Presse-Agentur", "dpa"),
        ("DPA", "dpa"),
        ("Kyodo News", "Kyodo"),
        ("Yonhap News Agency", "Yonhap"),
        ("The Canadian Press", "Canadian Press"),
        ("Australian Associated Press", "AAP"),
        ("United Press International", "UPI"),
        ("PA Media", "PA"),
        ("Xinhua", "Xinhua"),
        ("Pa", None),
        ("The Daily Planet", None),
    ],
)
def test_wire_names_are_normalised(spelled, name):
    assert wire_name(spelled) == name


def test_dateline_info_is_frozen():
    info = DatelineInfo("Paris", "AFP")
    with pytest.raises(dataclasses.FrozenInstanceError):
        info.place = "Lyon"  # type: ignore[misc]


@given(st.lists(st.text(max_size=200), max_size=6))
def test_arbitrary_paragraphs_never_crash(paragraphs):
    info = read_dateline(paragraphs)
    assert info.place is None or isinstance(info.place, str)
    assert info.credit is None or isinstance(info.credit, str)


@given(st.text(alphabet="abcdefghij ().,—-", min_size=1, max_size=80))
def test_a_paragraph_opening_in_lower_case_has_no_place(tail):
    assert leading_dateline("w" + tail).place is None


def test_a_line_of_dashes_does_not_make_the_parser_backtrack():
    import time

    started = time.perf_counter()
    for line in ("-" * 80, "-" * 80 + " Reuters", "—" * 50 + "x"):
        read_dateline(["A first paragraph of the story.", line])
    # exponential backtracking took hours on 73 dashes; linear matching takes microseconds
    assert time.perf_counter() - started < 5.0  # a hang guard, not a speed target
