"""Text normalisation shared by every extractor."""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u3000]+")
# Control characters (but the line break): no text has them, XML 1.0 cannot carry them (one in a
# text dump made every feed that listed it answer 500), and terminals obey some (ESC).
_CONTROLS = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")


def clean_line(line: str) -> str:
    """NFC-normalise, control characters out and runs of spaces collapsed; keep typographic
    quotes as the page had them."""
    return _SPACES.sub(" ", _CONTROLS.sub(" ", unicodedata.normalize("NFC", line))).strip()


def clean_paragraphs(paragraphs: list[str]) -> list[str]:
    """Normalise each paragraph and drop the empty ones and exact repeats that follow each other."""
    cleaned: list[str] = []
    for paragraph in paragraphs:
        line = clean_line(paragraph)
        if line and (not cleaned or cleaned[-1] != line):
            cleaned.append(line)
    return cleaned
