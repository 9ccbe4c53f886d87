"""Guess the language of a text when the page does not declare it."""

from __future__ import annotations

import re
from functools import cache

from py3langid.langid import MODEL_FILE, LanguageIdentifier

# Below this many letters the guess is a coin toss (see tests/understand/test_language.py).
MIN_LETTERS = 20
MIN_CONFIDENCE = 0.9
# The first few thousand characters decide as well as the whole text, at a fraction of the cost.
SAMPLE_CHARS = 3000
_LETTER = re.compile(r"[^\W\d_]")


@cache
def _identifier() -> LanguageIdentifier:
    # Loading the model takes about a second: do it once, on first use.
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None when too short or unsure."""
    sample = (text or "")[:SAMPLE_CHARS]
    if len(_LETTER.findall(sample)) < MIN_LETTERS:
        return None
    code, confidence = _identifier().classify(sample)
    # The model also knows languages without a two-letter code ('yue', 'zxx'); we report none.
    if confidence < MIN_CONFIDENCE or len(code) != 2:
        return None
    return code
