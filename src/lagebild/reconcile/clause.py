"""The clause around a claim's number, and what it says about the count.

"über 6.000 Nordkoreaner sind getötet worden" counts the dead, not the deployed, and
"11.000 Soldaten, die zunächst ausgebildet wurden" counts a first contingent: the
counted noun alone does not say so, its clause does. Qualifier words come from
`lang/<code>/clause_qualifiers.tsv`; which side a bound word leaves open ("mehr als"
is a floor, "bis zu" a ceiling) from `lang/<code>/bound_sides.tsv`.
"""
from __future__ import annotations

import re
from functools import lru_cache

from lagebild import lang

# clause boundaries; a comma between digits is part of a number ("6,000", "1,2 Millionen")
_BOUNDARY = re.compile(r"(?<!\d),|,(?!\d)|[;:()\[\]–—]|\s-\s")


def clause_around(context: str, quote: str, code: str = "de") -> str:
    """The clause of `context` that holds `quote`, plus a relative clause right after it
    ("11.000 Soldaten, die zunächst ..."), which describes the counted noun."""
    at = context.find(quote) if quote else -1
    if at < 0:
        return quote or ""
    end = at + len(quote)
    start = max((m.end() for m in _BOUNDARY.finditer(context, 0, at)), default=0)
    stop = _next_boundary(context, end)
    if stop < len(context) and _opens_relative_clause(context[stop + 1:], code):
        stop = _next_boundary(context, stop + 1)
    return context[start:stop].strip()


def _next_boundary(text: str, pos: int) -> int:
    m = _BOUNDARY.search(text, pos)
    return m.start() if m else len(text)


def _opens_relative_clause(rest: str, code: str) -> bool:
    first = rest.split(None, 1)[0].lower() if rest.strip() else ""
    pronouns = lang.words(code, "relative_pronouns") | lang.words(code, "event_relative_articles")
    return first in pronouns


def _phrase_pattern(phrase: str) -> re.Pattern[str]:
    """A phrase as whole words, any spacing; a trailing * matches any ending."""
    body = re.escape(phrase.rstrip("*")).replace(r"\ ", r"\s+")
    return re.compile(rf"(?<!\w){body}" + (r"\w*" if phrase.endswith("*") else r"(?!\w)"), re.IGNORECASE)


@lru_cache(maxsize=16)
def _phrase_patterns(code: str, name: str) -> tuple[tuple[re.Pattern[str], str], ...]:
    return tuple((_phrase_pattern(phrase), label) for phrase, label in lang.table(code, name).items())


@lru_cache(maxsize=8)
def _prospect_pattern(code: str) -> re.Pattern[str]:
    return re.compile("|".join(_phrase_pattern(w).pattern for w in lang.entries(code, "increment_prospects"))
                      or r"(?!x)x", re.IGNORECASE)


def prospective(sentence: str, code: str = "de") -> bool:
    """The sentence speaks of what may still come ("könnten bald weitere folgen",
    "could send another"), so an increment in it is not one that came."""
    return bool(_prospect_pattern(code).search(sentence))


def lead_qualifiers(context: str, quote: str, code: str = "de") -> frozenset[str]:
    """Qualifiers named by the two words right before the figure: "weitere (rund) 3.000 Mann"
    and "another 3,000 troops" count an increment, not the total."""
    at = context.find(quote) if quote else -1
    if at <= 0:
        return frozenset()
    table = lang.table(code, "number_lead_qualifiers")
    return frozenset(table[w] for w in context[:at].lower().split()[-2:] if w in table)


def qualifiers(clause: str, code: str = "de") -> frozenset[str]:
    """The qualifiers whose words occur in `clause`: killed, wounded, initial."""
    return frozenset(label for pattern, label in _phrase_patterns(code, "clause_qualifiers")
                     if pattern.search(clause))


def bound_side(quote: str) -> str:
    """"min" when the quote starts with a floor ("mehr als 6.000", "at least 85"),
    "max" with a ceiling ("bis zu 30.000"), "" otherwise. The bound words of all
    languages are checked: they do not collide, and a claim row need not carry one."""
    head = quote.lower().lstrip()
    best = ("", "")
    for code in lang.SUPPORTED:
        for phrase, side in lang.table(code, "bound_sides").items():
            if head.startswith(phrase + " ") and len(phrase) > len(best[0]):
                best = (phrase, side)
    return best[1]


Direction = tuple[str | None, str | None]  # (from, to): canonical place names or None


def direction(clause: str, code: str = "de") -> Direction:
    """Where the counted things go or come from, when the clause names a known place
    after a preposition of direction: "nach Russland" -> (None, "Russia")."""
    from lagebild.extract.entity_gazetteer import lookup

    preps = lang.table(code, "direction_preps")
    found: dict[str, str] = {}
    words = clause.split()
    for i, word in enumerate(words[:-1]):
        side = preps.get(word.lower())
        if side is None or side in found:
            continue
        for n in (3, 2, 1):
            name = " ".join(words[i + 1:i + 1 + n]).rstrip(".,;:!?\"'»«")
            known = lookup(name, code) if name[:1].isupper() else None
            if known and known.type == "LOC":
                found[side] = known.canonical
                break
    return found.get("from"), found.get("to")


def compatible(a: Direction, b: Direction) -> bool:
    """Two directions of a flow between places can describe the same flow."""
    (a_from, a_to), (b_from, b_to) = a, b
    clash = ((a_to and b_to and a_to != b_to) or (a_from and b_from and a_from != b_from)
             or (a_to and a_to == b_from) or (a_from and a_from == b_to))
    return not clash


def merge(a: Direction, b: Direction) -> Direction:
    return a[0] or b[0], a[1] or b[1]
