"""Directions of flows, compared across documents.

What a claim's clause says about its count (killed, wounded, a first contingent, an
increment, where the counted things go) is read at extraction from the sentence
structure (`extract.frame`) and stored with the claim; reconciliation only compares it.
"""
from __future__ import annotations

from typing import Any

Direction = tuple[str | None, str | None]  # (from, to): canonical place names or None


def direction(claim: dict[str, Any]) -> Direction:
    """Where the claim's counted things come from and go to, as stored with it."""
    return claim.get("origin") or None, claim.get("destination") or None


def compatible(a: Direction, b: Direction) -> bool:
    """Two directions of a flow between places can describe the same flow."""
    (a_from, a_to), (b_from, b_to) = a, b
    clash = ((a_to and b_to and a_to != b_to) or (a_from and b_from and a_from != b_from)
             or (a_to and a_to == b_from) or (a_from and a_from == b_to))
    return not clash


def merge(a: Direction, b: Direction) -> Direction:
    return a[0] or b[0], a[1] or b[1]
