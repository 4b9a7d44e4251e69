"""The schema (SQLAlchemy Core). Portable types only: the same tables run on
SQLite and PostgreSQL. Lists and dicts are stored as JSON text."""
from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Float,
    ForeignKey,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData()

migrations = Table(
    "schema_migrations", metadata,
    Column("name", String(100), primary_key=True),
    Column("applied_at", String(40), nullable=False),
)

documents = Table(
    "documents", metadata,
    Column("id", String(200), primary_key=True),
    Column("source", Text, nullable=False),
    Column("content_hash", String(64), nullable=False, index=True),
    Column("raw_format", String(10), nullable=False),
    Column("raw", Text, nullable=False),
    Column("raw_text", Text, nullable=False),
    Column("title", Text),
    Column("outlet", String(200), index=True),
    Column("url", Text),
    Column("language", String(10)),
    Column("published", String(20), index=True),
    Column("text", Text, nullable=False, default=""),
    Column("lines", Text, nullable=False, default="[]"),  # JSON: [[number, keep, reason, text], ...]
    Column("meta", Text, nullable=False, default="{}"),  # JSON
    Column("status", String(10), nullable=False, default="ok"),  # ok or failed
    Column("error", Text),
    Column("analyzed_at", String(40), nullable=False),
)

sentences = Table(
    "sentences", metadata,
    Column("doc_id", String(200), ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
    Column("idx", Integer, primary_key=True),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
)

entities = Table(
    "entities", metadata,
    Column("doc_id", String(200), ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
    Column("idx", Integer, primary_key=True),
    Column("canonical", String(300), nullable=False, index=True),
    Column("type", String(3), nullable=False),
)

mentions = Table(
    "mentions", metadata,
    Column("doc_id", String(200), ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
    Column("entity_idx", Integer, primary_key=True),
    Column("start", Integer, primary_key=True),
    Column("end", Integer, nullable=False),
    Column("text", String(300), nullable=False),
)

times = Table(
    "times", metadata,
    Column("doc_id", String(200), ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
    Column("idx", Integer, primary_key=True),
    Column("text", String(300), nullable=False),
    Column("value", String(40)),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("kind", String(10), nullable=False),
)

claims = Table(
    "claims", metadata,
    Column("id", String(220), primary_key=True),
    Column("doc_id", String(200), ForeignKey("documents.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("idx", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("value", Float, nullable=False),
    Column("value_max", Float),
    Column("approx", Boolean, nullable=False),
    Column("vague", Boolean, nullable=False),
    Column("unit", String(20), nullable=False, index=True),
    Column("measure", Text, nullable=False),
    Column("measure_lemma", String(200), nullable=False, index=True),
    Column("source", Text, nullable=False),
    Column("hedged", Boolean, nullable=False),
    Column("hedge", String(100), nullable=False),
    Column("time", String(40)),
    Column("sentence", Integer, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
)

events = Table(
    "events", metadata,
    Column("doc_id", String(200), ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
    Column("idx", Integer, primary_key=True),
    Column("kind", String(40), nullable=False),
    Column("trigger", String(200), nullable=False),
    Column("participants", Text, nullable=False),  # JSON list of canonical names
    Column("place", String(300)),
    Column("time", String(40)),
    Column("sentence", Integer, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
)

failures = Table(
    "failures", metadata,
    Column("source", Text, primary_key=True),
    Column("error", Text, nullable=False),
    Column("raw", LargeBinary),  # the raw bytes, kept when small enough
    Column("seen_at", String(40), nullable=False),
)

DOCUMENT_CHILDREN = (mentions, entities, times, claims, events, sentences)
