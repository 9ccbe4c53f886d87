"""Guess the language of a text (pages often declare none, or a wrong one)."""

from __future__ import annotations

import re
from functools import cache

from py3langid.langid import MODEL_FILE, LanguageIdentifier

# Measured on windows cut from 891 long trafilatura-eval bodies (label: the whole body's guess),
# confidence >= 0.7: 40 characters are right 84%, wrong 0.4%, unsure 15%; 1000 characters are
# right 99.2%, wrong 0.3%. Precision stays near 99.5% for thresholds from 0.5 to 0.95; only the
# abstentions grow. The cost grows with the sample, so we stop at 1000 characters.
MIN_LETTERS = 20
MIN_CONFIDENCE = 0.7
SAMPLE_CHARS = 1000
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
