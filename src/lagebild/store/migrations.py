"""Named migrations, each applied once in its own transaction (sqlite-utils style)."""
from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from sqlalchemy import Connection, Engine, inspect, select, text

from lagebild.store import schema
from lagebild.store.dialect import update_statistics


def _initial(conn: Connection) -> None:
    tables = [t for t in schema.metadata.sorted_tables if t is not schema.migrations]
    schema.metadata.create_all(conn, tables=tables)


# A claim is linked to every entity mentioned in its sentence (what the claims filter
# "entity" and an entity's page ask for); portable SQL, run once over the stored rows.
_FILL_CLAIM_ENTITIES = (
    "INSERT INTO claim_entities (doc_id, claim_idx, canonical) "
    "SELECT DISTINCT c.doc_id, c.idx, e.canonical FROM claims c "
    "JOIN sentences s ON s.doc_id = c.doc_id AND s.idx = c.sentence "
    'JOIN mentions m ON m.doc_id = c.doc_id AND m.start >= s.start AND m.start < s."end" '
    "JOIN entities e ON e.doc_id = m.doc_id AND e.idx = m.entity_idx"
)


def _claim_entities(conn: Connection) -> None:
    schema.claim_entities.create(conn, checkfirst=True)
    conn.execute(text("DELETE FROM claim_entities"))
    conn.execute(text(_FILL_CLAIM_ENTITIES))


def _read_indexes(conn: Connection) -> None:
    for index in schema.READ_INDEXES:
        index.create(conn, checkfirst=True)
    update_statistics(conn)


def _fetches_and_raw_files(conn: Connection) -> None:
    schema.raw_files.create(conn, checkfirst=True)
    schema.fetches.create(conn, checkfirst=True)


def _claim_clause(conn: Connection) -> None:
    """What a claim's clause says about its count, read at extraction (re-analyze with
    --force to fill it for claims stored before)."""
    present = {c["name"] for c in inspect(conn).get_columns("claims")}
    for name in schema.CLAIM_CLAUSE_COLUMNS:
        if name not in present:
            column = schema.claims.c[name]
            kind = column.type.compile(dialect=conn.dialect)
            conn.execute(text(f"ALTER TABLE claims ADD COLUMN {name} {kind} NOT NULL DEFAULT ''"))


MIGRATIONS: tuple[tuple[str, Callable[[Connection], None]], ...] = (
    ("0001_initial", _initial),
    ("0002_claim_entities", _claim_entities),
    ("0003_read_indexes", _read_indexes),
    ("0006_fetches_and_raw_files", _fetches_and_raw_files),
    ("0007_claim_clause", _claim_clause),
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
