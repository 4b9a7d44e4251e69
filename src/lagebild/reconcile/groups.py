"""Claim groups: claims in different documents that count the same thing, and
whether their figures agree, differ within reason, or conflict.

Claims are blocked by (unit, concept), where the concept comes from the lemma of
the counted noun through `lang/<code>/measure_concepts.tsv` (Soldat, Truppe and
troop all count soldiers) qualified by words such as "gefallen" or "zusätzlich".
Blocking is one dictionary pass, so the cost grows linearly with the claims.
"""
from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from lagebild import lang

MAGNITUDE_GAP = 10.0  # figures this many times apart count different things (army size vs a contingent)
TOLERANCE = 0.15  # relative spread still called "differ" rather than "conflict"
APPROX_MARGIN = 0.10  # "rund 14.000" covers 14.000 ± 10 %


@dataclass
class ClaimGroup:
    id: str
    unit: str
    concept: str
    measure: str
    claims: list[dict[str, Any]] = field(default_factory=list)
    status: str = "agree"
    reason: str = ""

    def record(self) -> dict[str, Any]:
        """The `"kind": "group"` export line (without the kind)."""
        return {
            "id": self.id, "measure": self.measure, "unit": self.unit, "concept": self.concept,
            "claims": [c["id"] for c in self.claims], "status": self.status, "reason": self.reason,
            "values": [{"claim": c["id"], "doc": c["doc_id"], "outlet": c.get("outlet"), "value": c["value"],
                        "value_max": c.get("value_max"), "approx": bool(c.get("approx")),
                        "vague": bool(c.get("vague")), "source": c.get("source") or "",
                        "hedged": bool(c.get("hedged")), "as_of": as_of(c), "text": c.get("text", "")}
                       for c in self.claims],
        }


def _suffix_lookup(table: dict[str, str], word: str) -> str | None:
    best = None
    for key, value in table.items():
        if key.startswith("-") and word.endswith(key[1:]) and (best is None or len(key) > len(best[0])):
            best = (key, value)
    return best[1] if best else None


# units whose figures can count the same thing (a noun's unit may be read as person in
# one article and item in another: "Minenräumer" / "deminers")
UNIT_CLASS = {"person": "count", "item": "count"}


def concept(claim: dict[str, Any], language: str = "de") -> str:
    """What the claim counts, comparable across documents and languages."""
    return _concept(lang.code(language), (claim.get("measure_lemma") or "").lower().strip(),
                    (claim.get("measure") or "").lower(), claim.get("unit") or "")


@lru_cache(maxsize=100_000)
def _concept(code: str, lemma: str, measure: str, unit: str) -> str:
    concepts = lang.table(code, "measure_concepts")
    words = re.findall(r"[\w-]+", measure)
    head = (_suffix_lookup(concepts, lemma) or next((c for w in words if (c := _suffix_lookup(concepts, w))), None)
            or lemma or unit)
    modifiers = lang.table(code, "measure_modifiers")
    quals = sorted({q for w in words for stem, q in modifiers.items() if w.startswith(stem)} - {head})
    return " ".join([*quals, head]).strip()


def as_of(claim: dict[str, Any]) -> str | None:
    """The date a figure refers to: the time in its sentence, else the article's date."""
    return claim.get("time") or claim.get("published")


def interval(claim: dict[str, Any]) -> tuple[float, float]:
    lo = float(claim["value"])
    hi = float(claim["value_max"]) if claim.get("value_max") is not None else lo
    if claim.get("approx") and claim.get("value_max") is None:
        lo, hi = lo * (1 - APPROX_MARGIN), lo * (1 + APPROX_MARGIN)
    return lo, hi


def _fmt(v: float) -> str:
    return f"{v:,.0f}".replace(",", ".") if float(v).is_integer() else f"{v:g}"


def _label(c: dict[str, Any]) -> str:
    value = _fmt(c["value"]) + (f"–{_fmt(c['value_max'])}" if c.get("value_max") is not None else "")
    if c.get("vague"):
        value = f"{c.get('text') or value} ({value})"
    bits = [b for b in (c.get("source") or ("hedged" if c.get("hedged") else ""), as_of(c)) if b]
    return f"{value} ({', '.join(bits)})" if bits else value


def _year_month(value: str | None) -> str | None:
    return value[:7] if value and re.match(r"^\d{4}-\d{2}", value) else (value[:4] if value else None)


def _compatible(vague: dict[str, Any], value: float) -> bool:
    """A vague figure ("mehrere tausend") is compatible with a precise one of its order of magnitude."""
    lo, hi = interval(vague)
    return lo / 2 <= value <= hi * 2


def status(claims: list[dict[str, Any]], tolerance: float = TOLERANCE) -> tuple[str, str]:
    """agree / differ / conflict, with the reason in words.

    Precise figures agree when their intervals overlap (a range, or ±10 % for
    "rund"), differ when they are within `tolerance` of each other or refer to
    different dates, and conflict otherwise. A vague figure agrees with precise
    ones of its order of magnitude and only counts as a value when it does not.
    """
    precise = [c for c in claims if not c.get("vague")]
    mids = [sum(interval(c)) / 2 for c in precise]
    low_mid, high_mid = (min(mids), max(mids)) if mids else (0.0, 0.0)  # checking the extremes is enough
    odd_vague = [c for c in claims if c.get("vague") and mids
                 and not (_compatible(c, low_mid) and _compatible(c, high_mid))]
    considered = precise + odd_vague if precise else claims
    ordered = sorted(considered, key=lambda c: sum(interval(c)) / 2)
    low, high = ordered[0], ordered[-1]
    pair = f"{_label(high)} vs {_label(low)}"
    intervals = [interval(c) for c in considered]
    if max(lo for lo, _ in intervals) <= min(hi for _, hi in intervals):
        vague = [c for c in claims if c.get("vague")]
        if vague and precise and not odd_vague:
            return "agree", f"{pair}: compatible with {', '.join(_label(c) for c in vague)}"
        return "agree", f"{pair}: compatible"
    centres = [sum(iv) / 2 for iv in intervals]
    spread = (max(centres) - min(centres)) / max(max(centres), 1e-9)
    dates = {_year_month(as_of(c)) for c in considered} - {None}
    if spread <= tolerance:
        return "differ", f"{pair}: {spread:.0%} apart"
    if len(dates) > 1:
        return "differ", f"{pair}: {spread:.0%} apart, but as of different dates"
    return "conflict", f"{pair}: {spread:.0%} apart"


def _magnitude(claim: dict[str, Any]) -> float:
    """Geometric middle of a claim's interval: "Tausende" (2.000–99.999) is about 14.000."""
    lo, hi = interval(claim)
    return math.sqrt(max(lo, 1e-9) * max(hi, 1e-9))


def split_by_magnitude(claims: list[dict[str, Any]], gap: float = MAGNITUDE_GAP) -> list[list[dict[str, Any]]]:
    """Split a block where consecutive figures (sorted) are more than `gap` times apart:
    "1,2 Millionen Soldaten" (an army) and "15.000 Soldaten" (a contingent) are not one count."""
    ordered = sorted(claims, key=_magnitude)
    parts: list[list[dict[str, Any]]] = [[]]
    previous = None
    for c in ordered:
        mid = _magnitude(c)
        if previous is not None and mid > previous * gap:
            parts.append([])
        parts[-1].append(c)
        previous = mid
    return parts


def group_claims(claims: Iterable[dict[str, Any]], languages: dict[str, str] | None = None,
                 tolerance: float = TOLERANCE, duplicates: dict[str, str] | None = None) -> list[ClaimGroup]:
    """Groups of claims from at least two documents that count the same thing.

    `languages` maps doc id to language; `duplicates` maps a near-duplicate document
    to the one it copies, so a syndicated copy's figures count once.
    """
    languages = languages or {}
    duplicates = duplicates or {}
    blocks: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for c in claims:
        what = concept(c, languages.get(c["doc_id"], "de"))
        if not c.get("unit") or (c["unit"] == "other" and what in ("", "other")):
            continue  # a number whose counted thing is unknown cannot be compared
        blocks[(UNIT_CLASS.get(c["unit"], c["unit"]), what)].append(c)
    groups: list[ClaimGroup] = []
    parts = [((unit, what), part) for (unit, what), block in sorted(blocks.items())
             for part in split_by_magnitude(block)]
    for (_, what), members in parts:
        unit = max(sorted({c["unit"] for c in members}), key=lambda u: sum(c["unit"] == u for c in members))
        members = sorted(members, key=lambda c: (c["doc_id"], c["id"]))
        docs = {duplicates.get(c["doc_id"], c["doc_id"]) for c in members}
        if len(docs) < 2:
            continue
        counted = [c for c in members if c["doc_id"] not in duplicates]
        state, reason = status(counted, tolerance)
        measure = max((c.get("measure") or "" for c in members), key=len)
        groups.append(ClaimGroup(id=f"g{len(groups) + 1}:{unit}:{what}", unit=unit, concept=what, measure=measure,
                                 claims=members, status=state, reason=reason))
    return groups
