"""The `processes` engine's pool: forked workers, one document each at a time.

A document over its time is stopped by killing its worker (which is replaced). Workers
die with their parent, even when it is killed with SIGKILL. Documents are taken from the
input stream only as workers become free, so memory does not grow with the corpus.
"""
from __future__ import annotations

import contextlib
import os
import signal
import time
from collections.abc import Iterator
from multiprocessing import get_context
from multiprocessing.connection import Connection, wait
from typing import Any

from lagebild.model import Document
from lagebild.run.result import Result, over_time, process_safely


def _die_with_parent(parent: int) -> None:
    """Ask Linux to kill this process when its parent dies (PR_SET_PDEATHSIG); elsewhere
    the worker notices a new parent while it waits for work."""
    with contextlib.suppress(OSError, AttributeError):
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)
    if os.getppid() != parent:
        os._exit(0)


def _serve(conn: Connection, stage: Any, parent: int) -> None:
    """A worker: process the documents sent to it, one at a time, until told to stop."""
    _die_with_parent(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C is the parent's to handle

    def entering(name: str) -> None:
        stage.value = name.encode()[:31]

    while True:
        if not conn.poll(1.0):
            if os.getppid() != parent:
                os._exit(0)
            continue
        try:
            item = conn.recv()
        except EOFError:
            os._exit(0)
        if item is None:
            return
        conn.send(process_safely(item, entering))


class _Worker:
    def __init__(self, ctx: Any) -> None:
        self.conn, child = ctx.Pipe()
        self.stage = ctx.Array("c", 32, lock=False)
        self.proc = ctx.Process(target=_serve, args=(child, self.stage, os.getpid()), daemon=True)
        self.proc.start()
        child.close()
        self.doc: Document | None = None
        self.deadline = float("inf")

    def give(self, doc: Document, time_limit: float | None) -> None:
        self.doc, self.stage.value = doc, b"start"
        self.deadline = time.monotonic() + time_limit if time_limit else float("inf")
        self.conn.send(doc)

    def stop(self, kill: bool = False) -> None:
        if not kill:
            with contextlib.suppress(OSError, ValueError):
                self.conn.send(None)
            self.proc.join(2)
        if self.proc.is_alive():
            self.proc.kill()
            self.proc.join()
        self.conn.close()


def _collect(worker: _Worker, time_limit: float | None) -> tuple[Result, bool] | None:
    """(the worker's result, False) if it has one; (a failure, True) if it died or ran over
    time and must be replaced; None while it works."""
    doc = worker.doc
    assert doc is not None
    stage = worker.stage.value.decode(errors="replace") or "start"
    try:
        if worker.conn.poll():
            result: Result = worker.conn.recv()
            return result, False
    except (EOFError, OSError):
        worker.proc.join(1)
        code = worker.proc.exitcode
        return Result(doc, f"stage {stage!r}: the worker process died (exit code {code}; out of memory?); "
                           "raw input kept", stage), True
    if time.monotonic() >= worker.deadline:
        assert time_limit is not None
        return Result(doc, over_time(stage, time_limit), stage), True
    return None


def pool(docs: Iterator[Document], workers: int, time_limit: float | None) -> Iterator[Result]:
    """Process `docs` in `workers` forked processes; results come in the order they finish."""
    ctx = get_context("fork")
    workers_ = [_Worker(ctx) for _ in range(workers)]
    more = True
    try:
        while True:
            for w in workers_:
                if w.doc is None and more:
                    doc = next(docs, None)
                    if doc is None:
                        more = False
                    else:
                        w.give(doc, time_limit)
            busy = [w for w in workers_ if w.doc is not None]
            if not busy:
                return
            first = min(w.deadline for w in busy)
            wait([w.conn for w in busy], timeout=None if first == float("inf") else max(0.0, first - time.monotonic()))
            for i, w in enumerate(workers_):
                if w.doc is None or (found := _collect(w, time_limit)) is None:
                    continue
                result, replace = found
                if replace:
                    w.stop(kill=True)
                    workers_[i] = w = _Worker(ctx)
                w.doc = None
                yield result
    finally:
        for w in workers_:
            w.stop(kill=w.doc is not None)
