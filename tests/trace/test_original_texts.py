"""Versions seen together (one import): their texts name the original before any claimed date.
Hand-made from a Wikinews article: reworded copies, copies that drop paragraphs, wire reprints."""

from __future__ import annotations

import re
from datetime import timedelta

from dateline.trace.copies import profile
from dateline.trace.model import TraceDoc
from dateline.trace.original import choose, reason
from tests.trace.texts import T0, doc, wikinews, wrapped

ARTICLE = wikinews("100911")[:14]
EARLIER = T0 - timedelta(days=2)  # what a backdating copier claims
HONEST = T0 - timedelta(hours=3)


def reworded(paragraphs: list[str], every: int, offset: int, word: str) -> list[str]:
    """Every `every`-th long word (from `offset`) replaced, as a spinner does."""
    counter = iter(range(10**6))
    return [
        re.sub(r"\b\w{5,}\b", lambda m: word if next(counter) % every == offset else m[0], p)
        for p in paragraphs
    ]


def profiles(*docs: TraceDoc) -> dict:
    return {d.id: profile(d.text) for d in docs}


def test_copies_that_reword_are_set_aside_whatever_they_claim():
    source = doc(1, ARTICLE, "paper.example", minutes=4, claimed=HONEST)
    spun = doc(2, reworded(ARTICLE, 12, 0, "thing"), "farm.example", minutes=0, claimed=EARLIER)
    other = doc(3, reworded(ARTICLE, 12, 6, "stuff"), "farm2.example", minutes=2, claimed=EARLIER)
    choice = choose([spun, other, source], profiles(spun, other, source))
    assert choice.original is source and choice.rule == "wording"
    assert reason(choice) == (
        "3 versions were first seen together; paper.example's wording is the one the others "
        "share (they changed words here and there)."
    )


def test_with_two_versions_changed_words_say_nothing_and_claims_decide():
    # Each differs from the other at the same spots: whose words changed cannot be told.
    source = doc(1, ARTICLE, "paper.example", minutes=4, claimed=HONEST)
    spun = doc(2, reworded(ARTICLE, 12, 0, "thing"), "farm.example", minutes=0, claimed=EARLIER)
    choice = choose([source, spun], profiles(source, spun))
    assert choice.original is spun and choice.rule == "claim"


def test_a_copy_that_dropped_paragraphs_is_held_by_its_source():
    source = doc(1, ARTICLE, "paper.example", minutes=4, claimed=HONEST)
    kept = [p for i, p in enumerate(ARTICLE) if i not in (3, 8, 11)]
    copy = doc(2, wrapped(kept), "farm.example", minutes=0, claimed=EARLIER)
    choice = choose([copy, source], profiles(copy, source))
    assert choice.original is source and choice.rule == "holds"
    assert "holds passages the others lack" in reason(choice)


def test_a_copy_cut_short_is_held_by_its_source():
    source = doc(1, ARTICLE, "paper.example", minutes=4)  # no date at all
    copy = doc(2, ARTICLE[:7], "farm.example", minutes=0, claimed=EARLIER)
    assert choose([copy, source], profiles(copy, source)).original is source


def test_a_version_with_paragraphs_of_its_own_is_not_held():
    # It dropped two paragraphs and wrote one: neither holds the other, the claims decide.
    own = (
        "Readers of this site will know that the story has been followed here for months, with "
        "reports from the scene and interviews with the families, and that more will follow soon."
    )
    source = doc(1, ARTICLE, "paper.example", minutes=4, claimed=HONEST)
    copy = doc(2, [*ARTICLE[:5], own, *ARTICLE[7:]], "farm.example", minutes=0, claimed=EARLIER)
    choice = choose([copy, source], profiles(copy, source))
    assert choice.original is copy and choice.rule == "claim"


def test_the_version_sharing_most_text_decides_when_none_holds_another():
    own_a = "An own paragraph that only the first copy has, long enough to be a passage " * 3
    own_b = "Another paragraph that only the second copy printed, long enough to count too " * 3
    source = doc(1, ARTICLE[:10], "paper.example", minutes=4, claimed=HONEST)
    a = doc(2, [*ARTICLE[:8], own_a], "farm.example", minutes=0, claimed=EARLIER)
    b = doc(3, [*ARTICLE[2:10], own_b], "farm2.example", minutes=1, claimed=EARLIER)
    choice = choose([a, b, source], profiles(a, b, source))
    assert choice.original is source and choice.rule == "text"


def test_among_reprints_of_an_agency_story_rewording_sets_a_farm_aside_not_length():
    dateline = ["WASHINGTON (AP) — " + ARTICLE[0], *ARTICLE[1:]]
    first = doc(1, dateline[:8], "oak.example", minutes=3, claimed=HONEST, credit="AP")
    longer = doc(2, dateline, "elm.example", minutes=5, claimed=HONEST + timedelta(hours=1))
    longer = TraceDoc(**{**vars(longer), "credit": "AP"})
    farm = doc(3, reworded(dateline, 10, 3, "thing"), "farm.example", claimed=EARLIER, credit="AP")
    choice = choose([farm, longer, first], profiles(farm, longer, first))
    assert choice.original is first  # the earliest reprint, not the one holding the others
    assert reason(choice).startswith("AP wire story; AP's own copy is not here.")


def test_a_station_credit_is_no_agency_and_its_page_holds_the_copies():
    dateline = ["NORFOLK, Va. (WAVY) — " + ARTICLE[0], *ARTICLE[1:]]
    station = doc(1, dateline, "wavy.com", minutes=3, claimed=HONEST, credit="WAVY")
    copy = doc(2, dateline[:9], "farm.example", claimed=EARLIER, credit="WAVY")
    assert choose([copy, station], profiles(copy, station)).original is station


def test_without_a_tie_first_seen_decides_and_the_texts_are_not_read():
    copy = doc(1, ARTICLE[:7], "farm.example", minutes=0, claimed=EARLIER)
    source = doc(2, ARTICLE, "paper.example", minutes=600, claimed=HONEST)
    choice = choose([copy, source], profiles(copy, source))
    assert choice.original is copy and choice.rule == "earliest"


def test_a_station_credit_is_not_called_a_wire_story():
    dateline = ["NORFOLK, Va. (WAVY) — " + ARTICLE[0], *ARTICLE[1:]]
    first = doc(1, dateline, "farm.example", minutes=3, claimed=HONEST, credit="WAVY")
    second = doc(2, dateline, "farm2.example", minutes=600, credit="WAVY")
    assert reason(choose([first, second])).startswith("WAVY story; WAVY's own copy is not here.")
