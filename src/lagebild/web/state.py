"""What the web app computes once per start: the database is read-only while serving,
so claim groups, duplicates, the timeline and the overview are cached after first use."""
from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from lagebild.api import Corpus
from lagebild.store import Store
from lagebild.store.search import ensure_search_index
from lagebild.web import queries

if TYPE_CHECKING:
    from lagebild.reconcile.groups import ClaimGroup

T = TypeVar("T")


class WebState:
    """The store behind one app, and results computed once from it."""

    def __init__(self, db_url: str) -> None:
        self.store = Store(db_url)
        self.corpus = Corpus(self.store)
        self._cache: dict[str, Any] = {}
        self._lock = threading.RLock()
        ensure_search_index(self.store)

    def _once(self, key: str, compute: Callable[[], T]) -> T:
        with self._lock:
            if key not in self._cache:
                self._cache[key] = compute()
            value: T = self._cache[key]
            return value

    def groups(self) -> list[ClaimGroup]:
        return self._once("groups", self.corpus.groups)

    def duplicates(self) -> dict[str, str]:
        return self._once("duplicates", self.corpus.duplicates)

    def timeline(self) -> list[dict[str, Any]]:
        return self._once("timeline", lambda: queries.timeline_rows(self.store))

    def summary(self) -> dict[str, Any]:
        return self._once("summary", self._summary)

    def _summary(self) -> dict[str, Any]:
        groups = self.groups()
        statuses = {name: sum(1 for g in groups if g.status == name) for name in ("agree", "differ", "conflict")}
        return {**self.store.counts(), "time_span": list(queries.published_span(self.store)),
                "outlets": [{"outlet": o, "documents": n} for o, n in queries.outlets(self.store)],
                "languages": [{"language": la, "documents": n} for la, n in queries.languages(self.store)],
                "groups": statuses, "duplicates": len(self.duplicates())}
