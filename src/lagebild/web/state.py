"""What the web app computes once per start. The database is read-only while serving, so
claim groups, duplicates, the entity table, the timeline's buckets, facets and the number
of rows matching a filter are cached after first use (`warm_up()` computes them all)."""
from __future__ import annotations

import gc
import logging
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import TYPE_CHECKING, Any, TypeVar

from markupsafe import Markup

from lagebild.api import Corpus
from lagebild.reconcile.duplicates import clusters
from lagebild.store import Store, queries
from lagebild.store.entities import EntityIndex
from lagebild.store.queries import ClaimFilter, Page
from lagebild.web.charts import timeline_chart

if TYPE_CHECKING:
    from lagebild.reconcile.groups import ClaimGroup

T = TypeVar("T")
log = logging.getLogger("lagebild.web")
MAX_COUNTS = 10_000  # filters whose number of matching rows is remembered
TIMELINE_SVG_POINTS = 3000  # dated items drawn on the timeline chart (the earliest)


class WebState:
    """The store behind one app, and results computed once from it."""

    def __init__(self, db_url: str) -> None:
        self.store = Store(db_url, read_only=True)  # serving never writes
        self.corpus = Corpus(self.store)
        self._cache: dict[str, Any] = {}
        self._locks: dict[str, threading.Lock] = {}
        self._guard = threading.Lock()
        self._counts: dict[tuple[Any, ...], int] = {}
        self.warm_up_seconds: float | None = None  # set when warm_up() has finished

    def _once(self, key: str, compute: Callable[[], T]) -> T:
        """compute() on first use; concurrent first uses wait for the one computing it."""
        if key not in self._cache:
            with self._guard:
                lock = self._locks.setdefault(key, threading.Lock())
            with lock:
                if key not in self._cache:
                    self._cache[key] = compute()
        value: T = self._cache[key]
        return value

    def _count(self, key: tuple[Any, ...], compute: Callable[[], int]) -> int:
        """compute() once per key; the oldest of MAX_COUNTS keys is forgotten first."""
        if key in self._counts:
            return self._counts[key]
        n = compute()
        with self._guard:
            if len(self._counts) >= MAX_COUNTS:
                self._counts.pop(next(iter(self._counts)))
            self._counts[key] = n
        return n

    def warm_up(self) -> None:
        """Compute everything that is cached, so that no request has to. The results then
        live as long as the app: frozen out of the garbage collector's sight, so that a
        full collection never walks a million cached claims in the middle of a request."""
        start = time.perf_counter()
        self.units()  # the cheap ones first: the claims, entities and timeline pages need them
        self.attributions()
        self._claim_total(ClaimFilter())
        self.timeline_svg()
        self.entities()
        self.summary()  # claim groups and near-duplicates: most of the time
        self.copies("")
        gc.collect()
        gc.freeze()
        self.warm_up_seconds = time.perf_counter() - start

    def warm_up_in_background(self) -> threading.Thread:
        def run() -> None:
            try:
                self.warm_up()
            except Exception:  # the pages then compute what they need themselves, and log it
                log.exception("computing the web UI's caches failed")

        thread = threading.Thread(target=run, name="lagebild-warm-up", daemon=True)
        thread.start()
        return thread

    # -- corpus-level results ---------------------------------------------------------
    def groups(self) -> list[ClaimGroup]:
        return self._once("groups", self.corpus.groups)

    def duplicates(self) -> dict[str, str]:
        return self._once("duplicates", self.corpus.duplicates)

    def copies(self, doc_id: str) -> list[str]:
        """The near-duplicates of a document (documents that copy it)."""
        by_original = self._once("copies", lambda: {k: sorted(v) for k, v in clusters(self.duplicates()).items()})
        return by_original.get(doc_id, [])

    def entities(self) -> EntityIndex:
        return self._once("entities", lambda: EntityIndex(self.store))

    def outlets(self) -> list[tuple[str, int]]:
        return self._once("outlets", lambda: queries.outlets(self.store))

    def languages(self) -> list[tuple[str, int]]:
        return self._once("languages", lambda: queries.languages(self.store))

    def units(self) -> list[str]:
        return self._once("units", lambda: queries.units(self.store))

    def attributions(self) -> list[str]:
        return self._once("attributions", lambda: queries.attributions(self.store))

    def published_span(self) -> tuple[str | None, str | None]:
        return self._once("published_span", lambda: queries.published_span(self.store))

    def summary(self) -> dict[str, Any]:
        return self._once("summary", self._summary)

    def _summary(self) -> dict[str, Any]:
        groups = self.groups()
        statuses = {name: sum(1 for g in groups if g.status == name) for name in ("agree", "differ", "conflict")}
        return {**self.store.counts(), "time_span": list(self.published_span()),
                "outlets": [{"outlet": o, "documents": n} for o, n in self.outlets()],
                "languages": [{"language": la, "documents": n} for la, n in self.languages()],
                "groups": statuses, "duplicates": len(self.duplicates())}

    # -- timeline -------------------------------------------------------------------
    def _timeline_buckets(self) -> list[tuple[str, int]]:
        return self._once("timeline", lambda: queries.timeline_buckets(self.store))

    def timeline_total(self) -> int:
        return sum(n for _, n in self._timeline_buckets())

    def timeline(self, offset: int = 0, limit: int = 200) -> list[dict[str, Any]]:
        """Dated expressions and events in time order, rows [offset, offset + limit)."""
        return queries.timeline_page(self.store, self._timeline_buckets(), offset, limit)

    def timeline_svg(self) -> Markup:
        def draw() -> Markup:
            rows = queries.timeline_page(self.store, self._timeline_buckets(), 0, TIMELINE_SVG_POINTS,
                                         sentences=False)
            return timeline_chart(rows, self.published_span())
        return self._once("timeline_svg", draw)

    # -- pages ----------------------------------------------------------------------
    def documents(self, outlet: str | None = None, language: str | None = None, date: str | None = None,
                  limit: int = 50, offset: int = 0) -> Page:
        total = self._count(("documents", outlet, language, date),
                            lambda: queries.count_documents(self.store, outlet, language, date))
        return queries.list_documents(self.store, outlet, language, date, limit, offset, total)

    def claim_filter(self, f: ClaimFilter) -> ClaimFilter:
        """`f` with its source substring resolved to the exact attributions it matches."""
        return queries.resolve_sources(f, self.attributions()) if f.source else f

    def claims(self, f: ClaimFilter, sort: str = "doc", desc: bool = False, limit: int = 50,
               offset: int = 0) -> Page:
        f = self.claim_filter(f)
        return queries.list_claims(self.store, f, sort, desc, limit, offset, self._claim_total(f))

    def _claim_total(self, f: ClaimFilter) -> int:
        """Claims matching `f`: from the claims per (unit, hedged) of the corpus or of the
        entity when that is all `f` asks for, else counted once per filter."""
        if not replace(f, entity=None, unit=None, hedged=None).is_empty():
            return self._count(("claims", f), lambda: queries.count_claims(self.store, f))
        if f.entity:
            facets = self.entities().claim_facets.get(f.entity, {})
        else:
            facets = self._once("claim_facets", lambda: queries.claim_facets(self.store))
        return sum(n for (unit, hedged), n in facets.items() if f.unit in (None, unit) and f.hedged in (None, hedged))

    def iter_claims(self, f: ClaimFilter, sort: str = "doc", desc: bool = False) -> Iterator[dict[str, Any]]:
        return queries.iter_claims(self.store, self.claim_filter(f), sort, desc)

    def entity(self, name: str) -> dict[str, Any] | None:
        return self.entities().entity(name)
