"""Store fixtures: articles imported through the real ingest path."""

from __future__ import annotations

import pytest

from dateline.gather.files import find_files, iter_pages
from dateline.store.ingest import ingest_page
from dateline.store.models import Article
from tests.paths import DEMO, require_shared


def import_path(path) -> list:
    files, errors = find_files([path])
    assert not errors
    return [ingest_page(page) for page in iter_pages(files)]


@pytest.fixture
def demo_articles(db) -> list[Article]:
    results = import_path(DEMO)
    assert {r.status for r in results} == {"imported"}
    return list(Article.objects.all())


@pytest.fixture
def example_article(db) -> Article:
    (result,) = import_path(require_shared("examples/scraped-wire-copy.txt"))
    assert result.status == "imported", result.reason
    return Article.objects.get(key=result.key)
