"""Readers that turn inputs (files, folders, URLs, feeds) into Documents.

`read_inputs` (in `sources`) is what `lagebild analyze` uses; `read_paths` and
`read_file` read files only.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from lagebild.errors import InputError, one_line
from lagebild.ingest.decode import describe_os_error
from lagebild.ingest.feeds import FEED_SUFFIXES
from lagebild.ingest.formats import docx, eml, file_reader, jsonrecord, markdown, pdf
from lagebild.ingest.outcome import Skipped
from lagebild.ingest.readers import READERS
from lagebild.ingest.readers import SUFFIXES as TEXT_SUFFIXES
from lagebild.ingest.walk import walk
from lagebild.limits import MAX_BYTES
from lagebild.model import Document

__all__ = ["read_file", "read_paths", "SUFFIXES"]

# the formats of ingest.formats, registered beside the text readers
FORMAT_READERS: dict[str, Callable[[Path, int], Iterator[Document | InputError | Skipped]]] = {
    ".md": file_reader(markdown.from_bytes), ".markdown": file_reader(markdown.from_bytes),
    ".pdf": file_reader(pdf.from_bytes), ".docx": file_reader(docx.from_bytes),
    ".eml": file_reader(eml.from_bytes), ".json": file_reader(jsonrecord.from_bytes),
}
SUFFIXES = (*TEXT_SUFFIXES, *FORMAT_READERS, *FEED_SUFFIXES)


def read_file(path: Path, max_bytes: int = MAX_BYTES) -> Iterator[Document | InputError | Skipped]:
    reader = READERS.get(path.suffix.lower()) or FORMAT_READERS.get(path.suffix.lower())
    if reader is None:
        yield InputError(str(path), f"has an unsupported type '{path.suffix}'; lagebild reads "
                                    f"{', '.join(SUFFIXES)}")
        return
    try:
        yield from reader(path, max_bytes)
    except OSError as exc:
        yield InputError(str(path), describe_os_error(exc))
    except Exception as exc:  # noqa: BLE001 - a reader's bug must not stop the corpus
        yield InputError(str(path), f"the {path.suffix} reader failed: {one_line(exc)}", stage="read")


def read_paths(paths: Iterable[str | Path], max_bytes: int = MAX_BYTES) -> Iterator[Document | InputError | Skipped]:
    """The documents in files and folders (feed files and sidecars are `read_inputs`' business)."""
    for item in walk(paths, SUFFIXES):
        if isinstance(item, Path):
            yield from read_file(item, max_bytes)
        else:
            yield item
