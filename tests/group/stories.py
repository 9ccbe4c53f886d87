"""Small hand-written incident articles for the clustering tests."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from dateline.group.features import StoryDoc

START = datetime(2024, 3, 4, 9, 0, tzinfo=UTC)


def article(
    doc_id: str,
    day: float,
    title: str,
    text: str,
    publisher: str = "example.com",
    original_id: str | None = None,
) -> StoryDoc:
    return StoryDoc(
        id=doc_id,
        arrived=START + timedelta(days=day),
        title=title,
        text=text,
        publisher=publisher,
        original_id=original_id,
    )


def toledo(doc_id: str, day: float = 0, publisher: str = "toledoblade.com") -> StoryDoc:
    return article(
        doc_id,
        day,
        "Man killed in shooting on Prouty Avenue in Toledo",
        "TOLEDO, Ohio — Marcus Whitfield, 27, was shot and killed Saturday night on Prouty "
        "Avenue in South Toledo, police said. Officers found Whitfield near the corner of Prouty "
        "Avenue and Western Avenue after neighbours reported gunfire. Detective Angela Rusk said "
        "a dark sedan was seen leaving the block. Anyone with information is asked to call "
        "Toledo police.",
        publisher,
    )


def toledo_again(doc_id: str, day: float = 0.5, publisher: str = "wtol.com") -> StoryDoc:
    return article(
        doc_id,
        day,
        "Police name Prouty Avenue shooting victim in South Toledo",
        "Toledo police identified the man shot dead on Prouty Avenue as Marcus Whitfield, 27. "
        "Detective Angela Rusk said investigators are looking for a dark sedan seen near Western "
        "Avenue in South Toledo shortly after the shooting. No arrests have been made.",
        publisher,
    )


def memphis(doc_id: str, day: float = 0, publisher: str = "wreg.com") -> StoryDoc:
    return article(
        doc_id,
        day,
        "Man killed in shooting on Lamar Avenue in Memphis",
        "MEMPHIS, Tenn. — Darnell Hoskins, 31, was shot and killed Saturday night on Lamar "
        "Avenue in Memphis, police said. Officers found Hoskins near the corner of Lamar Avenue "
        "and Airways Boulevard after neighbours reported gunfire. Sergeant Lisa Crowder said a "
        "dark sedan was seen leaving the block. Anyone with information is asked to call "
        "Memphis police.",
        publisher,
    )


def unrelated(doc_id: str, day: float, n: int) -> StoryDoc:
    """Articles that share nothing with each other (distinct made-up words)."""
    words = " ".join(f"zq{n}x{k}" for k in range(30))
    return article(doc_id, day, f"Report number {n} zq{n}title", words, publisher=f"p{n}.com")


_CITIES = ["Akron", "Dayton", "Fresno", "Tulsa", "Omaha", "Wichita", "Raleigh", "Tampa",
           "Mesa", "Aurora", "Anaheim", "Lexington", "Stockton", "Newark", "Laredo", "Norfolk",
           "Garland", "Irving", "Hialeah", "Chandler"]  # fmt: skip
_PEOPLE = ["Jerome Tillis", "Kendra Mayes", "Oscar Pruitt", "Dwayne Keller", "Tasha Oakes",
           "Felix Barrow", "Renee Culver", "Hector Sandoval", "Andre Lyles", "Maria Quintero",
           "Calvin Ambrose", "Yolanda Pike", "Travis Denning", "Lamar Booker", "Gina Farrow",
           "Rodney Vance", "Keisha Holt", "Bruce Tanner", "Alicia Moreno",
           "Curtis Webb"]  # fmt: skip
_STREETS = ["Maple", "Cedar", "Hillcrest", "Lincoln", "Jefferson", "Sunset", "Ridge", "Park",
            "Spring", "Chestnut"]  # fmt: skip


def background(n: int = 60, day: float = -30) -> list[StoryDoc]:
    """Other shootings elsewhere, before the test's own articles: the common words of crime news
    get their low weight, as they would in a real store."""
    docs = []
    for k in range(n):
        city = _CITIES[k % len(_CITIES)]
        person = _PEOPLE[(k * 7) % len(_PEOPLE)]
        street = _STREETS[(k * 3) % len(_STREETS)]
        docs.append(
            article(
                f"bg{k}",
                day + k * 0.4,
                f"Man killed in shooting on {street} Street in {city}",
                f"{person}, {20 + k % 30}, was shot and killed Saturday night on {street} Street "
                f"in {city}, police said. Officers found {person.split()[1]} after neighbours "
                "reported gunfire. A dark sedan was seen leaving the block. Anyone with "
                f"information is asked to call {city} police. No arrests have been made.",
                publisher=f"news{k % 9}.com",
            )
        )
    return docs


def toledo_lookalike(doc_id: str, day: float = 6, publisher: str = "toledoblade.com") -> StoryDoc:
    """Another shooting in South Toledo a week after `toledo`: same words, another victim."""
    return article(
        doc_id,
        day,
        "Man killed in shooting on Dorr Street in Toledo",
        "TOLEDO, Ohio — Jamal Ortiz, 19, was shot and killed Saturday night on Dorr Street in "
        "South Toledo, police said. Officers found Ortiz near the corner of Dorr Street and Byrne "
        "Road after neighbours reported gunfire. A dark sedan was seen leaving the block. Anyone "
        "with information is asked to call Toledo police.",
        publisher,
    )


def lookalike_follow_up(doc_id: str, day: float = 7, publisher: str = "wtol.com") -> StoryDoc:
    return article(
        doc_id,
        day,
        "Police name Dorr Street shooting victim as Jamal Ortiz, 19",
        "Toledo police said Jamal Ortiz, 19, was the man shot dead Saturday night on Dorr Street "
        "in South Toledo. Investigators are looking for a dark sedan seen near Byrne Road shortly "
        "after the shooting. No arrests have been made.",
        publisher,
    )
