"""Claim groups: claims in different documents that count the same thing, and
whether their figures agree, differ within reason, or conflict.

Claims are blocked by (unit, concept), where the concept comes from the lemma of
the counted noun through `lang/<code>/measure_concepts.tsv` (Soldat, Truppe and
troop all count soldiers) qualified by words such as "gefallen" or "zusätzlich" and by
the qualifiers extraction stored with the claim (killed, wounded, first contingent).
Blocking is one dictionary pass, so the cost grows linearly with the claims.
"""
from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any

from lagebild import lang
from lagebild.profile import Profile
from lagebild.reconcile.clause import Direction, compatible, direction, merge
from lagebild.timeline import interval as days_of

MAGNITUDE_GAP = 10.0  # figures this many times apart count different things: an army and a contingent, a
# stadium crowd and a TV audience, a budget and a cut in it (tests across topics); 8x apart is still a dispute
GROWTH_GAP = 1.6  # figures of a running count this many times apart are different moments of it
TOLERANCE = 0.15  # relative spread still called "differ" rather than "conflict"
APPROX_MARGIN = 0.10  # "rund 14.000" covers 14.000 ± 10 %


@dataclass
class Basis:
    """Why a group has its status, as data (the UI words it in its language): the two
    figures compared (the highest and the lowest, or the pair in conflict), how:
    same, compatible, within (tolerance), different_dates, or for a conflict same_date,
    same_month, one_date_unknown or dates_unknown, the gap between them and the
    tolerance, and the vague figures the others are compatible with."""

    status: str
    kind: str
    high: dict[str, Any]
    low: dict[str, Any]
    gap: float = 0.0
    tolerance: float = TOLERANCE
    vague: list[dict[str, Any]] = field(default_factory=list)

    def record(self) -> dict[str, Any]:
        return {"kind": self.kind, "high": self.high.get("id"), "low": self.low.get("id"), "gap": round(self.gap, 4),
                "tolerance": self.tolerance, "vague": [c.get("id") for c in self.vague]}


@dataclass
class ClaimGroup:
    id: str
    unit: str
    concept: str
    measure: str
    claims: list[dict[str, Any]] = field(default_factory=list)
    status: str = "agree"
    reason: str = ""
    basis: Basis | None = None
    title: str = ""  # what an analyst reads: population, place and date ("Tote in Turkey, 07.02.2023")

    def record(self) -> dict[str, Any]:
        """The `"kind": "group"` export line (without the kind)."""
        return {
            "id": self.id, "title": self.title or self.measure or self.concept, "measure": self.measure,
            "unit": self.unit, "concept": self.concept,
            "claims": [c["id"] for c in self.claims], "status": self.status, "reason": self.reason,
            "basis": self.basis.record() if self.basis else None,
            "values": [{"claim": c["id"], "doc": c["doc_id"], "outlet": c.get("outlet"), "value": c["value"],
                        "value_max": c.get("value_max"), "approx": bool(c.get("approx")),
                        "vague": bool(c.get("vague")), "source": c.get("source") or "",
                        "hedged": bool(c.get("hedged")), "as_of": as_of(c), "text": c.get("text", "")}
                       for c in self.claims],
        }


def _suffix_lookup(table: dict[str, str], word: str) -> str | None:
    """The concept of `word`: an entry naming the whole word ("mann": "3.000 Mann" but not
    "Feuerwehrmann"), else the longest matching ending ("-soldat": "Bausoldat")."""
    if word in table:
        return table[word]
    best = None
    for key, value in table.items():
        if key.startswith("-") and word.endswith(key[1:]) and (best is None or len(key) > len(best[0])):
            best = (key, value)
    return best[1] if best else None


# units whose figures can count the same thing (a noun's unit may be read as person in
# one article and item in another: "Minenräumer" / "deminers")
UNIT_CLASS = {"person": "count", "item": "count"}
COUNT_UNITS = ("person", "item", "other")
# the dead and the wounded are one count whatever noun names them ("Soldaten",
# "Nordkoreaner", "Tote"); both in one clause ("killed or wounded") make casualties
HURT = frozenset({"killed", "wounded"})
CASUALTY = "casualty"
HURT_ABSORBS = frozenset({"soldier", "person", "killed", "wounded", CASUALTY})
ADDITIONAL, POSSIBLE = "additional", "possible"
# qualifiers that name a phase of a count: a count as of that phase's dates is that phase's
PHASES = frozenset({"initial"})
# a duration says how long something lasted: different durations are different things
DURATIONS = frozenset({"hour", "day", "week", "month", "year"})


PROSPECTIVE = "prospective"  # stored with a claim whose sentence speaks of what may still come
ORDINALS = frozenset({"second", "third"})  # which of repeated events (clause_qualifiers.tsv)
RUNNING = "running"  # stored with a claim whose clause gives the latest figure of a changing tally


def kin_heads(profile: Profile | None) -> dict[str, str]:
    """The story profile's counted-noun kinship as noun (case-folded) -> the first noun of its
    kin ("strikers" -> "streikende"), so that kin nouns name one concept in every language."""
    if profile is None:
        return {}
    return {noun.casefold(): head.casefold() for head, kin in profile.count_nouns.items() for noun in (head, *kin)}


def _kin_lemma(claim: dict[str, Any], kin: dict[str, str]) -> str:
    """The claim's counted-noun lemma, or the head of its kin in the profile."""
    lemma = (claim.get("measure_lemma") or "").lower().strip()
    if not kin:
        return lemma
    measure = (claim.get("measure") or "").casefold().strip()
    for key in (lemma, measure, *re.findall(r"[\w-]+", measure)):
        if key in kin:
            return kin[key]
    return lemma


def concept(claim: dict[str, Any], language: str = "de", kin: dict[str, str] | None = None) -> str:
    """What the claim counts, comparable across documents and languages.

    The counted noun gives the head ("Soldaten" -> soldier); words of the measure and the
    qualifiers its clause gave it at extraction (`Claim.qualifiers`) qualify it: dead or
    wounded people are one count whatever noun names them ("gefallene Soldaten",
    "Tote", "6.000 Nordkoreaner ... getötet"), a first contingent is not the total.
    """
    code = lang.code(language)
    lemma = _kin_lemma(claim, kin or {})
    measure = (claim.get("measure") or "").lower()
    if kin and lemma in kin.values():
        measure = ""  # the profile's kinship names the population; its words qualify nothing
    quals, head = _concept(code, lemma, measure, claim.get("unit") or "")
    stored = _stored_qualifiers(claim.get("qualifiers"))
    if lemma in lang.lower_words(code, "quantity_dimension_nouns"):
        # a dimension ("ein Beben der Stärke 7,5") is measured, not counted: the dead of its
        # clause do not qualify it, which of repeated events it belongs to does ("the second quake")
        quals |= stored & ORDINALS
    elif claim.get("unit") in COUNT_UNITS:
        quals |= stored - {PROSPECTIVE, RUNNING}
    if ADDITIONAL in quals and PROSPECTIVE in stored:
        quals |= {POSSIBLE}  # "weitere 30.000 könnten folgen" is not "weitere 3.000 sind gefolgt"
    return _name(quals, head)


def _stored_qualifiers(value: Any) -> frozenset[str]:
    """Qualifiers as the store gives them (space-separated) or as a claim carries them (a sequence)."""
    if not value:
        return frozenset()
    return frozenset(value.split() if isinstance(value, str) else value)


@lru_cache(maxsize=100_000)
def _concept(code: str, lemma: str, measure: str, unit: str) -> tuple[frozenset[str], str]:
    concepts = lang.table(code, "measure_concepts")
    words = re.findall(r"[\w-]+", measure)
    head = (_suffix_lookup(concepts, lemma) or next((c for w in words if (c := _suffix_lookup(concepts, w))), None)
            or lemma or unit)
    modifiers = lang.table(code, "measure_modifiers")
    return frozenset({q for w in words for stem, q in modifiers.items() if w.startswith(stem)} - {head}), head


def _name(quals: frozenset[str], head: str) -> str:
    hurt = set(quals & HURT)
    if hurt and head in HURT_ABSORBS:
        hurt |= {head} & (HURT | {CASUALTY})
        head = CASUALTY if len(hurt) > 1 or CASUALTY in hurt else hurt.pop()
        quals -= HURT
    return " ".join([*sorted(quals - {head}), head]).strip()


def as_of(claim: dict[str, Any]) -> str | None:
    """The date a figure refers to: the time in its sentence, else the article's date."""
    return claim.get("time") or claim.get("published")


def interval(claim: dict[str, Any]) -> tuple[float, float]:
    """The figure as stated: a point, a range ("10.000 bis 12.000") or a vague span
    ("mehrere tausend" = 2.000–9.999). "rund 14.000" states 14.000."""
    lo = float(claim["value"])
    return lo, float(claim["value_max"]) if claim.get("value_max") is not None else lo


def possible(claim: dict[str, Any]) -> tuple[float, float]:
    """The values that would make the figure true: "mehr als 6.000" is a floor, "bis zu
    5 Millionen" a ceiling, "rund 14.000" ± 10 %, "mehrere tausend" half to twice its span."""
    lo, hi = interval(claim)
    if claim.get("vague"):
        return lo / 2, hi * 2
    if claim.get("value_max") is not None:
        return lo, hi
    side = claim.get("bound_side") or ""
    if side == "min":
        return lo, math.inf
    if side == "max":
        return 0.0, hi
    if claim.get("approx"):
        return lo * (1 - APPROX_MARGIN), hi * (1 + APPROX_MARGIN)
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
    lo, hi = possible(vague)
    return lo <= value <= hi


def _overlap(spans: list[tuple[float, float]]) -> bool:
    return max(lo for lo, _ in spans) <= min(hi for _, hi in spans)


def _gap(claims: list[dict[str, Any]]) -> float:
    """How far apart the stated figures are, relative to the larger: 11.000 vs 12.000 is 8 %."""
    top = max(interval(c)[0] for c in claims)
    return max(top - min(interval(c)[1] for c in claims), 0.0) / max(top, 1e-9)


def _clash(claims: list[dict[str, Any]], tolerance: float) -> tuple[dict[str, Any], dict[str, Any]] | None:
    """Two figures as of the same month that cannot both be true and are more than
    `tolerance` apart, if there are any. A figure of unknown date may be of any month."""
    by_date: dict[str, list[dict[str, Any]]] = defaultdict(list)
    undated: list[dict[str, Any]] = []
    for c in claims:
        date = _year_month(as_of(c))
        (by_date[date] if date else undated).append(c)
    buckets = [dated + undated for _, dated in sorted(by_date.items())] or [undated]
    for same in buckets:
        if len(same) < 2 or _overlap([possible(c) for c in same]) or _gap(same) <= tolerance:
            continue
        floor = max(same, key=lambda c: possible(c)[0])
        ceiling = min(same, key=lambda c: possible(c)[1])
        return floor, ceiling
    return None


def _when_both(a: dict[str, Any], b: dict[str, Any]) -> str:
    """How far two clashing figures are known to be of one time: never "the same time"
    when a date is unknown."""
    dates = [as_of(a), as_of(b)]
    if not any(dates):
        return "dates_unknown"
    if not all(dates):
        return "one_date_unknown"
    return "same_date" if dates[0] == dates[1] else "same_month"


def explain(claims: list[dict[str, Any]], tolerance: float = TOLERANCE) -> Basis:
    """agree / differ / conflict, and why (see `Basis`).

    Figures agree when they state the same value (a range or a vague figure such as
    "mehrere tausend" may contain the others), differ when they are within
    `tolerance` of each other or when every pair that cannot both be true refers to
    different dates (cumulative totals grow), and conflict when two figures as of the
    same month (or one of unknown date) cannot both be true and are more than
    `tolerance` apart.
    """
    precise = [c for c in claims if not c.get("vague")]
    mids = [sum(interval(c)) / 2 for c in precise]
    low_mid, high_mid = (min(mids), max(mids)) if mids else (0.0, 0.0)  # checking the extremes is enough
    odd_vague = [c for c in claims if c.get("vague") and mids
                 and not (_compatible(c, low_mid) and _compatible(c, high_mid))]
    considered = precise + odd_vague if precise else claims
    ordered = sorted(considered, key=lambda c: sum(interval(c)) / 2)
    high, low = ordered[-1], ordered[0]
    if _overlap([interval(c) for c in considered]):
        vague = [c for c in claims if c.get("vague")]
        if vague and precise and not odd_vague:
            return Basis("agree", "compatible", high, low, tolerance=tolerance, vague=vague)
        kind = "compatible" if len({interval(c) for c in considered}) > 1 else "same"
        return Basis("agree", kind, high, low, tolerance=tolerance)
    spread = _gap(considered)
    if spread <= tolerance:
        return Basis("differ", "within", high, low, spread, tolerance)
    clash = _clash(claims, tolerance)
    if clash:
        floor, ceiling = clash
        return Basis("conflict", _when_both(floor, ceiling), floor, ceiling, _gap([floor, ceiling]), tolerance)
    return Basis("differ", "different_dates", high, low, spread, tolerance)


def reason(basis: Basis) -> str:
    """The basis in plain English (the export's `reason`; the UI words it in its own language)."""
    pair = f"{_label(basis.high)} vs {_label(basis.low)}"
    return {
        "same": f"{pair}: same figure",
        "compatible": (f"{pair}: compatible with {', '.join(_label(c) for c in basis.vague)}" if basis.vague
                       else f"{pair}: compatible"),
        "within": f"{pair}: {basis.gap:.0%} apart, within {basis.tolerance:.0%}",
        "same_date": f"{pair}: {basis.gap:.0%} apart, as of the same date",
        "same_month": f"{pair}: {basis.gap:.0%} apart, as of the same month",
        "one_date_unknown": f"{pair}: {basis.gap:.0%} apart, the date of one unknown",
        "dates_unknown": f"{pair}: {basis.gap:.0%} apart, dates unknown",
        "different_dates": f"{pair}: {basis.gap:.0%} apart, but as of different dates",
    }[basis.kind]


def status(claims: list[dict[str, Any]], tolerance: float = TOLERANCE) -> tuple[str, str]:
    """agree / differ / conflict, with the reason in words (see `explain`)."""
    basis = explain(claims, tolerance)
    return basis.status, reason(basis)


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


def split_by_value(claims: list[dict[str, Any]], tolerance: float = TOLERANCE) -> list[list[dict[str, Any]]]:
    """Split durations into runs of figures within `tolerance` of the run's smallest:
    "15 Tage" for a parcel and "acht Tage" for a train ride are not one count."""
    parts: list[list[dict[str, Any]]] = []
    for c in sorted(claims, key=_magnitude):
        if not parts or _magnitude(c) > _magnitude(parts[-1][0]) * (1 + tolerance):
            parts.append([])
        parts[-1].append(c)
    return parts


def split_by_direction(claims: list[dict[str, Any]], ways: dict[str, Direction]) -> list[list[dict[str, Any]]]:
    """Split a block by the direction its clauses name: containers sent to Russia and
    containers sent from Russia are different counts. A claim without a direction
    joins the largest part; the parts are few (one per flow), so this stays linear."""
    parts: list[tuple[Direction, list[dict[str, Any]]]] = []
    loose: list[dict[str, Any]] = []
    for c in claims:
        way = ways.get(c["id"], (None, None))
        if way == (None, None):
            loose.append(c)
            continue
        for i, (known, members) in enumerate(parts):
            if compatible(known, way):
                parts[i] = (merge(known, way), members)
                members.append(c)
                break
        else:
            parts.append((way, [c]))
    if not parts:
        return [loose]
    largest = max(range(len(parts)), key=lambda i: len(parts[i][1]))
    parts[largest][1].extend(loose)
    return [members for _, members in parts]


WHOLE = "*"  # a figure for the whole area of the story ("in both countries", "insgesamt")


def _same_place(a: str, b: str) -> bool:
    """Two places a figure counts in can be one: the same places, or the whole area and
    several places together ("in beiden Ländern" and "in der Türkei und in Syrien")."""
    return a == b or (WHOLE in (a, b) and "+" in a + b)


def split_by_place(claims: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """Split a block by the place its figures count in: the dead in Turkey, in Syria and
    in both together, demonstrators in Munich and in Hamburg, turnout in one state and
    nationwide are different counts. A figure of no known place joins the part of the
    placed figure nearest to it in value (most likely the same count; found by binary
    search, so this stays near-linear)."""
    parts: list[tuple[str, list[dict[str, Any]]]] = []
    loose: list[dict[str, Any]] = []
    for c in claims:
        place = c.get("place") or ""
        if not place:
            loose.append(c)
            continue
        for i, (known, members) in enumerate(parts):
            if _same_place(known, place):
                parts[i] = (known if known != WHOLE else place, members)
                members.append(c)
                break
        else:
            parts.append((place, [c]))
    if not parts:
        return [loose]
    placed = sorted((math.log(_magnitude(c)), i) for i, (_, members) in enumerate(parts) for c in members)
    keys = [mid for mid, _ in placed]
    for c in loose:
        mid = math.log(_magnitude(c))
        k = bisect_right(keys, mid)
        nearest = min(placed[max(k - 1, 0):k + 1], key=lambda p: abs(p[0] - mid))[1]
        parts[nearest][1].append(c)
    return [members for _, members in parts]


def _day(claim: dict[str, Any]) -> str | None:
    """The day a figure is of, when its sentence or its article says so."""
    value = as_of(claim) or ""
    return value[:10] if re.match(r"^\d{4}-\d{2}-\d{2}", value) else None


def _running(claims: Iterable[dict[str, Any]]) -> bool:
    return any(RUNNING in _stored_qualifiers(c.get("qualifiers")) for c in claims)


def split_by_moment(claims: list[dict[str, Any]], gap: float = GROWTH_GAP,
                    running: bool = False) -> list[list[dict[str, Any]]]:
    """Split a running count into its moments: when a clause gives a figure as the latest of
    a changing tally ("die Zahl der Toten stieg auf", "the toll rose to", "bislang"),
    figures (sorted) more than `gap` times apart are different moments of it (a disaster's
    toll of Monday and of Thursday, arrests after the first and the third night of riots),
    unless both are of the same known day. A count no clause calls running is left whole:
    there, figures far apart are a dispute (police against organisers). `running`: the
    caller knows the count runs (the dead of a disaster whose toll the texts say rises)."""
    if not (running or _running(claims)):
        return [claims]
    parts: list[list[dict[str, Any]]] = []
    days: set[str] = set()
    for c in sorted(claims, key=_magnitude):
        day = _day(c)
        far = not parts or _magnitude(c) > _magnitude(parts[-1][0]) * gap
        if far and not (day and day in days) or (day and days and day not in days):
            parts.append([])
            days = set()
        parts[-1].append(c)
        days |= {day} if day else set()
    return parts


def _split(block: list[dict[str, Any]], what: str, ways: dict[str, Direction],
           tolerance: float, running: bool = False) -> list[list[dict[str, Any]]]:
    """The counts inside one (unit, concept) block: durations by value, other figures
    by order of magnitude, then by the place they count in, the direction of the flow
    they count and, for a running count, its moments."""
    if what in DURATIONS:
        return split_by_value(block, tolerance)
    return [moment for part in split_by_magnitude(block) for here in split_by_place(part)
            for way in split_by_direction(here, ways) for moment in split_by_moment(way, running=running)]


def _hurt(what: str) -> bool:
    """The concept counts the dead, the wounded or both ("killed", "additional wounded")."""
    return bool(set(what.split()) & (HURT | {CASUALTY}))


def _unit_class(unit: str, what: str) -> str:
    """Units whose figures can count the same thing; "die Zahl der Toten" has no unit
    word but counts people once its clause says they were killed."""
    if unit == "other" and what in HURT | {CASUALTY}:
        return UNIT_CLASS["person"]
    return UNIT_CLASS.get(unit, unit)


def _union(spans: Iterable[tuple[date, date]]) -> list[tuple[date, date]]:
    """Day intervals merged into sorted, disjoint ones."""
    out: list[tuple[date, date]] = []
    for lo, hi in sorted(spans):
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], hi))
        else:
            out.append((lo, hi))
    return out


def _within(value: str | None, periods: list[tuple[date, date]]) -> bool:
    """The days of `value` lie inside one of the disjoint, sorted `periods` (binary search)."""
    days = days_of(value or "")
    if days is None:
        return False
    i = bisect_right(periods, (days[0], date.max)) - 1
    return i >= 0 and periods[i][0] <= days[0] and days[1] <= periods[i][1]


def assign_phases(blocks: dict[tuple[str, str], list[dict[str, Any]]]) -> None:
    """Move a plain count dated within the period of a phase of the same count into that
    phase: "im Herbst 2024 ... zunächst 11.000 Soldaten" and "damals (Herbst 2024) 12.000
    Soldaten" both count the first contingent, not the later total. Only a claim's own
    date counts (not the article's), and only when it lies inside the phase's dates."""
    for (unit, what), phase in list(blocks.items()):
        words = what.split()
        if not PHASES & set(words[:-1]):
            continue
        plain = blocks.get((unit, " ".join(w for w in words if w not in PHASES)))
        periods = _union(days for c in phase if (days := days_of(c.get("time") or "")))
        if not plain or not periods:
            continue
        moving = [_within(c.get("time"), periods) for c in plain]
        phase.extend(c for c, moves in zip(plain, moving, strict=True) if moves)
        plain[:] = [c for c, moves in zip(plain, moving, strict=True) if not moves]


def _plain_measure(claim: dict[str, Any], code: str) -> str:
    """The claim's measure as written, without the ceiling label ("bis zu: Menschen" -> "Menschen")."""
    label = str(lang.settings(code).feature("measure_max_label") or "")
    measure = (claim.get("measure") or "").strip()
    if label and measure.startswith(label + ":"):
        measure = measure[len(label) + 1:]
    return measure.strip(" \"'»«“”:,")


def _title_date(values: set[str], code: str) -> str:
    """The one day or month the figures are of, written the language's way ("" if they differ)."""
    if len(values) != 1:
        return ""
    (value,) = values
    settings = lang.settings(code)
    for pattern, size, key in ((r"\d{4}-\d{2}-\d{2}$", 10, "title_day"), (r"\d{4}-\d{2}$", 7, "title_month")):
        if re.match(pattern, value):
            day = date.fromisoformat(value if size == 10 else value + "-01")
            return day.strftime(str(settings.feature(key) or "%Y-%m-%d"))
    return value


def title(claims: list[dict[str, Any]], languages: dict[str, str], what: str) -> str:
    """A group's title in the language most of its documents are in: the population as
    most of them write it, the place most of them give, and the day or month all dated
    ones are of ("Teilnehmer in Munich, 21.01.2024"); never a bare ceiling label."""
    codes = Counter(lang.code(languages.get(c["doc_id"]) or "de") for c in claims)
    code = codes.most_common(1)[0][0]
    mine = [c for c in claims if lang.code(languages.get(c["doc_id"]) or "de") == code]
    written = Counter(m for c in mine if (m := _plain_measure(c, code)))
    population = max(written, key=lambda m: (written[m], -len(m))) if written else what
    settings = lang.settings(code)
    places = Counter(str(c["place"]) for c in claims if c.get("place") and c.get("place") != WHOLE)
    name = ""
    if places:
        place, count = places.most_common(1)[0]
        if count * 2 > len(claims):
            joined = f" {settings.feature('title_and') or '+'} ".join(place.split("+"))
            name = f" {settings.feature('title_place') or ''} {joined}".replace("  ", " ")
    when = _title_date({d for c in claims if (d := as_of(c))}, code)
    return f"{population}{name}" + (f", {when}" if when else "")


def group_claims(claims: Iterable[dict[str, Any]], languages: dict[str, str] | None = None,
                 tolerance: float = TOLERANCE, duplicates: dict[str, str] | None = None,
                 profile: Profile | None = None) -> list[ClaimGroup]:
    """Groups of claims from at least two documents that count the same thing.

    `languages` maps doc id to language; `duplicates` maps a near-duplicate document
    to the one it copies, so a syndicated copy's figures count once; a story `profile`'s
    `[count_nouns]` adds kinship of counted nouns.
    """
    languages = languages or {}
    duplicates = duplicates or {}
    kin = kin_heads(profile)
    blocks: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    ways: dict[str, Direction] = {}
    for c in claims:
        what = concept(c, languages.get(c["doc_id"]) or "de", kin)
        if not c.get("unit") or (c["unit"] == "other" and what in ("", "other")):
            continue  # a number whose counted thing is unknown cannot be compared
        blocks[(_unit_class(c["unit"], what), what)].append(c)
        ways[c["id"]] = direction(c)
    assign_phases(blocks)
    groups: list[ClaimGroup] = []
    # the dead and the wounded of one story are tallied together: when the texts say one
    # such toll rises, every such count of the corpus is a running count
    tolls = _running(c for (_, what), block in blocks.items() if _hurt(what) for c in block)
    parts = [((unit, what), part) for (unit, what), block in sorted(blocks.items())
             for part in _split(block, what, ways, tolerance, tolls and _hurt(what))]
    for (_, what), members in parts:
        unit = max(sorted({c["unit"] for c in members}), key=lambda u: sum(c["unit"] == u for c in members))
        members = sorted(members, key=lambda c: (c["doc_id"], c["id"]))
        docs = {duplicates.get(c["doc_id"], c["doc_id"]) for c in members}
        if len(docs) < 2:
            continue
        counted = [c for c in members if c["doc_id"] not in duplicates]
        basis = explain(counted, tolerance)
        measure = max((c.get("measure") or "" for c in members), key=len)
        groups.append(ClaimGroup(id=f"g{len(groups) + 1}:{unit}:{what}", unit=unit, concept=what, measure=measure,
                                 claims=members, status=basis.status, reason=reason(basis), basis=basis,
                                 title=title(members, languages, what)))
    return groups
