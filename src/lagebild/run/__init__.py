"""Execution: run the per-document pipeline in this process or on all cores."""
from __future__ import annotations

import os
import traceback
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context

from lagebild.errors import UnsupportedLanguage
from lagebild.model import Document
from lagebild.pipeline import process

Result = tuple[Document, str | None]  # the document, and the error if a stage failed


def process_safely(doc: Document) -> Result:
    """Run the pipeline; a stage that raises marks the document failed, never the corpus."""
    try:
        return process(doc), None
    except UnsupportedLanguage as exc:
        return doc, str(exc)  # not a crash: the document is kept with its raw text, unread
    except Exception as exc:  # noqa: BLE001 - one bad article must not stop the corpus
        where = traceback.extract_tb(exc.__traceback__)[-1]
        return doc, f"{exc.__class__.__name__}: {exc} (in {os.path.basename(where.filename)}:{where.lineno})"


def default_workers() -> int:
    return max(1, min(os.cpu_count() or 1, 8))


def run(docs: Iterable[Document], workers: int | None = None) -> Iterator[Result]:
    """Process documents, in parallel when `workers` > 1; results come in input order."""
    docs = list(docs)
    workers = default_workers() if workers is None else workers
    if workers <= 1 or len(docs) < 4:
        yield from map(process_safely, docs)
        return
    with ProcessPoolExecutor(max_workers=workers, mp_context=get_context("fork")) as pool:
        yield from pool.map(process_safely, docs, chunksize=max(1, min(16, len(docs) // (workers * 4))))
