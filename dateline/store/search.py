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
from datetime import datetime

from django.db import connection

SNIPPET_START, SNIPPET_END = (
    "\x02",
    "\x03",
)  # never in article text; turned into <mark> after escaping
_QUERY_WORDS = re.compile(r"\w+", re.UNICODE)
# PostgreSQL's document: a stored tsvector column (weights: title A, body B; migration 0010).
PG_DOCUMENT = "search_document"


@dataclass(frozen=True)
class Hit:
    article_id: int
    snippet_html: str


@dataclass(frozen=True)
class Filters:
    """Narrowing a search: shown date (claimed, else first seen) in [since, until), a publisher,
    a language, or originals only (no known copies of another article)."""

    since: datetime | None = None
    until: datetime | None = None
    publisher_id: int | None = None
    language: str | None = None
    originals_only: bool = False
    min_id: int | None = None  # only articles stored from this id on (the newest stretch)

    def where(self) -> tuple[str, list]:
        """SQL conditions on `store_article a`, and their parameters."""
        shown = "COALESCE(a.claimed_date, a.first_seen_at)"
        clauses, params = [], []
        if self.since:
            clauses.append(f"{shown} >= %s")
            params.append(connection.ops.adapt_datetimefield_value(self.since))
        if self.until:
            clauses.append(f"{shown} < %s")
            params.append(connection.ops.adapt_datetimefield_value(self.until))
        if self.publisher_id is not None:
            clauses.append("a.publisher_id = %s")
            params.append(self.publisher_id)
        if self.language:
            # Stored codes may carry a region ("en-GB"): "en" matches both.
            clauses.append("(a.language = %s OR a.language LIKE %s)")
            params += [self.language, self.language + "-%"]
        if self.originals_only:
            clauses.append("a.original_id IS NULL")
        if self.min_id is not None:
            clauses.append("a.id >= %s")
            params.append(self.min_id)
        return "".join(f" AND {c}" for c in clauses), params


NO_FILTERS = Filters()


def query_words(query: str) -> list[str]:
    return _QUERY_WORDS.findall(query)[:20]


def highlight(snippet: str) -> str:
    """Escape the snippet, then mark the matched words: the only HTML in it is ours."""
    escaped = html.escape(snippet, quote=False)
    return escaped.replace(SNIPPET_START, "<mark>").replace(SNIPPET_END, "</mark>")


def search(
    query: str, limit: int = 20, offset: int = 0, filters: Filters = NO_FILTERS
) -> list[Hit]:
    """Articles matching every word of the query, best first, with a highlighted snippet."""
    words = query_words(query)
    if not words:
        return []
    where, where_params = filters.where()
    if connection.vendor == "postgresql":
        return _search_postgres(" ".join(words), limit, offset, where, where_params)
    match = " ".join(_fts5_quote(w) for w in words)
    if filters.min_id is not None:  # said again on the index's own rowid, so FTS5 skips ahead
        where, where_params = where + " AND f.rowid >= %s", [*where_params, filters.min_id]
    sql = (
        "SELECT f.rowid, snippet(store_article_fts, 1, %s, %s, '…', 24) "
        "FROM store_article_fts f JOIN store_article a ON a.id = f.rowid "
        f"WHERE store_article_fts MATCH %s{where} "
        "ORDER BY bm25(store_article_fts, 4.0, 1.0), f.rowid LIMIT %s OFFSET %s"
    )
    params = [SNIPPET_START, SNIPPET_END, match, *where_params, limit, offset]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [Hit(row[0], highlight(row[1])) for row in cursor.fetchall()]


def candidates(
    terms: list[str], ids: tuple[int, int] | None = None, limit: int = 60
) -> list[tuple[int, dict, int | None]]:
    """(id, term counts, original id) of articles sharing any of the terms, best first;
    only articles with ids in the `ids` range (inclusive) when given.

    Ranking every match costs time in proportion to the matches, so callers bound the range
    (articles arrive in id order: a range is a stretch of time) to keep pages as fast at a
    million articles as at ten thousand."""
    if not terms:
        return []
    low, high = ids or (0, 2**62)
    if connection.vendor == "postgresql":
        sql = (
            f"SELECT id, terms, original_id FROM store_article "
            f"WHERE {PG_DOCUMENT} @@ to_tsquery('english', %s) AND id BETWEEN %s AND %s "
            f"ORDER BY ts_rank({PG_DOCUMENT}, to_tsquery('english', %s)) DESC LIMIT %s"
        )
        tsquery = " | ".join(_pg_quote(t) for t in terms)
        params = [tsquery, low, high, tsquery, limit]
    else:
        sql = (
            "SELECT a.id, a.terms, a.original_id FROM store_article_fts f "
            "JOIN store_article a ON a.id = f.rowid "
            "WHERE store_article_fts MATCH %s AND f.rowid BETWEEN %s AND %s "
            "ORDER BY bm25(store_article_fts) LIMIT %s"
        )
        params = [" OR ".join(_fts5_quote(t) for t in terms), low, high, limit]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [(row[0], _as_dict(row[1]), row[2]) for row in cursor.fetchall()]


def _search_postgres(
    text: str, limit: int, offset: int, where: str, where_params: list
) -> list[Hit]:
    sql = (
        "SELECT a.id, ts_headline('english', a.body_text, q, %s) FROM store_article a, "
        "websearch_to_tsquery('english', %s) q "
        f"WHERE a.{PG_DOCUMENT} @@ q{where} "
        f"ORDER BY ts_rank(a.{PG_DOCUMENT}, q) DESC, a.id LIMIT %s OFFSET %s"
    )
    options = f"StartSel={SNIPPET_START}, StopSel={SNIPPET_END}, MaxWords=40, MinWords=15"
    with connection.cursor() as cursor:
        cursor.execute(sql, [options, text, *where_params, limit, offset])
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
