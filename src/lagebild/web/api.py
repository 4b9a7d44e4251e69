"""The JSON API behind the pages (documented at /openapi.json)."""
from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Request

from lagebild.export import document_record
from lagebild.store.search import search
from lagebild.web import queries
from lagebild.web.params import (
    DateFilter,
    EntityType,
    Limit,
    Offset,
    Order,
    SearchQuery,
    Sort,
    Status,
    Text,
    claim_filter,
)
from lagebild.web.queries import ClaimFilter
from lagebild.web.state import WebState

router = APIRouter(prefix="/api", tags=["api"])


def state(request: Request) -> WebState:
    web: WebState = request.app.state.lb
    return web


State = Annotated[WebState, Depends(state)]
Claims = Annotated[ClaimFilter, Depends(claim_filter)]


@router.get("/summary", summary="Corpus statistics, outlets, time span, group statuses")
def api_summary(web: State) -> dict[str, Any]:
    return web.summary()


@router.get("/documents", summary="Documents (metadata), filtered and paginated")
def api_documents(web: State, outlet: Text = None, language: Text = None, date: DateFilter = None,
                  limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    return queries.list_documents(web.store, outlet or None, language or None, date or None, limit, offset).record()


@router.get("/documents/{doc_id}", summary="One document with its text and annotations")
def api_document(web: State, doc_id: str) -> dict[str, Any]:
    doc = web.store.load(doc_id)
    if doc is None:
        raise HTTPException(404, f"no document with id {doc_id!r}")
    return document_record(doc)


@router.get("/claims", summary="Claims, filtered, sorted and paginated")
def api_claims(web: State, f: Claims, sort: Sort = "doc", order: Order = "asc", limit: Limit = 50,
               offset: Offset = 0) -> dict[str, Any]:
    return queries.list_claims(web.store, f, sort, order == "desc", limit, offset).record()


@router.get("/groups", summary="Claim groups with agree / differ / conflict")
def api_groups(web: State, status: Status = None, limit: Limit = 100, offset: Offset = 0) -> dict[str, Any]:
    groups = [g.record() for g in web.groups() if not status or g.status == status]
    return {"total": len(groups), "limit": limit, "offset": offset, "items": groups[offset:offset + limit]}


@router.get("/entities", summary="Entities with document and mention counts")
def api_entities(web: State, type: EntityType = None, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    return queries.list_entities(web.store, type or None, limit, offset).record()


@router.get("/entities/{name:path}", summary="One entity: aliases, mentions, co-occurring entities, claims")
def api_entity(web: State, name: str) -> dict[str, Any]:
    found = queries.entity(web.store, name)
    if found is None:
        raise HTTPException(404, f"no entity named {name!r}")
    claims = queries.list_claims(web.store, ClaimFilter(entity=name), limit=200).items
    return {**found, "claims": claims}


@router.get("/search", summary="Full-text search over documents and claims")
def api_search(web: State, q: SearchQuery, limit: Limit = 20) -> dict[str, Any]:
    hits = search(web.store, q, limit, refresh=False)  # indexed at start; the database is read-only
    return {"query": q, "total": len(hits), "items": hits}


@router.get("/timeline", summary="Dated expressions and events in time order")
def api_timeline(web: State, limit: Limit = 200, offset: Offset = 0) -> dict[str, Any]:
    rows = web.timeline()
    return {"total": len(rows), "limit": limit, "offset": offset, "items": rows[offset:offset + limit]}
