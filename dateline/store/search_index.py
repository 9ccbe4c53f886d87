"""Keeping SQLite's full-text index attached to the article table across migrations.

SQLite cannot alter most columns in place, so Django's migrations rebuild a table by copying it,
and the copy loses its triggers. After every `migrate` we check that the FTS5 triggers exist and,
if a rebuild dropped them, recreate them and re-index every article.
"""

from __future__ import annotations

from django.db import connection

from dateline.store.migrations import _search_sql as sql


def ensure_search_index(**_kwargs) -> bool:
    """Recreate missing FTS5 triggers and rebuild the index; True if a repair was needed."""
    if connection.vendor != "sqlite":
        return False  # PostgreSQL's stored search column and its index survive table changes
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger') AND name LIKE %s",
            ["store_article_fts%"],
        )
        present = {row[0] for row in cursor.fetchall()}
        if "store_article_fts" not in present:
            return False  # migration 0002 has not run yet; it creates everything
        missing = [name for name in sql.SQLITE_TRIGGERS if name not in present]
        if not missing:
            return False
        for name in missing:
            cursor.execute(sql.SQLITE_TRIGGERS[name])
        cursor.execute("INSERT INTO store_article_fts(store_article_fts) VALUES ('rebuild')")
    return True
