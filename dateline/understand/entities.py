"""People, places and organisations named in an article, offline and fast.

Runs of capitalised words are the candidates ("Kevin Barbee", "Word Tabernacle Church",
"Rocky Mount"); the first word of a sentence only counts when the run goes on or the gazetteer
knows it. A run is a place when the gazetteer knows it or its last word is a street, county or
the like, an organisation when its last word is a department, school, church and so on, and a
person when it is two to four words of nothing else. A lone surname that repeats a person
already named ("Barbee") is that person. A run ends at a comma unless a US state follows
("Rocky Mount, N.C."; not "SEOUL, South Korea"), and at a possessive ("North Korea's Foreign
Ministry" is two names); a role inside it is not part of the name ("Russian President Vladimir
Putin"), and a town with its state's abbreviation is a place, not a person. Streets are named
as every report names them: a corner is two ("132nd Street and Madison Avenue"), an ordinal
belongs to its street, and the side of town and the abbreviation go ("E. 132nd St." and "East
132nd Street" are "132nd Street"), so two reports of one corner share a place.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace

from dateline.understand.gazetteer import AP_STATES, place_kind, state_name
from dateline.understand.stopwords import STOPWORDS

_WORD = re.compile(r"\d+(?:st|nd|rd|th)\b|[A-Za-z][A-Za-z'’.-]*[A-Za-z.]|[A-Za-z]|[.!?;:,\"“”()\n]")
_CONNECTORS = frozenset({"of", "de", "la", "del", "van", "von", "da", "and"})
_PLACE_ENDINGS = frozenset(
    "street st st. avenue ave ave. road rd rd. boulevard blvd blvd. drive dr dr. lane ln way "
    "parkway pkwy highway hwy expressway freeway park county parish township heights hills "
    "apartments apartment homes village square plaza mall beach lake river bridge island "
    "terrace circle trail pike place neighborhood district city town valley peninsula gulf sea "
    "ocean coast region province east".split()
)
_ORG_ENDINGS = frozenset(
    "department dept office police sheriff university college school academy hospital center "
    "centre church ministries inc inc. corp corp. company co. bank association club bar lounge "
    "restaurant grill store market court council commission agency bureau board party "
    "news times post tribune herald journal network group foundation institute services "
    "patrol authority administration army navy force guard team ministry".split()
)
# Capitalised for grammar or convention, never a name on their own.
_COMMON = STOPWORDS | frozenset(
    "mr mrs ms dr sgt lt capt officer detective chief deputy sheriff police authorities "
    "investigators officials man woman boy girl teen suspect victim victims family friends "
    "january february march april june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec am pm a.m p.m update updated posted "
    "photo video watch read click copyright rights reserved story related share email "
    "facebook twitter comments advertisement please buy enlarge caption gallery "
    "he she it they we i you his her their our its this that these those there here "
    "no yes but and or if when while after before as at in on by for from with".split()
)
_TITLES = frozenset(
    "mr mr. mrs mrs. ms ms. dr dr. sgt sgt. lt lt. capt capt. officer detective chief "
    "deputy sheriff judge mayor gov gov. sen sen. rep rep. president pastor rev rev.".split()
)
_LEAD_TITLES = frozenset(
    "president gov senator sen rep judge mayor pastor rev attorney coroner trooper".split()
)
# A role inside a run ("Russian President Vladimir Putin", "Police Chief Ann Lee"): the name is
# what follows it.
_ROLES = frozenset(
    "president minister secretary chancellor premier ambassador envoy spokesman spokeswoman "
    "spokesperson governor gov gov. senator sen sen. representative rep rep. mayor judge "
    "pastor rev rev. chief sheriff deputy officer detective sergeant sgt sgt. lieutenant lt "
    "lt. captain capt capt. commissioner prosecutor attorney coroner trooper coach king queen "
    "prince princess pope leader chairman chairwoman director".split()
)
_POSSESSIVE = ("'s", "’s")
DIRECTIONS = frozenset(
    "north south east west northeast northwest southeast southwest central downtown upper "
    "lower".split()
)
_SIDES = frozenset("n s e w ne nw se sw north south east west".split())
_STREET_WORDS = {
    "st": "Street", "st.": "Street", "ave": "Avenue", "ave.": "Avenue", "rd": "Road",
    "rd.": "Road", "blvd": "Boulevard", "blvd.": "Boulevard", "dr": "Drive", "dr.": "Drive",
    "ln": "Lane", "pkwy": "Parkway", "hwy": "Highway",
}  # fmt: skip
# The last words of a street's name, spelt out or abbreviated.
_STREET_ENDINGS = frozenset(
    [*_STREET_WORDS, *(word.casefold() for word in _STREET_WORDS.values()), "way"]
)
_ABBREVIATIONS = frozenset("st ave rd blvd dr jr sr mt ft no co inc corp gen col".split())
MAX_RUN = 5


@dataclass(frozen=True)
class Entities:
    """Names as the article spells them, most mentioned first."""

    people: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    organisations: tuple[str, ...] = ()
    mentions: dict[str, int] = field(default_factory=dict, compare=False)  # "kind:name" -> n
    # People the text names with an official's role ("police spokesman Michael Woody", "Kym
    # Worthy, the county prosecutor"), lower-cased: a report's sources, not its subjects.
    officials: frozenset[str] = field(default_factory=frozenset, compare=False)

    def keys(self) -> dict[str, int]:
        """Lower-cased "p:…", "l:…", "o:…" keys with their mention counts, for matching."""
        return self.mentions


def _runs(text: str) -> list[tuple[list[str], bool]]:
    """Runs of capitalised words, each with whether it opens a sentence."""
    runs: list[tuple[list[str], bool]] = []
    current: list[str] = []
    current_opens = False
    sentence_start = True
    pending: list[str] = []  # connectors waiting for a capitalised word to follow
    state_next = False  # the run took a town's comma: the state comes next and ends it

    def close() -> None:
        nonlocal current
        if current:
            runs.append((current, current_opens))
        current = []
        pending.clear()

    tokens = _WORD.findall(text)
    for i, token in enumerate(tokens):
        if token == "," and current and _a_state(tokens[i + 1 : i + 2]):
            # "Rocky Mount, N.C.": the town and its state are one run, told apart in `extract`
            current.append(",")
            state_next = True
            continue
        if (len(token) == 1 and not token.isalpha()) or token == "\n":
            close()
            sentence_start = token in '.!?\n"“”:' or sentence_start
            continue
        if token[0].isupper() or (token[0].isdigit() and _capital(tokens[i + 1 : i + 2])):
            if pending and current[-1].casefold() in _STREET_ENDINGS:
                close()  # "132nd Street and Madison Avenue": a corner, two streets
            if not current:
                current_opens = sentence_start
            elif pending:
                current.extend(pending)
            pending.clear()
            owner = token.endswith(_POSSESSIVE)
            current.append(token[:-2] if owner else token)
            # "North Korea's Foreign Ministry": the owner is one name, what it owns another.
            if owner or len(current) >= MAX_RUN or _ends_sentence(token) or state_next:
                close()
            state_next = False
        elif current and token in _CONNECTORS and not pending:
            pending.append(token)
        else:
            close()
        sentence_start = _ends_sentence(token)
    close()
    return runs


def _street(words: list[str]) -> list[str]:
    """A place with its street word spelt out; a street without the side of town it runs on
    ("E. 132nd St." and "East 132nd Street" are one corner's "132nd Street")."""
    last = words[-1].casefold()
    if last not in _STREET_ENDINGS:
        return words
    words = [*words[:-1], _STREET_WORDS.get(last, words[-1])]
    if len(words) > 2 and words[0].casefold().rstrip(".") in _SIDES:
        words = words[1:]
    return words


def _title_cased(title: str) -> bool:
    """ "Police Seek Suspect In Daylight Shooting": nearly every word of four letters or more
    capitalised."""
    words = [w for w in re.findall(r"[A-Za-z][\w'’-]*", title) if len(w) > 3]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.8 * len(words)


def _capital(tokens: list[str]) -> bool:
    """Whether the next token is capitalised: an ordinal before it is a street's ("132nd
    Street", "West 12th St."), not a count ("the 2nd time")."""
    return bool(tokens) and tokens[0][0].isupper()


def _a_state(tokens: list[str]) -> bool:
    """Whether the next token names a US state ("N.C.", "Ohio"); a comma before anything else
    ends a name ("SEOUL, South Korea", "in Ukraine, Kim said")."""
    if not tokens or not tokens[0][0].isupper():
        return False
    return _state_abbreviation(tokens[0]) or place_kind(tokens[0].rstrip(".")) == "state"


def _state_abbreviation(word: str) -> bool:
    """ "N.C", "Tenn", "OH": a state as datelines write it ("Al" is a name, "AL" a state, and
    "Mt." is a mountain's)."""
    bare = word.rstrip(".")
    ap_style = bare.casefold() in AP_STATES  # "Ga.", "Tenn."; postal codes are capitals
    return bool(state_name(word)) and (ap_style or len(bare) > 2 or bare.isupper())


def _ends_sentence(token: str) -> bool:
    """A full stop that is no abbreviation's ("Mr.", "St.", "N.C.", "J.")."""
    if not token.endswith("."):
        return False
    bare = token.casefold().rstrip(".")
    return bare not in _TITLES and bare not in _ABBREVIATIONS and len(bare) > 1 and "." not in bare


def _clean(words: list[str], opens_sentence: bool) -> list[str]:
    words = [w.rstrip(".") if not w.endswith(("St.", "Ave.", "Jr.")) else w for w in words]
    roles = [i for i, w in enumerate(words[:-1]) if w.casefold() in _ROLES]
    if roles and roles[-1] > 0:  # a leading role alone is dropped below, with the titles
        words = words[roles[-1] + 1 :]
    while words and (words[0].casefold() in _COMMON or words[0].casefold() in _LEAD_TITLES):
        words = words[1:]
    while words and words[-1].casefold() in _COMMON:
        words = words[:-1]
    if opens_sentence and len(words) == 1 and not place_kind(words[0]):
        return []  # "Police said…", "Barbee was…" at a sentence start: too often not a name
    return words


def _kind(words: list[str]) -> str | None:
    name = " ".join(words)
    last = words[-1].casefold()
    if place_kind(name):
        return "l"
    if len(words) > 1 and words[0].casefold() in DIRECTIONS:
        return "l"  # South Toledo, West Englewood, North Austin
    if last in _PLACE_ENDINGS and len(words) > 1:
        return "l"
    if len(words) > 1 and _state_abbreviation(words[-1]):
        return "l"  # "Rocky Mount N.C", "Gary Ind": a town and its state, not a person
    if last in _ORG_ENDINGS and len(words) > 1:
        return "o"
    if words[0].isupper() and len(words) == 1 and 2 <= len(name) <= 6:
        return "o"  # NYPD, FBI, ATF
    if 2 <= len(words) <= 4 and all(w[0].isupper() for w in words):
        return "p"
    return None


def extract(title: str, text: str) -> Entities:
    """The people, places and organisations named in an article's title and text."""
    found: Counter[tuple[str, str]] = Counter()
    singles: list[str] = []
    # A headline In Title Case capitalises every word: its runs are no people's names (the
    # body names the people it is about). Without a body, the title is all there is.
    headline_case = bool(text.strip()) and _title_cased(title)
    for source in (title, text):
        for run, opens in _runs(source):
            if "," in run:
                _add_town(found, run)
                continue
            if len(run) == 1 and opens:
                singles.append(run[0].rstrip("."))  # "Barbee was…": no name alone, a surname maybe
            words = _clean(run, opens)
            if not words:
                continue
            kind = _kind(words)
            if kind == "p" and source is title and headline_case:
                continue  # "Daylight Shooting", "Suspected Of Shooting": a headline's capitals
            if kind is None:
                if len(words) == 1:
                    singles.append(words[0])
                continue
            if kind == "l" and len(words) > 1 and _state_abbreviation(words[-1]):
                _add_town(found, [*words[:-1], ",", words[-1]])  # "Gary Ind"
                continue
            if kind == "l":
                words = _street(words)
            found[(kind, " ".join(words))] += 1
    surnames = {name.split()[-1]: name for (kind, name) in found if kind == "p"}
    for word in singles:
        if word in surnames:
            found[("p", surnames[word])] += 1
    return replace(_entities(found), officials=officials(text))


# The roles of those who speak for the police and the courts (attorneys and coroners too:
# report-like tune streams' mean pairwise F1 +0.05). Officers, deputies and troopers are left
# out: in a police shooting they are who the story is about.
_ROLE = (
    r"(?i:spokes(?:man|woman|person)|sergeant|lieutenant|captain|commander|detective|"
    r"investigator|prosecutor|attorney|coroner|judge|chief|sheriff|sgt\.?|lt\.?|capt\.?|"
    r"cmdr\.?|det\.?|cpl\.?|insp\.?)"
)
_FULL_NAME = r"([A-Z][\w'’.-]+(?: [A-Z][\w'’.-]+){1,3})"
_ROLE_FIRST = re.compile(r"\b" + _ROLE + " " + _FULL_NAME)  # "Sgt. Michael Woody"
# "Michael Woody, a police spokesman", "Kym Worthy, the Wayne County prosecutor"
_ROLE_AFTER = re.compile(_FULL_NAME + r", (?:an? |the )?(?:[\w-]+ ){0,4}" + _ROLE + r"\b")


def officials(text: str) -> frozenset[str]:
    """The people `text` names with an official's role, lower-cased."""
    return frozenset(
        match.group(1).rstrip(".").casefold()
        for pattern in (_ROLE_FIRST, _ROLE_AFTER)
        for match in pattern.finditer(text)
    )


def _add_town(found: Counter, run: list[str]) -> None:
    """ "Rocky Mount, N.C.", "Chelsea, Massachusetts": the town and the state, two places (a
    town alone at a sentence's start is kept: the state says it is one)."""
    cut = run.index(",")
    town = _clean(run[:cut], opens_sentence=False) if cut else []
    if town:
        found[("l", " ".join(town))] += 1
    state = run[cut + 1].rstrip(".")
    found[("l", state_name(state) or state)] += 1


def _entities(found: Counter) -> Entities:
    by_kind: dict[str, list[str]] = {"p": [], "l": [], "o": []}
    for (kind, name), _ in found.most_common():
        by_kind[kind].append(name)
    mentions: Counter[str] = Counter()
    for (kind, name), count in found.items():
        mentions[f"{kind}:{name.casefold()}"] += count
    return Entities(
        people=tuple(by_kind["p"]),
        places=tuple(by_kind["l"]),
        organisations=tuple(by_kind["o"]),
        mentions=dict(mentions),
    )
