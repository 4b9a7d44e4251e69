"""Entities for the web UI: the entity table, computed once per start, and an entity's page.

Counting documents, mentions and spellings per entity means reading every mention, so
`EntityIndex` does it once (the database is read-only while serving); the entities page
is then a slice of a sorted list. An entity's page reads its mentions and claims from
SQL, one page at a time; the entities co-occurring with the most frequent entities are
counted in the same single pass, the others' on demand.
"""
from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Select, and_, exists, func, select, text

from lagebild.store import Store
from lagebild.store import schema as s
from lagebild.store.queries import Page

C, D, E, M, S, CE = s.claims.c, s.documents.c, s.entities.c, s.mentions.c, s.sentences.c, s.claim_entities.c
HOT_DOCUMENTS = 1000  # entities in this many documents get their co-occurrences counted up front
COOCCURRING = 25
SHOWN_DOCUMENTS = 100  # document ids listed on an entity's record (all are counted)
# Spellings per entity: mentions outer, so that SQLite reads them in storage order (CROSS JOIN
# fixes the join order there; PostgreSQL plans it as the inner join it is).
_ALIASES = text("SELECT e.canonical, m.text, COUNT(*) FROM mentions m CROSS JOIN entities e "
                "WHERE e.doc_id = m.doc_id AND e.idx = m.entity_idx GROUP BY e.canonical, m.text")


@dataclass
class EntityRow:
    canonical: str
    type: str  # the first of its types in alphabetical order (an entity is rarely given two)
    documents: int
    by_type: dict[str, int]  # documents per type it was given
    mentions: int = 0
    aliases: Counter[str] = field(default_factory=Counter)
    confidence: float = 1.0  # the highest of its documents: a name one article is sure of is sure

    def record(self, type_: str | None = None) -> dict[str, Any]:
        documents = self.by_type.get(type_, 0) if type_ else self.documents
        return {"canonical": self.canonical, "type": type_ or self.type, "documents": documents,
                "mentions": self.mentions, "confidence": self.confidence}


def _rank(row: dict[str, Any]) -> tuple[int, int, str]:
    return (-row["documents"], -row["mentions"], row["canonical"])


def _entity_rows(store: Store) -> dict[str, EntityRow]:
    """Every entity's documents (in all, per type), mentions and spellings: three grouped scans."""
    rows: dict[str, EntityRow] = {}
    overall = select(E.canonical, func.min(E.type), func.count(func.distinct(E.doc_id)),
                     func.max(E.confidence)).group_by(E.canonical)
    per_type = select(E.canonical, E.type, func.count(func.distinct(E.doc_id))).group_by(E.canonical, E.type)
    with store.engine.connect() as conn:
        for name, type_, n, sure in conn.execute(overall):
            rows[name] = EntityRow(name, type_, n, {}, confidence=sure)
        for name, type_, n in conn.execute(per_type):
            rows[name].by_type[type_] = n
        for name, alias, n in conn.execute(_ALIASES):
            rows[name].aliases[alias] += n
            rows[name].mentions += n
    return rows


def _claim_facets(store: Store) -> dict[str, dict[tuple[str, bool], int]]:
    """For each entity, its claims per (unit, hedged)."""
    q = (select(CE.canonical, C.unit, C.hedged, func.count())
         .select_from(s.claim_entities.join(s.claims, and_(C.doc_id == CE.doc_id, C.idx == CE.claim_idx)))
         .group_by(CE.canonical, C.unit, C.hedged))
    out: dict[str, dict[tuple[str, bool], int]] = defaultdict(dict)
    for name, unit, hedged, n in _rows(store, q):
        out[name][(unit, bool(hedged))] = n
    return dict(out)


def _ranked(rows: dict[str, EntityRow]) -> dict[str | None, list[dict[str, Any]]]:
    """The entities list (most documents first) in all and for each type."""
    out: dict[str | None, list[dict[str, Any]]] = {None: sorted((r.record() for r in rows.values()), key=_rank)}
    for type_ in sorted({t for r in rows.values() for t in r.by_type}):
        out[type_] = sorted((r.record(type_) for r in rows.values() if type_ in r.by_type), key=_rank)
    return out


class EntityIndex:
    """Every entity with its document and mention counts, spellings and claims per unit and
    hedging, and the entities co-occurring with the frequent ones."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.rows = _entity_rows(store)
        self.ranked = _ranked(self.rows)
        self.total_documents = _scalar(store, select(func.count()).select_from(s.documents))
        self.claim_facets = _claim_facets(store)
        hot = {name for name, r in self.rows.items() if r.documents >= HOT_DOCUMENTS}
        self.hot_cooccurring = _cooccurring(store, hot) if hot else {}

    def page(self, type_: str | None = None, limit: int = 50, offset: int = 0) -> Page:
        ranked = self.ranked.get(type_ or None, [])
        return Page(total=len(ranked), items=ranked[offset:offset + limit], limit=limit, offset=offset)

    def types(self) -> list[tuple[str, int]]:
        return [(t, len(rows)) for t, rows in self.ranked.items() if t is not None]

    def cooccurring(self, name: str) -> list[dict[str, Any]]:
        counts: dict[str, int] = self.hot_cooccurring.get(name) or _cooccurring_sql(self.store, name)
        top = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:COOCCURRING]
        return [{"canonical": other, "type": self.rows[other].type if other in self.rows else "", "documents": n}
                for other, n in top]

    def entity(self, name: str, mention_limit: int = 100) -> dict[str, Any] | None:
        """One entity: type, documents, spellings with counts, mentions in context, co-occurring entities."""
        row = self.rows.get(name)
        if row is None:
            return None
        ids = _scalars(self.store, select(E.doc_id).where(E.canonical == name).distinct().order_by(E.doc_id)
                       .limit(SHOWN_DOCUMENTS))
        first_type = _scalar(self.store, select(E.type).where(E.canonical == name).order_by(E.doc_id).limit(1))
        dense = row.documents > dense_threshold(self.total_documents, mention_limit)
        aliases = sorted(row.aliases.items(), key=lambda kv: (-kv[1], kv[0]))
        return {"canonical": name, "type": first_type, "confidence": row.confidence,
                "document_count": row.documents, "documents": ids,
                "aliases": [{"text": a, "count": n} for a, n in aliases],
                "mentions": _mentions(self.store, name, mention_limit, dense), "cooccurring": self.cooccurring(name)}


def _scalar(store: Store, query: Select[Any]) -> Any:
    with store.engine.connect() as conn:
        return conn.execute(query).scalar()


def _rows(store: Store, query: Select[Any]) -> list[Any]:
    with store.engine.connect() as conn:
        return list(conn.execute(query).all())


def _scalars(store: Store, query: Select[Any]) -> list[Any]:
    with store.engine.connect() as conn:
        return list(conn.execute(query).scalars())


def _by_document(rows: Iterable[Any]) -> Iterable[set[str]]:
    """The set of canonical names of each document, from (doc_id, canonical) rows in doc order."""
    current, names = None, set[str]()
    for doc_id, name in rows:
        if doc_id != current and names:
            yield names
            names = set()
        current = doc_id
        names.add(name)
    if names:
        yield names


def _cooccurring(store: Store, hot: set[str]) -> dict[str, Counter[str]]:
    """For each entity in `hot`: other entity -> documents they share (one pass over entities)."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    with store.engine.connect() as conn:
        rows = conn.execution_options(yield_per=5000).execute(select(E.doc_id, E.canonical).order_by(E.doc_id))
        for names in _by_document(rows):
            for name in names & hot:
                counts[name].update(names)
    for name, counter in counts.items():
        del counter[name]
    return dict(counts)


def _cooccurring_sql(store: Store, name: str) -> dict[str, int]:
    other = s.entities.alias("other")
    q = (select(other.c.canonical, func.count(func.distinct(other.c.doc_id)))
         .select_from(s.entities.join(other, other.c.doc_id == E.doc_id))
         .where(E.canonical == name, other.c.canonical != name).group_by(other.c.canonical))
    with store.engine.connect() as conn:
        return {r[0]: r[1] for r in conn.execute(q)}


def _first_documents(name: str, limit: int, dense: bool) -> Select[Any]:
    """The first `limit` documents (by publication date) that mention `name`. A frequent
    entity walks the date index and checks each document; a rare one starts from its rows."""
    has_entity = exists().where(E.canonical == name, E.doc_id == D.id)
    if dense:
        return select(D.id).where(has_entity).order_by(D.published, D.id).limit(limit)
    own = select(E.doc_id).where(E.canonical == name).distinct().subquery()
    return select(D.id).join(own, own.c.doc_id == D.id).order_by(D.published, D.id).limit(limit)


def _mentions(store: Store, name: str, limit: int, dense: bool) -> list[dict[str, Any]]:
    """The first `limit` mentions of `name` (by publication date, document, position) in their sentence."""
    joined = s.mentions.join(s.entities, and_(E.doc_id == M.doc_id, E.idx == M.entity_idx))
    in_sentence = s.sentences.join(s.documents, D.id == S.doc_id)
    q = (select(M.doc_id, M.text, M.start, M.end, S.start.label("s_start"), D.outlet, D.title, D.published,
                func.substr(D.text, S.start + 1, S.end - S.start).label("sentence"))
         .select_from(joined.join(in_sentence, and_(S.doc_id == M.doc_id, S.start <= M.start, M.start < S.end)))
         .where(E.canonical == name, M.doc_id.in_(_first_documents(name, limit, dense)))
         .order_by(D.published, M.doc_id, M.start).limit(limit))
    with store.engine.connect() as conn:
        return [dict(r) for r in conn.execute(q).mappings()]


def dense_threshold(total_documents: int, limit: int = 100) -> int:
    """Documents above which walking the date index is cheaper than sorting the entity's own
    documents: about `limit` * total / n checks against n lookups."""
    return math.isqrt(limit * total_documents)
