"""Named migrations, each applied once in its own transaction (sqlite-utils style)."""
from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from sqlalchemy import Connection, Engine, inspect, select

from lagebild.store import schema


def _initial(conn: Connection) -> None:
    tables = [t for t in schema.metadata.sorted_tables if t is not schema.migrations]
    schema.metadata.create_all(conn, tables=tables)


MIGRATIONS: tuple[tuple[str, Callable[[Connection], None]], ...] = (
    ("0001_initial", _initial),
)


def migrate(engine: Engine) -> list[str]:
    """Apply the migrations not yet recorded; return the names applied."""
    with engine.begin() as conn:
        if not inspect(conn).has_table(schema.migrations.name):
            schema.migrations.create(conn)
        done = set(conn.execute(select(schema.migrations.c.name)).scalars())
    applied = []
    for name, step in MIGRATIONS:
        if name in done:
            continue
        with engine.begin() as conn:
            step(conn)
            conn.execute(schema.migrations.insert().values(name=name, applied_at=datetime.now(UTC).isoformat()))
        applied.append(name)
    return applied
