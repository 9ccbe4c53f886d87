"""Each test starts with an empty cache: page data and rate-limit buckets live there.

The story clusterer keeps an in-process cache of active stories; a test's rolled-back
database would leave it pointing at stories that no longer exist, so it is reset too.
"""

import pytest
from django.core.cache import cache

from dateline.store import stories


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    stories.reset_clusterer()
    yield
    cache.clear()
    stories.reset_clusterer()
