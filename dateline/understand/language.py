"""Guess the language of a text when the page does not declare it."""

from __future__ import annotations

import re
from functools import cache

from py3langid.langid import MODEL_FILE, LanguageIdentifier

# Measured on windows cut from 891 long trafilatura-eval bodies (label: the whole body): with
# 40 characters and confidence >= 0.7 the guess is right 83%, wrong 0.3%, and abstains otherwise;
# precision stays near 99.5% from 0.5 to 0.95, only the abstentions grow.
MIN_LETTERS = 20
MIN_CONFIDENCE = 0.7
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
