"""Everything that differs between database servers lives here."""
from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import make_url


def normalise_url(url: str) -> str:
    """Accept postgresql:// and pick the psycopg 3 driver; a bare path means SQLite."""
    if "://" not in url:
        return f"sqlite:///{url}"
    if url.startswith("postgresql://") or url.startswith("postgres://"):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


def sqlite_file(url: str) -> str | None:
    """The file of an SQLite URL (None for a server or an in-memory database)."""
    parsed = make_url(normalise_url(url))
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return parsed.database


# SQLite reads through its own page cache (per connection, kept by the pool) and a memory
# map of the file (SQLite caps it at its compile-time maximum, 2 GB in most builds).
CACHE_KIB = 65536
MMAP_BYTES = 1 << 31


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute(f"PRAGMA cache_size=-{CACHE_KIB}")
    cur.execute(f"PRAGMA mmap_size={MMAP_BYTES}")
    cur.close()


def make_engine(url: str) -> Engine:
    url = normalise_url(url)
    backend = make_url(url).get_backend_name()
    engine = create_engine(url, future=True)
    if backend == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def update_statistics(conn: Connection) -> None:
    """Refresh the query planner's statistics (SQLite samples each index; PostgreSQL's
    ANALYZE samples too), so that filters and sort orders pick the right index."""
    if conn.dialect.name == "sqlite":
        conn.execute(text("PRAGMA analysis_limit = 1000"))
    conn.execute(text("ANALYZE"))
