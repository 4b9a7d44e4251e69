"""The claims of a test sentence, shared by the claims, attribution, hedging and measure tests."""
from __future__ import annotations

from lagebild.model import Claim
from lagebild.pipeline import analyze_text


def claims(text: str, language: str = "de") -> list[Claim]:
    return analyze_text(text, language, published="2025-06-01", doc_id="t").claims


def only(text: str, language: str = "de") -> Claim:
    found = claims(text, language)
    assert len(found) == 1, [c.text for c in found]
    return found[0]
