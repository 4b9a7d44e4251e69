"""Plain text and HTML from bytes (an e-mail's attachment or body)."""
from __future__ import annotations

from lagebild.errors import InputError
from lagebild.ingest.formats import Read, decoded
from lagebild.ingest.readers import finish, html_to_document
from lagebild.model import Document


def text_from_bytes(data: bytes, doc_id: str, source: str) -> Read:
    found = decoded(data, source)
    if isinstance(found, InputError):
        yield found
        return
    text, encoding = found
    yield finish(Document(id=doc_id, source=source, raw=text, raw_format="txt", raw_text=text,
                          meta={"encoding": encoding}))


def html_from_bytes(data: bytes, doc_id: str, source: str) -> Read:
    found = decoded(data, source)
    yield found if isinstance(found, InputError) else html_to_document(found[0], doc_id, source)
