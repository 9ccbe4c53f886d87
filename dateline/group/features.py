"""What the clusterer knows about one article: `StoryDoc` in, `DocFeatures` out.

Text is title, lead and body (the title weighs most, then the lead); names come from
`entities.extract` unless the caller already has them; places are the dateline place plus the
places the title and lead name, since those say where the story happened; facts (ages, the
incident day) come from the title and lead too. Each term and name is weighted by its inverse
document frequency among earlier articles only (no look-ahead): the article's own keys are
counted first, then read back. The publisher's house names (`house.py`, counted in the same
frequencies) leave the names, the rare people and, word by word, the terms.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime

from dateline.group import house
from dateline.group.facts import Facts, facts_of
from dateline.group.frequencies import DocumentFrequencies
from dateline.group.terms import idf, tokens
from dateline.understand.entities import DIRECTIONS, Entities, extract
from dateline.understand.gazetteer import place_kind

MAX_TERMS = 60  # the article's most distinctive terms; enough to compare, small to store
LEAD_CHARS = 400
TITLE_WEIGHT = 3
LEAD_WEIGHT = 2
RARE_DF = 5  # a person named in more articles is a spokesman or a celebrity, not a clue
HOUSE_TERMS = True  # a house name's words leave the terms too: tune late 40 % +1.3 pairwise F1
LEAD_MENTIONS = 3  # a victim or a suspect is named again and again; a byline or caption once
_AGE = re.compile(r"\b(\d{1,3})[- ]year[- ]old\b")  # victims' ages tell incidents apart


@dataclass
class StoryDoc:
    """One article as the clusterer sees it."""

    id: str
    arrived: datetime
    title: str
    text: str
    publisher: str = ""
    dateline_place: str | None = None
    original_id: str | None = None  # the trace stage's "copy of" id
    lead: str = ""  # empty: the text's first characters
    entities: Entities | None = None  # None: extracted here, then kept on the doc


@dataclass
class DocFeatures:
    doc: StoryDoc
    at: float  # arrival, seconds since the epoch
    terms: dict[str, float]  # TF-IDF, L2-normalised, top MAX_TERMS
    title: dict[str, float]  # the title's own TF-IDF, L2-normalised
    names: dict[str, float]  # entity key -> IDF weight, L2-normalised
    rare_people: frozenset[str] = field(default_factory=frozenset)  # named in few earlier articles
    # Streets and neighbourhoods named in few earlier articles: a follow-up weeks later may name
    # the spot and none of the people.
    rare_spots: frozenset[str] = field(default_factory=frozenset)
    # Rare people the title or lead names, and the text LEAD_MENTIONS times: who it is about.
    lead_people: frozenset[str] = field(default_factory=frozenset)
    boilerplate: tuple[str, ...] = ()  # its lines the publisher prints on every page: left out
    places: frozenset[str] = field(default_factory=frozenset)  # where it happened, lower-cased
    facts: Facts = field(default_factory=Facts)  # ages and incident day, from title and lead
    # Nothing but boilerplate (a paywall or sign-up page): read as a headline.
    bodyless: bool = False


_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})


def person_key(key: str) -> str:
    """A person by first and last name: "p:julian l. sims" and "p:julian sims" are one, and
    so are "p:toney keith white ii" and "p:toney white". On the tune split, pairwise / BCubed
    F1: early 60 % 80.64 -> 80.95 / 93.12 -> 93.31, late 40 % 84.68 -> 84.85 / 93.39 -> 93.42;
    UCI 67.05 -> 67.60 / 68.37 -> 68.13; SemEval unchanged."""
    if not key.startswith("p:"):
        return key
    words = [w for w in key[2:].split() if len(w.rstrip(".")) > 1]
    words = [w for w in words if w.rstrip(".") not in _SUFFIXES] or words
    return f"p:{words[0]} {words[-1]}" if len(words) >= 2 else key


def matching_names(names: dict[str, int]) -> dict[str, int]:
    """The article's name keys with each person under `person_key`, mentions added up."""
    out: dict[str, int] = {}
    for key, count in names.items():
        key = person_key(key)
        out[key] = out.get(key, 0) + count
    return out


def lead_of(doc: StoryDoc) -> str:
    return doc.lead or doc.text[:LEAD_CHARS]


def term_counts(doc: StoryDoc) -> Counter[str]:
    counts = Counter(tokens(doc.text))
    for term in tokens(lead_of(doc)):
        counts[term] += LEAD_WEIGHT - 1
    for term in tokens(doc.title):
        counts[term] += TITLE_WEIGHT
    for age in _AGE.findall(doc.title + " " + doc.text):
        counts[f"age{age}"] += 1
    return counts


def where(doc: StoryDoc, entities: Entities) -> frozenset[str]:
    """Places named in the dateline, title or lead."""
    head = (doc.title + " " + lead_of(doc)).casefold().replace(".", "")
    found = {p.casefold() for p in entities.places if p.casefold().replace(".", "") in head}
    if doc.dateline_place:
        found.add(doc.dateline_place.split(",")[0].strip().casefold())
    return frozenset(found)


def _spot(place: str) -> bool:
    """A street or a neighbourhood: no town, county, state or country, nor a side of a town
    ("south toledo": every report from there names it)."""
    if place_kind(place):
        return False
    side, _, town = place.partition(" ")
    return not (side in DIRECTIONS and place_kind(town))


def _normalised(weights: dict[str, float]) -> dict[str, float]:
    norm = math.sqrt(math.fsum(w * w for w in weights.values())) or 1.0
    return {k: w / norm for k, w in weights.items()}


def featurize(
    doc: StoryDoc,
    frequencies: DocumentFrequencies,
    text: str | None = None,
    also_count: Iterable[str] = (),
    title: str | None = None,
) -> DocFeatures:
    """Weigh the article against the earlier ones, then count it in. `text` and `title` replace
    the doc's for the features (its boilerplate, its site's name removed); entities are still
    kept on the doc.
    `also_count` are more keys of the article (its boilerplate lines), counted in the same
    `add` so the store writes them in one go and the document total counts the article once."""
    original = doc
    if text is not None and text != doc.text:
        doc = replace(doc, text=text)
    if title is not None and title != doc.title:
        doc = replace(doc, title=title)
    if doc.entities is None:
        doc.entities = original.entities = extract(doc.title, doc.text)
    counts = term_counts(doc)
    names = matching_names(doc.entities.keys())
    keys = list(counts) + list(names) + house.keys(doc.publisher, names)
    frequencies.add([*keys, *also_count])
    total = frequencies.total()
    dfs = frequencies.get(keys)
    # The publisher's house names (bylines, call letters) say who wrote it, not what happened.
    # The people the title or lead names (a plain substring test: "al smith" is also in
    # "cal smithers"; whole words measured worse, tune streams' mean pairwise F1 -0.08).
    head = f"{doc.title}\n{lead_of(doc)}".casefold()
    headlined = frozenset(k for k in names if k.startswith("p:") and k[2:] in head)
    noise = house.repeated(doc.publisher, names, dfs, headlined)
    if HOUSE_TERMS and noise:
        for word in {w for name in noise for w in tokens(name[2:])}:
            counts.pop(word, None)
    names = {k: c for k, c in names.items() if k not in noise}
    # A spokesman or a judge named in two reports is no clue they are one incident: in a dense
    # stream, the police spokesman shared by a city's shootings chained them into one story.
    # Mean pairwise F1 on report-like tune streams (`streams.overlay`) 79.56 -> 81.25 (precision
    # 84.7 -> 89.3); tune halves: early +0.1, late -0.5. Out of the names too: late -2.8.
    officials = {person_key(f"p:{name}") for name in doc.entities.officials}
    weights = {t: (1.0 + math.log(c)) * idf(dfs[t], total) for t, c in counts.items() if c > 0}
    top = dict(sorted(weights.items(), key=lambda kv: -kv[1])[:MAX_TERMS])
    name_weights = {k: (1.0 + math.log(c)) * idf(dfs[k], total) for k, c in names.items()}
    rare_people = frozenset(
        k for k in names if k.startswith("p:") and dfs[k] <= RARE_DF and k not in officials
    )
    return DocFeatures(
        doc=original,
        at=doc.arrived.timestamp(),
        terms=_normalised(top),
        # In title order, not set order: a set of strings iterates in hash-seed order.
        title=_normalised(
            {t: weights[t] for t in dict.fromkeys(tokens(doc.title)) if t in weights}
        ),
        names=_normalised(name_weights),
        rare_people=rare_people,
        places=where(doc, doc.entities),
        rare_spots=frozenset(
            k for k in names if k.startswith("l:") and dfs[k] <= RARE_DF and _spot(k[2:])
        ),
        facts=facts_of(doc.title, lead_of(doc), doc.arrived),
        lead_people=frozenset(k for k in rare_people & headlined if names[k] >= LEAD_MENTIONS),
    )
