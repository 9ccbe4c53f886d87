"""Shingles: stable numbers, one line at a time, prose lines only."""

from __future__ import annotations

import os
import subprocess
import sys

from dateline.trace.shingles import (
    SHINGLE_WORDS,
    line_shingles,
    shingle_lines,
    tokens,
    word_terms,
)
from tests.paths import ROOT
from tests.trace.texts import FARM_BOTTOM, FARM_TOP, wikinews

SENTENCE = "The council voted on Tuesday to close the old bridge for repairs."


def test_tokens_fold_case_width_and_punctuation():
    assert tokens("“Hello,” World — ＨＥＬＬＯ!") == ["hello", "world", "hello"]


def test_tokens_split_unspaced_scripts_into_characters():
    assert tokens("東京で会議。") == ["東", "京", "で", "会", "議"]
    assert tokens("Tokyo 東京 meeting") == ["tokyo", "東", "京", "meeting"]


def test_a_shingle_is_an_unsigned_64_bit_number_fixed_for_all_time():
    # Changing this value orphans every key already stored: don't, without a migration.
    assert line_shingles(["the", "council", "voted", "on"]) == [9891406822175120142]
    assert all(0 <= s < 2**64 for s in line_shingles(tokens(SENTENCE)))


def test_word_order_matters():
    forward = line_shingles(["a", "b", "c", "d"])
    backward = line_shingles(["d", "c", "b", "a"])
    assert forward != backward


def test_the_general_path_agrees_with_the_four_word_fast_path():
    words = tokens(SENTENCE)
    fast = line_shingles(words, 4)
    terms = [word_terms(w) for w in words]
    general = [
        terms[i][0] ^ terms[i + 1][1] ^ terms[i + 2][2] ^ terms[i + 3][3]
        for i in range(len(words) - 3)
    ]
    assert fast == general
    assert len(line_shingles(words, 5)) == len(words) - 4


def test_one_line_gives_one_shingle_per_word_after_the_first_three():
    assert len(shingle_lines(SENTENCE)[0]) == len(tokens(SENTENCE)) - SHINGLE_WORDS + 1


def test_shingles_do_not_cross_lines_so_moved_paragraphs_keep_theirs():
    paragraphs = wikinews("100911")[:6]
    moved = [paragraphs[0], *reversed(paragraphs[1:])]
    as_set = lambda text: {s for line in shingle_lines(text) for s in line}  # noqa: E731
    assert as_set("\n\n".join(paragraphs)) == as_set("\n\n".join(moved))


def test_menus_breadcrumbs_and_headline_lists_give_no_shingles():
    assert shingle_lines("\n".join(FARM_TOP + FARM_BOTTOM)) == []


def test_a_long_line_without_a_full_stop_is_still_prose():
    line = " ".join(["word"] * 30)
    assert shingle_lines(line)
    assert shingle_lines("too short to be a headline") == []
    assert shingle_lines("Short, but a sentence.")


def test_the_same_text_gives_the_same_shingles_in_another_process():
    code = f"from dateline.trace.shingles import shingle_lines;print(shingle_lines({SENTENCE!r}))"
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=ROOT, check=True
    )
    assert out.stdout.strip() == str(shingle_lines(SENTENCE))
