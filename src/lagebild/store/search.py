"""Full-text search over documents (title, text) and claims (text, measure, source).

One interface on both databases: `ensure_search_index(store)` builds or refreshes the
index when the analyzed data changed, `search(store, query, limit)` returns ranked hits
with snippets. SQLite uses an FTS5 virtual table, PostgreSQL a tsvector column with a
GIN index; every dialect difference stays in this file.

Queries are plain words (all must occur, like `plainto_tsquery`); search syntax typed by
a user is never passed to the database. Snippets are HTML-escaped first, then the hits
are wrapped in `<mark>`, so an article's markup can never reach a page.

Ranking stays cheap on a big corpus: rows are indexed newest article first (`ord`), and a
query ranks at most its RANKED newest matches (all of them unless a word occurs in more
than RANKED articles and claims), then makes snippets only for the hits it returns.
"""
from __future__ import annotations

import html
import re
import threading
from typing import Any

from sqlalchemy import Connection, text
from sqlalchemy.exc import SQLAlchemyError

from lagebild.errors import StoreError
from lagebild.store import Store

START, STOP = "\x02", "\x03"  # hit markers inside raw snippets; stripped from indexed text
MAX_TERMS = 16
SNIPPET_TOKENS = 24
RANKED = 5_000  # matches ranked per query at most (the newest): ~5 µs each on SQLite
INDEX_FORMAT = "2"  # part of the fingerprint: a change of the index layout rebuilds it
_WORD = re.compile(r"\w+")
_lock = threading.Lock()
_PG_INDEX_LOCK = int.from_bytes(b"lbsearch", "big")

_SQLITE_SETUP = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5(kind UNINDEXED, ref UNINDEXED, doc_id UNINDEXED, "
    "title, body, extra, tokenize = 'unicode61 remove_diacritics 0')",
    "CREATE TABLE IF NOT EXISTS search_state (id INTEGER PRIMARY KEY, fingerprint TEXT NOT NULL)",
)
_PG_SETUP = (
    "CREATE TABLE IF NOT EXISTS search_index (kind VARCHAR(10) NOT NULL, ref TEXT NOT NULL, "
    "doc_id TEXT NOT NULL, title TEXT NOT NULL, body TEXT NOT NULL, extra TEXT NOT NULL, "
    "tsv TSVECTOR NOT NULL, ord INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (kind, ref))",
    "ALTER TABLE search_index ADD COLUMN IF NOT EXISTS ord INTEGER NOT NULL DEFAULT 0",
    "CREATE INDEX IF NOT EXISTS search_index_tsv ON search_index USING GIN (tsv)",
    "CREATE INDEX IF NOT EXISTS search_index_ord ON search_index (ord)",
    "CREATE TABLE IF NOT EXISTS search_state (id INTEGER PRIMARY KEY, fingerprint TEXT NOT NULL)",
)
# Rows to index, portable SQL: documents (title, text) and claims (text; measure and source),
# with the article's publication date to index the newest first.
_ROWS = (
    "SELECT 'document' AS kind, id AS ref, id AS doc_id, COALESCE(title, '') AS title, "
    "REPLACE(REPLACE(text, :start, ' '), :stop, ' ') AS body, '' AS extra, COALESCE(published, '') AS published "
    "FROM documents WHERE status = 'ok' "
    "UNION ALL "
    "SELECT 'claim', c.id, c.doc_id, '', REPLACE(REPLACE(c.text, :start, ' '), :stop, ' '), "
    "REPLACE(REPLACE(c.measure || ' ' || c.source, :start, ' '), :stop, ' '), COALESCE(d.published, '') "
    "FROM claims c JOIN documents d ON d.id = c.doc_id WHERE d.status = 'ok'"
)
_NEWEST_FIRST = "published DESC, doc_id, kind DESC, ref"
_SQLITE_FILL = (f"INSERT INTO search_fts (kind, ref, doc_id, title, body, extra) "
                f"SELECT kind, ref, doc_id, title, body, extra FROM ({_ROWS}) ORDER BY {_NEWEST_FIRST}")
_PG_FILL = (
    "INSERT INTO search_index (kind, ref, doc_id, title, body, extra, tsv, ord) "
    "SELECT kind, ref, doc_id, title, body, extra, "
    "setweight(to_tsvector('simple', REPLACE(title, '<', :lt)), 'A') "
    "|| setweight(to_tsvector('simple', REGEXP_REPLACE(REPLACE(body, '<', :lt), :numsep, :split, 'g')), 'B') "
    "|| setweight(to_tsvector('simple', REGEXP_REPLACE(REPLACE(extra, '<', :lt), :numsep, :split, 'g')), 'C'), "
    f"ROW_NUMBER() OVER (ORDER BY {_NEWEST_FIRST}) "
    f"FROM ({_ROWS}) AS r"
)
# PostgreSQL's parser keeps "11.000" as one token (split digit groups as FTS5's tokenizer does) and
# drops anything that looks like an HTML tag (a zero-width space after "<" keeps the words searchable).
ZWSP = "\u200b"
_PG_NUMBERS = {"numsep": "([0-9])[.,'\u2019]([0-9])", "split": "\\1 \\2", "lt": "<" + ZWSP}
# The best `limit` of the RANKED newest matches (rowid order = newest first), then a snippet for each.
_SQLITE_QUERY = (
    "WITH ranked AS (SELECT rowid AS r, -bm25(search_fts, 0.0, 0.0, 0.0, 10.0, 1.0, 2.0) AS score, kind, ref "
    "FROM search_fts WHERE search_fts MATCH :match ORDER BY rowid LIMIT :ranked), "
    "best AS (SELECT r, score, kind, ref FROM ranked ORDER BY score DESC, kind DESC, ref LIMIT :limit) "
    "SELECT f.kind, f.ref, f.doc_id, f.title, snippet(search_fts, -1, :start, :stop, '…', :tokens) AS snip, "
    "best.score FROM search_fts f JOIN best ON f.rowid = best.r WHERE search_fts MATCH :match "
    "ORDER BY best.score DESC, best.kind DESC, best.ref"
)
_PG_QUERY = (
    "WITH q AS (SELECT plainto_tsquery('simple', :query) AS q), "
    "ranked AS (SELECT s.kind, s.ref, s.doc_id, s.title, s.body, s.extra, ts_rank(s.tsv, q.q) AS score "
    "FROM search_index s, q WHERE s.tsv @@ q.q ORDER BY s.ord LIMIT :ranked), "
    "best AS (SELECT * FROM ranked ORDER BY score DESC, kind DESC, ref LIMIT :limit) "
    "SELECT kind, ref, doc_id, title, ts_headline('simple', REPLACE(body || ' ' || extra, '<', :lt), q.q, :options) "
    "AS snip, score FROM best, q ORDER BY score DESC, kind DESC, ref"
)


def _dialect(store: Store) -> str:
    name = store.engine.dialect.name
    if name not in ("sqlite", "postgresql"):
        raise StoreError(f"full-text search supports SQLite and PostgreSQL, not {name!r}")
    return name


def _fingerprint(conn: Connection) -> str:
    row = conn.execute(text("SELECT COUNT(*), MAX(analyzed_at) FROM documents")).one()
    claims = conn.execute(text("SELECT COUNT(*) FROM claims")).scalar_one()
    return f"v{INDEX_FORMAT}|{row[0]}|{row[1]}|{claims}"


def _indexed_fingerprint(conn: Connection) -> str | None:
    value = conn.execute(text("SELECT fingerprint FROM search_state WHERE id = 1")).scalar()
    return str(value) if value is not None else None


def _rebuild(conn: Connection, dialect: str, fingerprint: str) -> None:
    markers = {"start": START, "stop": STOP}
    if dialect == "sqlite":
        conn.execute(text("DELETE FROM search_fts"))
        conn.execute(text(_SQLITE_FILL), markers)
    else:
        conn.execute(text("DELETE FROM search_index"))
        conn.execute(text(_PG_FILL), {**markers, **_PG_NUMBERS})
    conn.execute(text("DELETE FROM search_state"))
    conn.execute(text("INSERT INTO search_state (id, fingerprint) VALUES (1, :f)"), {"f": fingerprint})


def ensure_search_index(store: Store) -> bool:
    """Create the search index, or refresh it when documents or claims changed.

    Returns True when it (re)built the index, False when it was up to date.
    """
    dialect = _dialect(store)
    try:
        with _lock, store.engine.begin() as conn:
            if dialect == "postgresql":  # two analyze runs finishing at once must not both create it
                conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_INDEX_LOCK})
            for statement in _SQLITE_SETUP if dialect == "sqlite" else _PG_SETUP:
                conn.execute(text(statement))
            if dialect == "postgresql":
                conn.execute(text("LOCK TABLE search_state IN EXCLUSIVE MODE"))
            fingerprint = _fingerprint(conn)
            if _indexed_fingerprint(conn) == fingerprint:
                return False
            _rebuild(conn, dialect, fingerprint)
            return True
    except SQLAlchemyError as exc:
        raise StoreError(f"cannot build the search index in {store.url!r}: {str(exc).splitlines()[0]}. "
                         "The database must be writable once to index it (run `lagebild analyze` first).") from exc


def terms(query: str) -> list[str]:
    """The words of a user's query, at most MAX_TERMS; punctuation and operators are dropped."""
    return _WORD.findall(query)[:MAX_TERMS]


def mark(raw: str) -> str:
    """Escape a raw snippet, then turn the hit markers into <mark> elements."""
    out, open_ = [], False
    for part in re.split(f"([{START}{STOP}])", raw):
        if part == START and not open_:
            out.append("<mark>")
            open_ = True
        elif part == STOP and open_:
            out.append("</mark>")
            open_ = False
        elif part not in (START, STOP):
            out.append(html.escape(part))
    if open_:
        out.append("</mark>")
    return "".join(out)


def _hit(row: Any) -> dict[str, Any]:
    raw = (row.snip or "").replace(ZWSP, "")
    return {"kind": row.kind, "id": row.ref, "doc_id": row.doc_id, "title": row.title,
            "snippet": raw.replace(START, "").replace(STOP, ""), "snippet_html": mark(raw),
            "score": round(float(row.score or 0.0), 6)}


def search(store: Store, query: str, limit: int = 20, *, refresh: bool = True,
           ranked: int = RANKED) -> list[dict[str, Any]]:
    """Documents and claims matching every word of `query`, best first (of the `ranked`
    newest matches).

    Each hit: kind ("document" or "claim"), id, doc_id, title, snippet (plain text),
    snippet_html (escaped, hits in <mark>) and score (higher is better).
    """
    words = terms(query)
    if not words or limit < 1:
        return []
    dialect = _dialect(store)
    if refresh:
        ensure_search_index(store)
    try:
        return _query(store, dialect, words, limit, ranked)
    except SQLAlchemyError as exc:
        raise StoreError(f"cannot search {store.url!r}: {str(exc).splitlines()[0]}. The search index is built by "
                         "`lagebild analyze`; run it (or `lagebild search WORD`) once with write access.") from exc


def _query(store: Store, dialect: str, words: list[str], limit: int, ranked: int) -> list[dict[str, Any]]:
    with store.engine.connect() as conn:
        if dialect == "sqlite":
            match = " ".join(f'"{w}"' for w in words)
            rows = conn.execute(text(_SQLITE_QUERY), {"start": START, "stop": STOP, "tokens": SNIPPET_TOKENS,
                                                       "match": match, "limit": limit, "ranked": ranked})
        else:
            options = f"StartSel={START}, StopSel={STOP}, MaxWords={SNIPPET_TOKENS}, MinWords=8, MaxFragments=2, "
            options += "FragmentDelimiter=\" … \""
            rows = conn.execute(text(_PG_QUERY), {"options": options, "query": " ".join(words), "limit": limit,
                                                   "lt": _PG_NUMBERS["lt"], "ranked": ranked})
        return [_hit(r) for r in rows]
