"""Readers that turn inputs (files, folders) into Documents."""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from lagebild.errors import InputError
from lagebild.ingest.decode import MAX_BYTES
from lagebild.ingest.readers import READERS, SUFFIXES
from lagebild.model import Document

__all__ = ["expand", "read_file", "read_paths", "SUFFIXES"]


def expand(paths: Iterable[str | Path]) -> Iterator[Path | InputError]:
    """Files named directly, and the readable files inside folders (recursively, sorted)."""
    for p in paths:
        path = Path(p)
        if path.is_dir():
            files = sorted(f for f in path.rglob("*") if f.is_file() and f.suffix.lower() in SUFFIXES)
            yield from files
        elif path.is_file():
            yield path
        else:
            yield InputError(str(path), "does not exist; check the path")


def read_file(path: Path, max_bytes: int = MAX_BYTES) -> Iterator[Document | InputError]:
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        yield InputError(str(path), f"has an unsupported type '{path.suffix}'; lagebild reads "
                                    f"{', '.join(SUFFIXES)}")
        return
    try:
        yield from reader(path, max_bytes)
    except OSError as exc:
        yield InputError(str(path), f"cannot be read ({exc.strerror or exc})")


def read_paths(paths: Iterable[str | Path], max_bytes: int = MAX_BYTES) -> Iterator[Document | InputError]:
    for item in expand(paths):
        if isinstance(item, InputError):
            yield item
        else:
            yield from read_file(item, max_bytes)
