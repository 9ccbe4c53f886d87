"""The dateline and wire credit of a story: "SEOUL, South Korea (AP) —" -> Seoul, South Korea; AP.

Also read on HTML articles, so every pattern here is strict: an ordinary first sentence
("Apple said on Monday (in a statement) that…", "WASHINGTON is a city") gives nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Canonical wire names, each with the spellings a page uses for it (compared case-folded).
WIRES: dict[str, tuple[str, ...]] = {
    "AP": ("ap", "associated press"),
    "Reuters": ("reuters", "thomson reuters"),
    "AFP": ("afp", "agence france-presse", "agence france presse"),
    "CNN": ("cnn", "cnn business", "cnn wire"),
    "Bloomberg": ("bloomberg", "bloomberg news"),
    "dpa": ("dpa", "deutsche presse-agentur"),
    "UPI": ("upi", "united press international"),
    "Xinhua": ("xinhua", "xinhua news agency"),
    "Kyodo": ("kyodo", "kyodo news"),
    "EFE": ("efe", "agencia efe"),
    "ANSA": ("ansa",),
    "PA": ("pa", "pa media", "press association"),
    "Canadian Press": ("cp", "canadian press"),
    "AAP": ("aap", "australian associated press"),
    "Bernama": ("bernama",),
    "Yonhap": ("yonhap", "yonhap news agency"),
}
_ALIASES = {alias: name for name, aliases in WIRES.items() for alias in aliases}
# Longest first, so "associated press writer …" is read before a shorter alias could be.
_ALIAS_PATTERN = "|".join(re.escape(alias) for alias in sorted(_ALIASES, key=len, reverse=True))

_DASH = r"[—–―-]"  # one dash character; `+` after it must not backtrack over "--" alternatives
# A hyphen needs a space after it ("COVID-19 — …" is no dateline); a long dash may be glued.
_DATELINE_DASH = r" ?(?:[—–―] ?|(?:--|-) )"
_WORD = r"[^\W\d_](?:[^\W\d_]|[.'’-])*"
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
# PLACE[, Region][, Jan 5[, 2024]] [(Credit)] — Text
_LEADING = re.compile(
    rf"^(?P<place>{_WORD}(?: {_WORD}){{0,3}})"
    rf"(?:, (?P<region>{_WORD}(?: {_WORD}){{0,3}}?))?"
    rf"(?:,? (?P<day>{_MONTH} \d{{1,2}}(?:, \d{{4}})?))?"
    r"(?: ?\((?P<credit>[^()\d]{1,40})\))?"
    rf"{_DATELINE_DASH}(?P<rest>\S)"
)
# "(CNN) —" with no place
_CREDIT_ONLY = re.compile(rf"^\((?P<credit>[^()\d]{{1,40}})\){_DATELINE_DASH}\S")
# Words that open a paragraph in capitals without being a place.
_NOT_PLACES = frozenset(
    "breaking update updated exclusive watch live opinion analysis editor's note correction "
    "photos video developing urgent flash".split()
)
_SMALL_WORDS = frozenset(
    "de da do dos das del della di du la le von van der den au aux sur".split()
)
_MONTHS = frozenset(
    "jan feb mar apr may jun jul aug sep sept oct nov dec january february march april june "
    "july august september october november december".split()
)

# Credit lines at the end of a story.
_TRAILER_DASH = re.compile(rf"^{_DASH}+ ?(?:the )?(?P<wire>{_ALIAS_PATTERN})\.?$", re.IGNORECASE)
_TRAILER_ALONE = re.compile(rf"^(?:the )?(?P<wire>{_ALIAS_PATTERN})\.?$", re.IGNORECASE)
_CONTRIBUTED = re.compile(
    rf"^(?:the )?(?P<wire>{_ALIAS_PATTERN})\b.{{0,150}}?\bcontributed"
    r"(?: (?:reporting )?to (?:this|the) (?:report|story|article))?\.?$",
    re.IGNORECASE,
)
_COPYRIGHT = re.compile(
    rf"^(?:copyright|©)(?: ?©)? ?\d{{4}},? (?:the )?(?P<wire>{_ALIAS_PATTERN})\b", re.IGNORECASE
)
TRAILER_PARAGRAPHS = 3
MIN_PLACE_LETTERS = 3  # "AI — The…" opens a sentence, not a dateline
LEADING_PARAGRAPHS = 2
SHORT_ALIAS = 3


@dataclass(frozen=True)
class DatelineInfo:
    place: str | None = None
    credit: str | None = None


def read_dateline(paragraphs: list[str]) -> DatelineInfo:
    """Place and wire credit from a leading dateline, else the credit from a closing line."""
    place: str | None = None
    credit: str | None = None
    for paragraph in paragraphs[:LEADING_PARAGRAPHS]:
        found = leading_dateline(paragraph)
        if found.place or found.credit:
            place, credit = found.place, found.credit
            break
    if credit is None:
        for paragraph in reversed(paragraphs[-TRAILER_PARAGRAPHS:]):
            credit = credit_line(paragraph)
            if credit:
                break
    return DatelineInfo(place=place, credit=credit)


def wire_name(text: str) -> str | None:
    """'The Associated Press' -> 'AP'; a name that is no known wire -> None."""
    spelled = " ".join(text.split()).strip(" .")
    key = spelled.casefold().removeprefix("the ")
    name = _ALIASES.get(key)
    if name and len(key) <= SHORT_ALIAS and spelled not in (spelled.upper(), name):
        return None  # "Pa Smith contributed" is a person; wires write "PA", "dpa"
    return name


def credit_line(text: str) -> str | None:
    """The wire a closing line credits: '— The Associated Press', 'Reuters contributed to this
    report.', 'Copyright 2024 The Associated Press. All rights reserved.'"""
    line = " ".join(text.split())
    for pattern in (_TRAILER_DASH, _TRAILER_ALONE, _CONTRIBUTED, _COPYRIGHT):
        match = pattern.match(line)
        if match:
            return wire_name(match.group("wire"))
    return None


def leading_dateline(paragraph: str) -> DatelineInfo:
    """The dateline that opens a paragraph, or an empty DatelineInfo."""
    text = " ".join(paragraph.split())
    match = _CREDIT_ONLY.match(text)
    if match:
        return DatelineInfo(credit=wire_name(match.group("credit")))
    match = _LEADING.match(text)
    if not match:
        return DatelineInfo()
    place, region = match.group("place"), match.group("region")
    raw_credit = match.group("credit")
    credit = wire_name(raw_credit) if raw_credit else None
    if raw_credit and credit is None:
        if not _is_outlet(raw_credit) or not _is_caps(place):
            return DatelineInfo()  # "(in a statement)" is no credit
        credit = raw_credit.strip()
    known_wire = raw_credit is not None and wire_name(raw_credit) is not None
    if not _is_place(place, region, known_wire=known_wire):
        return DatelineInfo()
    if credit is None and not _rest_opens_sentence(match.group("rest")):
        return DatelineInfo()  # "NASA — the agency said" is a parenthesis, not a dateline
    return DatelineInfo(place=_place_name(place, region), credit=credit)


def _is_caps(words: str) -> bool:
    letters = [c for c in words if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def _is_place(place: str, region: str | None, *, known_wire: bool) -> bool:
    if place.casefold() in _NOT_PLACES or place.split()[0].casefold().strip(".") in _MONTHS:
        return False
    if region and region.split()[0].casefold().strip(".") in _MONTHS:
        return False
    if region and not all(word[0].isupper() for word in region.split()):
        return False
    if _is_caps(place):
        return len([c for c in place if c.isalpha()]) >= MIN_PLACE_LETTERS
    # "Berlin (dpa) -": a title-case place only next to a known wire's credit.
    return known_wire and all(word[0].isupper() for word in place.split())


def _is_outlet(credit: str) -> bool:
    words = credit.split()
    return 0 < len(words) <= 4 and all(word[0].isupper() for word in words)


def _rest_opens_sentence(first: str) -> bool:
    return first.isupper() or first.isdigit() or first in "\"'“‘«"


def _place_name(place: str, region: str | None) -> str:
    parts = [_title_words(place)]
    if region:
        parts.append(_title_words(region) if _is_caps(region) else region)
    return ", ".join(parts)


def _title_words(words: str) -> str:
    """'RIO DE JANEIRO' -> 'Rio de Janeiro'; abbreviations such as 'U.S.' stay as they are."""
    out: list[str] = []
    for index, word in enumerate(words.split()):
        if not _is_caps(word):
            out.append(word)
        elif re.fullmatch(r"(?:[^\W\d_]\.){2,}", word):
            out.append(word)  # U.S., D.C.
        elif index and word.casefold() in _SMALL_WORDS:
            out.append(word.casefold())
        else:
            out.append(_title_word(word))
    return " ".join(out)


def _title_word(word: str) -> str:
    # Capitalise each part of "WINSTON-SALEM", "O'HARE", "PORT-AU-PRINCE".
    parts = re.split(r"([-'’])", word)
    titled = []
    for index, part in enumerate(parts):
        if index and part.casefold() in _SMALL_WORDS and parts[index - 1] == "-":
            titled.append(part.casefold())
        elif part.startswith("MC") and len(part) > 3:
            titled.append("Mc" + part[2:].capitalize())
        else:
            titled.append(part.capitalize())
    return "".join(titled)
