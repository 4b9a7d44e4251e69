"""The Python API: `lagebild.analyze(paths, db=...)` and the `Corpus` it returns.

The CLI is a thin layer over these functions.
"""
from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lagebild.errors import InputError
from lagebild.ingest import read_paths
from lagebild.ingest.decode import MAX_BYTES
from lagebild.model import Document
from lagebild.run import run
from lagebild.store import DEFAULT_DB, Store

if TYPE_CHECKING:
    from lagebild.reconcile.groups import ClaimGroup

log = logging.getLogger("lagebild")


@dataclass
class AnalyzeReport:
    analyzed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[InputError] = field(default_factory=list)  # inputs that could not be read
    stage_errors: dict[str, str] = field(default_factory=dict)  # doc id -> error of a crashing stage

    @property
    def ok(self) -> bool:
        return not self.failed and not self.stage_errors


class Corpus:
    """An analyzed corpus in a store: documents, entities, claims, timeline."""

    def __init__(self, store: Store, report: AnalyzeReport | None = None) -> None:
        self.store = store
        self.report = report or AnalyzeReport()

    @classmethod
    def open(cls, db: str = DEFAULT_DB) -> Corpus:
        return cls(Store(db))

    @property
    def documents(self) -> list[Document]:
        return list(self.store.documents())

    def document(self, doc_id: str) -> Document | None:
        return self.store.load(doc_id)

    def claims(self) -> list[dict[str, Any]]:
        return self.store.claim_rows()

    def entities(self) -> list[dict[str, Any]]:
        return self.store.entity_rows()

    def duplicates(self) -> dict[str, str]:
        """Near-duplicate (syndicated) documents: copy id -> original id."""
        from lagebild.reconcile.duplicates import near_duplicates

        return near_duplicates(self.store.document_texts())

    def groups(self, tolerance: float = 0.15, duplicates: dict[str, str] | None = None) -> list[ClaimGroup]:
        """Claims in different documents that count the same thing, with agree/differ/conflict.

        `duplicates` (copy id -> original id) is computed when not given.
        """
        from lagebild.reconcile.groups import group_claims

        languages = {d["id"]: d["language"] or "de" for d in self.store.document_rows()}
        copies = self.duplicates() if duplicates is None else duplicates
        return group_claims(self.claims(), languages, tolerance, copies)

    def timeline(self) -> list[dict[str, Any]]:
        from lagebild.timeline import timeline

        return timeline(self.store.documents())

    def summary(self) -> dict[str, Any]:
        from lagebild.timeline import span

        counts = self.store.counts()
        first, last = span(self.store.documents())
        return {**counts, "time_span": [first, last]}

    def __repr__(self) -> str:
        c = self.store.counts()
        return (f"<Corpus {self.store.url}: {c['documents']} documents, {c['entities']} entities, "
                f"{c['claims']} claims>")


def _unique_ids(docs: list[Document], store: Store) -> None:
    """Ids are file stems; two different inputs with one stem get a hash suffix."""
    seen: dict[str, str] = {}
    for doc in docs:
        if doc.id in seen and seen[doc.id] != doc.source:
            doc.id = f"{doc.id}-{doc.meta['content_hash'][:8]}"
        seen[doc.id] = doc.source


def analyze(paths: Iterable[str | Path] | str | Path, db: str = DEFAULT_DB, *, force: bool = False,
            workers: int | None = None, max_bytes: int = MAX_BYTES,
            on_progress: Callable[[int, int], None] | None = None) -> Corpus:
    """Read, clean and extract every article under `paths` into the store `db`.

    Re-analyzing an unchanged input does nothing unless `force`. Inputs that cannot
    be read are logged, recorded in the store's failures, and skipped.

    Example:
        >>> corpus = lagebild.analyze(["examples/corpus"], db="sqlite:///demo.db")
        >>> corpus.summary()["documents"]
    """
    if isinstance(paths, str | Path):
        paths = [paths]
    store = Store(db)
    report = AnalyzeReport()
    todo: list[Document] = []
    for item in read_paths(paths, max_bytes):
        if isinstance(item, InputError):
            log.info("skipped %s", item)
            report.failed.append(item)
            store.save_failure(item.source, item.message, _raw_bytes(item.source, max_bytes))
            continue
        todo.append(item)
    _unique_ids(todo, store)
    fresh = []
    for doc in todo:
        if not force and store.content_hash(doc.id) == doc.meta["content_hash"]:
            report.unchanged.append(doc.id)
        else:
            fresh.append(doc)
    for n, (doc, error) in enumerate(run(fresh, workers), start=1):
        store.save(doc, error)
        store.clear_failure(doc.source)
        if error:
            log.info("analysis of %s failed: %s (raw input kept)", doc.id, error)
            report.stage_errors[doc.id] = error
        else:
            report.analyzed.append(doc.id)
        if on_progress:
            on_progress(n, len(fresh))
    if fresh:
        store.optimize()
    return Corpus(store, report)


def _raw_bytes(source: str, max_bytes: int) -> bytes | None:
    path = Path(source)
    try:
        if path.is_file() and path.stat().st_size <= max_bytes:
            return path.read_bytes()
    except OSError:
        return None
    return None
