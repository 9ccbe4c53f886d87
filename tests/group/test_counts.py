"""Online counts the clusterer learns from: document frequencies and publisher boilerplate."""

from __future__ import annotations

from dateline.group import boilerplate
from dateline.group.frequencies import CountingFrequencies, HashedFrequencies


def test_hashed_frequencies_count_like_exact_ones_in_fixed_memory() -> None:
    exact, hashed = CountingFrequencies(), HashedFrequencies(bits=16)
    docs = [["shooting", "toledo"], ["shooting", "memphis"], ["p:marcus whitfield", "toledo"]]
    for keys in docs:
        exact.add(keys)
        hashed.add(keys)
    keys = ["shooting", "toledo", "memphis", "p:marcus whitfield", "never"]
    assert hashed.get(keys) == exact.get(keys) == {
        "shooting": 2, "toledo": 2, "memphis": 1, "p:marcus whitfield": 1, "never": 0,
    }  # fmt: skip
    assert hashed.total() == exact.total() == 3


def _strip(frequencies: CountingFrequencies, publisher: str, text: str) -> str:
    """What the clusterer does: read earlier counts, strip, then count the article's lines."""
    lines = boilerplate.read(publisher, text)
    stripped = lines.strip(frequencies.get(lines.keys()))
    frequencies.add(lines.keys())
    return stripped


def test_a_publishers_repeated_lines_are_dropped_and_its_stories_kept() -> None:
    counts = CountingFrequencies()
    template = "Subscribe to our newsletter for the latest local news\n"
    for k in range(boilerplate.REPEATS):
        story = f"Story number {k} about something that happened downtown today."
        assert story in _strip(counts, "site.com", template + story)
    stripped = _strip(counts, "site.com", template + "A new story about the council vote tonight.")
    assert "newsletter" not in stripped
    assert "council vote" in stripped
    # Another publisher's pages are their own: the same line is news there.
    assert "newsletter" in _strip(counts, "other.com", template + "Hello.")


def test_a_line_printed_twice_in_one_article_counts_once() -> None:
    lines = boilerplate.read(
        "site.com", "Read more at site.com today\nRead  more at site.com today"
    )
    site, shared = lines.keys()  # one key for the site's own count, one across all sites
    assert site.endswith("|site.com") and shared == boilerplate.shared_key(site)
    assert boilerplate.read("", "Read more at site.com today").keys() == []
