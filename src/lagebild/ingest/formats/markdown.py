"""Markdown: the text of its blocks, one a line; a front matter block gives metadata.

Headings, paragraphs, list items and quotes keep their words (links their text);
images, code and raw HTML blocks are left out. A `---` front matter at the top
with `title:`, `date:`/`published:`, `outlet:`, `language:` or `url:` fills those.
"""
from __future__ import annotations

import re
from typing import Any

from lagebild.errors import InputError
from lagebild.ingest.formats import Read, decoded
from lagebild.ingest.metadata import iso_from
from lagebild.ingest.readers import finish
from lagebild.model import Document

_FRONT = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_KEYS = {"title": "title", "date": "published", "published": "published", "outlet": "outlet",
         "source": "outlet", "language": "language", "lang": "language", "url": "url"}
_INLINE = {"text": None, "code_inline": None, "softbreak": " ", "hardbreak": "\n"}


def front_matter(text: str) -> tuple[dict[str, str], str]:
    """(fields, the rest of the text) from a simple `key: value` front matter block."""
    m = _FRONT.match(text)
    if not m:
        return {}, text
    fields = {}
    for line in m[1].split("\n"):
        key, sep, value = line.partition(":")
        name = _KEYS.get(key.strip().lower())
        if sep and name:
            fields[name] = value.strip().strip("\"'")
    return fields, text[m.end():]


def _inline(token: Any) -> str:
    parts = []
    for child in token.children or []:
        if child.type in _INLINE:
            parts.append(_INLINE[child.type] or child.content)
    return "".join(parts).strip()


def markdown_text(source: str) -> str:
    """The readable text of a Markdown document: one block a line, blank lines between."""
    from markdown_it import MarkdownIt

    blocks = [_inline(t) for t in MarkdownIt("commonmark").parse(source) if t.type == "inline"]
    return "\n\n".join(b for b in blocks if b)


def from_bytes(data: bytes, doc_id: str, source: str) -> Read:
    found = decoded(data, source)
    if isinstance(found, InputError):
        yield found
        return
    raw, encoding = found
    fields, body = front_matter(raw)
    text = markdown_text(body)
    if not text.strip():
        yield InputError(source, "this Markdown file holds no text (only images, code or markup)")
        return
    doc = Document(id=doc_id, source=source, raw=raw, raw_format="md", raw_text=text, title=fields.get("title"),
                   outlet=fields.get("outlet"), url=fields.get("url"), language=fields.get("language"),
                   published=iso_from(fields.get("published")), meta={"encoding": encoding})
    yield finish(doc)
