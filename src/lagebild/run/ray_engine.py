"""The `ray` engine: Ray tasks over batches of documents, on this machine or a cluster.

Each task analyzes one batch (`BATCH` documents) and writes it itself, in one
transaction, to the PostgreSQL store; the driver only reads the inputs, skips unchanged
ones and hands out batches, at most two per worker at a time, and gets back a small
summary per batch (ids and errors). Workers write because the documents then travel
once (driver → worker) instead of twice, with their annotations, and the driver's
single connection stops being the bottleneck when workers are many; this is also why the
store must be PostgreSQL: many workers on many machines cannot share one SQLite file.

A task whose worker dies is retried by Ray (up to three times). Writes are idempotent
(a document replaces the rows of its id, claim ids are made from document ids, the
failures of its source are cleared in the same transaction), so a batch written twice
leaves exactly what writing it once does.

Install with `pip install 'lagebild[ray]'`. `--ray-address auto` joins the cluster
this machine belongs to, `ray://HOST:10001` a remote one; without an address a local
Ray instance is started (with `workers` CPUs) and stopped at the end.
"""
from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

from lagebild.errors import UsageError
from lagebild.model import Document
from lagebild.run.result import in_process
from lagebild.run.writer import Writer, Written

RETRIES = 3


def _ray() -> Any:
    try:
        import ray
    except ImportError as exc:
        raise UsageError("the ray engine needs Ray; install it with `pip install 'lagebild[ray]'`") from exc
    return ray


def analyze_batch(docs: list[Document], writer: Writer, time_limit: float | None) -> Written:
    """One task: analyze a batch of documents and write it (runs in a Ray worker)."""
    return writer.write([in_process(doc, time_limit) for doc in docs])


class RayEngine:
    name = "ray"

    def __init__(self, db: str, workers: int | None = None, time_limit: float | None = None,
                 address: str | None = None, batch: int = 32) -> None:
        if not db.startswith(("postgresql://", "postgres://", "postgresql+psycopg://")):
            raise UsageError(f"the ray engine needs a PostgreSQL store, not {db!r}: many workers cannot share "
                             "one SQLite file. Use e.g. --db postgresql://user@HOST/lagebild (see README, "
                             "'Scaling out'), or --engine processes for SQLite")
        self.ray = _ray()
        self.workers, self.time_limit, self.address, self.batch = workers, time_limit, address, batch

    def _connect(self) -> bool:
        """Join or start Ray; True when this call started it (and so stops it)."""
        if self.ray.is_initialized():
            return False
        options: dict[str, Any] = {"include_dashboard": False, "logging_level": logging.WARNING,
                                   "log_to_driver": False}
        if self.address:
            self.ray.init(address=self.address, **options)
        else:
            self.ray.init(num_cpus=self.workers or None, **options)
        return True

    def analyze(self, docs: Iterator[Document], writer: Writer) -> Iterator[Written]:
        from lagebild.run import batched

        ray = self.ray
        started = self._connect()
        try:
            task = ray.remote(max_retries=RETRIES)(analyze_batch)
            room = 2 * max(1, int(self.workers or ray.cluster_resources().get("CPU", 1)))
            pending: list[Any] = []
            for chunk in batched(docs, self.batch):
                pending.append(task.remote(chunk, writer, self.time_limit))
                while len(pending) >= room:
                    done, pending = ray.wait(pending, num_returns=1)
                    yield self._get(done[0])
            while pending:
                done, pending = ray.wait(pending, num_returns=1)
                yield self._get(done[0])
        finally:
            if started:
                ray.shutdown()

    def _get(self, ref: Any) -> Written:
        try:
            written: Written = self.ray.get(ref)
        except self.ray.exceptions.RayTaskError as exc:
            raise exc.as_instanceof_cause() from None  # e.g. a StoreError from the worker, as such
        return written
