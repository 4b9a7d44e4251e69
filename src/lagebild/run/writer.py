"""Writing analyzed batches to the store: one transaction a batch, and what became of each document.

A `Writer` names its database by URL, so an engine can hand it to workers on other machines
(Ray), each opening its own connection. A batch the database refuses as a whole is written
again document by document, so one document's bad value fails that document only.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lagebild.errors import InputError, StoreError, one_line
from lagebild.run.result import Result
from lagebild.store import Store

log = logging.getLogger("lagebild")


@dataclass
class Written:
    """What became of one batch: ids analyzed, ids whose stages failed (with the error),
    documents the database refused."""

    analyzed: list[str] = field(default_factory=list)
    stage_errors: dict[str, str] = field(default_factory=dict)
    failed: list[InputError] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.analyzed) + len(self.stage_errors) + len(self.failed)


_OPEN: dict[str, Store] = {}  # a worker process's connections, kept across the batches it writes


class Writer:
    """Writes batches of `Result`s into the store at `db` (opened on first use, in the
    process that writes)."""

    def __init__(self, db: str, max_bytes: int, store: Store | None = None) -> None:
        self.db, self.max_bytes = db, max_bytes
        self._store = store

    def __getstate__(self) -> dict[str, Any]:
        return {"db": self.db, "max_bytes": self.max_bytes, "_store": None}  # a connection does not travel

    @property
    def store(self) -> Store:
        if self._store is None:
            self._store = _OPEN.get(self.db) or _OPEN.setdefault(self.db, Store(self.db))
        return self._store

    def write(self, results: list[Result]) -> Written:
        """Save a batch in one transaction; if the database refuses it, each document alone."""
        out = Written()
        if not results:
            return out
        try:
            self.store.save_many([(r.doc, r.error) for r in results])
        except StoreError:
            raise  # the database itself is busy, read-only or gone: not the documents' fault
        except Exception:  # noqa: BLE001 - find the document the database refuses
            for result in results:
                self._write_one(result, out)
            return out
        for result in results:
            _count(result, out)
        return out

    def _write_one(self, result: Result, out: Written) -> None:
        doc = result.doc
        try:
            self.store.save(doc, result.error)
        except StoreError:
            raise
        except Exception as exc:  # noqa: BLE001 - one document the database refuses must not stop the corpus
            failure = InputError(doc.source, f"stage 'save': {one_line(exc)}", stage="save")
            try:
                record_failure(self.store, failure, self.max_bytes)
            except StoreError:
                raise
            except Exception as second:  # the database refuses even the failure: it is the database
                raise StoreError(f"cannot write to the database {self.store.url!r}: {one_line(second)}") from second
            out.failed.append(failure)
            return
        _count(result, out)


def _count(result: Result, out: Written) -> None:
    if result.error:
        log.info("analysis of %s failed: %s (raw input kept)", result.doc.id, result.error)
        out.stage_errors[result.doc.id] = result.error
    else:
        out.analyzed.append(result.doc.id)


def record_failure(store: Store, failure: InputError, max_bytes: int) -> None:
    """Keep an input that could not be read or saved in the store's failures, with its raw bytes."""
    log.info("skipped %s", failure)
    raw = failure.raw if failure.raw is not None else _raw_bytes(failure.source, max_bytes)
    store.save_failure(failure.source, failure.message, raw, failure.stage)


def _raw_bytes(source: str, max_bytes: int) -> bytes | None:
    path = Path(source)
    try:
        if path.is_file() and path.stat().st_size <= max_bytes:
            return path.read_bytes()
    except OSError:
        return None
    return None
