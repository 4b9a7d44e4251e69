"""Readers for document formats beyond plain text, HTML and JSONL: Markdown, PDF
(text layer), DOCX, e-mail (.eml with its attachments) and single JSON records.

Each format module has `from_bytes(data, doc_id, source)`, so that the same code
reads a file on disk and an e-mail attachment; `file_reader` turns one into a
reader of files for `ingest.readers.READERS`.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from lagebild.errors import InputError
from lagebild.ingest.decode import decode, read_limited
from lagebild.ingest.outcome import Skipped
from lagebild.limits import MAX_BYTES
from lagebild.model import Document

Read = Iterator[Document | InputError | Skipped]
BytesReader = Callable[[bytes, str, str], Read]
FileReader = Callable[[Path, int], Read]


def too_large(data: bytes, source: str, max_bytes: int) -> InputError | None:
    if len(data) <= max_bytes:
        return None
    return InputError(source, f"file is {len(data) / 1e6:.1f} MB, larger than the {max_bytes / 1e6:.0f} MB limit "
                              "for one article; raise --max-size if it really is one")


def decoded(data: bytes, source: str) -> tuple[str, str] | InputError:
    """(text, encoding) of text bytes, or the InputError saying why they are not text."""
    try:
        return decode(data, source, max(len(data), 1))
    except InputError as exc:
        return exc


def file_reader(from_bytes: BytesReader) -> FileReader:
    """A reader of files on disk from a reader of bytes (the size cap checked first)."""

    def read(path: Path, max_bytes: int = MAX_BYTES) -> Read:
        try:
            data = read_limited(path, max_bytes)  # the size checked before anything is read
        except InputError as exc:
            yield exc
            return
        yield from from_bytes(data, path.stem, str(path))

    return read


def bytes_reader(suffix: str) -> BytesReader | None:
    """The reader of bytes for a file name's suffix (any format lagebild reads)."""
    from lagebild.ingest.formats import docx, eml, jsonrecord, markdown, pdf, plain

    readers: dict[str, BytesReader] = {
        ".md": markdown.from_bytes, ".markdown": markdown.from_bytes, ".pdf": pdf.from_bytes,
        ".docx": docx.from_bytes, ".eml": eml.from_bytes, ".json": jsonrecord.from_bytes,
        ".txt": plain.text_from_bytes, ".html": plain.html_from_bytes, ".htm": plain.html_from_bytes,
    }
    return readers.get(suffix.lower())


def reflow(lines: list[str]) -> str:
    """Lines laid out on a page (PDF) joined into paragraphs, one a line: a line that
    ends a sentence and falls short of the usual width, or a short line without a full
    stop (a heading), ends its paragraph; a word split by a hyphen is joined again."""
    lines = [ln.strip() for ln in lines]
    widths = sorted(len(ln) for ln in lines if ln)
    usual = widths[int(len(widths) * 0.9)] if widths else 0
    paragraphs: list[str] = []
    current = ""
    for line in lines:
        if not line:
            paragraphs.append(current)
            current = ""
            continue
        if current.endswith("-") and line[:1].islower():
            current = current[:-1] + line
        else:
            current = f"{current} {line}".strip()
        ends = line.endswith((".", "!", "?", ":", '"', "«", "»", "“", "”"))
        if (ends and len(line) < 0.85 * usual) or len(line) < 0.5 * usual:
            paragraphs.append(current)
            current = ""
    paragraphs.append(current)
    return "\n\n".join(p for p in paragraphs if p)
