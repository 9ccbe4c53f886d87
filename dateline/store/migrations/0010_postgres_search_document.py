"""PostgreSQL: the full-text document as a stored, indexed column (SQLite's FTS5 keeps its own).

Ranking with the expression index parsed every matching article's body again for ts_rank; with
a stored tsvector, ranking reads it. On a large store this rewrites the article table once.
"""

from django.db import migrations

from dateline.store.migrations import _search_sql as sql


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("store", "0009_related_links")]

    operations = [migrations.RunPython(_run(sql.POSTGRES_STORED), _run(sql.POSTGRES_UNSTORED))]
