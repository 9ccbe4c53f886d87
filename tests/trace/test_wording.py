"""What the texts of versions say about their source: changed words need two witnesses that agree
around them; paragraphs one version lacks entirely are the ones that count as held."""

from __future__ import annotations

from dateline.trace.profile import profile
from dateline.trace.wording import changed_spots, holds, least_changed, own_paragraphs
from tests.trace.texts import wikinews

ARTICLE = wikinews("100911")[:10]
TEXT = "\n\n".join(ARTICLE)


def _one_word_changed(text: str, old: str, new: str) -> str:
    assert old in text
    return text.replace(old, new, 1)


def test_a_changed_word_counts_when_two_others_agree_around_it():
    word = ARTICLE[2].split()[6]
    changed = profile(_one_word_changed(TEXT, f" {word} ", " zebra "))
    source, other = profile(TEXT), profile(TEXT)
    assert changed_spots(changed, [source, other]) == 1
    assert changed_spots(source, [changed, other]) == 0
    # One witness: the two differ at one spot, and nothing says whose word changed.
    assert changed_spots(changed, [source]) == 0


def test_witnesses_that_changed_words_near_the_spot_are_no_witnesses():
    words = ARTICLE[2].split()
    a = profile(_one_word_changed(TEXT, f" {words[6]} ", " zebra "))
    b = profile(_one_word_changed(TEXT, f" {words[8]} ", " yak "))
    source = profile(TEXT)
    # The source differs from a and b at their spots, but neither has the words around both.
    assert changed_spots(source, [a, b]) == 0


def test_least_changed_keeps_the_source_and_versions_within_the_slack():
    spun = "\n\n".join(p.replace(" the ", " teh ") for p in ARTICLE)
    texts = {1: profile(TEXT), 2: profile(TEXT), 3: profile(spun)}
    assert least_changed([1, 2, 3], texts) == [1, 2]


def test_own_paragraphs_are_whole_paragraphs_the_other_lacks():
    short = profile("\n\n".join(ARTICLE[:6]))
    full = profile(TEXT)
    assert own_paragraphs(short, full) == 0
    assert own_paragraphs(full, short) == sum(len(line) for line in full.lines[6:])
    assert holds(full, short) and not holds(short, full)


def test_a_version_with_a_paragraph_of_its_own_is_not_held():
    own = "This paragraph is only in the copy, and it is long enough to be a passage of its own."
    full = profile(TEXT)
    copy = profile("\n\n".join([*ARTICLE[:9], own * 3]))
    assert not holds(full, copy) and not holds(copy, full)
