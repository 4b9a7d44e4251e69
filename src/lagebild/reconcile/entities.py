"""Entity resolution across documents: one row per real-world referent.

Within a document the entity stage already joins "Putin" to "Wladimir Putin". Across
documents, an article that only says "Putin" gets the canonical "Putin"; it is
merged here into the one full name of the corpus that ends in that surname.
"""
from __future__ import annotations

from collections import defaultdict
from typing import Any


def surname_index(rows: list[dict[str, Any]]) -> dict[str, str]:
    """Single-word PER names -> the one multi-word PER name ending in them."""
    full: dict[str, set[str]] = defaultdict(set)
    for r in rows:
        parts = r["canonical"].split()
        if r["type"] == "PER" and len(parts) > 1:
            full[parts[-1].lower()].add(r["canonical"])
            full[parts[0].lower()].add(r["canonical"])  # Korean names: family name first (Kim)
    return {r["canonical"]: next(iter(full[r["canonical"].lower()])) for r in rows
            if r["type"] == "PER" and " " not in r["canonical"] and len(full.get(r["canonical"].lower(), ())) == 1}


def resolve(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Merge rows of short names into their full names (documents, mentions, aliases)."""
    target = surname_index(rows)
    merged: dict[str, dict[str, Any]] = {}
    for r in sorted(rows, key=lambda r: r["canonical"] in target):
        name = target.get(r["canonical"], r["canonical"])
        into = merged.setdefault(name, {**r, "canonical": name, "documents": [], "aliases": [], "mentions": 0})
        into["documents"] = sorted(set(into["documents"]) | set(r["documents"]))
        into["aliases"] = list(dict.fromkeys([*into["aliases"], *r["aliases"]]))
        into["mentions"] += r["mentions"]
    return sorted(merged.values(), key=lambda r: (-len(r["documents"]), -r["mentions"], r["canonical"]))
