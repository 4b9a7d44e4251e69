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
    if parsed.query.get("uri") == "true":  # sqlite:///file:/path/x.db?mode=ro&uri=true (read-only)
        return parsed.database.removeprefix("file:")
    return parsed.database


# SQLite reads through its own page cache (per connection, kept by the pool) and a memory
# map of the file (SQLite caps it at its compile-time maximum, 2 GB in most builds).
CACHE_KIB = 65536
MMAP_BYTES = 1 << 31
# A writer waits this long for another process's write to finish before giving up
# with a clear message (SQLite's busy timeout; PostgreSQL's lock_timeout).
BUSY_SECONDS = 30.0


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
    if backend == "sqlite":
        engine = create_engine(url, future=True, connect_args={"timeout": BUSY_SECONDS})
        event.listen(engine, "connect", _sqlite_pragmas)
    else:
        options = f"-c lock_timeout={int(BUSY_SECONDS * 1000)}" if backend == "postgresql" else None
        engine = create_engine(url, future=True, **({"connect_args": {"options": options}} if options else {}))
    return engine


def busy_or_read_only(exc: Exception, url: str) -> str | None:
    """A clear message when a database error means another writer holds the database too
    long, or the database cannot be written at all; None for other errors."""
    text_ = str(exc).lower()
    if "database is locked" in text_ or "lock timeout" in text_ or "canceling statement due to lock" in text_:
        return (f"the database {url!r} is busy: another process is writing to it and did not finish within "
                f"{BUSY_SECONDS:g} s; try again when it is done")
    if "readonly database" in text_ or "read-only" in text_ or "attempt to write" in text_:
        return (f"the database {url!r} is read-only; analyzing (or upgrading an older database) needs write "
                "access: check the permissions of the file and its folder, or give another --db")
    return None


def update_statistics(conn: Connection) -> None:
    """Refresh the query planner's statistics (SQLite samples each index; PostgreSQL's
    ANALYZE samples too), so that filters and sort orders pick the right index."""
    if conn.dialect.name == "sqlite":
        conn.execute(text("PRAGMA analysis_limit = 1000"))
    conn.execute(text("ANALYZE"))
