"""Execution: engines that run the per-document pipeline over a stream of documents and
write the results in batches.

- `local`: in this process (tests, notebooks);
- `processes`: a pool of forked worker processes on this machine (the default);
- `ray`: Ray tasks over batches of documents, on a local Ray instance or a cluster
  (`pip install 'lagebild[ray]'`, PostgreSQL store; see `run/ray_engine.py`).

Every engine has one method, `analyze(docs, writer)`: it pulls documents from the
iterator only as it has room for them (memory does not grow with the corpus), processes
each inside the per-document boundary (`run/result.py`: a failing stage or one over the
time limit fails that document only) and yields what each written batch became.
"""
from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from itertools import chain, islice
from typing import Protocol, TypeVar

from lagebild.errors import UsageError
from lagebild.limits import TIME_LIMIT
from lagebild.model import Document
from lagebild.run.processes import pool
from lagebild.run.result import DocumentTimeout, Result, in_process, process_safely
from lagebild.run.writer import Writer, Written

__all__ = ["ENGINES", "BATCH", "DocumentTimeout", "Engine", "Result", "Writer", "Written", "batched",
           "default_workers", "make_engine", "process_safely", "run"]

ENGINES = ("local", "processes", "ray")
BATCH = 32  # documents a write transaction (and a Ray task) holds
T = TypeVar("T")


def default_workers() -> int:
    return max(1, min(os.cpu_count() or 1, 8))


def batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Lists of up to `size` items, taken from `items` as they come."""
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


class Engine(Protocol):
    name: str

    def analyze(self, docs: Iterator[Document], writer: Writer) -> Iterator[Written]: ...


class LocalEngine:
    """Every document in this process, one after the other."""

    name = "local"

    def __init__(self, time_limit: float | None = TIME_LIMIT, batch: int = BATCH) -> None:
        self.time_limit, self.batch = time_limit, batch

    def analyze(self, docs: Iterator[Document], writer: Writer) -> Iterator[Written]:
        for chunk in batched((in_process(d, self.time_limit) for d in docs), self.batch):
            yield writer.write(chunk)


class ProcessesEngine:
    """Forked worker processes on this machine; the results are written here, in batches
    (one writer: SQLite allows no other)."""

    name = "processes"

    def __init__(self, workers: int | None = None, time_limit: float | None = TIME_LIMIT,
                 batch: int = BATCH) -> None:
        self.workers = default_workers() if workers is None else workers
        self.time_limit, self.batch = time_limit, batch

    def analyze(self, docs: Iterator[Document], writer: Writer) -> Iterator[Written]:
        for chunk in batched(run(docs, self.workers, self.time_limit), self.batch):
            yield writer.write(chunk)


def run(docs: Iterable[Document], workers: int | None = None,
        time_limit: float | None = TIME_LIMIT) -> Iterator[Result]:
    """Process documents, in worker processes when `workers` > 1 and there are at least
    four (results then come in the order they finish); `time_limit` seconds per document
    (None: no limit). Documents are taken from `docs` as workers become free."""
    it = iter(docs)
    head = list(islice(it, 4))
    workers = default_workers() if workers is None else workers
    if workers <= 1 or len(head) < 4:
        for doc in chain(head, it):
            yield in_process(doc, time_limit)
        return
    yield from pool(chain(head, it), workers, time_limit)


def make_engine(name: str, db: str, workers: int | None = None, time_limit: float | None = TIME_LIMIT,
                ray_address: str | None = None) -> Engine:
    """The engine called `name` ('local', 'processes' or 'ray'); misuse raises UsageError."""
    if name not in ENGINES:
        raise UsageError(f"unknown engine {name!r}; choose one of {', '.join(ENGINES)} (e.g. --engine processes)")
    if ray_address is not None and name != "ray":
        raise UsageError("--ray-address goes with --engine ray")
    if name == "local":
        return LocalEngine(time_limit)
    if name == "processes":
        return ProcessesEngine(workers, time_limit)
    from lagebild.run.ray_engine import RayEngine

    return RayEngine(db, workers, time_limit, ray_address)
