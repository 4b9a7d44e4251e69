"""Execution: run the per-document pipeline in this process or in worker processes.

The runner is the per-document boundary around the stages: whatever a stage raises
becomes a failed `Result` naming the stage and a one-line reason, a document that takes
longer than the time limit is stopped and recorded as failed, and the other documents
go on. In worker processes a document over its time is stopped by killing its worker
(which is replaced); in this process by a timer signal (main thread only; pure-Python
code stops at once, a long C call when it returns). Workers die with their parent, even
when it is killed with SIGKILL.
"""
from __future__ import annotations

import contextlib
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from multiprocessing import get_context
from multiprocessing.connection import Connection, wait
from types import FrameType
from typing import Any

from lagebild.errors import UnsupportedLanguage, one_line
from lagebild.limits import TIME_LIMIT
from lagebild.model import Document
from lagebild.pipeline import process


@dataclass
class Result:
    """A processed document, or the stage where it failed and why (`error` is one line)."""

    doc: Document
    error: str | None = None
    stage: str | None = None


class DocumentTimeout(BaseException):
    """Raised by the timer inside a stage; a BaseException so no stage's `except Exception` hides it."""


def process_safely(doc: Document, on_stage: Any = None) -> Result:
    """Run the pipeline; a stage that raises marks the document failed, never the corpus."""
    current = ["start"]

    def entering(name: str) -> None:
        current[0] = name
        if on_stage is not None:
            on_stage(name)

    try:
        return Result(process(doc, on_stage=entering))
    except UnsupportedLanguage as exc:
        return Result(doc, str(exc), "language")  # not a crash: the document is kept with its raw text, unread
    except Exception as exc:  # noqa: BLE001 - one bad article must not stop the corpus
        return Result(doc, f"stage {current[0]!r}: {one_line(exc)}", current[0])
    except DocumentTimeout:
        return Result(doc, _over_time(current[0], _limit_in_force[0]), current[0])


def _over_time(stage: str, limit: float) -> str:
    return (f"stage {stage!r}: took longer than the time limit of {limit:g} s per document "
            "(--time-limit); analysis stopped, raw input kept")


def default_workers() -> int:
    return max(1, min(os.cpu_count() or 1, 8))


def run(docs: Iterable[Document], workers: int | None = None,
        time_limit: float | None = TIME_LIMIT) -> Iterator[Result]:
    """Process documents, in worker processes when `workers` > 1 (results then come in
    the order they finish); `time_limit` seconds per document (None: no limit)."""
    docs = list(docs)
    workers = default_workers() if workers is None else workers
    if workers <= 1 or len(docs) < 4:
        for doc in docs:
            yield _in_process(doc, time_limit)
        return
    yield from _pool(docs, workers, time_limit)


# -- in this process ---------------------------------------------------------------------
_limit_in_force = [0.0]


def _raise_timeout(_signum: int, _frame: FrameType | None) -> None:
    raise DocumentTimeout


def _in_process(doc: Document, time_limit: float | None) -> Result:
    usable = time_limit and hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not usable:
        return process_safely(doc)
    assert time_limit is not None
    _limit_in_force[0] = time_limit
    previous = signal.signal(signal.SIGALRM, _raise_timeout)
    signal.setitimer(signal.ITIMER_REAL, time_limit)
    try:
        return process_safely(doc)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


# -- in worker processes -----------------------------------------------------------------
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
        return Result(doc, _over_time(stage, time_limit), stage), True
    return None


def _pool(docs: list[Document], workers: int, time_limit: float | None) -> Iterator[Result]:
    ctx = get_context("fork")
    todo = deque(docs)
    pool = [_Worker(ctx) for _ in range(min(workers, len(docs)))]
    try:
        while todo or any(w.doc is not None for w in pool):
            for w in pool:
                if w.doc is None and todo:
                    w.give(todo.popleft(), time_limit)
            busy = [w for w in pool if w.doc is not None]
            first = min(w.deadline for w in busy)
            wait([w.conn for w in busy], timeout=None if first == float("inf") else max(0.0, first - time.monotonic()))
            for i, w in enumerate(pool):
                if w.doc is None or (found := _collect(w, time_limit)) is None:
                    continue
                result, replace = found
                if replace:
                    w.stop(kill=True)
                    pool[i] = w = _Worker(ctx)
                w.doc = None
                yield result
    finally:
        for w in pool:
            w.stop(kill=w.doc is not None)
