"""The headline and the site name of a page dump, read from the lines above the body.

The headline is the best of the title-like lines above the body: near the body, alone
rather than one of a list, and best of all repeated elsewhere dressed as the browser title
("Breadcrumb > Headline - Site Name"), which also gives the site. Failing that, the site
comes from a "Headline | Site" suffix, a copyright line, or a line that spells the URL's host.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from dateline.understand.textlines import Kind, Line, is_title_like

MIN_HEADLINE_WORDS = 3
MIN_REPEATED_WORDS = 4
MAX_HEADLINE_WORDS = 40
MIN_HEADLINE_CHARS = 15  # "A A A", "Font size", "Indexbit View" are buttons
# Scoring the lines above the body: nearness counts most, length a little.
HEADLINE_CHARS_THAT_COUNT = 40
CHARS_PER_POINT = 8
DISTANCE_COST = 3  # for each headline-like line between a candidate and the body
LIST_COST = 2.5  # for each neighbour that is another title-like line or a list item
DATED_BONUS = 2  # "Headline Posted: March 3, 2024": the page dates this line
OPENING_COST = 2  # a question opening the body is its headline only when nothing better is
REPEATED_BONUS = 6  # the page repeats it as its title: "Headline - Site Name"
MAX_SHARED_WORDS = 3  # a point for each word the headline shares with the body, up to this
MAX_QUESTION_HEADLINE_WORDS = 20
LINK_HEADLINE_REACH = 3  # lines into the body block
MAX_CANDIDATES = 40  # the headline is near the body; this keeps long dumps fast
MAX_SITE_WORDS = 5
MAX_SITE_CHARS = 40

# " | Site", " - Site", " — Site", " :: Site", " -Site" (the dash glued to the site name).
_SEPARATOR = re.compile(r"\s+(?:\||::|—|–|-|·|»)\s*|\s+-(?=\S)")
_SEPARATOR_CHARS = " |:—–-·»"
_SITE_SEPARATORS = ("|", "::", "—", "–", "-", "·", "»")
_DRESSING = re.compile(r"[|:—–·»>›/-]")  # what sets a headline apart in a browser title
_WORD = re.compile(r"[^\W\d_]{4,}")
_COMMON_WORDS = frozenset(
    "that with from have this will said were been they their about after over into more than "
    "what when says also just like your some them".split()
)
_BREADCRUMB = re.compile(r"\s?[>»›]\s?")
_SITE_CONNECTORS = frozenset("of the and & de du des la le el der die das for on at in".split())
_COPYRIGHT_NAME = re.compile(
    r"(?:©|\(c\)|copyright)\s*(?:©\s*)?(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*,?\s*)?"
    r"(?P<name>(?:[^.|©]|\.(?=\w))+?)\s*(?:\d{4}\s*)?(?:\.(?!\w)|[|,]|all rights reserved|$)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Candidate:
    line: Line
    part: str  # the text that would be the headline
    dressed: str | None  # another line holding it, e.g. "Breadcrumb > Headline - Site"


@dataclass(frozen=True)
class Headline:
    title: str
    index: int  # the line it was read from
    site_name: str | None


def find_headline(lines: list[Line], body: range) -> Headline | None:
    """The most headline-like line above the body: near it, alone, and best repeated."""
    above = [(line, part) for line in lines[: body.start] if (part := headline_part(line))]
    candidates = [
        Candidate(line, part, _dressed_copy(lines, line, part, body))
        for line, part in above[-MAX_CANDIDATES:]
    ]
    # A question headline reads as prose and may open the body block.
    opening = headline_part(lines[body.start])
    if opening and _could_open_body_as_headline(opening):
        dressed = _dressed_copy(lines, lines[body.start], opening, body)
        candidates.append(Candidate(lines[body.start], opening, dressed))
    if not candidates:  # "Police: Two shot …" read as an inline link between prose lines
        candidates = [
            Candidate(line, part, None)
            for line in lines[body.start : body.start + LINK_HEADLINE_REACH]
            if line.kind is Kind.LINK and (part := headline_part(line))
        ][:1]
    if not candidates:
        return None
    story = _words(" ".join(line.text for line in lines[body.start : body.stop]))
    best = max(
        candidates,
        key=lambda candidate: _headline_score(lines, candidates, candidate, body, story),
    )
    title, site = best.part, _site_around(best.dressed, best.part) if best.dressed else None
    if site is None:
        title, site = split_site_suffix(title)
    return Headline(title=title, index=best.line.index, site_name=site)


def headline_part(line: Line) -> str | None:
    """The text of a line that could be the headline, without a breadcrumb or trailing date."""
    if line.kind in (Kind.BULLET, Kind.BYLINE, Kind.FURNITURE):
        return None
    text = line.text
    if line.kind is Kind.DATE:
        # "Headline Posted: Tuesday, January 28, 2014 8:18 PM EST"
        text = text[: line.dates[0].start].rstrip(_SEPARATOR_CHARS)
    if line.kind is Kind.LINK and len(text.partition(":")[2].split()) < MIN_HEADLINE_WORDS:
        return None  # "Photo: Getty Images" is a credit; "Police: Two shot in …" a headline
    parts = _BREADCRUMB.split(text)
    text = parts[-1].strip()
    words = text.split()
    if not MIN_HEADLINE_WORDS <= len(words) <= MAX_HEADLINE_WORDS or len(text) < MIN_HEADLINE_CHARS:
        return None
    if text.endswith("."):
        return None  # headlines do not end with a full stop; cookie notices do
    return text


def split_site_suffix(text: str) -> tuple[str, str | None]:
    """'Headline | Site Name' -> ('Headline', 'Site Name'); a headline with no site stays whole."""
    separators = list(_SEPARATOR.finditer(text))
    if not separators:
        return text, None
    last = separators[-1]
    title, site = text[: last.start()].strip(), text[last.end() :].strip()
    if len(title.split()) >= MIN_HEADLINE_WORDS and is_site_name(site):
        return title, site
    return text, None


def is_site_name(text: str) -> bool:
    """'Excel Wealth Summit', 'WRAL.com', 'The Daily Planet': short, every word capitalised."""
    words = text.split()
    if not 0 < len(words) <= MAX_SITE_WORDS or len(text) > MAX_SITE_CHARS:
        return False
    if text[-1] in "!?:;,":
        return False
    return all(w[0].isupper() or w[0].isdigit() or w.casefold() in _SITE_CONNECTORS for w in words)


def site_from_copyright(lines: list[Line]) -> str | None:
    """'© 2025 Excel Wealth Summit. All rights reserved.' -> 'Excel Wealth Summit'."""
    for line in reversed(lines):
        if line.kind is not Kind.FURNITURE:
            continue
        match = _COPYRIGHT_NAME.search(line.text)
        if match:
            name = match.group("name").strip(" ,")
            if (
                is_site_name(name)
                and any(c.isalpha() for c in name)
                and not name.casefold().startswith("all rights")
            ):
                return name
    return None


def site_from_url(lines: list[Line], url: str | None) -> str | None:
    """A masthead line that spells the host: 'Excel Wealth Summit' on excelwealthsummit.com."""
    try:
        host = (urlsplit(url or "").hostname or "").removeprefix("www.")
    except ValueError:
        return None
    label = host.split(".")[0]
    if not label:
        return None
    for line in lines:
        squashed = re.sub(r"\W", "", line.text).casefold()
        if squashed == label and is_site_name(line.text):
            return line.text
    return None


def _could_open_body_as_headline(part: str) -> bool:
    # A question or exclamation headline reads as prose and can be taken into the body block.
    ending = part.rstrip("\"'”’»)")
    return ending.endswith(("?", "!")) and len(part.split()) <= MAX_QUESTION_HEADLINE_WORDS


def _dressed_copy(lines: list[Line], line: Line, part: str, body: range) -> str | None:
    """Another line that holds this headline dressed as a page title, or bare above the body.

    A list item ("- Headline", "Headline:") or an identical copy below the body does not
    count: link lists repeat their items.
    """
    if len(part.split()) < MIN_REPEATED_WORDS:
        return None  # a short line may turn up inside another by chance
    for other in lines:
        if other.index == line.index or other.index in body or other.kind is Kind.BULLET:
            continue
        before, found, after = other.text.partition(part)
        if not found:
            continue
        if before or after:
            dressed = (not before or _DRESSING.search(before)) and (
                not after or after.lstrip().startswith(_SITE_SEPARATORS)
            )
        else:
            dressed = other.index < body.start
        if dressed:
            return other.text
    return None


def _site_around(dressed: str, title: str) -> str | None:
    before, _, after = dressed.partition(title)
    after = after.strip(_SEPARATOR_CHARS)
    if after and is_site_name(after):
        return after
    # "Site Name | Headline": only when the site is set off by a separator
    if before.rstrip() != before.rstrip(_SEPARATOR_CHARS):
        before = _BREADCRUMB.split(before.strip(_SEPARATOR_CHARS))[-1].strip()
        if before and is_site_name(before):
            return before
    return None


def _headline_score(
    lines: list[Line],
    candidates: list[Candidate],
    candidate: Candidate,
    body: range,
    story: set[str],
) -> float:
    """Near the body, alone rather than one of a list, repeated as the page title, and
    about what the story is about."""
    line = candidate.line
    distance = sum(1 for other in candidates if line.index < other.line.index < body.start)
    score = min(len(candidate.part), HEADLINE_CHARS_THAT_COUNT) / CHARS_PER_POINT
    score -= DISTANCE_COST * distance + LIST_COST * _list_neighbours(lines, line)
    if line.kind is Kind.DATE:
        score += DATED_BONUS
    if line.index == body.start:
        score -= OPENING_COST
    if candidate.dressed:
        score += REPEATED_BONUS
    return score + min(len(_words(candidate.part) & story), MAX_SHARED_WORDS)


def _words(text: str) -> set[str]:
    """The longer words of a text, case-folded, but the commonest English ones."""
    return set(_WORD.findall(text.casefold())) - _COMMON_WORDS


def _list_neighbours(lines: list[Line], line: Line) -> int:
    """How many neighbours are other title-like lines or list items: one of a list has two."""
    neighbours = [lines[i] for i in (line.index - 1, line.index + 1) if 0 <= i < len(lines)]
    return sum(1 for other in neighbours if is_title_like(other))
