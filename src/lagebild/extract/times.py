"""Placeholder for the times stage (being written)."""
from __future__ import annotations

from lagebild.model import Document


def extract_times(doc: Document) -> Document:
    return doc
