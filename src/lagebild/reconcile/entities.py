"""Entity resolution across documents: one row per real-world referent.

Within a document the entity stage already joins "Putin" to "Wladimir Putin", a lone
given name or a name cut at a hyphen to the full name it stands for, and spellings
across languages (Lawrow/Lavrov). Across documents those short forms are never merged:
a lone "Boris" in one article is not the "Boris Johnson" of another, and no name is
merged into another because it is a prefix of it. A row is merged into another only
when the corpus has exactly one candidate for it:
- an acronym into the organisation it abbreviates: "NIS" -> "National Intelligence Service";
- a transliteration guess into the name as written elsewhere: an entity whose
  canonical is none of its own aliases ("Tyumen" for "Tumen") joins the entity whose
  canonical is that alias.
"""
from __future__ import annotations

from collections import defaultdict
from typing import Any


def _unique(candidates: dict[str, set[str]]) -> dict[str, str]:
    return {name: next(iter(found)) for name, found in candidates.items() if len(found) == 1}


def acronym_index(rows: list[dict[str, Any]]) -> dict[str, str]:
    """ORG acronyms -> the one ORG name whose capitalised words they abbreviate."""
    by_initials: dict[str, set[str]] = defaultdict(set)
    for r in rows:
        words = [w for w in r["canonical"].replace("-", " ").split() if w[:1].isupper()]
        if r["type"] == "ORG" and len(words) > 1:
            by_initials["".join(w[0] for w in words)].add(r["canonical"])
    return _unique({r["canonical"]: by_initials[r["canonical"]] for r in rows
                    if r["type"] == "ORG" and r["canonical"].isupper() and r["canonical"] in by_initials})


def as_written_index(rows: list[dict[str, Any]]) -> dict[str, str]:
    """Entities whose canonical is none of their aliases -> the entity named by one of them."""
    named = {(r["canonical"], r["type"]) for r in rows}
    return _unique({r["canonical"]: {a for a in r["aliases"] if (a, r["type"]) in named}
                    for r in rows if r["canonical"] not in r["aliases"]})


def merge_targets(rows: list[dict[str, Any]]) -> dict[str, str]:
    """Canonical name -> the canonical it is merged into, followed to the end."""
    target = {**as_written_index(rows), **acronym_index(rows)}
    resolved = {}
    for name in target:
        seen, end = {name}, target[name]
        while end in target and end not in seen:
            seen.add(end)
            end = target[end]
        if end != name:
            resolved[name] = end
    return resolved


def resolve(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Merge rows into the rows of the names they stand for (documents, mentions, aliases)."""
    target = merge_targets(rows)
    merged: dict[str, dict[str, Any]] = {}
    for r in sorted(rows, key=lambda r: r["canonical"] in target):
        name = target.get(r["canonical"], r["canonical"])
        into = merged.setdefault(name, {**r, "canonical": name, "documents": [], "aliases": [], "mentions": 0})
        into["documents"] = sorted(set(into["documents"]) | set(r["documents"]))
        into["aliases"] = list(dict.fromkeys([*into["aliases"], *r["aliases"]]))
        into["mentions"] += r["mentions"]
    return sorted(merged.values(), key=lambda r: (-len(r["documents"]), -r["mentions"], r["canonical"]))
