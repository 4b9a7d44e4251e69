"""Text made safe once, at the boundary where a Document enters the pipeline.

NUL characters are removed and unpaired UTF-16 surrogates (which JSON allows as
"\\ud800" but no database or encoder accepts) become U+FFFD; every string field and
the metadata are treated alike, and a note in `doc.meta["notes"]` says what changed.
The text is also put in Unicode NFC (a file from a Mac writes "ü" as "u" and a combining
mark; the tokenizer and the lexicons expect one character). Normalising twice changes
nothing.
"""
from __future__ import annotations

import re
import unicodedata
from typing import Any

from lagebild.model import Document

_SURROGATE = re.compile("[\ud800-\udfff]")
_TEXT_FIELDS = ("id", "source", "raw", "raw_text", "title", "outlet", "url", "language", "published")


def normalise_text(text: str) -> tuple[str, int, int]:
    """(text without NULs and lone surrogates, NULs removed, surrogates replaced)."""
    nuls = text.count("\x00")
    if nuls:
        text = text.replace("\x00", "")
    text, surrogates = _SURROGATE.subn("\ufffd", text)
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return text, nuls, surrogates


def _clean(value: Any, counts: list[int]) -> Any:
    if isinstance(value, str):
        text, nuls, surrogates = normalise_text(value)
        counts[0] += nuls
        counts[1] += surrogates
        return text
    if isinstance(value, dict):
        return {_clean(k, counts): _clean(v, counts) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_clean(v, counts) for v in value]
    return value


def normalise_document(doc: Document) -> Document:
    """Remove NULs and replace lone surrogates in every text field of `doc` (in place)."""
    counts = [0, 0]
    for name in _TEXT_FIELDS:
        value = getattr(doc, name)
        if isinstance(value, str):
            setattr(doc, name, _clean(value, counts))
    for block in doc.dropped:
        block.text = _clean(block.text, counts)
    notes = list(doc.meta.get("notes", []))
    doc.meta = _clean({k: v for k, v in doc.meta.items() if k != "notes"}, counts)
    if counts[0]:
        notes.append(f"removed {counts[0]} NUL character{'s' * (counts[0] > 1)}")
    if counts[1]:
        notes.append(f"replaced {counts[1]} unpaired surrogate{'s' * (counts[1] > 1)} with U+FFFD")
    if notes:
        doc.meta["notes"] = notes
    return doc


def cut_to(doc: Document, max_chars: int) -> Document:
    """Keep the first `max_chars` characters of the text to analyze (at a line end where
    one is near), with a note; the raw input is kept whole."""
    total = len(doc.raw_text)
    if total <= max_chars:
        return doc
    cut = doc.raw_text.rfind("\n", max_chars // 2, max_chars)
    doc.raw_text = doc.raw_text[:cut if cut > 0 else max_chars]
    doc.dropped = [b for b in doc.dropped if b.before <= doc.raw_text.count("\n")]  # the page's blocks up to the cut
    doc.meta.setdefault("notes", []).append(
        f"text cut to its first {len(doc.raw_text):,} of {total:,} characters (--max-chars {max_chars:,})")
    return doc
