"""Full-text search indexes: FTS5 on SQLite, a GIN expression index on PostgreSQL."""

from django.db import migrations

SQLITE_UP = [
    "CREATE VIRTUAL TABLE store_article_fts USING fts5(title, body_text, content='store_article', "
    "content_rowid='id', tokenize='porter unicode61 remove_diacritics 2')",
    "CREATE TRIGGER store_article_fts_insert AFTER INSERT ON store_article BEGIN "
    "INSERT INTO store_article_fts(rowid, title, body_text) VALUES (new.id, new.title, new.body_text); END",
    "CREATE TRIGGER store_article_fts_delete AFTER DELETE ON store_article BEGIN "
    "INSERT INTO store_article_fts(store_article_fts, rowid, title, body_text) "
    "VALUES ('delete', old.id, old.title, old.body_text); END",
    "CREATE TRIGGER store_article_fts_update AFTER UPDATE OF title, body_text ON store_article BEGIN "
    "INSERT INTO store_article_fts(store_article_fts, rowid, title, body_text) "
    "VALUES ('delete', old.id, old.title, old.body_text); "
    "INSERT INTO store_article_fts(rowid, title, body_text) VALUES (new.id, new.title, new.body_text); END",
]
SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS store_article_fts_update",
    "DROP TRIGGER IF EXISTS store_article_fts_delete",
    "DROP TRIGGER IF EXISTS store_article_fts_insert",
    "DROP TABLE IF EXISTS store_article_fts",
]
POSTGRES_UP = [
    "CREATE INDEX store_article_search ON store_article USING GIN (("
    "setweight(to_tsvector('english', coalesce(title, '')), 'A') || "
    "setweight(to_tsvector('english', body_text), 'B')))",
]
POSTGRES_DOWN = ["DROP INDEX IF EXISTS store_article_search"]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("store", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_UP, "postgresql": POSTGRES_UP}),
            _run({"sqlite": SQLITE_DOWN, "postgresql": POSTGRES_DOWN}),
        )
    ]
