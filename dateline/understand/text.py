"""Text normalisation shared by every extractor."""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u3000]+")


def clean_line(line: str) -> str:
    """NFC-normalise and collapse runs of spaces; keep typographic quotes as the page had them."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", line)).strip()


def clean_paragraphs(paragraphs: list[str]) -> list[str]:
    """Normalise each paragraph and drop the empty ones and exact repeats that follow each other."""
    cleaned: list[str] = []
    for paragraph in paragraphs:
        line = clean_line(paragraph)
        if line and (not cleaned or cleaned[-1] != line):
            cleaned.append(line)
    return cleaned
