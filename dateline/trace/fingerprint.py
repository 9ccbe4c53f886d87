"""Exact fingerprints: the same article text gives the same id, whatever the page around it."""

from __future__ import annotations

import hashlib
import re
import unicodedata

_WORDS = re.compile(r"\w+", re.UNICODE)


def normalised_words(text: str) -> list[str]:
    """Lower-cased word tokens, so spacing, punctuation and quote styles don't change the id."""
    return _WORDS.findall(unicodedata.normalize("NFKC", text).casefold())


def body_fingerprint(text: str) -> str:
    """SHA-256 (hex) of the normalised words of an article body."""
    return hashlib.sha256(" ".join(normalised_words(text)).encode("utf-8")).hexdigest()


def article_key(publisher_slug: str, fingerprint: str) -> str:
    """A short, stable public id for one publisher's copy of a text.

    The same page gets the same URL on every installation; the same text on another site is
    another page (a copy the trace stage will link), so the publisher is part of the id.
    """
    return hashlib.sha256(f"{publisher_slug}\n{fingerprint}".encode()).hexdigest()[:12]
