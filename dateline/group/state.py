"""A story as the clusterer remembers it: a bounded, JSON-serialisable summary of its articles.

Everything is truncated (centroid terms, names, places, a few exemplar articles), so a story of
five hundred articles costs what a story of fifty does, in memory and in its database row.

Nothing here depends on the order of a dict's keys: truncation breaks ties by key and norms are
summed exactly, so a state read back from the database (whose JSON may reorder keys) or built
under another hash seed scores every article the same.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field

from dateline.group.features import DocFeatures

CENTROID_TERMS = 100
NAMES = 60
PLACES = 12
EXEMPLARS = 4  # the first article and the latest ones: a story is compared with each
EXEMPLAR_TERMS = 40
TITLE_TERMS = 30
AGES = 12
LEAD_PEOPLE = 12  # the first people its leads kept naming: who the story is about
DAYS = 4  # the incident days the story's first reports gave: later ones cannot drag it along


@dataclass
class Exemplar:
    doc_id: str
    at: float
    terms: dict[str, float]
    names: dict[str, float]
    title: dict[str, float] = field(default_factory=dict)
    places: list[str] = field(default_factory=list)
    publisher: str = ""


@dataclass
class StoryState:
    id: str
    first_seen: float  # seconds since the epoch
    last_seen: float
    size: int = 0
    headline_doc_id: str = ""
    centroid: dict[str, float] = field(default_factory=dict)  # summed term weights, top N
    names: dict[str, float] = field(default_factory=dict)  # summed name weights, top N
    titles: dict[str, float] = field(default_factory=dict)  # summed title weights, top N
    places: dict[str, int] = field(default_factory=dict)  # place -> articles naming it
    exemplars: list[Exemplar] = field(default_factory=list)
    ages: list[int] = field(default_factory=list)  # every age its articles' leads gave
    days: list[float] = field(default_factory=list)  # incident days, the first reported
    lead_people: list[str] = field(default_factory=list)  # see DocFeatures.lead_people

    def to_json(self) -> str:
        return json.dumps(asdict(self), sort_keys=True, separators=(",", ":"))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, StoryState):
            return NotImplemented
        return asdict(self) == asdict(other)

    @classmethod
    def from_json(cls, text: str) -> StoryState:
        data = json.loads(text)
        data["exemplars"] = [Exemplar(**e) for e in data.get("exemplars", [])]
        return cls(**data)

    @classmethod
    def start(cls, story_id: str, features: DocFeatures) -> StoryState:
        state = cls(id=story_id, first_seen=features.at, last_seen=features.at)
        state.add(features)
        return state

    def add(self, features: DocFeatures) -> None:
        """Fold one article in, keeping every part bounded."""
        if not self.headline_doc_id:
            self.headline_doc_id = features.doc.id
        self.size += 1
        self.first_seen = min(self.first_seen, features.at)
        self.last_seen = max(self.last_seen, features.at)
        self.centroid = _top(_summed(self.centroid, features.terms), CENTROID_TERMS)
        self.names = _top(_summed(self.names, features.names), NAMES)
        self.titles = _top(_summed(self.titles, features.title), TITLE_TERMS)
        for place in sorted(features.places):
            self.places[place] = self.places.get(place, 0) + 1
        self.places = _top_places(self.places)
        day = features.facts.day
        self._add_facts(features.facts.ages, [] if day is None else [day])
        self._add_people(features.lead_people)
        exemplar = Exemplar(
            doc_id=features.doc.id,
            at=features.at,
            terms=_top(features.terms, EXEMPLAR_TERMS),
            names=_top(features.names, NAMES),
            title=features.title,
            places=sorted(features.places),
            publisher=features.doc.publisher,
        )
        # Keep the first article, then the latest: a story is what it started as and what it is.
        if len(self.exemplars) < EXEMPLARS:
            self.exemplars.append(exemplar)
        else:
            self.exemplars = [self.exemplars[0], *self.exemplars[2:], exemplar]

    def absorb(self, other: StoryState) -> None:
        """Take in a story found to be the same one (repair's merge)."""
        self.size += other.size
        self.first_seen = min(self.first_seen, other.first_seen)
        self.last_seen = max(self.last_seen, other.last_seen)
        self.centroid = _top(_summed(self.centroid, other.centroid), CENTROID_TERMS)
        self.names = _top(_summed(self.names, other.names), NAMES)
        self.titles = _top(_summed(self.titles, other.titles), TITLE_TERMS)
        for place, count in other.places.items():
            self.places[place] = self.places.get(place, 0) + count
        self.places = _top_places(self.places)
        merged = sorted(self.exemplars + other.exemplars, key=lambda e: e.at)
        self.exemplars = [merged[0], *merged[1:][-(EXEMPLARS - 1) :]]
        self._add_facts(other.ages, other.days)
        self._add_people(other.lead_people)

    def _add_people(self, people: Iterable[str]) -> None:
        for person in sorted(people):
            if len(self.lead_people) < LEAD_PEOPLE and person not in self.lead_people:
                self.lead_people.append(person)

    def _add_facts(self, ages: Iterable[int], days: Iterable[float]) -> None:
        self.ages = sorted(set(self.ages) | set(ages))[:AGES]
        for day in days:
            if len(self.days) < DAYS and day not in self.days:
                self.days.append(day)

    def unit_vectors(self) -> tuple[dict[str, float], dict[str, float], dict[str, float]]:
        """Centroid, names and titles scaled to length 1, cached until the story changes."""
        cached = self.__dict__.get("_units")
        if cached is None or cached[0] != (self.size, self.last_seen):
            cached = (
                (self.size, self.last_seen),
                unit(self.centroid),
                unit(self.names),
                unit(self.titles),
            )
            self.__dict__["_units"] = cached
        return cached[1], cached[2], cached[3]

    def exemplar_units(self) -> list[tuple[dict[str, float], dict[str, float]]]:
        """Each exemplar's terms and title scaled to length 1, cached until they change."""
        key = tuple(e.doc_id for e in self.exemplars)
        cached = self.__dict__.get("_exemplar_units")
        if cached is None or cached[0] != key:
            cached = (key, [(unit(e.terms), unit(e.title)) for e in self.exemplars])
            self.__dict__["_exemplar_units"] = cached
        return cached[1]

    def keys(self, terms: int = 20) -> list[str]:
        """What the candidate index files the story under: its top terms and all its names."""
        top = sorted(self.centroid.items(), key=_heaviest)[:terms]
        return [t for t, _ in top] + list(self.names)


def _summed(a: dict[str, float], b: dict[str, float]) -> dict[str, float]:
    out = dict(a)
    for key, weight in b.items():
        out[key] = out.get(key, 0.0) + weight
    return out


def _heaviest(item: tuple[str, float]) -> tuple[float, str]:
    """Sort key: heaviest first, equal weights by key (a total order, whatever the dict's)."""
    return -item[1], item[0]


def _top(weights: dict[str, float], n: int) -> dict[str, float]:
    if len(weights) <= n:
        return weights
    return dict(sorted(weights.items(), key=_heaviest)[:n])


def _top_places(places: dict[str, int]) -> dict[str, int]:
    return dict(sorted(places.items(), key=_heaviest)[:PLACES])


def unit(weights: dict[str, float]) -> dict[str, float]:
    norm = math.sqrt(math.fsum(w * w for w in weights.values())) or 1.0
    return {k: w / norm for k, w in weights.items()}
