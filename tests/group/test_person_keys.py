"""A person is matched by first and last name: middle names, initials and suffixes vary from one
report to the next ("Julian L. Sims", "Julian Sims"), and a follow-up must still find him."""

from __future__ import annotations

from dateline.group.features import matching_names, person_key


def test_middle_names_initials_and_suffixes_do_not_make_another_person() -> None:
    assert person_key("p:julian l. sims") == person_key("p:julian sims") == "p:julian sims"
    assert person_key("p:toney keith white ii") == "p:toney white"
    assert person_key("p:gerod t ward") == "p:gerod ward"
    assert person_key("p:martin luther king jr.") == "p:martin king"


def test_other_names_and_short_people_keep_their_keys() -> None:
    assert person_key("l:van buren street") == "l:van buren street"
    assert person_key("o:word tabernacle church") == "o:word tabernacle church"
    assert person_key("p:barbee") == "p:barbee"
    assert person_key("p:j. r.") == "p:j. r."


def test_mentions_of_one_person_under_two_spellings_add_up() -> None:
    names = {"p:julian l. sims": 2, "p:julian sims": 1, "l:gary": 3}
    assert matching_names(names) == {"p:julian sims": 3, "l:gary": 3}
