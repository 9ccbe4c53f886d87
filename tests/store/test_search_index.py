import pytest
from django.db import connection

from dateline.store import search
from dateline.store.search_index import ensure_search_index
from tests.paths import DEMO
from tests.store.fixtures import import_path


@pytest.mark.skipif(connection.vendor != "sqlite", reason="FTS5 triggers exist only on SQLite")
def test_a_table_rebuild_that_drops_the_triggers_is_repaired(db):
    import_path(DEMO / "10718.html")
    with connection.cursor() as cursor:  # what SQLite's table rebuild during a migration does
        for name in ("insert", "delete", "update"):
            cursor.execute(f"DROP TRIGGER store_article_fts_{name}")
        cursor.execute("INSERT INTO store_article_fts(store_article_fts) VALUES ('delete-all')")
    assert search.search("iTunes") == []
    assert ensure_search_index() is True
    assert [hit.article_id for hit in search.search("iTunes")]
    import_path(DEMO / "11212.html")  # new articles are indexed again
    assert ensure_search_index() is False
    assert len(search.search("Apple")) == 2


def test_related_candidates_come_only_from_the_asked_stretch_of_ids(db):
    import_path(DEMO)
    from dateline.store.models import Article

    apple = Article.objects.get(title="Apple to lower UK iTunes prices")
    terms = ["apple", "itunes", "ipod"]
    everywhere = {pk for pk, _, _ in search.candidates(terms)}
    assert len(everywhere) >= 3 and apple.pk in everywhere
    near = {pk for pk, _, _ in search.candidates(terms, ids=(apple.pk - 5, apple.pk + 5))}
    assert apple.pk in near and near <= set(range(apple.pk - 5, apple.pk + 6))
    assert near < everywhere
    assert search.candidates(terms, ids=(10**9, 10**9 + 5)) == []
