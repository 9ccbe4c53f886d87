"""The online story clusterer: each article joins the best earlier story or starts a new one.

Reads top to bottom: featurize the article against earlier document frequencies; a copy found
by the trace stage joins its original's story outright; otherwise every candidate story from the
index is scored and the best joins if its score clears the bar. A story is scored as the best of
its centroid and its exemplar articles (the first and the latest), each by a logistic model of
"same story" over text, title and name similarity, shared people, place (street, town or
elsewhere), same publisher and the time gap. Stories cool down twice over: the gap term lowers
the score, and past `cold_days` only an article naming one of the story's people may join, so a
follow-up weeks later needs names, not just the same topic words and town. The bar rises with
the number of candidate stories (more look-alikes, more chances of a false join).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable
from dataclasses import dataclass

from dateline.group.active import StoryIndex
from dateline.group.boilerplate import Boilerplate, PublisherLines
from dateline.group.features import DocFeatures, StoryDoc, featurize
from dateline.group.frequencies import DocumentFrequencies
from dateline.group.gazetteer import place_kind
from dateline.group.state import StoryState
from dateline.group.terms import cosine

DAY = 86400.0
CROWD_REFERENCE = 20  # mean candidates per article on the GVA tune split


@dataclass(frozen=True)
class Settings:
    """Logit weights of "same story", fitted on GVA tune-split pairs (bench/stories_fit.py);
    cold rule, crowding and threshold chosen on the tune split and its halves."""

    bias: float = -6.215
    text: float = 12.246  # times sqrt(TF-IDF cosine)
    title: float = 1.652  # times sqrt(title TF-IDF cosine)
    names: float = 4.138  # times sqrt(name cosine)
    same_place: float = 1.975
    same_town: float = 1.194
    elsewhere_in_town: float = 0.102
    different_place: float = -1.084
    shared_person: float = 1.741  # each shared person, up to 3
    log_gap_days: float = -1.333  # times log(1 + days between them)
    same_publisher: float = -1.412  # a publisher rarely files the same story twice in days
    cold_days: float = 7.0  # past this gap, topic, place and wording are not enough...
    cold_people: int = 1  # ...the article must name this many of the story's (rare) people
    crowding: float = 1.0  # the bar rises by log((1 + candidates) / (1 + CROWD_REFERENCE)) if > 0
    threshold: float = 1.5  # logit the best story must reach, tuned on the tune split


@dataclass(frozen=True)
class Decision:
    doc_id: str
    story_id: str
    joined: bool  # False: the article started the story
    score: float
    reason: str


@dataclass(frozen=True)
class Evidence:
    text: float
    title: float
    names: float
    place: str  # see _place
    people: int
    gap_days: float
    same_publisher: bool

    def logit(self, s: Settings) -> float:
        if self.gap_days > s.cold_days and self.people < s.cold_people:
            return -math.inf  # a cold story takes only articles naming its people
        return (
            s.bias
            + s.text * math.sqrt(max(self.text, 0.0))
            + s.title * math.sqrt(max(self.title, 0.0))
            + s.names * math.sqrt(max(self.names, 0.0))
            + (s.same_place if self.place == "same" else 0.0)
            + (s.same_town if self.place == "town" else 0.0)
            + (s.elsewhere_in_town if self.place == "elsewhere in town" else 0.0)
            + (s.different_place if self.place == "different" else 0.0)
            + s.shared_person * min(self.people, 3)
            + s.log_gap_days * math.log1p(self.gap_days)
            + (s.same_publisher if self.same_publisher else 0.0)
        )

    def reason(self) -> str:
        return (
            f"text {self.text:.2f}, title {self.title:.2f}, names {self.names:.2f}, "
            f"{self.people} people shared, "
            f"place {self.place}, {self.gap_days:.1f} days apart"
        )


def _place(mine: frozenset[str], theirs: Iterable[str]) -> str:
    """Where the two happened, compared at the finest level both name:
    "same" a shared street or neighbourhood; "town" only the city or state in common;
    "elsewhere in town" the same city but each names its own streets; "different" cities or
    states that differ; "unknown" otherwise (a street in one and the city in the other)."""
    theirs = set(theirs)
    if not mine or not theirs:
        return "unknown"
    my_towns, their_towns = _towns(mine), _towns(theirs)
    my_local, their_local = mine - my_towns, theirs - their_towns
    if my_local & their_local:
        return "same"
    if my_towns & their_towns:
        return "elsewhere in town" if my_local and their_local else "town"
    if my_towns and their_towns:
        return "different"
    return "unknown"


def _towns(places: Iterable[str]) -> set[str]:
    """Cities and states: places of one level, so two that differ really are elsewhere (a county
    and a city in it, or a street and its city, would look different and be the same place)."""
    return {p for p in places if place_kind(p) in ("city", "state")}


def _dominant(places: dict[str, int]) -> list[str]:
    """The places most of a story's articles name: a story that wandered has no single place."""
    if not places:
        return []
    most = max(places.values())
    return [place for place, count in places.items() if count * 2 >= most]


def _people(people: frozenset[str], others: dict[str, float]) -> int:
    return sum(1 for key in people if key in others)


def _names(a: dict[str, float], b: dict[str, float]) -> float:
    return cosine(a, b) if a and b else 0.0


def evidence(features: DocFeatures, state: StoryState) -> list[Evidence]:
    """One reading against the whole story (centroid), one against each exemplar article."""
    gap = max(0.0, features.at - state.last_seen, state.first_seen - features.at) / DAY
    centroid, story_names, titles = state.unit_vectors()
    out = [
        Evidence(
            text=cosine(features.terms, centroid),
            title=_names(features.title, titles),
            names=_names(features.names, story_names),
            place=_place(features.places, _dominant(state.places)),
            people=_people(features.rare_people, state.names),
            gap_days=gap,
            same_publisher=False,
        )
    ]
    for exemplar in state.exemplars:
        out.append(
            Evidence(
                # Exemplars keep the article's unit vectors, cut to their top terms: near enough.
                text=cosine(features.terms, exemplar.terms),
                title=_names(features.title, exemplar.title),
                names=_names(features.names, exemplar.names),
                place=_place(features.places, exemplar.places),
                people=_people(features.rare_people, exemplar.names),
                gap_days=abs(features.at - exemplar.at) / DAY,
                same_publisher=bool(features.doc.publisher)
                and features.doc.publisher == exemplar.publisher,
            )
        )
    return out


def score_story(
    features: DocFeatures, state: StoryState, settings: Settings
) -> tuple[float, Evidence]:
    """The story's best logit for the article, with the evidence behind it."""
    return max(((e.logit(settings), e) for e in evidence(features, state)), key=lambda x: x[0])


class Clusterer:
    """One instance per stream; the index and frequencies hold all the state."""

    def __init__(
        self,
        index: StoryIndex,
        frequencies: DocumentFrequencies,
        settings: Settings | None = None,
        story_ids: itertools.count | None = None,
        boilerplate: Boilerplate | None = None,
    ) -> None:
        self.index = index
        self.frequencies = frequencies
        self.settings = settings or Settings()
        self._ids = story_ids or itertools.count(1)
        self.boilerplate = boilerplate or PublisherLines()

    def new_story_id(self) -> str:
        return f"s{next(self._ids)}"

    def read(self, doc: StoryDoc) -> DocFeatures:
        """The article's features, its publisher's boilerplate removed (and learnt)."""
        return featurize(doc, self.frequencies, self.boilerplate.strip(doc.publisher, doc.text))

    def add(self, doc: StoryDoc) -> Decision:
        features = self.read(doc)
        if doc.original_id:
            story_id = self.index.story_of(doc.original_id)
            state = self.index.get(story_id) if story_id else None
            if state is not None:
                return self._join(features, state, math.inf, f"copy of {doc.original_id}")
        best: tuple[float, Evidence, StoryState] | None = None
        candidates = self.index.candidates(features)
        # Each candidate is one more chance of a look-alike: the bar rises with their number
        # (never falls: a quiet stream is no reason to accept weaker evidence).
        crowd = self.settings.crowding * max(
            0.0, math.log((1 + len(candidates)) / (1 + CROWD_REFERENCE))
        )
        for state in candidates:
            logit, why = score_story(features, state, self.settings)
            if logit - crowd >= self.settings.threshold and (best is None or logit > best[0]):
                best = (logit, why, state)
        if best is None:
            state = StoryState.start(self.new_story_id(), features)
            self.index.save(state, [doc.id])
            return Decision(
                doc.id, state.id, False, 0.0, "new story: no earlier story close enough"
            )
        return self._join(features, best[2], best[0], best[1].reason())

    def _join(self, features: DocFeatures, state: StoryState, score: float, why: str) -> Decision:
        state.add(features)
        self.index.save(state, [features.doc.id])
        return Decision(features.doc.id, state.id, True, round(score, 4), why)
