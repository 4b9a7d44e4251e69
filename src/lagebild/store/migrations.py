"""Named migrations, each applied once (sqlite-utils style), under a lock.

Two processes opening a new database at once must not both create it: the pending
migrations run in one transaction that holds the database's write lock (SQLite
`BEGIN IMMEDIATE`) or an advisory lock (PostgreSQL), and are looked up again once the
lock is held, so the second process finds them done. Every step is idempotent too.
"""
from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from datetime import UTC, datetime

from sqlalchemy import Column, Connection, Engine, String, inspect, select, text

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
    _add_claim_columns(conn, schema.CLAIM_CLAUSE_COLUMNS)


def _claim_place(conn: Connection) -> None:
    """Where a claim's figure counts, read at extraction (re-analyze with --force to fill it)."""
    _add_claim_columns(conn, schema.CLAIM_PLACE_COLUMNS)


def _claim_hedge_reason(conn: Connection) -> None:
    """Why a claim is hedged (reported, estimate, expectation, ...), read at extraction
    (re-analyze with --force to fill it)."""
    _add_claim_columns(conn, schema.CLAIM_HEDGE_COLUMNS)


def _add_claim_columns(conn: Connection, names: tuple[str, ...]) -> None:
    present = {c["name"] for c in inspect(conn).get_columns("claims")}
    for name in names:
        if name not in present:
            column = schema.claims.c[name]
            kind = column.type.compile(dialect=conn.dialect)
            conn.execute(text(f"ALTER TABLE claims ADD COLUMN {name} {kind} NOT NULL DEFAULT ''"))


def _text_columns(conn: Connection) -> None:
    """Ids, outlets, names and quotes have no length limit: PostgreSQL's VARCHAR(n) refused a
    file stem or outlet over 200 characters. (SQLite never checks a declared length.)"""
    if conn.dialect.name != "postgresql":
        return
    tables = set(inspect(conn).get_table_names())
    for table, columns in schema.WIDENED.items():
        if table in tables:
            changes = ", ".join(f'ALTER COLUMN "{c}" TYPE TEXT' for c in columns)
            conn.execute(text(f'ALTER TABLE "{table}" {changes}'))


def _failure_stage(conn: Connection) -> None:
    """Each failure records the stage it happened in (read, decode, validate, ..., save)."""
    if "stage" not in {c["name"] for c in inspect(conn).get_columns("failures")}:
        column = Column("stage", String(20))
        conn.execute(text(f"ALTER TABLE failures ADD COLUMN stage {column.type.compile(conn.dialect)}"))


def _time_type_anchor(conn: Connection) -> None:
    """Time expressions keep their TIMEX3 type and the date they were resolved against."""
    columns = {c["name"] for c in inspect(conn).get_columns(schema.times.name)}
    if "type" not in columns:
        conn.execute(text("ALTER TABLE times ADD COLUMN \"type\" VARCHAR(10) DEFAULT 'DATE' NOT NULL"))
        conn.execute(text("UPDATE times SET \"type\" = 'DURATION' WHERE kind = 'duration'"))
    if "anchor" not in columns:
        conn.execute(text("ALTER TABLE times ADD COLUMN anchor VARCHAR(40)"))


def _entity_confidence(conn: Connection) -> None:
    """Each entity keeps how sure its type is (1.0 for entities stored before; re-analyze with
    --force to fill it)."""
    if "confidence" not in {c["name"] for c in inspect(conn).get_columns(schema.entities.name)}:
        kind = schema.entities.c.confidence.type.compile(dialect=conn.dialect)
        conn.execute(text(f"ALTER TABLE entities ADD COLUMN confidence {kind} NOT NULL DEFAULT 1.0"))


def _profiles(conn: Connection) -> None:
    """The analyst's story profile is kept with the corpus it was given for."""
    schema.profiles.create(conn, checkfirst=True)


def _groups(conn: Connection) -> None:
    """Claim groups, their members and near-duplicates are stored (filled by reconcile)."""
    for table in reversed(schema.GROUP_TABLES):
        table.create(conn, checkfirst=True)


MIGRATIONS: tuple[tuple[str, Callable[[Connection], None]], ...] = (
    ("0001_initial", _initial),
    ("0002_claim_entities", _claim_entities),
    ("0003_read_indexes", _read_indexes),
    ("0004_text_columns", _text_columns),
    ("0005_failure_stage", _failure_stage),
    ("0006_fetches_and_raw_files", _fetches_and_raw_files),
    ("0007_claim_clause", _claim_clause),
    ("0008_time_type_anchor", _time_type_anchor),
    ("0009_profiles", _profiles),
    ("0010_claim_place", _claim_place),
    ("0011_groups", _groups),
    ("0012_entity_confidence", _entity_confidence),
    ("0013_claim_hedge_reason", _claim_hedge_reason),
)
_PG_LOCK = int.from_bytes(b"lagebild", "big")  # the advisory lock's key (fits a bigint)


def _done(conn: Connection) -> set[str] | None:
    """Names of the applied migrations (None: not even the migrations table exists)."""
    if not inspect(conn).has_table(schema.migrations.name):
        return None
    return set(conn.execute(select(schema.migrations.c.name)).scalars())


def pending(engine: Engine) -> list[str]:
    """Names of the migrations not applied yet (reads only)."""
    with engine.connect() as conn:
        done = _done(conn) or set()
    return [name for name, _ in MIGRATIONS if name not in done]


@contextlib.contextmanager
def _locked(engine: Engine) -> Iterator[Connection]:
    """One transaction holding the database-wide migration lock."""
    if engine.dialect.name == "sqlite":
        with engine.connect() as plain:
            conn = plain.execution_options(isolation_level="AUTOCOMMIT")  # we say BEGIN ourselves
            conn.exec_driver_sql("BEGIN IMMEDIATE")  # waits (busy timeout) for another writer
            try:
                yield conn
            except BaseException:
                conn.exec_driver_sql("ROLLBACK")
                raise
            conn.exec_driver_sql("COMMIT")
        return
    with engine.begin() as conn:
        if engine.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_LOCK})
        yield conn


def migrate(engine: Engine) -> list[str]:
    """Apply the migrations not yet recorded; return the names applied."""
    if not pending(engine):
        return []  # nothing to write: a read-only database opens too
    applied = []
    with _locked(engine) as conn:
        done = _done(conn)
        if done is None:
            schema.migrations.create(conn)
            done = set()
        for name, step in MIGRATIONS:
            if name not in done:
                step(conn)
                conn.execute(schema.migrations.insert().values(name=name, applied_at=datetime.now(UTC).isoformat()))
                applied.append(name)
    return applied
