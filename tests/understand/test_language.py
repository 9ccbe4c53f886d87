"""detect_language: a two-letter code for enough text, None when short or unsure."""

from __future__ import annotations

import pytest

from dateline.understand.language import detect_language


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("The council said the night ferry will run four times a week from April.", "en"),
        ("Die Bäckerei am Markt feiert am Samstag ihr fünfzigjähriges Bestehen.", "de"),
        ("Le conseil municipal a voté mardi la construction d'une nouvelle école.", "fr"),
        ("El ayuntamiento aprobó el martes la construcción de una nueva biblioteca.", "es"),
    ],
)
def test_a_sentence_is_enough(text, code):
    assert detect_language(text) == code


@pytest.mark.parametrize("text", ["", "Hello", "Bonjour!", "2023-03-05 08:30 12345 67890 4444"])
def test_too_little_text_gives_none(text):
    assert detect_language(text) is None


def test_only_the_start_of_a_long_text_is_read():
    german = "Die Stadt baut eine neue Brücke über den Fluss. " * 30  # well past the sample
    english = "The city is building a new bridge across the river. " * 300
    assert detect_language(german + english) == "de"
