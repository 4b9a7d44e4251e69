"""Readers: one function per input format, each turning a file into Documents.

The reader API, for adding a format: a reader is a function
`reader(path: Path, max_bytes: int) -> Iterator[Document | InputError]`, registered in
`READERS` under its suffixes. It reads its bytes with `decode.read_limited` (size checked
before reading), turns them into text with `decode.decode`, and ends every Document with
`finish(doc)` (text normalised, language, date and content hash filled in). It never
raises for a bad input: it yields an `InputError` naming the file (or line) and the
reason, and goes on with the next record. Anything it raises all the same is caught by
the boundary in `lagebild.api` and recorded as a failure of that input.
"""
from __future__ import annotations

import contextlib
import contextvars
import hashlib
import json
import logging
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

from lagebild.errors import InputError, one_line
from lagebild.ingest.decode import decode, read_limited, regular_size
from lagebild.ingest.metadata import dateline, detect_language, iso_from
from lagebild.ingest.normalise import normalise_document
from lagebild.ingest.records import language_code, validate
from lagebild.limits import MAX_BYTES
from lagebild.model import Document

Reader = Callable[[Path, int], Iterator[Document | InputError]]


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", errors="surrogatepass")).hexdigest()[:16]


def title_from_text(text: str) -> str | None:
    """The first non-blank line, when it reads like a headline (short, no full stop)."""
    for line in text.split("\n"):
        line = line.strip()
        if line:
            return line if len(line) <= 160 and not line.endswith((".", ":")) else None
    return None


def finish(doc: Document) -> Document:
    """Normalise the text, then fill language and publication date from it where metadata
    gave none, and the content hash that tells a changed input from an unchanged one."""
    normalise_document(doc)
    body = doc.raw_text
    if not doc.language:
        doc.language = detect_language(body)
    if not doc.published:
        doc.published = dateline(body, doc.language)
    doc.meta["content_hash"] = content_hash(doc.raw)
    return doc


def read_txt(path: Path, max_bytes: int = MAX_BYTES) -> Iterator[Document | InputError]:
    try:
        text, encoding = decode(read_limited(path, max_bytes), str(path), max_bytes)
    except InputError as exc:
        yield exc
        return
    doc = Document(id=path.stem, source=str(path), raw=text, raw_format="txt", raw_text=text,
                   meta={"encoding": encoding})
    yield finish(doc)


# -- HTML --------------------------------------------------------------------------------
_source: contextvars.ContextVar[str | None] = contextvars.ContextVar("lagebild_source", default=None)


class _NameTheFile(logging.Filter):
    """Prefix the log lines of trafilatura and its helpers with the file they are about."""

    def filter(self, record: logging.LogRecord) -> bool:
        source = _source.get()
        if source and not getattr(record, "lagebild_source", None):
            record.msg = f"{source.replace('%', '%%') if record.args else source}: {record.msg}"
            record.lagebild_source = source
        return True


_LOGGERS = ("trafilatura", "htmldate", "courlan", "justext")


def _name_the_file_in_logs() -> None:
    names = [n for n in logging.Logger.manager.loggerDict if n.split(".")[0] in _LOGGERS]
    for name in [*_LOGGERS, *names]:
        logger = logging.getLogger(name)
        if not any(isinstance(f, _NameTheFile) for f in logger.filters):
            logger.addFilter(_NameTheFile())


@contextlib.contextmanager
def about(source: str) -> Iterator[None]:
    """Log lines written inside this block name `source`."""
    token = _source.set(source)
    try:
        yield
    finally:
        _source.reset(token)


def html_to_document(html: str, doc_id: str, source: str, url: str | None = None) -> Document | InputError:
    """Main text and metadata of an HTML page via trafilatura (see `ingest.html`; without
    trafilatura's process-wide deduplication: ten syndicated copies give ten identical
    texts, and our own near-duplicate detection decides what is a copy). Its log lines
    name the file."""
    from lagebild.ingest.html import html_to_document as extract

    _name_the_file_in_logs()
    with about(source):
        made = extract(html, doc_id, source, url)
    if isinstance(made, InputError):
        made.stage = "extract"
        return made
    return finish(made)


def read_html(path: Path, max_bytes: int = MAX_BYTES) -> Iterator[Document | InputError]:
    try:
        html, encoding = decode(read_limited(path, max_bytes), str(path), max_bytes)
    except InputError as exc:
        yield exc
        return
    made = html_to_document(html, path.stem, str(path))
    if isinstance(made, Document):
        made.meta["encoding"] = encoding
    yield made


# -- JSONL -------------------------------------------------------------------------------
def record_to_document(record: dict[str, Any], source: str) -> Document | InputError:
    """One JSONL record (our field names or news-please's) to a Document, after the
    record is checked against `records.SCHEMA`."""
    values, problems = validate(record)
    if problems:
        return InputError(source, "; ".join(problems) + "; record skipped", stage="validate")
    text, html = values.get("text"), values.get("html")
    raw = text or html or ""
    doc_id = str(values.get("id") or content_hash(raw))
    url = values.get("url")
    if text:
        doc = Document(id=doc_id, source=source, raw=text, raw_format="jsonl", raw_text=text, url=url)
    else:
        made = html_to_document(raw, doc_id, source, url)
        if isinstance(made, InputError):
            return made
        doc = made
    doc.title = values.get("title") or doc.title
    doc.outlet = values.get("outlet") or doc.outlet
    doc.language = language_code(values["language"]) if "language" in values else doc.language
    doc.published = iso_from(values.get("published")) or doc.published
    doc.meta["record"] = {k: v for k, v in record.items() if k not in ("text", "maintext", "html")}
    return finish(doc)


def _lines(handle: BinaryIO, max_bytes: int) -> Iterator[tuple[int, bytes | None, int]]:
    """(line number, bytes or None when longer than max_bytes, length) of each line, streamed."""
    lineno = 0
    while line := handle.readline(max_bytes + 1):
        lineno += 1
        size = len(line)
        if size <= max_bytes or line.endswith(b"\n"):
            yield lineno, line, size
            continue
        while not line.endswith(b"\n"):  # skip the rest of an overlong line without keeping it
            line = handle.readline(1 << 20)
            if not line:
                break
            size += len(line)
        yield lineno, None, size


def _parse_line(line: bytes, where: str) -> dict[str, Any] | InputError:
    try:
        text = line.decode("utf-8")
    except UnicodeDecodeError:
        return InputError(where, "is not UTF-8, which JSON Lines requires; convert the file (iconv -t UTF-8)",
                          stage="decode", raw=line)
    try:
        record = json.loads(text)
    except json.JSONDecodeError as exc:
        return InputError(where, f"is not valid JSON ({exc.msg} at column {exc.colno}); line skipped",
                          stage="decode", raw=line)
    except RecursionError:
        return InputError(where, "is JSON nested too deeply to be an article record; line skipped",
                          stage="decode", raw=line)
    if not isinstance(record, dict):
        return InputError(where, "is not a JSON object with article fields; line skipped", stage="validate",
                          raw=line)
    return record


def read_jsonl(path: Path, max_bytes: int = MAX_BYTES) -> Iterator[Document | InputError]:
    """One Document per line, streamed: the file may be large, each record at most
    `max_bytes`. A broken line is reported with its number and the others go on."""
    try:
        regular_size(path)  # the whole file may be large; each record's size is checked
    except InputError as exc:
        yield exc
        return
    with open(path, "rb") as handle:
        for lineno, line, size in _lines(handle, max_bytes):
            where = f"{path}:{lineno}"
            if line is None:
                yield InputError(where, f"is a record of {size / 1e6:.1f} MB, larger than the {max_bytes / 1e6:g} "
                                        "MB limit for one article; split it or raise --max-size; line skipped")
                continue
            if lineno == 1:
                if line.startswith((b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")):
                    yield InputError(str(path), "is UTF-16 or UTF-32 encoded; JSON Lines must be UTF-8 "
                                                "(convert it with iconv -t UTF-8)", stage="decode")
                    return
                line = line.removeprefix(b"\xef\xbb\xbf")
            if not line.strip():
                continue
            record = _parse_line(line, where)
            if isinstance(record, InputError):
                yield record
                continue
            try:
                made = record_to_document(record, where)
            except Exception as exc:  # noqa: BLE001 - one record must not stop the file
                made = InputError(where, f"could not be read: {one_line(exc)}; record skipped")
            if isinstance(made, InputError):
                made.raw = line
            yield made


READERS: dict[str, Reader] = {".txt": read_txt, ".html": read_html, ".htm": read_html, ".jsonl": read_jsonl}
SUFFIXES = tuple(READERS)
