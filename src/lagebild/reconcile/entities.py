"""Entity resolution across documents: one row per real-world referent.

Within a document the entity stage already joins "Putin" to "Wladimir Putin" and
spellings across languages (Lawrow/Lavrov). Across documents, a row is merged into
another when the corpus has exactly one candidate for it:
- a short name into the full name ending (or, for Korean names, starting) in it:
  "Putin" -> "Vladimir Putin", "Kim" -> "Kim Jong-un";
- a name cut at a hyphen into the full one: "Shin Won" -> "Shin Won-sik";
- an acronym into the organisation it abbreviates: "NIS" -> "National Intelligence Service";
- a transliteration guess into the name as written elsewhere: an entity whose
  canonical is none of its own aliases ("Tyumen" for "Tumen") joins the entity whose
  canonical is that alias.
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


def _unique(candidates: dict[str, set[str]]) -> dict[str, str]:
    return {name: next(iter(found)) for name, found in candidates.items() if len(found) == 1}


def hyphen_index(rows: list[dict[str, Any]]) -> dict[str, str]:
    """PER names that stop at a hyphen of exactly one longer PER name."""
    names = [r["canonical"] for r in rows if r["type"] == "PER"]
    found: dict[str, set[str]] = defaultdict(set)
    for full in names:
        for i, ch in enumerate(full):
            if ch == "-" and " " in full[:i]:
                found[full[:i]].add(full)
    return _unique({n: found[n] for n in names if n in found})


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
    target = {**as_written_index(rows), **acronym_index(rows), **hyphen_index(rows), **surname_index(rows)}
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
