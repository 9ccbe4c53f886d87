"""Suite-wide setup; shared fixtures live in tests/*/fixtures.py and are registered here."""

from __future__ import annotations

import pytest

pytest_plugins = ["tests.store.fixtures"]


def pytest_configure(config) -> None:
    # The SQLite test database lives in the data dir (a file, so live servers and subprocesses
    # can share it); settings never create folders themselves.
    from django.conf import settings

    settings.DATA_DIR.mkdir(parents=True, exist_ok=True)


@pytest.fixture(autouse=True)
def _fresh_process_caches():
    # Each test's database starts empty, so nothing cached in the process may outlive it: page
    # data and rate-limit buckets (Django's cache), the story clusterer's active stories, and
    # robots.txt rules (cached per origin, and loopback ports are reused between tests), pages
    # kept for new visitors and their queued reads, and the copy of term frequencies.
    from django.core.cache import cache, caches

    from dateline.site.front_cache import PAGES
    from dateline.site.read_batch import READS
    from dateline.store.polling import reset_robots
    from dateline.store.stories import reset_clusterer
    from dateline.store.term_stats import forget_frequencies

    def reset() -> None:
        cache.clear()
        caches["shared"].clear()
        reset_clusterer()
        reset_robots()
        PAGES.clear()
        READS.background = False
        READS.discard()
        forget_frequencies()

    reset()
    yield
    reset()
