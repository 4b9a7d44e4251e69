"""Per-document evidence: the cleaned text as sentences with anchors (so every claim
links to the sentence it was read from), claims highlighted, and the lines the
cleaner removed shown in place with the reason."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from lagebild.model import Claim, Document, Line
from lagebild.report.svg import anchor


@dataclass
class Piece:
    """A run of one sentence inside one line; `id` is set on a sentence's first piece."""

    id: str | None
    parts: list[tuple[str, Claim | None]] = field(default_factory=list)


@dataclass
class Block:
    removed: bool
    text: str = ""
    reason: str | None = None
    pieces: list[Piece] = field(default_factory=list)


def _marked(doc: Document, start: int, end: int) -> list[tuple[str, Claim | None]]:
    """Text in [start, end) split around the claims inside it."""
    parts: list[tuple[str, Claim | None]] = []
    cursor = start
    for c in sorted(doc.claims, key=lambda c: (c.start, -c.end)):
        if c.start < cursor or c.start >= end or c.end > end:
            continue
        if c.start > cursor:
            parts.append((doc.text[cursor:c.start], None))
        parts.append((doc.text[c.start:c.end], c))
        cursor = c.end
    if cursor < end:
        parts.append((doc.text[cursor:end], None))
    return parts


def pieces(doc: Document, start: int, end: int, anchored: set[int]) -> list[Piece]:
    out: list[Piece] = []
    cursor = start
    for s in doc.sentences:
        a, b = max(s.start, start), min(s.end, end)
        if a >= b:
            continue
        if a > cursor:
            out.append(Piece(None, _marked(doc, cursor, a)))
        out.append(Piece(None if s.index in anchored else anchor(doc.id, s.index), _marked(doc, a, b)))
        anchored.add(s.index)
        cursor = b
    if cursor < end:
        out.append(Piece(None, _marked(doc, cursor, end)))
    return out


def _lines(doc: Document) -> list[Line]:
    if doc.lines:
        return doc.lines
    return [Line(i + 1, text) for i, text in enumerate(doc.text.split("\n"))]


def blocks(doc: Document) -> list[Block]:
    """The article as the reader saw it: kept paragraphs (with sentence anchors) and removed lines."""
    out: list[Block] = []
    cursor, anchored = 0, set[int]()
    for line in _lines(doc):
        if not line.text.strip():
            continue
        if not line.keep:
            out.append(Block(True, line.text, line.reason))
            continue
        found = doc.text.find(line.text, cursor)
        start = found if found >= 0 else cursor
        end = min(start + len(line.text), len(doc.text))
        out.append(Block(False, pieces=pieces(doc, start, end, anchored)))
        cursor = end
    return out


@dataclass
class Entry:
    """A document section: the original and the near-duplicate copies listed under it."""

    doc: Document
    anchor: str
    blocks: list[Block]
    copies: list[Entry] = field(default_factory=list)


def entries(docs: list[Document], duplicates: dict[str, str]) -> list[Entry]:
    by_id = {d.id: Entry(d, anchor(d.id), blocks(d)) for d in docs}
    top = []
    for d in docs:
        original = duplicates.get(d.id)
        if original in by_id and original != d.id:
            by_id[original].copies.append(by_id[d.id])
        else:
            top.append(by_id[d.id])
    return top


def claim_link(claim: dict[str, Any] | Claim, doc_id: str | None = None) -> str:
    if isinstance(claim, Claim):
        return "#" + anchor(doc_id or "", claim.sentence)
    return "#" + anchor(claim["doc_id"], claim.get("sentence"))
