"""The store: writes analyzed Documents and reads them back (SQLAlchemy Core).

All SQL lives in this package. Every write of one document happens in one
transaction: its old rows are deleted and the new ones inserted, so re-analyzing
replaces and never duplicates.
"""
from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Engine, Result, and_, delete, func, inspect, select, update
from sqlalchemy.exc import OperationalError, SQLAlchemyError

from lagebild.errors import StoreError
from lagebild.model import Claim, Document, Entity, Event, Line, Mention, Sentence, TimeExpr
from lagebild.store import schema as s
from lagebild.store.dialect import busy_or_read_only, make_engine, sqlite_file, update_statistics
from lagebild.store.migrations import migrate, pending

DEFAULT_DB = "sqlite:///lagebild.db"


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class Store:
    """A lagebild database. `Store(url)` opens it and applies pending migrations."""

    def __init__(self, url: str = DEFAULT_DB, create: bool = True, read_only: bool = False) -> None:
        """Open the database at `url`; with `create=False` one that does not exist (or holds
        no lagebild data) is refused instead of created. `read_only` (implies `create=False`)
        never writes: a database that needs a migration is refused with the command that
        applies it."""
        self.url = url
        create = create and not read_only
        if not create:
            _require_file(url)
        try:
            self.engine = make_engine(url)
            if not create:
                _require_tables(self.engine, url)
            if read_only:
                _require_migrated(self.engine, url)
            else:
                migrate(self.engine)
        except (OperationalError, SQLAlchemyError, ImportError) as exc:
            if clear := busy_or_read_only(exc, url):
                raise StoreError(clear) from exc
            raise StoreError(f"cannot open the database {url!r}: {exc.__class__.__name__}: "
                             f"{str(exc).splitlines()[0]}. Check the --db URL (e.g. sqlite:///lagebild.db "
                             "or postgresql://user@127.0.0.1/lagebild) and that the server is running.") from exc

    def close(self) -> None:
        self.engine.dispose()

    @contextlib.contextmanager
    def _writing(self) -> Iterator[Connection]:
        """One write transaction; a busy or read-only database is a StoreError that says so
        (other errors, such as a value the database refuses, are the document's own)."""
        try:
            with self.engine.begin() as conn:
                yield conn
        except OperationalError as exc:
            if clear := busy_or_read_only(exc, self.url):
                raise StoreError(clear) from exc
            raise

    def check_writable(self) -> None:
        """Raise StoreError now, before any work, when the database cannot be written."""
        with self._writing() as conn:
            conn.execute(update(s.migrations).where(s.migrations.c.name == "").values(applied_at=""))

    def optimize(self) -> None:
        """Refresh the planner statistics after a batch of writes (cheap: it samples)."""
        with self.engine.begin() as conn:
            update_statistics(conn)

    # -- writing -----------------------------------------------------------------
    def content_hash(self, doc_id: str) -> str | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(s.documents.c.content_hash, s.documents.c.status)
                               .where(s.documents.c.id == doc_id)).first()
        return row.content_hash if row and row.status == "ok" else None

    def content_hashes(self, doc_ids: list[str]) -> dict[str, str]:
        """The content hash of each of `doc_ids` that is stored and analyzed (one query)."""
        c = s.documents.c
        with self.engine.connect() as conn:
            rows = conn.execute(select(c.id, c.content_hash).where(c.id.in_(doc_ids), c.status == "ok"))
            return {row.id: row.content_hash for row in rows}

    def save(self, doc: Document, error: str | None = None) -> None:
        """Write one document in its own transaction (a failure rolls back this document only)."""
        self.save_many([(doc, error)])

    def save_many(self, docs: list[tuple[Document, str | None]]) -> None:
        """Write documents (each with its stage error or None) in one transaction and clear
        their sources' failures; old rows of the same ids are replaced, so writing a batch
        twice (a retried worker) leaves what writing it once does."""
        with self._writing() as conn:
            for doc, error in docs:
                self._delete(conn, doc.id)
                conn.execute(s.documents.insert().values(**_document_row(doc, error)))
                if doc.raw_bytes is not None:
                    conn.execute(s.raw_files.insert().values(doc_id=doc.id, data=doc.raw_bytes,
                                                             media_type=MEDIA_TYPES.get(doc.raw_format, "")))
                if error is None:
                    self._insert_children(conn, doc)
            sources = sorted({doc.source for doc, _ in docs})
            if sources:
                conn.execute(delete(s.failures).where(s.failures.c.source.in_(sources)))

    def remove(self, doc_ids: list[str]) -> None:
        """Delete documents with everything extracted from them, in one transaction."""
        with self._writing() as conn:
            for doc_id in doc_ids:
                self._delete(conn, doc_id)

    def forget_failures(self, sources: list[str]) -> None:
        with self._writing() as conn:
            for source in sources:
                conn.execute(delete(s.failures).where(s.failures.c.source == source))

    def save_profile(self, text: str) -> None:
        """Keep `text` (a story profile's TOML) as the corpus's profile; "" clears it."""
        with self._writing() as conn:
            conn.execute(delete(s.profiles))
            if text.strip():
                conn.execute(s.profiles.insert().values(id=1, text=text, saved_at=_now()))

    def profile_text(self) -> str:
        """The stored profile's TOML ("" when none was given)."""
        with self.engine.connect() as conn:
            return conn.execute(select(s.profiles.c.text)).scalar() or ""

    # -- what was fetched ------------------------------------------------------------
    def remember_fetch(self, row: dict[str, Any]) -> None:
        """Keep the last answer for an address (`fetches` columns; headers and redirects as lists/dicts)."""
        row = {**row, "headers": json.dumps(row.get("headers", {})), "redirects": json.dumps(row.get("redirects", []))}
        with self._writing() as conn:
            conn.execute(delete(s.fetches).where(s.fetches.c.url == row["url"]))
            conn.execute(s.fetches.insert().values(**row))

    def fetch_row(self, url: str) -> dict[str, Any] | None:
        """The last answer kept for an address, with `stored` telling whether its document is
        stored and analyzed."""
        f, d = s.fetches.c, s.documents.c
        with self.engine.connect() as conn:
            row = conn.execute(select(s.fetches, d.status.label("doc_status"))
                               .outerjoin(s.documents, d.id == f.doc_id).where(f.url == url)).mappings().first()
        if row is None:
            return None
        out = dict(row)
        out["stored"] = out.pop("doc_status") == "ok"
        return out

    def has_url(self, url: str) -> bool:
        """Whether a document fetched from `url` is stored."""
        f, d = s.fetches.c, s.documents.c
        with self.engine.connect() as conn:
            q = select(d.id).join(s.fetches, f.doc_id == d.id).where(f.url == url).limit(1)
            return conn.execute(q).first() is not None

    def raw_file(self, doc_id: str) -> bytes | None:
        """The input file of a document that came from a binary format (PDF, DOCX)."""
        with self.engine.connect() as conn:
            return conn.execute(select(s.raw_files.c.data).where(s.raw_files.c.doc_id == doc_id)).scalar()

    def save_failure(self, source: str, error: str, raw: bytes | None = None, stage: str | None = None) -> None:
        with self._writing() as conn:
            conn.execute(delete(s.failures).where(s.failures.c.source == source))
            conn.execute(s.failures.insert().values(source=source, error=error, raw=raw, seen_at=_now(), stage=stage))

    def clear_failure(self, source: str) -> None:
        with self._writing() as conn:
            conn.execute(delete(s.failures).where(s.failures.c.source == source))

    @staticmethod
    def _delete(conn: Connection, doc_id: str) -> None:
        for table in s.DOCUMENT_CHILDREN:
            conn.execute(delete(table).where(table.c.doc_id == doc_id))
        conn.execute(delete(s.documents).where(s.documents.c.id == doc_id))

    @staticmethod
    def _insert_children(conn: Connection, doc: Document) -> None:
        def put(table: Any, rows: list[dict[str, Any]]) -> None:
            if rows:
                conn.execute(table.insert(), rows)

        put(s.sentences, [{"doc_id": doc.id, "idx": x.index, "start": x.start, "end": x.end} for x in doc.sentences])
        put(s.entities, [{"doc_id": doc.id, "idx": i, "canonical": e.canonical, "type": e.type,
                          "confidence": e.confidence} for i, e in enumerate(doc.entities)])
        put(s.mentions, list({(i, m.start): {"doc_id": doc.id, "entity_idx": i, "start": m.start, "end": m.end,
                                             "text": m.text}
                              for i, e in enumerate(doc.entities) for m in e.mentions}.values()))
        put(s.times, [{"doc_id": doc.id, "idx": i, "text": t.text, "value": t.value, "start": t.start,
                       "end": t.end, "kind": t.kind, "type": t.type, "anchor": t.anchor}
                      for i, t in enumerate(doc.times)])
        put(s.claims, [_claim_row(doc.id, i, c) for i, c in enumerate(doc.claims)])
        put(s.events, [{"doc_id": doc.id, "idx": i, "kind": e.kind, "trigger": e.trigger,
                        "participants": json.dumps(e.participants, ensure_ascii=False), "place": e.place,
                        "time": e.time, "sentence": e.sentence, "start": e.start, "end": e.end}
                       for i, e in enumerate(doc.events)])
        put(s.claim_entities, [{"doc_id": doc.id, "claim_idx": i, "canonical": name}
                               for i, names in enumerate(_claim_entities(doc)) for name in names])

    # -- reading -----------------------------------------------------------------
    def document_ids(self) -> list[str]:
        with self.engine.connect() as conn:
            return list(conn.execute(select(s.documents.c.id).order_by(s.documents.c.id)).scalars())

    def document_rows(self) -> list[dict[str, Any]]:
        """Document metadata without text or annotations (cheap)."""
        c = s.documents.c
        with self.engine.connect() as conn:
            q = select(c.id, c.source, c.title, c.outlet, c.language, c.published, c.url, c.status,
                       c.error).order_by(c.id)
            return [dict(r) for r in conn.execute(q).mappings().all()]

    def document_origins(self) -> list[dict[str, Any]]:
        """(id, source, url) of every document: where each came from."""
        c = s.documents.c
        with self.engine.connect() as conn:
            return [dict(r) for r in conn.execute(select(c.id, c.source, c.url).order_by(c.id)).mappings()]

    def document_texts(self) -> Iterator[tuple[str, str]]:
        """(id, clean text) of every document, in id order, streamed (no annotations loaded)."""
        c = s.documents.c
        with self.engine.connect() as conn:
            result = conn.execution_options(yield_per=1000).execute(select(c.id, c.text).order_by(c.id))
            for row in result:
                yield row[0], row[1]

    def load(self, doc_id: str) -> Document | None:
        docs = list(self.documents([doc_id]))
        return docs[0] if docs else None

    def documents(self, ids: list[str] | None = None) -> Iterator[Document]:
        """Documents with everything extracted, in id order."""
        with self.engine.connect() as conn:
            q = select(s.documents).order_by(s.documents.c.id)
            if ids is not None:
                q = q.where(s.documents.c.id.in_(ids))
            for row in conn.execute(q).mappings().all():
                yield _load_document(conn, row)

    def failures(self) -> list[dict[str, Any]]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(s.failures.c.source, s.failures.c.stage, s.failures.c.error,
                                       s.failures.c.seen_at).order_by(s.failures.c.source)).mappings().all()
        return [dict(r) for r in rows]

    def counts(self) -> dict[str, int]:
        with self.engine.connect() as conn:
            out = {}
            for name, table in (("documents", s.documents), ("claims", s.claims), ("times", s.times),
                                ("events", s.events), ("failures", s.failures)):
                out[name] = conn.execute(select(func.count()).select_from(table)).scalar_one()
            out["entities"] = conn.execute(select(func.count(func.distinct(s.entities.c.canonical)))).scalar_one()
            out["failed_documents"] = conn.execute(select(func.count()).select_from(s.documents)
                                                   .where(s.documents.c.status != "ok")).scalar_one()
        return out

    def claim_rows(self) -> list[dict[str, Any]]:
        """Every claim with its document's outlet, title and published date, and its
        sentence as `context` (what the clause says about the count matters for grouping)."""
        sent, doc = s.sentences.c, s.documents.c
        context = func.substr(doc.text, sent.start + 1, sent.end - sent.start).label("context")
        with self.engine.connect() as conn:
            q = (select(s.claims, doc.outlet, doc.title, doc.published, doc.url, doc.source.label("doc_source"),
                        context)
                 .join(s.documents, doc.id == s.claims.c.doc_id)
                 .outerjoin(s.sentences, and_(sent.doc_id == s.claims.c.doc_id, sent.idx == s.claims.c.sentence))
                 .order_by(s.claims.c.doc_id, s.claims.c.idx))
            return _dicts(conn.execute(q))

    def entity_rows(self) -> list[dict[str, Any]]:
        """Entities across documents as stored: canonical, type, documents, mentions, aliases
        (`reconcile.entities.resolve` merges spellings across documents)."""
        with self.engine.connect() as conn:
            ents = conn.execute(select(s.entities)).mappings().all()
            ments = conn.execute(select(s.mentions.c.doc_id, s.mentions.c.entity_idx, s.mentions.c.text))\
                .mappings().all()
        by_key: dict[tuple[str, int], str] = {(e["doc_id"], e["idx"]): e["canonical"] for e in ents}
        out: dict[str, dict[str, Any]] = {}
        for e in ents:
            row = out.setdefault(e["canonical"], {"canonical": e["canonical"], "type": e["type"], "documents": set(),
                                                  "mentions": 0, "aliases": {}})
            row["documents"].add(e["doc_id"])
        for m in ments:
            canonical = by_key.get((m["doc_id"], m["entity_idx"]))
            if canonical:
                out[canonical]["mentions"] += 1
                out[canonical]["aliases"][m["text"]] = None
        return [{**r, "documents": sorted(r["documents"]), "aliases": list(r["aliases"])} for r in out.values()]


MEDIA_TYPES = {"pdf": "application/pdf",
               "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}


def _require_file(url: str) -> None:
    path = sqlite_file(url)
    if path is not None and not os.path.exists(path):
        raise StoreError(f"there is no database at {path}; create it by analyzing articles into it, e.g. "
                         f"`lagebild analyze FOLDER --db sqlite:///{path}`")


def _require_migrated(engine: Engine, url: str) -> None:
    if todo := pending(engine):
        raise StoreError(f"the database {url!r} needs updating ({', '.join(todo)}); run "
                         f"`lagebild reconcile --db {url}` once with write access, then start again")


def _require_tables(engine: Engine, url: str) -> None:
    with engine.connect() as conn:
        if not inspect(conn).has_table(s.documents.name):
            raise StoreError(f"the database {url!r} holds no lagebild data; analyze articles into it first, "
                             f"e.g. `lagebild analyze FOLDER --db {url}`")


def _document_row(doc: Document, error: str | None) -> dict[str, Any]:
    lines = [[ln.number, ln.keep, ln.reason, ln.text] for ln in doc.lines]
    return {
        "id": doc.id, "source": doc.source, "content_hash": doc.meta.get("content_hash", ""),
        "raw_format": doc.raw_format, "raw": doc.raw, "raw_text": doc.raw_text, "title": doc.title,
        "outlet": doc.outlet, "url": doc.url, "language": doc.language, "published": doc.published,
        "text": doc.text, "lines": json.dumps(lines, ensure_ascii=False),
        "meta": json.dumps(doc.meta, ensure_ascii=False, default=str),
        "status": "failed" if error else "ok", "error": error, "analyzed_at": _now(),
    }


def _claim_row(doc_id: str, idx: int, c: Claim) -> dict[str, Any]:
    return {
        "id": c.id or f"{doc_id}:c{idx}", "doc_id": doc_id, "idx": idx, "text": c.text, "value": c.value,
        "value_max": c.value_max, "approx": c.approx, "vague": c.vague, "unit": c.unit, "measure": c.measure,
        "measure_lemma": c.measure_lemma, "source": c.source, "hedged": c.hedged, "hedge": c.hedge,
        "hedge_reason": c.hedge_reason,
        "time": c.time, "sentence": c.sentence, "start": c.start, "end": c.end,
        "qualifiers": " ".join(c.qualifiers), "origin": c.origin, "destination": c.destination,
        "bound_side": c.bound_side, "place": c.place,
    }


def _dicts(result: Result[Any]) -> list[dict[str, Any]]:
    """Rows as dicts (zip is much cheaper than SQLAlchemy's mappings on a million rows)."""
    keys = list(result.keys())
    return [dict(zip(keys, row, strict=True)) for row in result]


def _claim_entities(doc: Document) -> list[list[str]]:
    """For each claim, the canonical names of the entities mentioned in its sentence."""
    spans = {x.index: (x.start, x.end) for x in doc.sentences}
    out = []
    for c in doc.claims:
        start, end = spans.get(c.sentence, (0, -1))
        out.append(sorted({e.canonical for e in doc.entities for m in e.mentions if start <= m.start < end}))
    return out


def _load_document(conn: Connection, row: Any) -> Document:
    doc_id = row["id"]
    doc = Document(id=doc_id, source=row["source"], raw=row["raw"], raw_format=row["raw_format"],
                   raw_text=row["raw_text"], title=row["title"], outlet=row["outlet"], url=row["url"],
                   language=row["language"], published=row["published"], text=row["text"],
                   meta=json.loads(row["meta"] or "{}"))
    doc.meta["status"], doc.meta["error"] = row["status"], row["error"]
    doc.lines = [Line(number=n, text=t, keep=k, reason=r) for n, k, r, t in json.loads(row["lines"] or "[]")]

    def rows(table: Any, order: Any) -> list[Any]:
        return list(conn.execute(select(table).where(table.c.doc_id == doc_id).order_by(*order)).mappings())

    doc.sentences = [Sentence(index=r["idx"], start=r["start"], end=r["end"], text=doc.text[r["start"]:r["end"]])
                     for r in rows(s.sentences, [s.sentences.c.idx])]
    mentions: dict[int, list[Mention]] = {}
    for r in rows(s.mentions, [s.mentions.c.entity_idx, s.mentions.c.start]):
        mentions.setdefault(r["entity_idx"], []).append(Mention(text=r["text"], start=r["start"], end=r["end"]))
    doc.entities = [Entity(canonical=r["canonical"], type=r["type"], mentions=mentions.get(r["idx"], []),
                           confidence=r["confidence"]) for r in rows(s.entities, [s.entities.c.idx])]
    doc.times = [TimeExpr(text=r["text"], value=r["value"], start=r["start"], end=r["end"], kind=r["kind"],
                          type=r["type"], anchor=r["anchor"]) for r in rows(s.times, [s.times.c.idx])]
    doc.claims = [Claim(id=r["id"], text=r["text"], value=r["value"], value_max=r["value_max"], approx=r["approx"],
                        vague=r["vague"], unit=r["unit"], measure=r["measure"], measure_lemma=r["measure_lemma"],
                        source=r["source"], hedged=r["hedged"], hedge=r["hedge"],
                        hedge_reason=r["hedge_reason"] or "", time=r["time"],
                        sentence=r["sentence"], start=r["start"], end=r["end"],
                        qualifiers=tuple((r["qualifiers"] or "").split()), origin=r["origin"] or "",
                        destination=r["destination"] or "", bound_side=r["bound_side"] or "",
                        place=r["place"] or "")
                  for r in rows(s.claims, [s.claims.c.idx])]
    doc.events = [Event(kind=r["kind"], trigger=r["trigger"], start=r["start"], end=r["end"], sentence=r["sentence"],
                        participants=json.loads(r["participants"]), place=r["place"], time=r["time"])
                  for r in rows(s.events, [s.events.c.idx])]
    return doc
