"""Plain text and HTML from bytes (an e-mail's attachment or body)."""
from __future__ import annotations

from lagebild.errors import InputError
from lagebild.ingest.decode import decode
from lagebild.ingest.formats import Read
from lagebild.ingest.readers import _finish as finish
from lagebild.ingest.readers import html_to_document
from lagebild.model import Document


def text_from_bytes(data: bytes, doc_id: str, source: str) -> Read:
    try:
        text, encoding = decode(data, source)
    except InputError as exc:
        yield exc
        return
    yield finish(Document(id=doc_id, source=source, raw=text, raw_format="txt", raw_text=text,
                          meta={"encoding": encoding}))


def html_from_bytes(data: bytes, doc_id: str, source: str) -> Read:
    try:
        html, _ = decode(data, source)
    except InputError as exc:
        yield exc
        return
    yield html_to_document(html, doc_id, source)
