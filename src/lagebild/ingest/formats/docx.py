"""DOCX (python-docx): the paragraphs of the body, one a line; the title from the
document's properties."""
from __future__ import annotations

import io
import zipfile

from lagebild.errors import InputError
from lagebild.ingest.formats import Read
from lagebild.ingest.readers import finish
from lagebild.model import Document


def from_bytes(data: bytes, doc_id: str, source: str) -> Read:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        yield InputError(source, f"is not a readable DOCX file ({exc.__class__.__name__}); save it again as "
                                 ".docx (Word 2007 or later) or as text")
        return
    text = "\n\n".join(p.text.strip() for p in document.paragraphs if p.text.strip())
    if not text:
        yield InputError(source, "this DOCX file holds no paragraphs of text")
        return
    props = document.core_properties
    doc = Document(id=doc_id, source=source, raw=text, raw_format="docx", raw_text=text, raw_bytes=data,
                   title=(props.title or "").strip() or None)
    if props.author:
        doc.meta["author"] = props.author
    yield finish(doc)
