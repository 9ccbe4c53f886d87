"""Index keys: sampled shingles, safe as signed BIGINTs, shared by a copy whatever wraps it."""

from __future__ import annotations

from dateline.trace import sketch
from dateline.trace.sketch import MAX_KEYS, index_keys
from tests.trace.texts import wikinews, wrapped

ARTICLE = wikinews("100911")


def test_keys_are_sorted_unique_and_fit_a_signed_bigint():
    keys = index_keys("\n\n".join(ARTICLE))
    assert keys == sorted(set(keys))
    assert all(isinstance(k, int) and 0 <= k < 2**61 for k in keys)


def test_about_one_shingle_in_eight_is_a_key():
    shingles = sum(len(line) for line in sketch.shingle_lines("\n\n".join(ARTICLE)))
    keys = len(index_keys("\n\n".join(ARTICLE)))
    assert shingles / 8 * 0.7 < keys < shingles / 8 * 1.3


def test_keys_are_fixed_for_all_time():
    # Stored keys must stay valid: a change here needs a re-index of every article.
    assert index_keys("\n\n".join(ARTICLE))[:3] == [
        14648259682893098,
        26940930255118982,
        29335433343399002,
    ]


def test_a_wrapped_copy_keeps_every_key_of_the_original():
    original = set(index_keys("\n\n".join(ARTICLE)))
    assert original <= set(index_keys("\n".join(wrapped(ARTICLE))))


def test_a_copy_cut_short_has_only_keys_of_the_original():
    original = set(index_keys("\n\n".join(ARTICLE)))
    cut = set(index_keys("\n\n".join(ARTICLE[:12])))
    assert cut and cut <= original


def test_a_very_long_page_keeps_the_lowest_max_keys():
    page = "\n".join(f"Line {i} ({i * 7}) of a long page says something new." for i in range(9000))
    sampled = {s for line in sketch.shingle_lines(page) for s in line if s < 2**61}
    assert len(sampled) > MAX_KEYS
    assert index_keys(page) == sorted(sampled)[:MAX_KEYS]


def test_no_prose_no_keys():
    assert index_keys("") == []
    assert index_keys("Home\nNews\nSports") == []
