"""Placeholder for the claims stage (being written)."""
from __future__ import annotations

from lagebild.model import Document


def extract_claims(doc: Document) -> Document:
    return doc
