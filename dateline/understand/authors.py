"""Turn a byline string into a clean list of names."""

from __future__ import annotations

import re

from dateline.understand.text import clean_line

# "A; B", "A, B and C", "A & B", "A | B", "A / B", German "A und B"
_SEPARATORS = re.compile(r"\s*(?:[;,|/&]|\b(?:and|und)\b)\s*", flags=re.IGNORECASE)
_BY = re.compile(
    r"^(?:(?:view all posts|posted|written|reported|words|story|text|photos?)\s+)?"
    r"(?:by|von)\b[:\s]*",
    flags=re.IGNORECASE,
)
# A byline part that names a job rather than a person ("AP Auto Writer", "Staff Reporter").
_ROLE = re.compile(
    r"\b(?:writer|reporter|correspondent|editor|contributor|columnist|staff)s?\b",
    flags=re.IGNORECASE,
)
# Links, e-mail addresses and handles are cut out before splitting on "/".
_NOT_A_NAME = re.compile(r"(?:https?://|www\.)\S*|\S*@\S*")
_DIGITS = re.compile(r"\d{3,}")
MAX_NAME_WORDS = 6


def split_authors(byline: str | None) -> list[str]:
    """'By Ana Ruiz, Li Wei and Tom Ng' -> ['Ana Ruiz', 'Li Wei', 'Tom Ng'].

    Drops "By", job titles, URLs and e-mail handles, and repeats (case-insensitively).
    """
    names: list[str] = []
    seen: set[str] = set()
    for part in _SEPARATORS.split(_NOT_A_NAME.sub(";", clean_line(byline or ""))):
        name = _BY.sub("", part).strip(" .:-–—")
        if not name or _DIGITS.search(name) or len(name.split()) > MAX_NAME_WORDS:
            continue
        if _ROLE.search(name):
            continue  # a job title; a surname like "Writer" is rarer than "AP Auto Writer"
        key = name.casefold()
        if key not in seen:
            seen.add(key)
            names.append(name)
    return names
