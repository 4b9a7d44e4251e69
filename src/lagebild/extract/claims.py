"""Stage: claims, the quantities with who says so, how firmly, what they count and when.

For each quantity of `doc.quantities` (numbers inside a date expression are left out;
durations such as "seit 24 Jahren" stay) the claim takes:
- its source from `attribution` (`doc.attributions`: the sentence's cues and passage,
  or the next sentence's "Das teilte X mit.");
- its hedge from `hedging` (a cue word in its clause; a source that is an estimate; a
  warring party speaking about the other side, which holds for the passage it speaks);
- what it counts from `measure` (a bare count noun or a bare number takes what the
  paragraph counted before);
- its time: the nearest date of its sentence, or for "damals" / "at the time" the last
  date named before it in the paragraph;
- what its clause says about the count from `frame`, with the place its clause names.
Each claim is built once; no later sentence changes it.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from lagebild import lang
from lagebild.extract import hedging, measure
from lagebild.extract.attribution import date_times, source_for
from lagebild.extract.frame import PlaceMention, frame
from lagebild.extract.quantity_lexicon import lexicon as quantity_lexicon
from lagebild.model import Attribution, Claim, Document, Quantity, Sentence, TimeExpr, Token
from lagebild.text.tokens import Phrases


@dataclass(frozen=True)
class _State:
    """What a sentence hands to the next one of its paragraph."""

    counted: measure.Counted = field(default_factory=measure.Counted)
    party: str = ""  # the passage's source is a warring party speaking about the other side
    last_date: str | None = None  # the last date named in the paragraph, for "damals"


@lru_cache(maxsize=8)
def _time_anaphors(language: str) -> Phrases:
    return Phrases(tuple(w.lower().split()) for w in lang.entries(language, "time_anaphors"))


def _nearest_time(dates: list[TimeExpr], offset: int) -> str | None:
    dated = [t for t in dates if t.value]
    if not dated:
        return None
    return min(dated, key=lambda t: abs(t.start - offset)).value


def _time_before(tokens: Sequence[Token], dates: list[TimeExpr], before: _State, language: str) -> str | None:
    """The date an undated sentence points back to with "damals" / "at the time": the last
    date named before it in the paragraph."""
    if any(t.value for t in dates) or before.last_date is None:
        return None
    if _time_anaphors(language).anywhere(tokens):
        return before.last_date
    return None


def _hedge(s: Sentence, q: Quantity, source: str, att: Attribution, previous: str, before: _State,
           party: str, lex: hedging.HedgeLexicon, analyst: hedging.Sides) -> tuple[hedging.Hedge, str]:
    """(the hedge, the passage's warring party after this claim)."""
    hedge = hedging.hedge_cue(s, q, lex)
    if hedge or not source:
        return hedge, party
    if source != att.own and source == previous:
        hedge = hedging.source_hedge(source, lex) or (
            hedging.Hedge(before.party, hedging.INTERESTED) if before.party else hedging.Hedge())
    if not hedge and hedging.interested_party(source, s, q.number, lex, analyst):
        return hedging.Hedge(source, hedging.INTERESTED), source
    if not hedge and source == party:
        hedge = hedging.Hedge(source, hedging.INTERESTED)  # the same warring party, later in the sentence
    return hedge, party


def _names_a_person(s: Sentence, q: Quantity, att: Attribution) -> bool:
    """The figure describes the speaker: a bracketed attribute of a name ("Murat Kurum (47)") or
    the subject of a verb of saying ("Der 71-Jährige sagte")."""
    if any(a <= q.first and q.stop <= b and a > 0 and s.tokens[a].text == "(" and s.tokens[a - 1].pos == "NE"
           for a, b in s.syntax.asides):
        return True
    for cue in att.cues:
        clause = s.syntax.clause_of(cue.token)
        if clause is not None and clause.subject is not None and clause.subject[0] <= q.number < clause.subject[1] \
                and s.tokens[cue.token].pos.startswith("V"):
            return True
    return False


def _place_mentions(doc: Document) -> list[PlaceMention]:
    """Every mention of a known place in the document, in text order."""
    return sorted((m.start, m.end, e.canonical) for e in doc.entities if e.type == "LOC" for m in e.mentions)


def _sentence_claims(doc: Document, s: Sentence, quantities: list[Quantity], previous: Attribution | None,
                     before: _State, places: list[PlaceMention]) -> tuple[list[Claim], _State]:
    code = lang.code(doc.language)
    att = doc.attributions[s.index]
    hlex, qlex = hedging.lexicon(code), quantity_lexicon(code)
    dates = date_times(doc, s)
    earlier = _time_before(s.tokens, dates, before, code)
    party = before.party if att.inherits else ""
    counted = before.counted
    claims = []
    for q in quantities:
        if q.in_date:
            continue
        source = source_for(q, s, att, code)
        named = _names_a_person(s, q, att) or bool(source and doc.text[q.start:q.end] in source)
        if named:  # "Der 71-Jährige sagte", "Minister X (47) geht davon aus": part of the naming phrase
            source, hedge = "", hedging.Hedge()
        else:
            hedge, party = _hedge(s, q, source, att, previous.passage if previous else "", before, party, hlex,
                                  hedging.profile_sides(doc.profile))
        m = measure.measure_of(s.tokens, q, counted, qlex)
        counted = measure.after_claim(counted, m, q.value)
        f = frame(s, q, doc.text, code, places)
        claims.append(Claim(
            text=doc.text[q.start:q.end], value=q.value, start=q.start, end=q.end, value_max=q.value_max,
            approx=q.approx, vague=q.vague, unit=m.unit, measure=m.measure, measure_lemma=m.lemma,
            source=source or att.back, hedged=bool(hedge), hedge=hedge.cue, hedge_reason=hedge.reason,
            time=_nearest_time(dates, q.start) or earlier, sentence=s.index, qualifiers=f.qualifiers,
            origin=f.origin, destination=f.destination, bound_side=f.bound_side, place=f.place,
        ))
    last_date = next((t.value for t in reversed(dates) if t.value), before.last_date)
    return claims, _State(measure.after_sentence(counted, s.tokens, qlex), party, last_date)


def extract_claims(doc: Document) -> Document:
    """Stage: fill `doc.claims` from `doc.quantities`, `doc.attributions` and `doc.times`."""
    by_sentence: dict[int, list[Quantity]] = defaultdict(list)
    for q in doc.quantities:
        by_sentence[q.sentence].append(q)
    claims: list[Claim] = []
    places = _place_mentions(doc)
    state, prev = _State(), None
    for s in doc.sentences:
        same_paragraph = prev is not None and prev.paragraph == s.paragraph
        if not same_paragraph:
            state = _State()
        previous = doc.attributions[prev.index] if prev is not None and same_paragraph else None
        found, state = _sentence_claims(doc, s, by_sentence[s.index], previous, state, places)
        claims.extend(found)
        prev = s
    for n, claim in enumerate(claims):
        claim.id = f"{doc.id}:c{n}"
    doc.claims = claims
    return doc
