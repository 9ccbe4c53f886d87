"""Names from text: people, places and organisations, offline."""

from __future__ import annotations

from dateline.understand.entities import extract

TEXT = (
    "A 12-year-old was in critical condition Tuesday after he and three others were shot on a "
    "Rocky Mount basketball court. Four teens were shot behind Word Tabernacle Church on Edwards "
    "St. at about 6 p.m. Monday, police said. Police said Kevin Barbee, 15, was taken to Nash "
    "General Hospital. Barbee was later released. President Barack Obama was not involved. "
    "Anyone with information is asked to call the Rocky Mount Police Department. The shooting "
    "happened in South Toledo, not in North Carolina."
)


def test_people_places_and_organisations_are_told_apart() -> None:
    found = extract("Teen shot at Rocky Mount basketball court", TEXT)
    assert "Kevin Barbee" in found.people
    assert "Barack Obama" in found.people  # the title is not part of the name
    assert {"Rocky Mount", "Edwards Street", "North Carolina", "South Toledo"} <= set(found.places)
    assert {"Word Tabernacle Church", "Nash General Hospital"} <= set(found.organisations)
    assert "Rocky Mount Police Department" in found.organisations


def test_a_corner_is_two_streets_named_as_every_report_names_them() -> None:
    daily = extract("", "Gunfire erupted near E. 132nd St. and Madison Ave. on Monday.")
    local = extract("", "Four were shot on East 132nd Street and Madison Avenue, police said.")
    assert {"132nd Street", "Madison Avenue"} == set(daily.places) == set(local.places)
    block = extract("", "It happened in the 1200 block of West 12th St. in Harlem.")
    assert {"12th Street", "Harlem"} == set(block.places)
    # An ordinal before a lower-case word is a count, not a street.
    assert extract("", "He was charged for the 3rd time in Harlem.").places == ("Harlem",)


def test_a_lone_surname_counts_for_the_person_named_before() -> None:
    found = extract("", TEXT)
    assert found.mentions["p:kevin barbee"] == 2
    assert not any(key.endswith(":barbee") for key in found.mentions)


def test_sentence_openers_and_months_are_no_names() -> None:
    found = extract("", "Police said the man fled. Monday was quiet. Anyone may call.")
    assert found.people == () and found.organisations == ()
    assert found.places == ()


def test_a_headline_in_title_case_names_nobody_the_body_does_not() -> None:
    title = "4 People Wounded, 1 Critically, in Daylight Shooting in Harlem, Sources Say"
    found = extract(title, "Four people were shot near Madison Avenue, said Angel Rivera.")
    assert found.people == ("Angel Rivera",)  # not "Daylight Shooting"
    assert "Harlem" in found.places  # its places still count
    # Without a body the title is all there is, and a headline in sentence case names people.
    assert "Angel Rivera" in extract("Angel Rivera, 24, Wounded By Police Gunfire", "").people
    assert "Angel Rivera" in extract("Angel Rivera wounded in Harlem", "Police said.").people


def test_photo_captions_words_are_no_places() -> None:
    # "Buy" is a town in the gazetteer; on Gannett's pages it is the caption's "Buy Photo".
    found = extract("", "Buy Photo\nA man was shot in Detroit. Enlarge\nPolice said.")
    assert found.places == ("Detroit",)


WIRE = (
    "SEOUL, South Korea (AP) — North Korea’s Foreign Ministry said Russian President Vladimir "
    "Putin would visit. The talks in Ukraine, Kim said, were with the United States, Japan and "
    "others. Police Chief Ann Lee said nothing in Rocky Mount, N.C., on Monday."
)


def test_world_news_names_come_apart_at_commas_possessives_and_roles() -> None:
    found = extract("", WIRE)
    assert {"Vladimir Putin", "Ann Lee"} <= set(found.people)  # the role is not the name
    assert {"South Korea", "North Korea", "Ukraine", "United States"} <= set(found.places)
    assert "Rocky Mount" in found.places and "North Carolina" in found.places  # town, state
    assert "Foreign Ministry" in found.organisations  # what North Korea owns is another name
    assert not any("’s" in name or "Ukraine Kim" in name for name in found.people)


def test_a_town_and_its_state_are_two_places_never_a_person() -> None:
    found = extract(
        "7 Shot in Chelsea, Massachusetts",
        "McFARLAND, Calif. - A boy was hurt. In Phoenix, Arizona, police said a man from "
        "Gary, Ind. was held. Rocky Mount N.C police are looking.",
    )
    assert found.people == ()
    assert {"Chelsea", "Massachusetts", "McFARLAND", "California", "Phoenix", "Arizona"} <= set(
        found.places
    )
    assert {"Gary", "Indiana", "Rocky Mount", "North Carolina"} <= set(found.places)
    assert not any("," in place or place.endswith((" Ind", " N.C")) for place in found.places)


def test_a_mount_after_a_comma_is_no_state() -> None:
    # "Mt." is Montana's postal code in capitals only; AP abbreviations keep their state.
    found = extract(
        "Teen charged",
        "The boy was charged, said Jerry Lucia, Mt. Pleasant police chief. A man from Macon, "
        "Ga. and one from Dayton, OH were held.",
    )
    assert "Montana" not in found.places
    assert "Jerry Lucia" not in found.places
    assert {"Mt Pleasant", "Macon", "Georgia", "Dayton", "Ohio"} <= set(found.places)


def test_a_role_before_a_name_is_not_part_of_it() -> None:
    found = extract(
        "",
        "District Attorney Stephen Zappala spoke. Defense Attorney Richard McCague filed a "
        "motion. Coroner Ed Brown ruled it a homicide.",
    )
    assert set(found.people) == {"Stephen Zappala", "Richard McCague", "Ed Brown"}
    assert found.officials == {"stephen zappala", "richard mccague", "ed brown"}


def test_officials_are_the_people_named_with_a_police_or_court_role() -> None:
    found = extract(
        "",
        "Police spokesman Michael Woody said a man was shot. Sgt. Dan Donakowski said two men "
        'fled. Officer Bob Jones shot Tim Lee. "We are looking," said Kym Worthy, the Wayne '
        "County prosecutor. Judge Timothy Kenny set bond.",
    )
    assert found.officials == {"michael woody", "dan donakowski", "kym worthy", "timothy kenny"}
    # Still people of the article (topic pages list them); an officer is who a story is about.
    assert {"Michael Woody", "Bob Jones", "Tim Lee"} <= set(found.people)
