"""The online clusterer's decisions: joins, new stories, copies, cooling and no look-ahead."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from dateline.group.active import ActiveStories
from dateline.group.cluster import Clusterer, compare_places
from dateline.group.features import StoryDoc, where
from dateline.group.frequencies import CountingFrequencies
from dateline.understand.entities import extract
from tests.group.stories import (
    article,
    background,
    memphis,
    toledo,
    toledo_again,
    unrelated,
)


def clusterer(**index_options) -> Clusterer:
    return Clusterer(ActiveStories(**index_options), CountingFrequencies())


def warm(c: Clusterer) -> None:
    """Earlier shootings elsewhere, so document frequencies mean what they do in a real store."""
    for doc in background():
        c.add(doc)


def test_a_second_report_of_the_same_incident_joins_it() -> None:
    c = clusterer()
    warm(c)
    first = c.add(toledo("a"))
    second = c.add(toledo_again("b"))
    assert not first.joined
    assert second.joined and second.story_id == first.story_id
    assert "text" in second.reason and "names" in second.reason


def test_same_kind_of_incident_in_another_place_stays_apart() -> None:
    c = clusterer()
    warm(c)
    first = c.add(toledo("a"))
    other = c.add(memphis("b", day=0.2))
    assert not other.joined
    assert other.story_id != first.story_id


def test_a_copy_joins_its_originals_story_whatever_its_text() -> None:
    c = clusterer()
    warm(c)
    original = c.add(toledo("a"))
    stray = unrelated("b", 1, 99)
    stray.original_id = "a"  # the trace stage found it is a copy of "a" (say, a translation)
    copy = c.add(stray)
    assert copy.joined and copy.story_id == original.story_id
    assert copy.reason == "copy of a"


def test_a_copy_of_an_unknown_original_is_clustered_normally() -> None:
    c = clusterer()
    warm(c)
    story = c.add(toledo("a"))
    copy = c.add(toledo_again("b"))
    stray = c.add(article("c", 1, "Quarterly zzz results", "nothing alike", original_id="gone"))
    assert copy.story_id == story.story_id
    assert not stray.joined


def test_a_weak_follow_up_weeks_later_starts_a_new_story() -> None:
    c = clusterer()
    warm(c)
    story = c.add(toledo("a"))
    c.add(toledo_again("b"))
    # Same city and topic words, none of the names: weeks later that is another incident.
    later = c.add(
        article(
            "c",
            40,
            "Man killed in shooting in South Toledo",
            "A man was shot and killed Saturday night in South Toledo, police said. Officers "
            "found him after neighbours reported gunfire. Anyone with information is asked to "
            "call Toledo police.",
        )
    )
    assert not later.joined and later.story_id != story.story_id


def test_a_strong_follow_up_weeks_later_joins() -> None:
    c = clusterer()
    warm(c)
    story = c.add(toledo("a"))
    c.add(toledo_again("b"))
    trial = c.add(
        article(
            "c",
            40,
            "Suspect charged in Prouty Avenue killing of Marcus Whitfield in South Toledo",
            "Toledo police charged a man with murder in the death of Marcus Whitfield, 27, who "
            "was shot and killed on Prouty Avenue in South Toledo. Detective Angela Rusk said the "
            "dark sedan seen near Western Avenue after the shooting led investigators to the "
            "suspect. Whitfield was found near the corner of Prouty Avenue and Western Avenue.",
        )
    )
    assert trial.joined and trial.story_id == story.story_id
    assert "days apart" in trial.reason


def test_a_follow_up_weeks_later_naming_the_rare_street_joins_without_names() -> None:
    c = clusterer()
    warm(c)
    story = c.add(toledo("a"))
    c.add(toledo_again("b"))
    # No person named, but streets few reports name: past the cold gap that is enough to be
    # weighed. A street many reports name, or a side of town, is not.
    text = (
        "A man was charged with murder on Tuesday in the shooting on {street} in South "
        "Toledo. Prosecutors said the dark sedan seen near the corner of {street} and "
        "{corner} led investigators to him."
    )
    follow_up = article(
        "c",
        40,
        "Man charged in Prouty Avenue killing in South Toledo",
        text.format(street="Prouty Avenue", corner="Western Avenue"),
    )
    common = article(
        "d",
        40,
        "Man charged in Maple Street killing in South Toledo",
        text.format(street="Maple Street", corner="Cedar Street"),
    )
    assert c.read(replace(common)).rare_spots == set()  # in many background reports
    decision = c.add(follow_up)
    assert decision.joined and decision.story_id == story.story_id
    assert "0 people shared, 2 rare spots shared" in decision.reason  # Prouty, Western Avenue


def stream():
    docs = [unrelated(f"u{k}", k * 0.3, k) for k in range(12)]
    docs[3:3] = [toledo("t1", 0.95)]
    docs[6:6] = [toledo_again("t2", 1.2), memphis("m1", 1.3)]
    docs.append(toledo_again("t3", 3.9, publisher="13abc.com"))
    return docs


def test_decisions_never_depend_on_later_articles() -> None:
    docs = stream()
    full = [d.story_id for d in (lambda c: [c.add(x) for x in docs])(clusterer())]
    for cut in range(1, len(docs)):
        c = clusterer()
        prefix = [c.add(x).story_id for x in stream()[:cut]]
        assert prefix == full[:cut]


def test_active_set_stays_within_its_capacity_and_horizon() -> None:
    c = clusterer(capacity=5, horizon=2 * 86400)
    for k in range(30):
        c.add(unrelated(f"u{k}", k * 0.01, k))
        assert len(c.index) <= 5
    first = c.add(toledo("a", day=1))
    c.add(unrelated("x", 10, 500))  # ten days later: the Toledo story has cooled and retired
    assert c.index.get(first.story_id) is None
    assert c.index.story_of("a") is None


def _headline(doc_id: str, day: float, title: str, publisher: str):
    return article(doc_id, day, title, "", publisher=publisher)


def test_headlines_without_bodies_join_days_later_by_their_words_alone() -> None:
    from dataclasses import replace

    from dateline.group.cluster import Settings

    titles = [
        (0, "Apple unveils iPhone 6 with bigger screen", "Reuters"),
        (0.1, "Apple's bigger iPhone 6 screen draws crowds", "Examiner.com"),
        (0.2, "Malaysia Airlines flight search widens in Indian Ocean", "Wetpaint"),
        (3, "Apple shares climb as iPhone orders pour in", "Businessweek"),
        (3.2, "Airlines cut fares as summer demand slows", "Reuters"),
    ]
    docs = [_headline(f"h{k}", day, t, p) for k, (day, t, p) in enumerate(titles)]
    c = clusterer()
    warm(c)
    decisions = [c.add(doc) for doc in docs]
    first = decisions[0].story_id
    assert [d.story_id == first for d in decisions] == [True, True, False, True, False]
    # A full article keeps the bar the weights were fitted for: the same words 3 days on and
    # nothing else would not do.
    assert Settings().for_doc(replace(docs[3], text="A body.")) == Settings()
    assert Settings().for_doc(docs[3]).threshold < Settings().threshold


def test_places_differ_only_at_one_level() -> None:
    """Two cities, or two states, that differ are elsewhere; a city and a state are not."""
    assert compare_places(frozenset({"phoenix"}), ["tucson"]) == "different"
    assert compare_places(frozenset({"ohio"}), ["texas"]) == "different"
    assert compare_places(frozenset({"phoenix"}), ["arizona"]) == "unknown"
    assert compare_places(frozenset({"phoenix", "arizona"}), ["arizona"]) == "town"
    assert compare_places(frozenset({"phoenix", "arizona"}), ["mesa", "arizona"]) == "different"
    assert compare_places(frozenset({"russia", "moscow"}), ["russia", "seoul"]) == "different"
    assert compare_places(frozenset({"russia"}), ["russia"]) == "unknown"  # a country is no place
    assert (
        compare_places(frozenset({"phoenix", "van buren street"}), ["van buren street"]) == "same"
    )
    # A county is as wide as a town: sharing one is not being on one corner.
    assert compare_places(frozenset({"wayne county"}), ["wayne county"]) == "town"
    assert compare_places(frozenset({"wayne county"}), ["oakland county"]) == "different"


def test_a_place_the_headline_abbreviates_is_where_it_happened() -> None:
    """The names drop an abbreviation's full stop ("Mt Pleasant"); the headline keeps it."""
    doc = StoryDoc(
        "mt",
        datetime(2016, 3, 21, tzinfo=UTC),
        "Mt. Pleasant teen charged with shooting friend",
        "A 14-year-old boy was charged on Monday. Jerry Lucia, the police chief, said more.",
    )
    doc.entities = extract(doc.title, doc.text)
    assert "Mt Pleasant" in doc.entities.places
    assert where(doc, doc.entities) == {"mt pleasant"}


PAYWALL = (
    "Already a subscriber? Click on the button below to set up your account.\n\n"
    "Want to become a full access subscriber? We offer delivery options to fit your lifestyle."
)


def test_a_page_of_nothing_but_its_publishers_boilerplate_is_read_as_a_headline() -> None:
    c = clusterer()
    warm(c)
    for k in range(3):  # the paywall note under three earlier pages of the site
        c.add(article(f"p{k}", k * 0.1, f"Story {k} zqpaywall{k}", f"{PAYWALL}\n\nBody {k}."))
    paywalled = c.read(article("x", 1, "Man killed on Prouty Avenue in Toledo", PAYWALL))
    assert paywalled.bodyless and paywalled.boilerplate
    assert c.read(toledo("y", day=1, publisher="example.com")).bodyless is False
    # Lines no site printed before are a page's text, a short one too.
    short = "Two people were hurt in a shooting on Elm Street late on Friday, police said."
    assert c.read(article("z", 1, "A headline", short, publisher="new.example")).bodyless is False


def test_a_spokesman_named_in_two_reports_is_no_shared_person() -> None:
    c = clusterer()
    warm(c)
    features = c.read(toledo("a"))  # "Detective Angela Rusk said…", victim Marcus Whitfield
    assert "p:marcus whitfield" in features.rare_people
    assert "p:angela rusk" not in features.rare_people
    assert "p:angela rusk" in features.names  # still a name of the article
