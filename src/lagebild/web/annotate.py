"""A document's clean text as HTML with its annotations (entities, times, claims) marked.

The text is escaped piece by piece; annotations become nested elements. When two
annotations cross ("rund 14.000 Soldaten" and "Soldaten in Kursk"), the later one is
split at the boundary so the HTML stays well-formed. Removed boilerplate lines are put
back in place (greyed, with the cleaner's reason) when the kept lines line up with the
paragraphs of the clean text.
"""
from __future__ import annotations

import heapq
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import quote

from markupsafe import Markup, escape

from lagebild.model import Document
from lagebild.present import figure

_PRIORITY = {"claim": 0, "time": 1, "entity": 2}  # outermost first when two spans start together


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    kind: str  # claim, time or entity
    css: str  # extra CSS classes
    title: str  # hover text (title attribute)
    href: str | None = None
    anchor: str | None = None  # element id, for links into the text



def claim_title(c: Any) -> str:
    return (f"Zahl: {figure(c)} {c.unit} · Was: {c.measure or '—'} · "
            f"Quelle: {c.source or 'ohne Zuschreibung'} · Vorbehalt: {c.hedge or ('ja' if c.hedged else 'nein')}"
            + (f" · Stand: {c.time}" if c.time else ""))


def spans(doc: Document) -> list[Span]:
    """Every annotation of `doc` as a span; entity mentions never overlap each other."""
    out = [Span(c.start, c.end, "claim", "claim hedged" if c.hedged else "claim", claim_title(c),
                anchor=f"claim-{i}") for i, c in enumerate(doc.claims)]
    out += [Span(t.start, t.end, "time", "time", f"Zeit: {t.value or 'unbestimmt'} ({t.kind})") for t in doc.times]
    taken: list[tuple[int, int]] = []
    for e in doc.entities:
        for m in sorted(e.mentions, key=lambda m: m.start):
            if any(m.start < end and start < m.end for start, end in taken):
                continue
            taken.append((m.start, m.end))
            out.append(Span(m.start, m.end, "entity", f"ent {e.type}", f"{e.canonical} ({e.type})",
                            href=f"/entities/{quote(e.canonical, safe='')}"))
    return [sp for sp in out if 0 <= sp.start < sp.end <= len(doc.text)]


def _open(sp: Span) -> str:
    attrs = f' class="ann {escape(sp.css)}" title="{escape(sp.title)}"'
    if not sp.href:  # links take the keyboard focus anyway; claims and times get it too
        attrs += ' tabindex="0"'
    if sp.anchor:
        attrs += f' id="{escape(sp.anchor)}"'
    if sp.href:
        return f'<a href="{escape(sp.href)}"{attrs}>'
    return f"<span{attrs}>"


def _close(sp: Span) -> str:
    return "</a>" if sp.href else "</span>"


def render(text: str, annotations: list[Span], start: int = 0, end: int | None = None) -> Markup:
    """HTML for text[start:end] with the annotations nested inside it."""
    end = len(text) if end is None else end
    heap = [(max(a.start, start), -min(a.end, end), _PRIORITY.get(a.kind, 9), n,
             replace(a, start=max(a.start, start), end=min(a.end, end)))
            for n, a in enumerate(annotations) if a.start < end and a.end > start]
    heapq.heapify(heap)
    out: list[str] = []
    stack: list[Span] = []
    pos, counter = start, len(heap)
    while heap:
        *_, ann = heapq.heappop(heap)
        while stack and stack[-1].end <= ann.start:
            pos = _emit_close(text, out, stack, pos)
        out.append(str(escape(text[pos:ann.start])))
        pos = ann.start
        if stack and ann.end > stack[-1].end:  # crossing: split at the enclosing span's end
            rest = replace(ann, start=stack[-1].end, anchor=None)
            heapq.heappush(heap, (rest.start, -rest.end, _PRIORITY.get(rest.kind, 9), counter, rest))
            counter += 1
            ann = replace(ann, end=stack[-1].end)
        out.append(_open(ann))
        stack.append(ann)
    while stack:
        pos = _emit_close(text, out, stack, pos)
    out.append(str(escape(text[pos:end])))
    return Markup("".join(out))


def _emit_close(text: str, out: list[str], stack: list[Span], pos: int) -> int:
    top = stack.pop()
    out.append(str(escape(text[pos:top.end])))
    out.append(_close(top))
    return top.end


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each line of the clean text."""
    out, pos = [], 0
    for line in text.split("\n"):
        out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def blocks(doc: Document) -> list[dict[str, Any]]:
    """The document as display blocks: kept paragraphs (annotated HTML) and removed lines in place.

    Removed lines go between the paragraphs when the cleaner's kept lines match the
    paragraphs one to one; otherwise they follow the text.
    """
    anns = spans(doc)
    paras = [(a, b) for a, b in paragraphs(doc.text) if doc.text[a:b].strip()]
    kept = [ln for ln in doc.lines if ln.keep and ln.text.strip()]
    removed = [{"kind": "removed", "line": ln.number, "reason": ln.reason or "removed", "text": ln.text}
               for ln in doc.lines if not ln.keep and ln.text.strip()]
    rendered = [{"kind": "text", "html": render(doc.text, anns, a, b)} for a, b in paras]
    if len(kept) != len(paras):
        return rendered + removed
    out: list[dict[str, Any]] = []
    text_blocks = iter(rendered)
    for ln in doc.lines:
        if not ln.text.strip():
            continue
        if ln.keep:
            out.append(next(text_blocks))
        else:
            out.append({"kind": "removed", "line": ln.number, "reason": ln.reason or "removed", "text": ln.text})
    return out
