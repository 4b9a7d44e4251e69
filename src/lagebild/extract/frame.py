"""What a claim's clause says about its count, read at extraction for reconciliation.

"über 6.000 Nordkoreaner sind getötet worden" counts the dead, not the deployed, and
"11.000 Soldaten, die zunächst ausgebildet wurden" counts a first contingent: the
counted noun alone does not say so, its clause does (the segment of the sentence that
holds the figure, with a relative clause right after it). Stored with the claim:

- qualifiers: words of the clause (`clause_qualifiers.tsv`: killed, wounded, initial),
  the two words before the figure (`number_lead_qualifiers.tsv`: "weitere 3.000" is an
  increment), and "prospective" when the sentence speaks of what may still come
  (`increment_prospects.txt`: "könnten bald weitere folgen");
- direction: where the counted things go or come from, a known place after a
  preposition of direction (`direction_preps.tsv`: "nach Russland" -> to Russia);
- bound side: "min" for a floor ("mehr als 6.000"), "max" for a ceiling ("bis zu
  30.000"), from `bound_sides.tsv`;
- place: where the clause ties the figure to, the known places after a preposition of
  place ("in der Türkei und in Syrien" -> "Syria+Turkey"; a place joined to one by
  "und"/"and" counts too), or `WHOLE` when it names the whole area
  (`place_scopes.txt`: "in beiden Ländern", "nationwide"). Only the clause counts: the
  places of a paragraph or headline are often where a source sits or a journey goes.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from lagebild import lang
from lagebild.lang.gazetteer import lookup
from lagebild.model import Quantity, Sentence, Span
from lagebild.text.tokens import low

PROSPECTIVE = "prospective"
WHOLE = "*"  # the place of a figure for the whole area of the story ("in both countries", "insgesamt")
_BEFORE_NAME = frozenset({"ART", "ADJA", "ADJD", "PDAT", "PPOSAT"})  # articles and adjectives before a place name
PlaceMention = tuple[int, int, str]  # (start, end, canonical) of a place named in the text
_EDGE = ".,;:!?\"'»«"


@dataclass(frozen=True)
class Frame:
    qualifiers: tuple[str, ...] = ()
    origin: str = ""
    destination: str = ""
    bound_side: str = ""
    place: str = ""


def _phrase_pattern(phrase: str) -> re.Pattern[str]:
    """A phrase as whole words, any spacing; a trailing * matches any ending."""
    body = re.escape(phrase.rstrip("*")).replace(r"\ ", r"\s+")
    return re.compile(rf"(?<!\w){body}" + (r"\w*" if phrase.endswith("*") else r"(?!\w)"), re.IGNORECASE)


@lru_cache(maxsize=16)
def _patterns(code: str, name: str) -> tuple[tuple[re.Pattern[str], str], ...]:
    return tuple((_phrase_pattern(phrase), label) for phrase, label in lang.table(code, name).items())


@lru_cache(maxsize=8)
def _prospect_pattern(code: str) -> re.Pattern[str]:
    return re.compile("|".join(_phrase_pattern(w).pattern for w in lang.entries(code, "increment_prospects"))
                      or r"(?!x)x", re.IGNORECASE)


def clause_span(s: Sentence, q: Quantity, code: str) -> Span:
    """The segment that holds the figure, with a relative clause right after it ("11.000
    Soldaten, die zunächst ..."), which describes the counted noun."""
    syntax = s.syntax
    first = syntax.segment(q.first)[0]
    end = syntax.segment(max(q.stop - 1, q.first))[1]
    relatives = lang.lower_words(code, "relative_pronouns") | lang.lower_words(code, "relative_articles")
    if end + 1 < len(s.tokens) and low(s.tokens, end + 1) in relatives:
        end = syntax.segment(end + 1)[1]
    return first, end


def _direction(s: Sentence, span: Span, code: str) -> tuple[str, str]:
    preps = lang.table(code, "direction_preps")
    found: dict[str, str] = {}
    tokens = s.tokens
    for i in range(span[0], span[1] - 1):
        side = preps.get(tokens[i].text.lower())
        if side is None or side in found:
            continue
        for n in (3, 2, 1):
            name = " ".join(t.text for t in tokens[i + 1:min(i + 1 + n, span[1])]).rstrip(_EDGE)
            known = lookup(name, code) if name[:1].isupper() else None
            if known and known.type == "LOC":
                found[side] = known.canonical
                break
    return found.get("from", ""), found.get("to", "")


def _bound_side(quote: str, code: str) -> str:
    head, best = quote.lower().lstrip(), ("", "")
    for phrase, side in lang.table(code, "bound_sides").items():
        if head.startswith(phrase + " ") and len(phrase) > len(best[0]):
            best = (phrase, side)
    return best[1]


@lru_cache(maxsize=8)
def _place_preps(code: str) -> frozenset[str]:
    """Prepositions of where something is ("in", "bei", "aus"), not of where it goes ("nach", "to")."""
    going = {p for p, side in lang.table(code, "direction_preps").items() if side == "to"}
    return (lang.lower_words(code, "event_place_preps") | lang.lower_words(code, "phrase_place_preps")) - going


def places_in(s: Sentence, indices: Sequence[int], mentions: list[PlaceMention], code: str) -> str:
    """The places the tokens `indices` of sentence `s` tie a figure to: each known place
    after a preposition of place (articles and adjectives between), or joined by a
    coordinator to one that is; `WHOLE` for a phrase naming the whole area; "" for none."""
    if not indices:
        return ""
    tokens, inside = s.tokens, set(indices)
    lo, hi = tokens[min(indices)].start, tokens[max(indices)].end
    preps, joins = _place_preps(code), lang.lower_words(code, "coordinators")
    found: list[str] = []
    last_end = -1
    for start, end, name in mentions:
        if not lo <= start < hi:
            continue
        i = next((k for k in sorted(inside) if tokens[k].start >= start), None)
        if i is None or tokens[i].start != start:
            continue
        j = i - 1
        while j >= 0 and i - j <= 3 and tokens[j].pos in _BEFORE_NAME:
            j -= 1  # "in der Türkei", "in neighbouring Syria"
        before = tokens[j].text.lower() if j >= 0 else ""
        if before in preps or (before in joins and found and 0 <= start - last_end <= 12):
            found.append(name)
            last_end = end
    if found:
        return "+".join(sorted(set(found)))
    words = " ".join(tokens[k].text for k in sorted(inside))
    return WHOLE if _scope_pattern(code).search(words) else ""


def place_of(s: Sentence, q: Quantity, span: Span, mentions: list[PlaceMention], code: str) -> str:
    """The place of quantity `q`: named in its segment (`span`), else in the rest of its
    clause ("Allein in der Türkei wurden (Stand Donnerstag) fast 18.000 Tote gezählt")."""
    place = places_in(s, range(*span), mentions, code)
    clause = s.syntax.clause_of(q.number)
    if place or clause is None:
        return place
    return places_in(s, clause.tokens, mentions, code)


@lru_cache(maxsize=8)
def _scope_pattern(code: str) -> re.Pattern[str]:
    return re.compile("|".join(_phrase_pattern(w).pattern for w in lang.entries(code, "place_scopes"))
                      or r"(?!x)x", re.IGNORECASE)


HURT = ("killed", "wounded")


def _clause_qualifiers(clause: str, quote: Span, code: str) -> set[str]:
    """The qualifiers the words of `clause` give the figure at `quote` (character offsets in
    the clause). Of the dead and the wounded, a figure takes the word nearest to it ("600
    died and another 4,100 were injured"); both only when they are joined to each other
    ("getötet oder verletzt", "killed or wounded": a count of casualties)."""
    found = [(m.start(), m.end(), label) for pattern, label in _patterns(code, "clause_qualifiers")
             for m in pattern.finditer(clause)]
    quals = {label for _, _, label in found}
    hurt = sorted((a, b, label) for a, b, label in found if label in HURT)
    if {label for _, _, label in hurt} != set(HURT) or _joined(clause, hurt, code):
        return quals

    def distance(match: tuple[int, int, str]) -> int:
        return max(match[0] - quote[1], quote[0] - match[1], 0)

    nearest = min(hurt, key=distance)[2]
    return (quals - set(HURT)) | {nearest}


def _joined(clause: str, hurt: list[tuple[int, int, str]], code: str) -> bool:
    """A word of the dead and one of the wounded stand next to each other, joined by a
    coordinator or a comma ("getötet oder verwundet", "dead and wounded")."""
    joins = lang.lower_words(code, "word_joints") | {","}
    for (_, end, one), (start, _, other) in zip(hurt, hurt[1:], strict=False):
        between = clause[end:start].strip().lower()
        if one != other and (between in joins or not between):
            return True
    return False


def frame(s: Sentence, q: Quantity, text: str, language: str | None,
          places: list[PlaceMention] | None = None) -> Frame:
    """The clause facts of quantity `q` in sentence `s` (`text` is the document text,
    `places` the document's place mentions in text order)."""
    code = lang.code(language)
    first, end = clause_span(s, q, code)
    clause = text[s.tokens[first].start:s.tokens[end - 1].end] if end > first else ""
    base = s.tokens[first].start if end > first else 0
    quals = _clause_qualifiers(clause, (q.start - base, q.end - base), code)
    leads = lang.table(code, "number_lead_qualifiers")
    quals |= {leads[w] for w in (low(s.tokens, q.first - 2), low(s.tokens, q.first - 1)) if w in leads}
    if _prospect_pattern(code).search(s.text):
        quals.add(PROSPECTIVE)
    origin, destination = _direction(s, (first, end), code)
    place = place_of(s, q, (first, end), places or [], code)
    return Frame(tuple(sorted(quals)), origin, destination, _bound_side(text[q.start:q.end], code), place)
