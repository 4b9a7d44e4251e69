"""Placeholder for the events stage (being written)."""
from __future__ import annotations

from lagebild.model import Document


def extract_events(doc: Document) -> Document:
    return doc
