"""Placeholder for the entities stage (being written)."""
from __future__ import annotations

from lagebild.model import Document


def extract_entities(doc: Document) -> Document:
    return doc
