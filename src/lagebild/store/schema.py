"""The schema (SQLAlchemy Core). Portable types only: the same tables run on
SQLite and PostgreSQL. Lists and dicts are stored as JSON text."""
from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Float,
    ForeignKey,
    Index,
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
    Column("id", Text, primary_key=True),
    Column("source", Text, nullable=False),
    Column("content_hash", String(64), nullable=False, index=True),
    Column("raw_format", String(10), nullable=False),
    Column("raw", Text, nullable=False),
    Column("raw_text", Text, nullable=False),
    Column("title", Text),
    Column("outlet", Text, index=True),
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
    Column("doc_id", Text, ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
    Column("idx", Integer, primary_key=True),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
)

entities = Table(
    "entities", metadata,
    Column("doc_id", Text, ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
    Column("idx", Integer, primary_key=True),
    Column("canonical", Text, nullable=False, index=True),
    Column("type", String(3), nullable=False),
    Column("confidence", Float, nullable=False, server_default="1.0"),  # below 0.5 the type is a guess
)

mentions = Table(
    "mentions", metadata,
    Column("doc_id", Text, ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
    Column("entity_idx", Integer, primary_key=True),
    Column("start", Integer, primary_key=True),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
)

times = Table(
    "times", metadata,
    Column("doc_id", Text, ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
    Column("idx", Integer, primary_key=True),
    Column("text", Text, nullable=False),
    Column("value", String(40)),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("kind", String(10), nullable=False),
    Column("type", String(10), nullable=False, server_default="DATE"),  # TIMEX3 type (migration 0008)
    Column("anchor", String(40)),  # the date it was resolved against (migration 0008)
)

claims = Table(
    "claims", metadata,
    Column("id", Text, primary_key=True),
    Column("doc_id", Text, ForeignKey("documents.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("idx", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("value", Float, nullable=False),
    Column("value_max", Float),
    Column("approx", Boolean, nullable=False),
    Column("vague", Boolean, nullable=False),
    Column("unit", String(20), nullable=False, index=True),
    Column("measure", Text, nullable=False),
    Column("measure_lemma", Text, nullable=False, index=True),
    Column("source", Text, nullable=False),
    Column("hedged", Boolean, nullable=False),
    Column("hedge", Text, nullable=False),
    Column("time", String(40)),
    Column("sentence", Integer, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    # what the claim's clause says about its count (added to older databases by 0007_claim_clause)
    Column("qualifiers", String(200), nullable=False, default=""),  # space-separated: killed initial ...
    Column("origin", String(200), nullable=False, default=""),
    Column("destination", String(200), nullable=False, default=""),
    Column("bound_side", String(3), nullable=False, default=""),
    # where the figure counts (added to older databases by 0010_claim_place)
    Column("place", Text, nullable=False, default=""),  # canonical places joined by "+", "*" the whole area
    # why it is hedged (added to older databases by 0013_claim_hedge_reason)
    Column("hedge_reason", String(40), nullable=False, default=""),
)

# the columns 0007_claim_clause adds to a claims table made before them
CLAIM_CLAUSE_COLUMNS = ("qualifiers", "origin", "destination", "bound_side")
# the column 0010_claim_place adds
CLAIM_PLACE_COLUMNS = ("place",)
# the column 0013_claim_hedge_reason adds
CLAIM_HEDGE_COLUMNS = ("hedge_reason",)

events = Table(
    "events", metadata,
    Column("doc_id", Text, ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
    Column("idx", Integer, primary_key=True),
    Column("kind", String(40), nullable=False),
    Column("trigger", Text, nullable=False),
    Column("participants", Text, nullable=False),  # JSON list of canonical names
    Column("place", Text),
    Column("time", String(40)),
    Column("sentence", Integer, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
)

claim_entities = Table(
    "claim_entities", metadata,  # derived: the entities mentioned in each claim's sentence
    Column("doc_id", Text, ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
    Column("claim_idx", Integer, primary_key=True),
    Column("canonical", Text, primary_key=True),
)

failures = Table(
    "failures", metadata,
    Column("source", Text, primary_key=True),
    Column("error", Text, nullable=False),
    Column("raw", LargeBinary),  # the raw bytes, kept when small enough
    Column("seen_at", String(40), nullable=False),
    Column("stage", String(20)),  # read, decode, validate, extract, limit, save (0005_failure_stage)
)

raw_files = Table(
    "raw_files", metadata,  # the input file itself when it is binary (PDF, DOCX); documents.raw holds its text
    Column("doc_id", Text, ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
    Column("media_type", String(100), nullable=False),
    Column("data", LargeBinary, nullable=False),
)

fetches = Table(
    "fetches", metadata,  # the last answer for each address fetched: validators for the next run, redirects
    Column("url", Text, primary_key=True),
    Column("final_url", Text, nullable=False),
    Column("status", Integer, nullable=False),
    Column("kind", String(10), nullable=False),  # page, feed or sitemap
    Column("doc_id", Text),  # the document a page became
    Column("etag", Text),
    Column("last_modified", String(100)),
    Column("headers", Text, nullable=False, default="{}"),  # JSON: the headers that matter
    Column("redirects", Text, nullable=False, default="[]"),  # JSON: each address redirected to
    Column("fetched_at", String(40), nullable=False),
    Column("body", LargeBinary),  # a feed's or sitemap's body, re-read when the server answers 304
)

profiles = Table(
    "profiles", metadata,  # the analyst's story profile given last (lagebild/profile.py), as TOML
    Column("id", Integer, primary_key=True),  # always 1: one profile a database
    Column("text", Text, nullable=False),
    Column("saved_at", String(40), nullable=False),
)

# Written by reconcile (lagebild/reconcile/run.py) after every analyze or remove: the claim
# groups with their status and why (the two figures compared), their members, and the
# near-duplicate documents. Read by the web UI, the report and exports (and datasette).
claim_groups = Table(
    "claim_groups", metadata,
    Column("id", Text, primary_key=True),
    Column("position", Integer, nullable=False),  # the order reconcile made them in
    Column("unit", String(20), nullable=False),
    Column("concept", Text, nullable=False),
    Column("measure", Text, nullable=False),
    Column("title", Text, nullable=False, default=""),  # population, place and date, for the analyst
    Column("status", String(10), nullable=False),  # agree, differ or conflict
    Column("reason", Text, nullable=False),  # in English; the UI words `basis` in its language
    Column("basis", String(20), nullable=False),  # see reconcile.groups.Basis
    Column("high_claim", Text),  # the two figures compared (claim ids)
    Column("low_claim", Text),
    Column("gap", Float, nullable=False, default=0.0),
    Column("tolerance", Float, nullable=False),
    Column("members", Integer, nullable=False),
    Column("documents", Integer, nullable=False),
)

group_members = Table(
    "group_members", metadata,
    Column("group_id", Text, primary_key=True),
    Column("claim_id", Text, primary_key=True),
    Column("position", Integer, nullable=False),
    Column("doc_id", Text, nullable=False),
    Column("counted", Boolean, nullable=False),  # false for a near-duplicate's copy of a figure
    Column("vague_basis", Boolean, nullable=False, default=False),  # one of the vague figures the basis names
    Index("ix_group_members_claim", "claim_id", "group_id"),
)

duplicates = Table(
    "duplicates", metadata,  # near-duplicate (syndicated) documents
    Column("doc_id", Text, primary_key=True),
    Column("original_id", Text, nullable=False),
)

GROUP_TABLES = (group_members, claim_groups, duplicates)

# Columns that were VARCHAR(n) before 0004_text_columns: table -> columns now TEXT
WIDENED = {
    "documents": ("id", "outlet"),
    "sentences": ("doc_id",), "entities": ("doc_id", "canonical"), "mentions": ("doc_id", "text"),
    "times": ("doc_id", "text"), "claims": ("id", "doc_id", "measure_lemma", "hedge"),
    "events": ("doc_id", "trigger", "place"), "claim_entities": ("doc_id", "canonical"),
    "search_index": ("ref", "doc_id"), "raw_files": ("doc_id",), "fetches": ("doc_id",),
}

DOCUMENT_CHILDREN = (claim_entities, mentions, entities, times, claims, events, sentences, raw_files)

# Indexes for reading one page at a time on a big corpus (the web UI). Every sort order of
# the claims table ends in (doc_id, idx) and carries the filter columns, so a page walks one
# index; the indexes a filter starts from carry every sort column too, so the matching
# claims are sorted without reading the table. Added to older databases by 0003_read_indexes.
_c = claims.c
READ_INDEXES = (
    Index("ix_documents_published_id", documents.c.published, documents.c.id),
    Index("ix_documents_outlet_published", documents.c.outlet, documents.c.published, documents.c.id),
    Index("ix_documents_language_published", documents.c.language, documents.c.published, documents.c.id),
    Index("ix_documents_id_meta", documents.c.id, documents.c.published, documents.c.outlet),
    Index("ix_documents_analyzed_at", documents.c.analyzed_at),
    Index("ix_claims_doc_idx", _c.doc_id, _c.idx, _c.unit, _c.hedged, _c.value, _c.measure, _c.source, _c.id),
    Index("ix_claims_value_sort", _c.value, _c.doc_id, _c.idx, _c.unit, _c.hedged, _c.source),
    Index("ix_claims_measure_sort", _c.measure, _c.doc_id, _c.idx, _c.unit, _c.hedged, _c.source),
    Index("ix_claims_unit_sort", _c.unit, _c.doc_id, _c.idx, _c.hedged, _c.value, _c.measure, _c.source, _c.id),
    Index("ix_claims_source_sort", _c.source, _c.doc_id, _c.idx, _c.unit, _c.hedged, _c.value, _c.measure, _c.id),
    Index("ix_claims_hedged_sort", _c.hedged, _c.doc_id, _c.idx, _c.unit, _c.value, _c.measure, _c.source, _c.id),
    Index("ix_entities_canonical_doc", entities.c.canonical, entities.c.doc_id, entities.c.type),
    Index("ix_times_kind_value", times.c.kind, times.c.value, times.c.doc_id, times.c.start, times.c.idx),
    Index("ix_events_time", events.c.time, events.c.doc_id, events.c.start, events.c.idx),
    Index("ix_claim_entities_canonical", claim_entities.c.canonical, claim_entities.c.doc_id,
          claim_entities.c.claim_idx),
)

