"""Read-only, paginated queries for the web UI and the API (SQLAlchemy Core, portable SQL).

The `Store` answers whole-corpus questions; the web needs one page at a time, with
filters and sorting pushed into SQL so that a page stays fast on a big corpus
(100k documents, 750k claims): every sort order is an index (store/schema.py,
READ_INDEXES), a page first selects the ids of its rows from that index and only
then reads the rows, and counts never join what they do not filter on.

Results that cannot change while serving (counts, facets) are cached by the caller,
`WebState`; the functions here always go to the database.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, func, literal, select, tuple_, union_all

from lagebild.store import Store
from lagebild.store import schema as s
from lagebild.timeline import granularity, sort_key

D, C, E, M, S, T, V, CE = (s.documents.c, s.claims.c, s.entities.c, s.mentions.c, s.sentences.c, s.times.c,
                           s.events.c, s.claim_entities.c)
G, GM = s.claim_groups.c, s.group_members.c

CLAIM_SORTS: dict[str, Any] = {"value": C.value, "unit": C.unit, "measure": C.measure, "source": C.source,
                               "hedged": C.hedged, "outlet": D.outlet, "published": D.published, "doc": C.doc_id}
SELECTIVE = 100_000  # a filter matching at most this many claims drives the query; else the sort order does
MAX_SOURCES = 500  # attributions matching a "source" filter looked up exactly; more fall back to LIKE


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
    sources: tuple[str, ...] | None = None  # the attributions `source` matches, when resolved (see resolve_sources)

    def is_empty(self) -> bool:
        return self == ClaimFilter()


def _rows(store: Store, query: Select[Any]) -> list[dict[str, Any]]:
    with store.engine.connect() as conn:
        return [dict(r) for r in conn.execute(query).mappings()]


def _scalars(store: Store, query: Select[Any]) -> list[Any]:
    with store.engine.connect() as conn:
        return list(conn.execute(query).all())


def _count(store: Store, query: Select[Any]) -> int:
    with store.engine.connect() as conn:
        return int(conn.execute(query).scalar_one())


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


def _document_conditions(outlet: str | None, language: str | None, date: str | None) -> list[ColumnElement[bool]]:
    conditions = []
    if outlet:
        conditions.append(D.outlet == outlet)
    if language:
        conditions.append(D.language == language)
    if date:
        conditions.append(D.published.startswith(date, autoescape=True))
    return conditions


def count_documents(store: Store, outlet: str | None = None, language: str | None = None,
                    date: str | None = None) -> int:
    return _count(store, select(func.count()).select_from(s.documents)
                  .where(*_document_conditions(outlet, language, date)))


def list_documents(store: Store, outlet: str | None = None, language: str | None = None, date: str | None = None,
                   limit: int = 50, offset: int = 0, total: int | None = None) -> Page:
    """Newest first (ties: higher id first), with the number of claims and entities of each."""
    if total is None:
        total = count_documents(store, outlet, language, date)
    n_claims = select(func.count()).where(C.doc_id == D.id).scalar_subquery()
    n_entities = select(func.count()).where(E.doc_id == D.id).scalar_subquery()
    q = (select(D.id, D.title, D.outlet, D.language, D.published, D.status, D.error, D.url,
                n_claims.label("claims"), n_entities.label("entities"))
         .where(*_document_conditions(outlet, language, date))
         .order_by(D.published.desc(), D.id.desc()).limit(limit).offset(offset))
    return Page(total=total, items=_rows(store, q), limit=limit, offset=offset)


def document_exists(store: Store, doc_id: str) -> bool:
    return bool(_scalars(store, select(D.id).where(D.id == doc_id)))


# -- claims ----------------------------------------------------------------------
def attributions(store: Store) -> list[str]:
    """Every distinct attribution ("source") of a claim."""
    return [r[0] for r in _scalars(store, select(C.source).distinct().order_by(C.source))]


def resolve_sources(f: ClaimFilter, known: Sequence[str]) -> ClaimFilter:
    """`f` with its source substring turned into the exact attributions it matches, so the
    filter is an index lookup instead of a scan (unless it matches very many)."""
    if not f.source or f.sources is not None:
        return f
    needle = f.source.lower()
    matches = tuple(a for a in known if needle in a.lower())
    return replace(f, sources=matches) if len(matches) <= MAX_SOURCES else f


def _unindexed(column: Any, default: Any) -> Any:
    """The column as an expression no index serves (so the sort order's index is scanned)."""
    return func.coalesce(column, default)


def _claim_conditions(f: ClaimFilter, drive: bool, sort: str = "doc") -> list[ColumnElement[bool]]:
    """The filter as SQL conditions on claims. With `drive`, filters use their indexes (a
    selective filter); without, they are checked row by row along the sort order's index,
    except a filter on the sorted column itself."""
    def col(column: Any, default: Any, name: str) -> Any:
        return column if drive or sort == name else _unindexed(column, default)

    out: list[ColumnElement[bool]] = []
    if f.unit:
        out.append(col(C.unit, "", "unit") == f.unit)
    if f.sources is not None:
        out.append(col(C.source, "", "source").in_(f.sources))
    elif f.source:
        out.append(func.lower(C.source).contains(f.source.lower(), autoescape=True))
    if f.hedged is not None:
        out.append(col(C.hedged, False, "hedged").is_(f.hedged))
    if f.outlet:
        out.append(col(C.doc_id, "", "outlet").in_(select(D.id).where(D.outlet == f.outlet)))
    if f.doc_id:
        out.append(C.doc_id == f.doc_id)
    if f.entity and not drive:  # collected once, then probed row by row along the sort order
        out.append(tuple_(_unindexed(C.doc_id, ""), C.idx).in_(
            select(CE.doc_id, CE.claim_idx).where(CE.canonical == f.entity)))
    return out


def _claims_from(f: ClaimFilter, drive: bool, with_documents: bool) -> Any:
    """claims, joined with the entity links (a driving entity filter) and documents when needed."""
    source: Any = s.claims
    if f.entity and drive:
        source = source.join(s.claim_entities, and_(CE.doc_id == C.doc_id, CE.claim_idx == C.idx,
                                                    CE.canonical == f.entity))
    if with_documents:
        source = source.join(s.documents, D.id == C.doc_id)
    return source


def count_claims(store: Store, f: ClaimFilter) -> int:
    if f.entity and replace(f, entity=None).is_empty():  # the links alone answer it
        return _count(store, select(func.count()).select_from(s.claim_entities).where(CE.canonical == f.entity))
    return _count(store, select(func.count()).select_from(_claims_from(f, True, False))
                  .where(*_claim_conditions(f, drive=True)))


def _claim_order(sort: str, desc: bool, via_entity: bool = False) -> list[Any]:
    """The sort column, then document and position; descending reverses the whole order.
    `via_entity`: the rows come from an entity's links, which are in document order already."""
    position = [CE.doc_id, CE.claim_idx] if via_entity else [C.doc_id, C.idx]
    keys = [CLAIM_SORTS[sort], *position] if sort in CLAIM_SORTS and sort != "doc" else position
    return [k.desc() for k in keys] if desc else keys


CLAIM_COLUMNS = (C.id, C.doc_id, C.idx, C.text, C.value, C.value_max, C.approx, C.vague, C.unit, C.measure,
                 C.measure_lemma, C.source, C.hedged, C.hedge, C.hedge_reason, C.time, C.sentence, C.start, C.end,
                 C.bound_side,
                 D.outlet, D.title, D.published)


def _claim_rows_query(f: ClaimFilter, sort: str, desc: bool, drive: bool, full: bool = False) -> Select[Any]:
    """The claims matching `f` in sort order; `full` adds the document's URL, the sentence
    (`sentence_text`) and the id and status of the claim's group (what claims.csv holds)."""
    if not full:
        return (select(*CLAIM_COLUMNS).select_from(_claims_from(f, drive, True))
                .where(*_claim_conditions(f, drive, sort)).order_by(*_claim_order(sort, desc)))
    member = select(GM.claim_id, func.min(GM.group_id).label("group_id")).group_by(GM.claim_id).subquery()
    sentence = func.substr(D.text, S.start + 1, S.end - S.start).label("sentence_text")
    joined = (_claims_from(f, drive, True)
              .outerjoin(s.sentences, and_(S.doc_id == C.doc_id, S.idx == C.sentence))
              .outerjoin(member, member.c.claim_id == C.id)
              .outerjoin(s.claim_groups, G.id == member.c.group_id))
    return (select(*CLAIM_COLUMNS, D.url, sentence, member.c.group_id, G.status).select_from(joined)
            .where(*_claim_conditions(f, drive, sort)).order_by(*_claim_order(sort, desc)))


def list_claims(store: Store, f: ClaimFilter, sort: str = "doc", desc: bool = False, limit: int = 50,
                offset: int = 0, total: int | None = None, selective: int = SELECTIVE) -> Page:
    """One page of claims: the ids of the page along the sort order first, then their rows.
    A filter matching at most `selective` claims is looked up first, otherwise the sort
    order's index is walked and the filter checked along it. An entity's claims in
    document order are its links' order: always looked up first."""
    if total is None:
        total = count_claims(store, f)
    drive = not f.is_empty() and (total <= selective or bool(f.entity and sort == "doc"))
    by_document = sort in ("outlet", "published")
    ids = (select(C.id).select_from(_claims_from(f, drive, by_document))
           .where(*_claim_conditions(f, drive, sort)).order_by(*_claim_order(sort, desc, bool(drive and f.entity)))
           .limit(limit).offset(offset))
    q = (select(*CLAIM_COLUMNS).select_from(s.claims.join(s.documents, D.id == C.doc_id))
         .where(C.id.in_(ids)).order_by(*_claim_order(sort, desc)))
    return Page(total=total, items=_rows(store, q), limit=limit, offset=offset)


def iter_claims(store: Store, f: ClaimFilter, sort: str = "doc", desc: bool = False) -> Iterator[dict[str, Any]]:
    """Every claim matching `f`, streamed in batches (for CSV downloads), with its
    document's URL, its sentence (`sentence_text`) and the id and status of its group."""
    q = _claim_rows_query(f, sort, desc, drive=True, full=True)
    with store.engine.connect() as conn:
        result = conn.execution_options(yield_per=500).execute(q)
        for row in result.mappings():
            yield dict(row)


def units(store: Store) -> list[str]:
    return [r[0] for r in _scalars(store, select(C.unit).distinct().order_by(C.unit))]


def claim_facets(store: Store) -> dict[tuple[str, bool], int]:
    """Claims per (unit, hedged): the counts of the cheapest and most used filters."""
    q = select(C.unit, C.hedged, func.count()).group_by(C.unit, C.hedged)
    return {(r[0], bool(r[1])): r[2] for r in _scalars(store, q)}


def claims_by_ids(store: Store, ids: list[str]) -> dict[str, dict[str, Any]]:
    if not ids:
        return {}
    q = select(*CLAIM_COLUMNS).select_from(s.claims.join(s.documents, D.id == C.doc_id)).where(C.id.in_(ids))
    with store.engine.connect() as conn:
        return {r["id"]: dict(r) for r in conn.execute(q).mappings()}


# -- timeline --------------------------------------------------------------------
def timeline_buckets(store: Store) -> list[tuple[str, int]]:
    """(value, number of rows) for every dated value of times and events, in time order."""
    counts: Counter[str] = Counter()
    times = select(T.value, func.count()).where(T.kind == "date", T.value.is_not(None)).group_by(T.value)
    events = select(V.time, func.count()).where(V.time.is_not(None)).group_by(V.time)
    for value, n in _scalars(store, times) + _scalars(store, events):
        counts[value] += n
    return sorted(((v, n) for v, n in counts.items() if granularity(v)), key=lambda r: (sort_key(r[0]), r[0]))


def _slices(buckets: Sequence[tuple[str, int]], offset: int, limit: int) -> list[tuple[str, int, int]]:
    """(value, rows to skip, rows to take) of the buckets that rows [offset, offset + limit) fall in."""
    out, pos = [], 0
    for value, n in buckets:
        if pos >= offset + limit:
            break
        if pos + n > offset:
            skip = max(0, offset - pos)
            out.append((value, skip, min(n, offset + limit - pos) - skip))
        pos += n
    return out


def _timeline_keys(store: Store, value: str, skip: int, take: int) -> list[tuple[str, str, int]]:
    """(kind of row, doc id, idx) of one value's times and events, by document and position
    (two index ranges merged by the database)."""
    times = select(literal("time").label("src"), T.doc_id, T.idx, T.start.label("pos")).where(
        T.kind == "date", T.value == value)
    events = select(literal("event").label("src"), V.doc_id, V.idx, V.start.label("pos")).where(V.time == value)
    q = union_all(times, events).order_by("doc_id", "pos").limit(take).offset(skip)
    with store.engine.connect() as conn:
        return [(r[0], r[1], r[2]) for r in conn.execute(q)]


def _timeline_details(store: Store, value: str, keys: list[tuple[str, str, int]],
                      sentences: bool) -> dict[tuple[str, str, int], dict[str, Any]]:
    """The rows of one value behind the keys, with document outlet and title (and sentence)."""
    sentence = func.substr(D.text, S.start + 1, S.end - S.start) if sentences else literal("")
    docs = sorted({d for _, d, _ in keys})
    times = (select(T.doc_id, T.idx, T.text, T.value, T.start, D.outlet, D.title, sentence.label("sentence"))
             .select_from(s.times.join(s.documents, D.id == T.doc_id)
                          .outerjoin(s.sentences, and_(S.doc_id == T.doc_id, S.start <= T.start, T.start < S.end)))
             .where(T.kind == "date", T.value == value, T.doc_id.in_(docs)))
    events = (select(V.doc_id, V.idx, V.trigger, V.time, V.kind, D.outlet, D.title, sentence.label("sentence"))
              .select_from(s.events.join(s.documents, D.id == V.doc_id)
                           .outerjoin(s.sentences, and_(S.doc_id == V.doc_id, S.idx == V.sentence)))
              .where(V.time == value, V.doc_id.in_(docs)))
    out: dict[tuple[str, str, int], dict[str, Any]] = {}
    for r in _rows(store, times):
        out[("time", r["doc_id"], r["idx"])] = {
            "value": r["value"], "text": r["text"], "kind": "time", "doc_id": r["doc_id"], "outlet": r["outlet"],
            "title": r["title"], "sentence": r["sentence"] or "", "start": r["start"]}
    for r in _rows(store, events):
        out[("event", r["doc_id"], r["idx"])] = {
            "value": r["time"], "text": r["trigger"], "kind": r["kind"], "doc_id": r["doc_id"], "outlet": r["outlet"],
            "title": r["title"], "sentence": r["sentence"] or "", "start": None}
    return out


def timeline_page(store: Store, buckets: Sequence[tuple[str, int]], offset: int, limit: int,
                  sentences: bool = True) -> list[dict[str, Any]]:
    """Rows [offset, offset + limit) of the timeline: dated expressions and events in time
    order, then by document and position, each with its sentence."""
    rows = []
    for value, skip, take in _slices(buckets, offset, limit):
        keys = _timeline_keys(store, value, skip, take)
        details = _timeline_details(store, value, keys, sentences)
        rows += [{**details[k], "granularity": granularity(value)} for k in keys if k in details]
    return rows
