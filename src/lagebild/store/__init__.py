"""Schema, migrations and queries (SQLAlchemy Core; SQLite by default, PostgreSQL too)."""
from lagebild.store.store import DEFAULT_DB, Store

__all__ = ["DEFAULT_DB", "Store"]
