"""Fixtures of the gather tests: the fault-injecting publisher (see publisher.py)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.gather.publisher import Publisher


@pytest.fixture
def publisher() -> Iterator[Publisher]:
    """A running publisher with two sites, alpha.test and beta.test, 12 articles each."""
    with Publisher() as pub:
        pub.add_site("alpha.test", n_articles=12)
        pub.add_site("beta.test", n_articles=12)
        yield pub
