"""Full-text search on whichever database we run on: SQLite FTS5 or PostgreSQL tsvector.

Both backends answer the same two questions: "which articles match these words" (search, with
highlighted snippets) and "which articles share any of these terms" (candidates for Related and
Recommendation, re-scored in Python by `dateline.group.terms`).
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass

from django.db import connection

SNIPPET_START, SNIPPET_END = (
    "\x02",
    "\x03",
)  # never in article text; turned into <mark> after escaping
_QUERY_WORDS = re.compile(r"\w+", re.UNICODE)
PG_DOCUMENT = (
    "setweight(to_tsvector('english', coalesce(title, '')), 'A') || "
    "setweight(to_tsvector('english', body_text), 'B')"
)


@dataclass(frozen=True)
class Hit:
    article_id: int
    snippet_html: str


def query_words(query: str) -> list[str]:
    return _QUERY_WORDS.findall(query)[:20]


def highlight(snippet: str) -> str:
    """Escape the snippet, then mark the matched words: the only HTML in it is ours."""
    escaped = html.escape(snippet, quote=False)
    return escaped.replace(SNIPPET_START, "<mark>").replace(SNIPPET_END, "</mark>")


def search(query: str, limit: int = 20, offset: int = 0) -> list[Hit]:
    """Articles matching every word of the query, best first, with a highlighted snippet."""
    words = query_words(query)
    if not words:
        return []
    if connection.vendor == "postgresql":
        return _search_postgres(" ".join(words), limit, offset)
    match = " ".join(_fts5_quote(w) for w in words)
    sql = (
        "SELECT rowid, snippet(store_article_fts, 1, %s, %s, '…', 24) "
        "FROM store_article_fts WHERE store_article_fts MATCH %s "
        "ORDER BY bm25(store_article_fts, 4.0, 1.0) LIMIT %s OFFSET %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [SNIPPET_START, SNIPPET_END, match, limit, offset])
        return [Hit(row[0], highlight(row[1])) for row in cursor.fetchall()]


def candidates(terms: list[str], limit: int = 60) -> list[tuple[int, dict, int | None]]:
    """(id, term counts, original id) of articles sharing any of the terms, best first."""
    if not terms:
        return []
    if connection.vendor == "postgresql":
        sql = (
            f"SELECT id, terms, original_id FROM store_article "
            f"WHERE ({PG_DOCUMENT}) @@ to_tsquery('english', %s) "
            f"ORDER BY ts_rank({PG_DOCUMENT}, to_tsquery('english', %s)) DESC LIMIT %s"
        )
        tsquery = " | ".join(_pg_quote(t) for t in terms)
        params = [tsquery, tsquery, limit]
    else:
        sql = (
            "SELECT a.id, a.terms, a.original_id FROM store_article_fts f "
            "JOIN store_article a ON a.id = f.rowid "
            "WHERE store_article_fts MATCH %s ORDER BY bm25(store_article_fts) LIMIT %s"
        )
        params = [" OR ".join(_fts5_quote(t) for t in terms), limit]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [(row[0], _as_dict(row[1]), row[2]) for row in cursor.fetchall()]


def _search_postgres(text: str, limit: int, offset: int) -> list[Hit]:
    sql = (
        "SELECT id, ts_headline('english', body_text, q, %s) FROM store_article, "
        "websearch_to_tsquery('english', %s) q "
        f"WHERE ({PG_DOCUMENT}) @@ q ORDER BY ts_rank({PG_DOCUMENT}, q) DESC LIMIT %s OFFSET %s"
    )
    options = f"StartSel={SNIPPET_START}, StopSel={SNIPPET_END}, MaxWords=40, MinWords=15"
    with connection.cursor() as cursor:
        cursor.execute(sql, [options, text, limit, offset])
        return [Hit(row[0], highlight(row[1])) for row in cursor.fetchall()]


def _fts5_quote(word: str) -> str:
    return '"' + word.replace('"', '""') + '"'


def _pg_quote(word: str) -> str:
    # to_tsquery syntax: quote each term as a literal so punctuation cannot inject operators.
    return "'" + word.replace("'", "''").replace("\\", "") + "'"


def _as_dict(value) -> dict:
    # psycopg decodes jsonb to a dict; SQLite hands back the JSON text.
    if isinstance(value, dict):
        return value
    return json.loads(value) if value else {}
