"""`lagebild serve` never writes to the database: pages, API and search leave the file as
it was, and a database that needs a migration is refused with the command that applies it
(`lagebild reconcile`), which the CLI and API provide."""
from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from conftest import EXAMPLES
from lagebild.api import analyze
from lagebild.cli import app as cli
from lagebild.errors import StoreError
from lagebild.web import create_app

PAGES = ["/", "/documents", "/claims", "/claims?unit=person&sort=value", "/conflicts", "/timeline", "/entities",
         "/search?q=Soldaten", "/api/summary", "/api/claims?limit=5", "/api/search?q=Regierung", "/claims.csv"]


def _fingerprint(db: Path) -> dict[str, str]:
    """The bytes of the database and of its write-ahead log, if any."""
    files = [db, db.with_name(db.name + "-wal")]
    return {f.name: hashlib.sha256(f.read_bytes()).hexdigest() for f in files if f.exists() and f.stat().st_size}


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("readonly") / "lb.db"
    analyze([EXAMPLES], db=f"sqlite:///{path}", workers=1).store.close()
    return path


def test_serve_readonly_pages_leave_the_database_as_it_was(db: Path) -> None:
    before = _fingerprint(db)
    with TestClient(create_app(f"sqlite:///{db}"), base_url="http://localhost") as client:
        client.app.state.lb.warm_up()  # type: ignore[attr-defined]
        for page in PAGES:
            assert client.get(page).status_code == 200, page
    assert _fingerprint(db) == before


def test_serve_readonly_refuses_a_database_that_needs_a_migration(db: Path, tmp_path: Path) -> None:
    old = tmp_path / "old.db"
    old.write_bytes(db.read_bytes())
    with sqlite3.connect(old) as conn:  # as if written by a lagebild before the last migration
        last = conn.execute("SELECT name FROM schema_migrations ORDER BY applied_at DESC, name DESC").fetchone()[0]
        conn.execute("DELETE FROM schema_migrations WHERE name = ?", (last,))
    before = _fingerprint(old)
    with pytest.raises(StoreError, match="lagebild reconcile"):
        create_app(f"sqlite:///{old}")
    served = CliRunner().invoke(cli, ["serve", "--db", f"sqlite:///{old}", "--port", "1"])
    assert served.exit_code == 2 and "lagebild reconcile" in served.output
    assert _fingerprint(old) == before
    result = CliRunner().invoke(cli, ["reconcile", "--db", f"sqlite:///{old}"])
    assert result.exit_code == 0, result.output
    assert "documents" in result.output
    with TestClient(create_app(f"sqlite:///{old}"), base_url="http://localhost") as client:
        assert client.get("/api/summary").status_code == 200
