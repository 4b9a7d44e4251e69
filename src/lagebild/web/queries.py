"""Read-only, paginated queries for the web UI (SQLAlchemy Core, portable SQL).

The `Store` answers whole-corpus questions; the web needs one page at a time, with
filters and sorting pushed into SQL so a page stays fast on a big corpus.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, exists, func, select

from lagebild.store import Store
from lagebild.store import schema as s
from lagebild.timeline import granularity, sort_key

D, C, E, M, S, T, V = (s.documents.c, s.claims.c, s.entities.c, s.mentions.c, s.sentences.c, s.times.c,
                       s.events.c)

CLAIM_SORTS: dict[str, Any] = {"value": C.value, "unit": C.unit, "measure": C.measure, "source": C.source,
                               "hedged": C.hedged, "outlet": D.outlet, "published": D.published, "doc": C.doc_id}


@dataclass(frozen=True)
class Page:
    """One page of rows and the total number of matching rows."""

    total: int
    items: list[dict[str, Any]]
    limit: int
    offset: int

    def record(self) -> dict[str, Any]:
        return {"total": self.total, "limit": self.limit, "offset": self.offset, "items": self.items}


@dataclass(frozen=True)
class ClaimFilter:
    unit: str | None = None
    entity: str | None = None  # canonical name mentioned in the claim's sentence
    source: str | None = None  # substring of the attribution, case-insensitive
    hedged: bool | None = None
    outlet: str | None = None
    doc_id: str | None = None


def _page(store: Store, query: Select[Any], limit: int, offset: int) -> Page:
    with store.engine.connect() as conn:
        total = conn.execute(select(func.count()).select_from(query.order_by(None).subquery())).scalar_one()
        rows = conn.execute(query.limit(limit).offset(offset)).mappings().all()
    return Page(total=total, items=[dict(r) for r in rows], limit=limit, offset=offset)


def _scalars(store: Store, query: Select[Any]) -> list[Any]:
    with store.engine.connect() as conn:
        return list(conn.execute(query).all())


# -- documents -------------------------------------------------------------------
def outlets(store: Store) -> list[tuple[str, int]]:
    q = select(D.outlet, func.count()).where(D.outlet.is_not(None)).group_by(D.outlet)
    return sorted(((r[0], r[1]) for r in _scalars(store, q)), key=lambda r: (-r[1], r[0]))


def languages(store: Store) -> list[tuple[str, int]]:
    q = select(D.language, func.count()).where(D.language.is_not(None)).group_by(D.language)
    return sorted(((r[0], r[1]) for r in _scalars(store, q)), key=lambda r: (-r[1], r[0]))


def published_span(store: Store) -> tuple[str | None, str | None]:
    values = sorted((r[0] for r in _scalars(store, select(D.published).where(D.published.is_not(None))
                                            .distinct())), key=sort_key)
    return (values[0], values[-1]) if values else (None, None)


def list_documents(store: Store, outlet: str | None = None, language: str | None = None, date: str | None = None,
                   limit: int = 50, offset: int = 0) -> Page:
    n_claims = select(func.count()).where(C.doc_id == D.id).scalar_subquery()
    n_entities = select(func.count()).where(E.doc_id == D.id).scalar_subquery()
    q = select(D.id, D.title, D.outlet, D.language, D.published, D.status, D.error, D.url,
               n_claims.label("claims"), n_entities.label("entities"))
    if outlet:
        q = q.where(D.outlet == outlet)
    if language:
        q = q.where(D.language == language)
    if date:
        q = q.where(D.published.startswith(date, autoescape=True))
    return _page(store, q.order_by(D.published.desc(), D.id), limit, offset)


def document_exists(store: Store, doc_id: str) -> bool:
    return bool(_scalars(store, select(D.id).where(D.id == doc_id)))


# -- claims ----------------------------------------------------------------------
def _mentions_entity(name: str) -> ColumnElement[bool]:
    """The claim's sentence contains a mention of the entity `name`."""
    return exists(select(M.start).select_from(s.mentions.join(s.entities, and_(E.doc_id == M.doc_id,
                                                                                E.idx == M.entity_idx))
                         .join(s.sentences, S.doc_id == M.doc_id))
                  .where(M.doc_id == C.doc_id, E.canonical == name, S.idx == C.sentence,
                         M.start >= S.start, M.start < S.end))


def _claim_query(f: ClaimFilter) -> Select[Any]:
    q = (select(C.id, C.doc_id, C.idx, C.text, C.value, C.value_max, C.approx, C.vague, C.unit, C.measure,
                C.measure_lemma, C.source, C.hedged, C.hedge, C.time, C.sentence, C.start, C.end,
                D.outlet, D.title, D.published)
         .join(s.documents, D.id == C.doc_id))
    if f.unit:
        q = q.where(C.unit == f.unit)
    if f.source:
        q = q.where(func.lower(C.source).contains(f.source.lower(), autoescape=True))
    if f.hedged is not None:
        q = q.where(C.hedged.is_(f.hedged))
    if f.outlet:
        q = q.where(D.outlet == f.outlet)
    if f.doc_id:
        q = q.where(C.doc_id == f.doc_id)
    if f.entity:
        q = q.where(_mentions_entity(f.entity))
    return q


def _claim_order(q: Select[Any], sort: str, desc: bool) -> Select[Any]:
    column = CLAIM_SORTS.get(sort, C.doc_id)
    return q.order_by(column.desc() if desc else column.asc(), C.doc_id, C.idx)


def list_claims(store: Store, f: ClaimFilter, sort: str = "doc", desc: bool = False, limit: int = 50,
                offset: int = 0) -> Page:
    return _page(store, _claim_order(_claim_query(f), sort, desc), limit, offset)


def iter_claims(store: Store, f: ClaimFilter, sort: str = "doc", desc: bool = False) -> Iterator[dict[str, Any]]:
    """Every claim matching `f`, streamed in batches (for CSV downloads)."""
    with store.engine.connect() as conn:
        result = conn.execution_options(yield_per=500).execute(_claim_order(_claim_query(f), sort, desc))
        for row in result.mappings():
            yield dict(row)


def units(store: Store) -> list[str]:
    return [r[0] for r in _scalars(store, select(C.unit).distinct().order_by(C.unit))]


def claims_by_ids(store: Store, ids: list[str]) -> dict[str, dict[str, Any]]:
    if not ids:
        return {}
    q = _claim_query(ClaimFilter()).where(C.id.in_(ids))
    with store.engine.connect() as conn:
        return {r["id"]: dict(r) for r in conn.execute(q).mappings()}


# -- entities --------------------------------------------------------------------
def list_entities(store: Store, type_: str | None = None, limit: int = 50, offset: int = 0) -> Page:
    mention_counts = (select(E.canonical.label("canonical"), func.count().label("mentions"))
                      .select_from(s.mentions.join(s.entities, and_(E.doc_id == M.doc_id, E.idx == M.entity_idx)))
                      .group_by(E.canonical).subquery())
    q = (select(E.canonical, func.min(E.type).label("type"), func.count(func.distinct(E.doc_id)).label("documents"),
                func.coalesce(func.max(mention_counts.c.mentions), 0).label("mentions"))
         .select_from(s.entities.outerjoin(mention_counts, mention_counts.c.canonical == E.canonical))
         .group_by(E.canonical))
    if type_:
        q = q.where(E.type == type_)
    q = q.order_by(func.count(func.distinct(E.doc_id)).desc(), func.max(mention_counts.c.mentions).desc(),
                   E.canonical)
    return _page(store, q, limit, offset)


def entity_types(store: Store) -> list[tuple[str, int]]:
    q = select(E.type, func.count(func.distinct(E.canonical))).group_by(E.type).order_by(E.type)
    return [(r[0], r[1]) for r in _scalars(store, q)]


def entity(store: Store, name: str, mention_limit: int = 100) -> dict[str, Any] | None:
    """One entity: type, documents, aliases with counts, mentions in context, co-occurring entities."""
    rows = _scalars(store, select(E.doc_id, E.type).where(E.canonical == name).order_by(E.doc_id))
    if not rows:
        return None
    joined = s.mentions.join(s.entities, and_(E.doc_id == M.doc_id, E.idx == M.entity_idx))
    aliases = _scalars(store, select(M.text, func.count()).select_from(joined).where(E.canonical == name)
                       .group_by(M.text).order_by(func.count().desc(), M.text))
    in_sentence = s.sentences.join(s.documents, D.id == S.doc_id)
    mentions = (select(M.doc_id, M.text, M.start, M.end, S.start.label("s_start"), D.outlet, D.title, D.published,
                       func.substr(D.text, S.start + 1, S.end - S.start).label("sentence"))
                .select_from(joined.join(in_sentence, and_(S.doc_id == M.doc_id, S.start <= M.start,
                                                           M.start < S.end)))
                .where(E.canonical == name).order_by(D.published, M.doc_id, M.start).limit(mention_limit))
    other = s.entities.alias("other")
    co = (select(other.c.canonical, func.min(other.c.type).label("type"),
                 func.count(func.distinct(other.c.doc_id)).label("documents"))
          .select_from(s.entities.join(other, other.c.doc_id == E.doc_id))
          .where(E.canonical == name, other.c.canonical != name).group_by(other.c.canonical)
          .order_by(func.count(func.distinct(other.c.doc_id)).desc(), other.c.canonical).limit(25))
    with store.engine.connect() as conn:
        mention_rows = [dict(r) for r in conn.execute(mentions).mappings()]
        co_rows = [dict(r) for r in conn.execute(co).mappings()]
    return {"canonical": name, "type": rows[0][1], "documents": sorted({r[0] for r in rows}),
            "aliases": [{"text": a[0], "count": a[1]} for a in aliases], "mentions": mention_rows,
            "cooccurring": co_rows}


# -- timeline --------------------------------------------------------------------
def timeline_rows(store: Store) -> list[dict[str, Any]]:
    """Dated expressions and events of all documents in time order, with their sentence."""
    sentence = func.substr(D.text, S.start + 1, S.end - S.start)
    times = (select(T.doc_id, T.text, T.value, T.start, D.outlet, D.title, sentence.label("sentence"))
             .select_from(s.times.join(s.documents, D.id == T.doc_id)
                          .outerjoin(s.sentences, and_(S.doc_id == T.doc_id, S.start <= T.start, T.start < S.end)))
             .where(T.value.is_not(None), T.kind == "date"))
    events = (select(V.doc_id, V.trigger, V.time, V.kind, D.outlet, D.title, sentence.label("sentence"))
              .select_from(s.events.join(s.documents, D.id == V.doc_id)
                           .outerjoin(s.sentences, and_(S.doc_id == V.doc_id, S.idx == V.sentence)))
              .where(V.time.is_not(None)))
    rows = []
    with store.engine.connect() as conn:
        for r in conn.execute(times).mappings():
            rows.append({"value": r["value"], "text": r["text"], "kind": "time", "doc_id": r["doc_id"],
                         "outlet": r["outlet"], "title": r["title"], "sentence": r["sentence"] or "",
                         "start": r["start"]})
        for r in conn.execute(events).mappings():
            rows.append({"value": r["time"], "text": r["trigger"], "kind": r["kind"], "doc_id": r["doc_id"],
                         "outlet": r["outlet"], "title": r["title"], "sentence": r["sentence"] or "", "start": None})
    dated = [{**r, "granularity": granularity(r["value"])} for r in rows if granularity(r["value"])]
    return sorted(dated, key=lambda r: (sort_key(r["value"]), r["doc_id"], r["start"] or 0))
