"""Full-text search indexes: FTS5 on SQLite, a GIN expression index on PostgreSQL."""

from django.db import migrations

from dateline.store.migrations import _search_sql as sql


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("store", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": [sql.SQLITE_TABLE, *sql.SQLITE_TRIGGERS.values()],
                  "postgresql": sql.POSTGRES_CREATE}),
            _run({"sqlite": sql.SQLITE_DROP, "postgresql": sql.POSTGRES_DROP}),
        )
    ]
