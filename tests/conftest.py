"""Shared fixtures: paths to the dev corpus and gold, and databases (SQLite always,
PostgreSQL when `make test` started one — see scripts/test-services.sh)."""
from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "corpus" / "seeds"
GOLD = SHARED / "gold"
EXAMPLES = ROOT / "examples" / "corpus"
EXAMPLE_GOLD = ROOT / "examples" / "gold"
SCORER = SHARED / "tools" / "score.py"


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'test.db'}"


def _pg_base() -> str | None:
    url = os.environ.get("LAGEBILD_TEST_PG")
    if not url and os.environ.get("LAGEBILD_REQUIRE_PG"):
        pytest.fail("LAGEBILD_REQUIRE_PG is set but LAGEBILD_TEST_PG is not; run scripts/test-services.sh")
    return url


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A fresh PostgreSQL schema-less database per test (dropped afterwards)."""
    yield from fresh_pg_database()


def fresh_pg_database() -> Iterator[str]:
    """Create a PostgreSQL database, yield its URL, drop it (skips without a server)."""
    base = _pg_base()
    if not base:
        pytest.skip("no PostgreSQL server (set LAGEBILD_TEST_PG or run `make test`)")
    import sqlalchemy as sa

    from lagebild.store.dialect import normalise_url

    name = f"lb_{uuid.uuid4().hex[:10]}"
    admin = sa.create_engine(normalise_url(base), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    url = base.rsplit("/", 1)[0] + "/" + name
    try:
        yield url
    finally:
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Run a store test on SQLite and on PostgreSQL."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'test.db'}"
    return str(request.getfixturevalue("pg_url"))


CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Headless Debian Chromium driven by Playwright (never a downloaded browser)."""
    if not CHROMIUM.exists():
        if os.environ.get("LAGEBILD_REQUIRE_PG"):  # `make test` installs Chromium with PostgreSQL
            pytest.fail("/usr/bin/chromium is missing; run scripts/test-services.sh")
        pytest.skip("no /usr/bin/chromium (run `make test`, which installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture
def site() -> Iterator[object]:
    """A real HTTP server on 127.0.0.1 with a request log (tests/webserver.py)."""
    from webserver import serve

    yield from serve()


@pytest.fixture
def other_site() -> Iterator[object]:
    """A second server: another host as far as politeness goes (its own port)."""
    from webserver import serve

    yield from serve()
