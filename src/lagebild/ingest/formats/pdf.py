"""PDF: the text layer (pypdf), reflowed into paragraphs. No OCR: a PDF whose pages
are only images says so."""
from __future__ import annotations

import io

from lagebild.errors import InputError
from lagebild.ingest.formats import Read, reflow
from lagebild.ingest.readers import finish
from lagebild.model import Document

MIN_CHARS = 20  # less than this over all pages is no text layer worth reading


def _reader(data: bytes, source: str) -> object:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            return InputError(source, "is an encrypted PDF; save an unprotected copy and analyze that")
        return reader
    except (PyPdfError, ValueError, KeyError, OSError) as exc:
        return InputError(source, f"is not a readable PDF ({exc.__class__.__name__}: {exc})")


def from_bytes(data: bytes, doc_id: str, source: str) -> Read:
    from pypdf.errors import PyPdfError

    reader = _reader(data, source)
    if isinstance(reader, InputError):
        yield reader
        return
    try:
        pages = [page.extract_text() or "" for page in reader.pages]  # type: ignore[attr-defined]
    except (PyPdfError, ValueError, KeyError) as exc:
        yield InputError(source, f"the PDF's text cannot be extracted ({exc.__class__.__name__}: {exc})")
        return
    text = "\n\n".join(reflow(page.split("\n")) for page in pages)
    if len(text.strip()) < MIN_CHARS:
        yield InputError(source, f"this PDF has no text layer ({len(pages)} pages of images?); lagebild does no "
                                 "OCR: run an OCR tool such as ocrmypdf first and analyze its output")
        return
    info = reader.metadata or {}  # type: ignore[attr-defined]
    doc = Document(id=doc_id, source=source, raw=text, raw_format="pdf", raw_text=text, raw_bytes=data,
                   title=str(info.get("/Title") or "").strip() or None, meta={"pages": len(pages)})
    if info.get("/Author"):
        doc.meta["author"] = str(info["/Author"])
    yield finish(doc)
