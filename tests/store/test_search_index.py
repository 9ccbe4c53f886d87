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
