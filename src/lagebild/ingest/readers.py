"""Readers: one function per input format, each turning a file into Documents.

A reader never stops the corpus: a file it cannot read becomes an `InputError`
in the stream, and a JSONL file with one broken line still yields its other
articles.
"""
from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from lagebild.errors import InputError
from lagebild.ingest.decode import MAX_BYTES, decode
from lagebild.ingest.metadata import dateline, detect_language, iso_from
from lagebild.model import Document

SUFFIXES = (".txt", ".html", ".htm", ".jsonl")

# field name -> the names it goes by (ours first, then news-please's)
_FIELDS: dict[str, tuple[str, ...]] = {
    "id": ("id",),
    "text": ("text", "maintext"),
    "html": ("html",),
    "url": ("url",),
    "outlet": ("outlet", "source_domain"),
    "language": ("language",),
    "published": ("published", "date_publish"),
    "title": ("title",),
}


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def title_from_text(text: str) -> str | None:
    """The first non-blank line, when it reads like a headline (short, no full stop)."""
    for line in text.split("\n"):
        line = line.strip()
        if line:
            return line if len(line) <= 160 and not line.endswith((".", ":")) else None
    return None


def _finish(doc: Document) -> Document:
    """Fill language and publication date from the text where metadata gave none."""
    body = doc.raw_text
    if not doc.language:
        doc.language = detect_language(body)
    if not doc.published:
        doc.published = dateline(body, doc.language)
    doc.meta["content_hash"] = content_hash(doc.raw)
    return doc


def read_txt(path: Path, max_bytes: int = MAX_BYTES) -> Iterator[Document | InputError]:
    try:
        text, encoding = decode(path.read_bytes(), str(path), max_bytes)
    except InputError as exc:
        yield exc
        return
    doc = Document(id=path.stem, source=str(path), raw=text, raw_format="txt", raw_text=text,
                   meta={"encoding": encoding})
    yield _finish(doc)


def html_to_document(html: str, doc_id: str, source: str, url: str | None = None) -> Document | InputError:
    """Main text and metadata of an HTML page via trafilatura (see `ingest.html`)."""
    from lagebild.ingest.html import html_to_document as extract

    made = extract(html, doc_id, source, url)
    return made if isinstance(made, InputError) else _finish(made)


def read_html(path: Path, max_bytes: int = MAX_BYTES) -> Iterator[Document | InputError]:
    try:
        html, encoding = decode(path.read_bytes(), str(path), max_bytes)
    except InputError as exc:
        yield exc
        return
    yield html_to_document(html, path.stem, str(path))


def _field(record: dict[str, Any], name: str) -> Any:
    for key in _FIELDS[name]:
        value = record.get(key)
        if value not in (None, ""):
            return value
    return None


def record_to_document(record: dict[str, Any], source: str) -> Document | InputError:
    """One JSONL record (our field names or news-please's) to a Document."""
    text, html = _field(record, "text"), _field(record, "html")
    if not isinstance(text, str | None) or not isinstance(html, str | None):
        return InputError(source, "field 'text'/'html' must be a string")
    if not text and not html:
        return InputError(source, "has neither 'text' (or 'maintext') nor 'html'; nothing to analyze")
    raw = text or html or ""
    doc_id = str(_field(record, "id") or content_hash(raw))
    url = _field(record, "url")
    if text:
        doc = Document(id=doc_id, source=source, raw=text, raw_format="jsonl", raw_text=text, url=url)
    else:
        made = html_to_document(html or "", doc_id, source, url)
        if isinstance(made, InputError):
            return made
        doc = made
    doc.title = _field(record, "title") or doc.title
    doc.outlet = _field(record, "outlet") or doc.outlet
    doc.language = (_field(record, "language") or doc.language or None)
    doc.published = iso_from(_field(record, "published")) or doc.published
    doc.meta["record"] = {k: v for k, v in record.items() if k not in ("text", "maintext", "html")}
    return _finish(doc)


def read_jsonl(path: Path, max_bytes: int = MAX_BYTES) -> Iterator[Document | InputError]:
    try:
        text, _ = decode(path.read_bytes(), str(path), max_bytes * 1000)
    except InputError as exc:
        yield exc
        return
    for lineno, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        where = f"{path}:{lineno}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield InputError(where, f"is not valid JSON ({exc.msg} at column {exc.colno}); line skipped")
            continue
        if not isinstance(record, dict):
            yield InputError(where, "is not a JSON object with article fields; line skipped")
            continue
        yield record_to_document(record, where)


READERS = {".txt": read_txt, ".html": read_html, ".htm": read_html, ".jsonl": read_jsonl}
