"""Incident facts: the ages and the day a lead gives, and how two sets of them compare."""

from __future__ import annotations

from datetime import UTC, datetime

from dateline.group.facts import DAY, ages_in, compare_ages, compare_days, facts_of, incident_day

MONDAY = datetime(2016, 6, 20, 9, 0, tzinfo=UTC)
SUNDAY = datetime(2016, 6, 19, tzinfo=UTC).timestamp()


def test_ages_are_read_in_both_styles_and_other_numbers_are_not() -> None:
    text = "A 3-year-old boy was shot. David McCray, 22, died. Police fired 15 rounds at 4 p.m."
    assert ages_in(text) == {3, 22}
    assert ages_in("Boy, 10, critically wounded") == {10}
    assert ages_in("Shots fired on 79th Street, 1200 block") == frozenset()


def test_the_incident_day_is_resolved_against_the_arrival() -> None:
    assert incident_day(["Boy shot", "A boy was shot Sunday evening, police said."], MONDAY) == (
        SUNDAY
    )
    assert incident_day(["Man shot", "A man was shot yesterday."], MONDAY) == SUNDAY


def test_vague_or_later_dates_are_no_incident_day() -> None:
    assert incident_day(["Man shot", "A man was shot last week, police said."], MONDAY) is None
    assert incident_day(["Suspect charged", "He will be arraigned Friday."], MONDAY) is None
    assert incident_day(["Verdict", "The shooting happened two years ago."], MONDAY) is None


def test_facts_come_from_title_and_lead() -> None:
    facts = facts_of("Boy, 10, shot in Woodlawn", "The boy was shot Sunday night.", MONDAY)
    assert facts.ages == {10} and facts.day == SUNDAY


def test_comparisons_say_unknown_unless_both_sides_speak() -> None:
    assert compare_ages(frozenset({27}), [27, 31]) == "same"
    assert compare_ages(frozenset({19}), [27, 31]) == "different"
    assert compare_ages(frozenset(), [27]) == "unknown"
    assert compare_days(SUNDAY, [SUNDAY + DAY]) == "same"
    assert compare_days(SUNDAY, [SUNDAY + 2 * DAY]) == "unknown"  # late night, next-day report
    assert compare_days(SUNDAY, [SUNDAY + 6 * DAY]) == "different"
    assert compare_days(None, [SUNDAY]) == "unknown"


def test_a_date_stamp_line_under_the_title_is_no_incident_day() -> None:
    # Wikinews prints the day of writing under the title; events of a topic are days apart.
    lead = "November 24, 2004\nEmails exchanged among Air Force officials were released."
    assert facts_of("Boeing emails", lead, datetime(2004, 11, 24, tzinfo=UTC)).day is None
