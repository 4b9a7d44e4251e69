"""The per-document boundary around the stages, in the process that runs them.

Whatever a stage raises becomes a failed `Result` naming the stage and a one-line reason.
In this process a document over its time is stopped by a timer signal (main thread only;
pure-Python code stops at once, a long C call when it returns; the timer fires again
until its exception reaches the boundary).
"""
from __future__ import annotations

import signal
import threading
from dataclasses import dataclass
from types import FrameType
from typing import Any

from lagebild.errors import UnsupportedLanguage, one_line
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


_limit_in_force = [0.0]


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
        if hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread():
            signal.setitimer(signal.ITIMER_REAL, 0)  # it may have fired again on the way here
        return Result(doc, over_time(current[0], _limit_in_force[0]), current[0])


def over_time(stage: str, limit: float) -> str:
    return (f"stage {stage!r}: took longer than the time limit of {limit:g} s per document "
            "(--time-limit); analysis stopped, raw input kept")


AGAIN = 0.2  # seconds after which the timer fires again if its exception was swallowed


def _raise_timeout(_signum: int, _frame: FrameType | None) -> None:
    # Raised inside a finalizer (a garbage-collector callback), the exception is printed and
    # lost, and the document would go on: the timer fires again until one reaches the stage.
    signal.setitimer(signal.ITIMER_REAL, AGAIN)
    raise DocumentTimeout


def in_process(doc: Document, time_limit: float | None) -> Result:
    """Process one document here, stopped by a timer after `time_limit` seconds (where
    signals can be used: the main thread of a POSIX process)."""
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
