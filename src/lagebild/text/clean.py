"""Line-level boilerplate removal (placeholder: keeps every line; being written)."""
from __future__ import annotations

from lagebild.model import Document, Line


def classify_lines(lines: list[str], language: str = "de") -> list[Line]:
    return [Line(number=i + 1, text=t) for i, t in enumerate(lines)]


def clean(doc: Document) -> Document:
    doc.lines = classify_lines(doc.raw_text.split("\n"), doc.language or "de")
    doc.text = "\n".join(ln.text.strip() for ln in doc.lines if ln.keep and ln.text.strip())
    return doc
