"""Each test starts with an empty cache: page data and rate-limit buckets live there."""

import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()
