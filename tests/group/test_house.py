"""House names: what a publisher prints on many of its own articles (bylines, call letters)
stops counting as a shared name once it has repeated, and only earlier articles say so."""

from __future__ import annotations

from dateline.group import house
from dateline.group.active import ActiveStories
from dateline.group.cluster import Clusterer
from dateline.group.features import featurize
from dateline.group.frequencies import CountingFrequencies
from tests.group.stories import article, background

SIGN_OFF = "\n\nGet email notifications on Sarah Reese daily! Contact Sarah Reese at the desk."


def _incident(doc_id: str, day: float, street: str, victim: str, site: str = "nwitimes.com"):
    return article(
        doc_id,
        day,
        f"Man wounded in shooting on {street} in Gary",
        f"GARY, Ind. — {victim}, 24, was wounded on {street} late Friday, police said. "
        f"Officers found {victim.split()[1]} on the porch of a home; he was taken to a hospital. "
        "No arrests have been made." + SIGN_OFF,
        publisher=site,
    )


def test_publisher_variants_are_one_publisher() -> None:
    assert house.publisher_key("www.ksla.com:80") == house.publisher_key("ksla.com")
    assert house.publisher_key("https://www2.Example.com/news") == "example.com"


def test_a_name_becomes_the_houses_after_it_repeats_in_earlier_articles_only() -> None:
    reader = Clusterer(ActiveStories(), CountingFrequencies())  # as the site reads articles
    names = []
    for k, (street, victim) in enumerate(
        [("Broadway", "Tyrone Mills"), ("Grant Street", "Devin Shaw"), ("Taft Place", "Omar Reed")]
    ):
        names.append(reader.read(_incident(f"a{k}", k, street, victim)).names)
    # Online: the first articles still carry the byline; the third knows it is the house's.
    assert all("p:sarah reese" in n for n in names[: house.REPEATS])
    assert "p:sarah reese" not in names[house.REPEATS]
    assert "p:omar reed" in names[house.REPEATS]
    # Another publisher printing the name has no house history of it.
    other = reader.read(_incident("b", 4, "Broadway", "Tyrone Mills", site="wgn.com"))
    assert "p:sarah reese" in other.names


def test_a_victim_the_site_keeps_naming_in_its_leads_stays_the_storys() -> None:
    reader = Clusterer(ActiveStories(), CountingFrequencies())
    leads = [
        "GARY, Ind. — Tyrone Mills, 24, was wounded on Broadway late Friday, police said.",
        "GARY, Ind. — A man was charged Monday with shooting Tyrone Mills on Broadway.",
        "GARY, Ind. — The man accused of shooting Tyrone Mills was arraigned on Thursday.",
    ]
    names = [
        reader.read(article(f"a{k}", k, "Gary shooting", lead + SIGN_OFF, "nwitimes.com")).names
        for k, lead in enumerate(leads)
    ]
    assert all("p:tyrone mills" in n for n in names)  # the site's own follow-ups name him
    assert "p:sarah reese" not in names[-1]  # its byline, outside the lead, is the house's


def test_a_byline_no_longer_chains_one_sites_unrelated_shootings() -> None:
    c = Clusterer(ActiveStories(), CountingFrequencies())
    for doc in background():
        c.add(doc)
    victims = [("Broadway", "Tyrone Mills"), ("Grant Street", "Devin Shaw"),
               ("Taft Place", "Omar Reed"), ("Ridge Road", "Calvin Pope")]  # fmt: skip
    decisions = [c.add(_incident(f"a{k}", 10 * k, s, v)) for k, (s, v) in enumerate(victims)]
    assert not decisions[-1].joined, decisions[-1].reason


def test_house_names_are_counted_through_the_frequencies_the_store_keeps() -> None:
    frequencies = CountingFrequencies()
    featurize(
        _incident("a", 0, "Broadway", "Tyrone Mills", site="www.nwitimes.com:80"), frequencies
    )
    assert frequencies.get(["@nwitimes.com|p:sarah reese"])["@nwitimes.com|p:sarah reese"] == 1


def test_boilerplate_lines_of_publisher_variants_are_learnt_together() -> None:
    from dateline.group import boilerplate

    line = "Sign up for our newsletter and have the top headlines"
    assert boilerplate.key("www.ksla.com:80", line) == boilerplate.key("ksla.com", line)
    assert boilerplate.key("ksla.com", line) != boilerplate.key("wtol.com", line)


def test_a_note_many_sites_print_is_left_out_of_clustering_but_its_names_kept() -> None:
    from dateline.group import boilerplate
    from dateline.group.frequencies import CountingFrequencies

    note = "Your notification has been saved. Email notifications are only sent once a day."
    frequencies = CountingFrequencies()
    for k, site in enumerate(["a.com", "b.com", "c.com", "d.com"]):  # one page on each site
        frequencies.add(boilerplate.read(site, f"{note}\nStory number {k} of {site}.").keys())
    lines = boilerplate.read("e.com", f"{note}\nA man was shot on Main Street on Sunday night.")
    seen = frequencies.get(lines.keys())
    assert lines.strip(seen) == "A man was shot on Main Street on Sunday night."
    assert lines.dropped(seen) == ()  # e.com never printed it: not its own footer
    fresh = boilerplate.read("f.com", f"{note}\nText.")
    assert fresh.strip(CountingFrequencies().get(fresh.keys())) == f"{note}\nText."


def test_a_titles_tail_is_the_sites_name_once_the_publisher_repeated_it() -> None:
    from dateline.group import boilerplate

    tail = " - KSLA News 12 Shreveport, LA"
    clusterer = Clusterer(ActiveStories(), CountingFrequencies())
    titles = []
    for k, (street, victim) in enumerate(
        [("Broadway", "Tyrone Mills"), ("Grant Street", "Devin Shaw"), ("Taft Place", "Omar Reed")]
    ):
        doc = _incident(f"a{k}", k, street, victim, site="www.ksla.com:80")
        doc.title += tail
        titles.append(clusterer.read(doc).title)
    # Until the site printed it on two earlier titles, the tail was part of the title...
    assert "ksla" in titles[0] and "ksla" in titles[1]
    # ...then it is the site's name: the title is what happened.
    assert "ksla" not in titles[2] and "shreveport" not in titles[2]
    assert "taft" in titles[2]
    assert boilerplate.title_tail("ksla.com", "Shooting in Winston-Salem") is None
    theirs, ours = (
        boilerplate.title_tail(site, f"Man shot{tail}") for site in ("wtol.com", "ksla.com")
    )
    assert theirs is not None and ours is not None and theirs.key != ours.key  # learnt per site
