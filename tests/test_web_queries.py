"""The web UI's paginated queries (store/queries.py, store/entities.py, web/state.py) on
SQLite and PostgreSQL, checked against the whole corpus read back in Python: a page of
claims is the same whether its filter or its sort order drives the query, the timeline
pages through every dated row in time order, the entity table counts what the documents
say. One analyzed corpus per database keeps the PostgreSQL run short."""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest

from conftest import EXAMPLES
from lagebild.api import analyze
from lagebild.model import Document
from lagebild.store import Store, queries
from lagebild.store.entities import EntityIndex, _cooccurring, _cooccurring_sql, _mentions
from lagebild.store.queries import CLAIM_SORTS, ClaimFilter
from lagebild.timeline import sort_key
from lagebild.web.state import WebState


@pytest.fixture
def web(db_url: str) -> Iterator[WebState]:
    analyze([EXAMPLES], db=db_url, workers=1).store.close()
    state = WebState(db_url)
    yield state
    state.store.close()


def _documents(store: Store) -> list[Document]:
    return list(store.documents())


def _claim_entities(docs: list[Document]) -> dict[str, set[str]]:
    """claim id -> canonical names mentioned in the claim's sentence, from the documents."""
    out = {}
    for d in docs:
        spans = {s.index: (s.start, s.end) for s in d.sentences}
        for c in d.claims:
            start, end = spans[c.sentence]
            out[c.id] = {e.canonical for e in d.entities for m in e.mentions if start <= m.start < end}
    return out


def _matches(f: ClaimFilter, claim: dict[str, Any], entities: set[str]) -> bool:
    return ((not f.unit or claim["unit"] == f.unit) and (f.hedged is None or bool(claim["hedged"]) == f.hedged)
            and (not f.source or f.source.lower() in claim["source"].lower())
            and (not f.outlet or claim["outlet"] == f.outlet) and (not f.entity or f.entity in entities))


def _filters(claims: list[dict[str, Any]]) -> list[ClaimFilter]:
    outlet = Counter(c["outlet"] for c in claims if c["outlet"]).most_common(1)[0][0]
    return [ClaimFilter(), ClaimFilter(unit="person"), ClaimFilter(hedged=True), ClaimFilter(source="seoul"),
            ClaimFilter(outlet=outlet), ClaimFilter(entity="Kursk"), ClaimFilter(unit="person", hedged=False),
            ClaimFilter(entity="Kursk", unit="person")]


def _pages(web: WebState, f: ClaimFilter, sort: str, desc: bool, selective: int) -> list[str]:
    """Every claim id, page by page (7 a page)."""
    f = web.claim_filter(f)
    total = queries.count_claims(web.store, f)
    return [c["id"] for offset in range(0, total, 7)
            for c in queries.list_claims(web.store, f, sort, desc, 7, offset, total, selective).items]


def test_web_queries_claim_pages_agree_with_the_corpus(web: WebState) -> None:
    docs = _documents(web.store)
    links = _claim_entities(docs)
    claims = web.store.claim_rows()
    for f in _filters(claims):
        expected = {c["id"] for c in claims if _matches(f, c, links[c["id"]])}
        assert expected or f.entity, f
        assert web.claims(f).total == len(expected), f
        for sort in CLAIM_SORTS:
            for desc in (False, True):
                whole = [c["id"] for c in web.iter_claims(f, sort, desc)]
                assert set(whole) == expected and len(whole) == len(expected), (f, sort)
                assert _pages(web, f, sort, desc, queries.SELECTIVE) == whole, (f, sort, desc, "filter first")
                assert _pages(web, f, sort, desc, 0) == whole, (f, sort, desc, "sort order first")


@pytest.mark.parametrize("source", ["seoul"])
def test_web_queries_source_filter_same_resolved_or_not(web: WebState, source: str) -> None:
    f = ClaimFilter(source=source)
    resolved = web.claim_filter(f)
    assert resolved.sources and all(source in a.lower() for a in resolved.sources)
    assert [c["id"] for c in queries.iter_claims(web.store, f)] == [c["id"] for c in web.iter_claims(f)]


def _reference_timeline(docs: list[Document]) -> list[tuple[str, str, str]]:
    rows = [(t.value, d.id, t.text) for d in docs for t in d.times if t.kind == "date" and t.value]
    return rows + [(e.time, d.id, e.trigger) for d in docs for e in d.events if e.time]


def test_web_queries_timeline_pages_through_every_dated_row(web: WebState) -> None:
    from lagebild.timeline import granularity

    pages = [r for offset in range(0, web.timeline_total(), 9) for r in web.timeline(offset, 9)]
    assert [r for r in web.timeline(0, 10_000)] == pages
    keys = [sort_key(r["value"]) for r in pages]
    assert keys == sorted(keys) and all(r["granularity"] == granularity(r["value"]) for r in pages)
    expected = Counter(r for r in _reference_timeline(_documents(web.store)) if granularity(r[0]))
    assert Counter((r["value"], r["doc_id"], r["text"]) for r in pages) == expected
    assert all(r["text"] in r["sentence"] for r in pages if r["kind"] == "time")


def test_web_queries_entity_table_counts_documents_and_mentions(web: WebState) -> None:
    docs = _documents(web.store)
    documents: dict[str, set[str]] = {}
    mentions: Counter[str] = Counter()
    for d in docs:
        for e in d.entities:
            documents.setdefault(e.canonical, set()).add(d.id)
            mentions[e.canonical] += len({m.start for m in e.mentions})
    index = web.entities()
    table = index.page(limit=10_000).items
    assert {r["canonical"]: (r["documents"], r["mentions"]) for r in table} == {
        name: (len(ids), mentions[name]) for name, ids in documents.items()}
    assert [(-r["documents"], -r["mentions"], r["canonical"]) for r in table] == sorted(
        (-r["documents"], -r["mentions"], r["canonical"]) for r in table)
    for type_, n in index.types():
        assert index.page(type_).total == n and all(r["type"] == type_ for r in index.page(type_).items)


@pytest.mark.parametrize("names", [["Kursk", "Kim Jong-un", "Moscow"]])
def test_web_queries_entity_page_same_either_way(web: WebState, names: list[str]) -> None:
    """Mentions found from the date index or from the entity's rows, co-occurrences counted
    in one pass or in SQL: the same answers."""
    for name in names:
        dense, sparse = (_mentions(web.store, name, 5, d) for d in (True, False))
        assert dense == sparse and len(dense) == 5
        assert [(m["published"], m["doc_id"], m["start"]) for m in dense] == sorted(
            (m["published"], m["doc_id"], m["start"]) for m in dense)
        assert all(m["sentence"][m["start"] - m["s_start"]:m["end"] - m["s_start"]] == m["text"] for m in dense)
        assert dict(_cooccurring(web.store, {name})[name]) == _cooccurring_sql(web.store, name)
        found = web.entity(name)
        assert found is not None and found["document_count"] == len(found["documents"]) > 0
        assert found["aliases"] and found["cooccurring"]


def test_web_queries_warm_up_caches_everything(web: WebState) -> None:
    web.warm_up()
    assert isinstance(web.entities(), EntityIndex)
    assert web.summary()["documents"] == web.store.counts()["documents"] > 0
    copies = web.duplicates()
    assert all(doc in web.copies(original) for doc, original in copies.items())
    assert web.copies("no-such-document") == []
