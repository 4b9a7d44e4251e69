"""What a figure counts when its own words do not say: the measure stage of a claim.

A bare count noun ("put their number at 12,000", "raised the total to 15,000") counts
what the text counted last: a counted noun before it in the sentence, the last claim of
the paragraph, or a counted noun in the sentence before. A bare number judged possible
("Experten halten auch 15.000 für möglich") counts what a figure of its size counted.
The quantity as read (`doc.quantities`) is never changed; `Counted` is what a paragraph
has counted so far, handed from claim to claim.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from lagebild.extract.hedging import COUNT_UNITS
from lagebild.extract.quantity_lexicon import QuantityLexicon, unit_of
from lagebild.model import Quantity, Token


@dataclass(frozen=True)
class Counted:
    """What the paragraph has counted so far."""

    unit: str = ""  # unit of the last claim, for bare numbers
    lemma: str = ""  # and its measure lemma
    noun_unit: str = ""  # unit of the last counted noun of a sentence ("troops"), for "their number"
    noun_lemma: str = ""  # and its lemma, so "their number" groups with the troops
    recent: tuple[tuple[str, str, float], ...] = ()  # (unit, lemma, value) of the last few claims


@dataclass(frozen=True)
class Measure:
    unit: str
    measure: str
    lemma: str


def counted_noun(tokens: Sequence[Token], end: int, lex: QuantityLexicon) -> tuple[str, str]:
    """Unit and lemma of the last noun before token `end` that names people or munitions ("troops");
    a noun that only modifies the next one ("spy agency") is not counted."""
    for i in range(min(end, len(tokens)) - 1, -1, -1):
        tok = tokens[i]
        modifier = i + 1 < len(tokens) and tokens[i + 1].pos.startswith("NN")
        if tok.pos.startswith("NN") and not modifier:
            unit = unit_of(tok.text, tok.lemma, lex)
            if unit in COUNT_UNITS:
                return unit or "", tok.lemma
    return "", ""


def _anaphoric(tokens: Sequence[Token], q: Quantity, counted: Counted, lex: QuantityLexicon) -> tuple[str, str]:
    here = counted_noun(tokens, q.first, lex)
    if here[0]:
        return here
    if counted.unit:
        return counted.unit, counted.lemma
    return counted.noun_unit, counted.noun_lemma


def _alike(recent: tuple[tuple[str, str, float], ...], value: float) -> tuple[str, str]:
    """Unit and lemma of the latest claim of the same order of magnitude, else of the latest claim."""
    for unit, lemma, seen in reversed(recent):
        if seen > 0 and 0.1 <= value / seen <= 10:
            return unit, lemma
    return recent[-1][0], recent[-1][1]


def measure_of(tokens: Sequence[Token], q: Quantity, counted: Counted, lex: QuantityLexicon) -> Measure:
    """Unit, measure and lemma of quantity `q`, with what the paragraph counted before."""
    unit, lemma = q.unit, q.measure_lemma
    if q.anaphoric:
        found_unit, found_lemma = _anaphoric(tokens, q, counted, lex)
        unit, lemma = found_unit or unit, found_lemma or lemma
    elif not q.has_head and q.unit == "other" and counted.recent:
        unit, like = _alike(counted.recent, q.value)
        lemma = lemma or like
    return Measure(unit, q.measure, lemma)


def after_claim(counted: Counted, m: Measure, value: float) -> Counted:
    return replace(counted, unit=m.unit, lemma=m.lemma, recent=(*counted.recent[-4:], (m.unit, m.lemma, value)))


def after_sentence(counted: Counted, tokens: Sequence[Token], lex: QuantityLexicon) -> Counted:
    unit, lemma = counted_noun(tokens, len(tokens), lex)
    return replace(counted, noun_unit=unit, noun_lemma=lemma) if unit else counted
