"""SQL of the full-text index, shared by migration 0002 and the post-migrate repair."""

SQLITE_TABLE = (
    "CREATE VIRTUAL TABLE store_article_fts USING fts5(title, body_text, content='store_article', "
    "content_rowid='id', tokenize='porter unicode61 remove_diacritics 2')"
)
SQLITE_TRIGGERS = {
    "store_article_fts_insert": (
        "CREATE TRIGGER store_article_fts_insert AFTER INSERT ON store_article BEGIN "
        "INSERT INTO store_article_fts(rowid, title, body_text) "
        "VALUES (new.id, new.title, new.body_text); END"
    ),
    "store_article_fts_delete": (
        "CREATE TRIGGER store_article_fts_delete AFTER DELETE ON store_article BEGIN "
        "INSERT INTO store_article_fts(store_article_fts, rowid, title, body_text) "
        "VALUES ('delete', old.id, old.title, old.body_text); END"
    ),
    "store_article_fts_update": (
        "CREATE TRIGGER store_article_fts_update AFTER UPDATE OF title, body_text ON store_article "
        "BEGIN INSERT INTO store_article_fts(store_article_fts, rowid, title, body_text) "
        "VALUES ('delete', old.id, old.title, old.body_text); "
        "INSERT INTO store_article_fts(rowid, title, body_text) "
        "VALUES (new.id, new.title, new.body_text); END"
    ),
}
SQLITE_DROP = [
    *(f"DROP TRIGGER IF EXISTS {name}" for name in SQLITE_TRIGGERS),
    "DROP TABLE IF EXISTS store_article_fts",
]
POSTGRES_CREATE = [
    "CREATE INDEX store_article_search ON store_article USING GIN (("
    "setweight(to_tsvector('english', coalesce(title, '')), 'A') || "
    "setweight(to_tsvector('english', body_text), 'B')))",
]
POSTGRES_DROP = ["DROP INDEX IF EXISTS store_article_search"]
# Migration 0010: the document kept as a stored column, so ranking reads it instead of parsing
# every matching body again (that made each Related search cost a parse per match).
POSTGRES_STORED = [
    "ALTER TABLE store_article ADD COLUMN search_document tsvector GENERATED ALWAYS AS ("
    "setweight(to_tsvector('english', coalesce(title, '')), 'A') || "
    "setweight(to_tsvector('english', body_text), 'B')) STORED",
    "CREATE INDEX store_article_search_document ON store_article USING GIN (search_document)",
    *POSTGRES_DROP,
]
POSTGRES_UNSTORED = [*POSTGRES_CREATE, "ALTER TABLE store_article DROP COLUMN search_document"]
