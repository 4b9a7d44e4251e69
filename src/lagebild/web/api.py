"""The JSON API behind the pages (documented at /openapi.json)."""
from __future__ import annotations

from dataclasses import replace
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Request

from lagebild.export import document_record
from lagebild.reconcile.groups import ClaimGroup
from lagebild.store.queries import ClaimFilter
from lagebild.store.search import search
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
    Values,
    claim_filter,
)
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


@router.get("/status", summary="Whether the cached results (claim groups, near-duplicates, entity table, "
                               "timeline) are computed; `warm_up_seconds` says how long that took")
def api_status(web: State) -> dict[str, Any]:
    return {"ready": web.warm_up_seconds is not None, "warm_up_seconds": web.warm_up_seconds}


@router.get("/documents", summary="Documents (metadata), filtered and paginated")
def api_documents(web: State, outlet: Text = None, language: Text = None, date: DateFilter = None,
                  limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    return web.documents(outlet or None, language or None, date or None, limit, offset).record()


@router.get("/documents/{doc_id:path}", summary="One document with its text and annotations")
def api_document(web: State, doc_id: str) -> dict[str, Any]:
    doc = web.store.load(doc_id)
    if doc is None:
        raise HTTPException(404, f"no document with id {doc_id!r}")
    return document_record(doc)


@router.get("/claims", summary="Claims, filtered, sorted and paginated")
def api_claims(web: State, f: Claims, sort: Sort = "doc", order: Order = "asc", limit: Limit = 50,
               offset: Offset = 0) -> dict[str, Any]:
    return web.claims(f, sort, order == "desc", limit, offset).record()


@router.get("/groups", summary="Claim groups with agree / differ / conflict; `claims` and `values` list the first "
                               "`values` figures of each, `claim_count` counts them all")
def api_groups(web: State, status: Status = None, limit: Limit = 100, offset: Offset = 0,
               values: Values = 20) -> dict[str, Any]:
    groups = [g for g in web.groups() if not status or g.status == status]
    return {"total": len(groups), "limit": limit, "offset": offset,
            "items": [group_record(g, 0, values) for g in groups[offset:offset + limit]]}


@router.get("/groups/{group_id:path}", summary="One claim group with a page of its figures")
def api_group(web: State, group_id: str, limit: Limit = 100, offset: Offset = 0) -> dict[str, Any]:
    group = next((g for g in web.groups() if g.id == group_id), None)
    if group is None:
        raise HTTPException(404, f"no claim group with id {group_id!r}")
    return {**group_record(group, offset, limit), "limit": limit, "offset": offset}


@router.get("/entities", summary="Entities with document and mention counts")
def api_entities(web: State, type: EntityType = None, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    return web.entities().page(type or None, limit, offset).record()


@router.get("/entities/{name:path}", summary="One entity: aliases, its first mentions and documents "
                                            "(`document_count` counts them all), co-occurring entities, claims")
def api_entity(web: State, name: str) -> dict[str, Any]:
    found = web.entity(name)
    if found is None:
        raise HTTPException(404, f"no entity named {name!r}")
    claims = web.claims(ClaimFilter(entity=name), limit=200)
    return {**found, "claims": claims.items, "claim_count": claims.total}


@router.get("/search", summary="Full-text search over documents and claims")
def api_search(web: State, q: SearchQuery, limit: Limit = 20) -> dict[str, Any]:
    hits = search(web.store, q, limit, refresh=False)  # indexed at start; the database is read-only
    return {"query": q, "total": len(hits), "items": hits}


@router.get("/timeline", summary="Dated expressions and events in time order")
def api_timeline(web: State, limit: Limit = 200, offset: Offset = 0) -> dict[str, Any]:
    return {"total": web.timeline_total(), "limit": limit, "offset": offset, "items": web.timeline(offset, limit)}


def group_record(group: ClaimGroup, offset: int, limit: int) -> dict[str, Any]:
    """The group's export record with figures [offset, offset + limit) and the number of all."""
    page = replace(group, claims=group.claims[offset:offset + limit])
    return {**page.record(), "claim_count": len(group.claims)}
