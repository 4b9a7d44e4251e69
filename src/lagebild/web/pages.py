"""The HTML pages (server-rendered, autoescaped Jinja2 templates)."""
from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from typing import Annotated, Any
from urllib.parse import quote, urlencode, urlsplit

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import HTMLResponse, StreamingResponse
from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup, escape

from lagebild.export import CLAIM_COLUMNS, DOCUMENT_COLUMNS, ENTITY_COLUMNS, GROUP_COLUMNS, group_row, safe_row
from lagebild.present import as_of_label, figure, readable_date, say, status_label, status_sentence
from lagebild.store import queries
from lagebild.store.queries import ClaimFilter
from lagebild.store.search import search
from lagebild.web.annotate import blocks
from lagebild.web.api import State
from lagebild.web.charts import group_chart
from lagebild.web.params import DateFilter, EntityType, Order, PageNo, Sort, Status, Text, claim_filter

router = APIRouter(include_in_schema=False)
PAGE_SIZE = 50
TIMELINE_PAGE = 200
GROUPS_PAGE = 20
GROUP_ROWS = 50  # figures of a claim group shown in its chart and table; the rest are counted
Claims = Annotated[ClaimFilter, Depends(claim_filter)]


def num(value: float | None) -> str:
    if value is None:
        return ""
    return f"{value:,.0f}".replace(",", ".") if float(value).is_integer() else f"{value:g}".replace(".", ",")


def safe_href(url: str | None) -> str | None:
    """Only http(s) links from articles become links (never javascript: or data:)."""
    if not url:
        return None
    return url if urlsplit(url.strip()).scheme.lower() in ("http", "https") else None


def mark_span(text: str, start: int, end: int) -> Markup:
    """text with text[start:end] in <mark>: escaped first, then marked."""
    if not 0 <= start < end <= len(text):
        return Markup(escape(text))
    return Markup(f"{escape(text[:start])}<mark>{escape(text[start:end])}</mark>{escape(text[end:])}")


def mark_first(text: str, needle: str) -> Markup:
    at = text.find(needle) if needle else -1
    return mark_span(text, at, at + len(needle)) if at >= 0 else Markup(escape(text))


def urlpart(value: Any) -> str:
    """A value as one URL path segment: every reserved character escaped, and the dots of
    "." and ".." too (a browser would resolve them away)."""
    part = quote(str(value), safe="")
    return part.replace(".", "%2E") if part.strip(".") == "" else part


def _env() -> Environment:
    env = Environment(loader=PackageLoader("lagebild.web", "templates"), autoescape=True, trim_blocks=True,
                      lstrip_blocks=True, undefined=StrictUndefined)
    env.filters.update(num=num, safe_href=safe_href, urlpart=urlpart, figure=figure, readable_date=readable_date,
                       as_of=as_of_label, status_label=status_label, status_sentence=status_sentence)
    env.globals.update(mark_span=mark_span, mark_first=mark_first)
    return env


ENV = _env()


def render(request: Request, name: str, **context: Any) -> HTMLResponse:
    def qs(**updates: Any) -> str:
        params = {k: v for k, v in request.query_params.items() if v != ""}
        params.update({k: str(v) for k, v in updates.items() if v is not None})
        return "?" + urlencode(params)

    context.setdefault("q", "")
    ui = getattr(request.app.state, "ui_language", "de")

    def ui_say(key: str, **values: Any) -> str:
        return say(key, ui, **values)

    html = ENV.get_template(name).render(request=request, qs=qs, path=request.url.path, ui=ui, say=ui_say,
                                         **context)
    return HTMLResponse(html)


def pager(total: int, page: int, size: int) -> dict[str, int]:
    pages = max(1, -(-total // size))
    return {"page": page, "pages": pages, "total": total, "size": size}


@router.get("/", response_class=HTMLResponse)
def overview(request: Request, web: State) -> HTMLResponse:
    disputed = sorted((g for g in web.groups() if g.status != "agree"), key=lambda g: g.status != "conflict")
    return render(request, "overview.html", summary=web.summary(), disputed=disputed[:12],
                  n_disputed=len(disputed), entities=web.entities().page(limit=15).items,
                  timeline_svg=web.timeline_svg())


@router.get("/documents", response_class=HTMLResponse)
def documents(request: Request, web: State, outlet: Text = None, language: Text = None,
              date: DateFilter = None, page: PageNo = 1) -> HTMLResponse:
    result = web.documents(outlet or None, language or None, date or None, PAGE_SIZE, (page - 1) * PAGE_SIZE)
    return render(request, "documents.html", docs=result.items, pager=pager(result.total, page, PAGE_SIZE),
                  outlets=web.outlets(), languages=web.languages(),
                  filters={"outlet": outlet or "", "language": language or "", "date": date or ""})


@router.get("/documents/{doc_id:path}", response_class=HTMLResponse)
def document(request: Request, web: State, doc_id: str) -> HTMLResponse:
    doc = web.store.load(doc_id)
    if doc is None:
        raise HTTPException(404, f"no document with id {doc_id!r}")
    return render(request, "document.html", doc=doc, blocks=blocks(doc), copy_of=web.duplicates().get(doc.id),
                  copies=web.copies(doc.id),
                  removed=sum(1 for ln in doc.lines if not ln.keep and ln.text.strip()))


@router.get("/claims", response_class=HTMLResponse)
def claims(request: Request, web: State, f: Claims, sort: Sort = "doc", order: Order = "asc",
           page: PageNo = 1) -> HTMLResponse:
    result = web.claims(f, sort, order == "desc", PAGE_SIZE, (page - 1) * PAGE_SIZE)
    return render(request, "claims.html", claims=result.items, pager=pager(result.total, page, PAGE_SIZE),
                  units=web.units(), outlets=web.outlets(), sort=sort, order=order,
                  filters={k: request.query_params.get(k, "") for k in ("unit", "entity", "source", "hedged",
                                                                         "outlet")})


def _csv_lines(rows: Iterable[dict[str, Any]], columns: tuple[str, ...] = CLAIM_COLUMNS) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow(safe_row(row, columns))
        if buffer.tell() > 65536:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def _csv(rows: Iterable[dict[str, Any]], columns: tuple[str, ...], name: str) -> StreamingResponse:
    return StreamingResponse(_csv_lines(rows, columns), media_type="text/csv; charset=utf-8",
                             headers={"Content-Disposition": f'attachment; filename="{name}"'})


@router.get("/claims.csv")
def claims_csv(web: State, f: Claims, sort: Sort = "doc", order: Order = "asc") -> StreamingResponse:
    """The claims of the page's filters and order, with document, sentence, group and status."""
    return _csv(web.iter_claims(f, sort, order == "desc"), CLAIM_COLUMNS, "claims.csv")


@router.get("/documents.csv")
def documents_csv(web: State, outlet: Text = None, language: Text = None, date: DateFilter = None) -> StreamingResponse:
    def rows() -> Iterator[dict[str, Any]]:
        offset, size = 0, 1000
        while True:
            page = web.documents(outlet or None, language or None, date or None, size, offset)
            yield from page.items
            offset += size
            if offset >= page.total:
                return
    return _csv(rows(), DOCUMENT_COLUMNS, "documents.csv")


@router.get("/entities.csv")
def entities_csv(web: State, type: EntityType = None) -> StreamingResponse:
    index = web.entities()
    everything = index.page(type or None, limit=len(index.rows) or 1).items
    rows = ({**r, "aliases": " | ".join(a for a, _ in index.rows[r["canonical"]].aliases.most_common())}
            for r in everything)
    return _csv(rows, ENTITY_COLUMNS, "entities.csv")


@router.get("/groups.csv")
def groups_csv(web: State, status: Status = None) -> StreamingResponse:
    rows = (group_row(g) for g in web.groups() if not status or g.status == status)
    return _csv(rows, GROUP_COLUMNS, "groups.csv")


@router.get("/conflicts", response_class=HTMLResponse)
def conflicts(request: Request, web: State, status: Status = None, page: PageNo = 1) -> HTMLResponse:
    groups = web.groups()
    chosen = [g for g in groups if not status or g.status == status]
    shown = [(g, g.claims[:GROUP_ROWS]) for g in chosen[(page - 1) * GROUPS_PAGE:page * GROUPS_PAGE]]
    counts = {name: sum(1 for g in groups if g.status == name) for name in ("conflict", "differ", "agree")}
    ui = getattr(request.app.state, "ui_language", "de")
    return render(request, "conflicts.html", groups=[(g, rows, group_chart(rows, ui)) for g, rows in shown],
                  status=status or "", counts=counts, total=len(groups), pager=pager(len(chosen), page, GROUPS_PAGE),
                  duplicates=web.duplicates())


@router.get("/timeline", response_class=HTMLResponse)
def timeline(request: Request, web: State, page: PageNo = 1) -> HTMLResponse:
    shown = web.timeline((page - 1) * TIMELINE_PAGE, TIMELINE_PAGE)
    return render(request, "timeline.html", rows=shown, pager=pager(web.timeline_total(), page, TIMELINE_PAGE),
                  timeline_svg=web.timeline_svg())


@router.get("/entities", response_class=HTMLResponse)
def entities(request: Request, web: State, type: EntityType = None, page: PageNo = 1) -> HTMLResponse:
    index = web.entities()
    result = index.page(type or None, PAGE_SIZE, (page - 1) * PAGE_SIZE)
    return render(request, "entities.html", entities=result.items, pager=pager(result.total, page, PAGE_SIZE),
                  types=index.types(), type=type or "")


@router.get("/entities/{name:path}", response_class=HTMLResponse)
def entity(request: Request, web: State, name: str) -> HTMLResponse:
    found = web.entity(name)
    if found is None:
        raise HTTPException(404, f"no entity named {name!r}")
    claims = web.claims(ClaimFilter(entity=name), limit=100)
    return render(request, "entity.html", entity=found, claims=claims.items, n_claims=claims.total)


@router.get("/search", response_class=HTMLResponse)
def search_page(request: Request, web: State, q: Text = None) -> HTMLResponse:
    hits = search(web.store, q, 50, refresh=False) if q else []
    details = queries.claims_by_ids(web.store, [h["id"] for h in hits if h["kind"] == "claim"])
    return render(request, "search.html", q=q or "", hits=hits, claims=details)
