"""Stage: quantities in each sentence: the number, its bounds, unit and what it counts.

`find_quantities(sentence, "de")` walks the tokens once. A quantity starts at a number
(`numerals`: digits, number words, "mehrere tausend", "Tausende", "Fünftagestrip",
"71-Jährige"), takes the bound word in front of it ("rund", "bis zu"), and the noun
phrase it stands in (from the sentence structure): adjectives, the head noun (which
gives the unit, by lemma suffix: "Artilleriegranaten" -> shell) and a short genitive or
bare-noun complement. What is never a quantity: articles and pronouns ("ein", "einer
der"), ordinals, years, clock times, labels ("Artikel 4"), names with digits ("Kh-101")
and points in time ("vor zwei Jahren"). All words come from `lang/<code>/` lexicons.
Spans are half-open (token `first`..`stop`, characters `start`..`end`).
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from lagebild.extract.numerals import Number, number_at, numeral_lexicon
from lagebild.extract.quantity_lexicon import QuantityLexicon, lexicon, unit_of
from lagebild.model import Document, Phrase, Quantity, Sentence, Syntax, Token
from lagebild.text.syntax import sentence_syntax
from lagebild.text.tokens import glued_hyphen, is_noun, low

_YEAR = re.compile(r"^(19|20)\d\d$")  # counts of 1900-2099 things are rarer than years
_TIME_UNITS = frozenset({"day", "year", "other"})
MEASURE_UNITS = frozenset({"percent", "usd", "eur", "km", "kg", "t"})
_MAX_ADJECTIVES = 4


def _bound_before(tokens: Sequence[Token], i: int, lex: QuantityLexicon) -> tuple[int, str]:
    """(first token index, kind) of the longest bound phrase that ends right before token i."""
    phrase = lex.bound_words.before(tokens, i)
    return (i - len(phrase), lex.bounds[phrase]) if phrase else (i, "")


# --- what the number counts: the phrase it stands in ------------------------------------

def _noun_run_end(tokens: Sequence[Token], j: int, stop: int) -> int:
    """The last common noun of the run that starts at j ("artillery shells")."""
    while j + 1 < stop and tokens[j + 1].pos.startswith("NN"):
        j += 1
    return j


def _phrase_head(tokens: Sequence[Token], p: Phrase, j: int, lex: QuantityLexicon) -> int | None:
    """The head of phrase `p` from token j on: adjectives (at most four) and possessive names
    before it; the first noun, or the last of a noun run where that heads it. A name heads
    only where names alone are capitalised."""
    skipped = 0
    while j < p.end and skipped <= _MAX_ADJECTIVES:
        tok = tokens[j]
        if glued_hyphen(tokens, j + 1) and tokens[j + 2].text[:1].islower() and not is_noun(tokens[j + 2]):
            j, skipped = j + 3, skipped + 1  # "Iranian-made", "locally-built": a compound adjective
            continue
        if tok.pos.startswith("NN"):
            return _noun_run_end(tokens, j, p.end) if lex.head_last else j
        if tok.pos == "NE":
            possessive = j + 1 < len(tokens) and tokens[j + 1].text in lex.possessives
            if possessive or (j + 1 < len(tokens) and tokens[j + 1].pos in ("ADJA", "ADJD", "NE", "NN")):
                j, skipped = j + (2 if possessive else 1), skipped + 1  # "Kim Jong Un's soldiers"
                continue
            return j if lex.names_count else None
        if tok.pos not in ("ADJA", "ADJD") and tok.text.lower() not in lex.fillers:
            return None
        j, skipped = j + 1, skipped + 1
    return None


def head_at(tokens: Sequence[Token], syntax: Syntax, j: int, lex: QuantityLexicon) -> int | None:
    """Index of the head noun of what follows the number (from token j), or None."""
    if glued_hyphen(tokens, j):
        return j + 1 if j + 1 < len(tokens) and is_noun(tokens[j + 1]) else None
    if low(tokens, j) in lex.partitives:
        following = syntax.phrase_from(j + 1)
        if following is not None and not following.determiners:
            j += 1  # "von Soldaten", "of ballistic missiles"; not "of the ..."
    while low(tokens, j) in lex.fillers:
        j += 1
    phrase = syntax.phrase_at(j)
    if phrase is None:
        return j if j < len(tokens) and tokens[j].text.lower() in lex.units else None  # "%", "Mrd."
    return _phrase_head(tokens, phrase, j, lex)


def _complement(tokens: Sequence[Token], syntax: Syntax, h: int, lex: QuantityLexicon) -> int:
    """Last token of a short complement after the head: a bare noun ("Containerladungen
    Munition (und Waffen)") or the noun of a genitive phrase ("der ... Munition", "of the ...")."""
    j = h + 1
    if j < len(tokens) and tokens[j].pos.startswith("NN"):
        end = j
        if low(tokens, j + 1) in lex.coordinators and j + 2 < len(tokens) and tokens[j + 2].pos.startswith("NN"):
            end = j + 2
        return end
    phrase = syntax.phrase_at(h)
    if phrase is not None and phrase.end == j and phrase.genitive is not None:
        genitive = syntax.phrases[phrase.genitive]
        return next((k for k in range(genitive.core, genitive.end) if tokens[k].pos.startswith("NN")), h)
    return h


def _measure(tokens: Sequence[Token], syntax: Syntax, num: Number,
             lex: QuantityLexicon) -> tuple[str | None, int, int | None]:
    """(unit, last token of the measure, head token) for the phrase after the number."""
    if num.measure_token:
        return num.unit, num.end - 1, num.first
    h = head_at(tokens, syntax, num.end, lex)
    if h is None:
        return None, num.end - 1, None
    unit = unit_of(tokens[h].text, tokens[h].lemma, lex)
    if unit in MEASURE_UNITS or unit in _TIME_UNITS:
        # "17 Kilometer lange Landgrenze", "40 Prozent der Munition": measure is what follows
        inner = head_at(tokens, syntax, h + 1, lex) if low(tokens, h + 1) not in lex.genitives else None
        return unit, _complement(tokens, syntax, inner if inner is not None else h, lex), h
    return unit or "item", _complement(tokens, syntax, h, lex), h


def _rate_end(tokens: Sequence[Token], end: int, lex: QuantityLexicon) -> int | None:
    """Last token of "pro Monat" / "a month" right after the measure, or None."""
    if low(tokens, end + 1) in lex.rate_words and low(tokens, end + 2) in lex.time_units:
        return end + 2
    return None


def _unit_before(tokens: Sequence[Token], first: int, lex: QuantityLexicon) -> str | None:
    """A currency or unit symbol right before the number ("$750", "€ 5")."""
    if first > 0 and tokens[first - 1].text.lower() in lex.units:
        unit = lex.units[tokens[first - 1].text.lower()]
        return unit if unit in MEASURE_UNITS else None
    return None


def _counted(tokens: Sequence[Token], syntax: Syntax, num: Number,
             lex: QuantityLexicon) -> tuple[str, int, bool] | None:
    """"Die Zahl der Toten stieg auf 55.000", "the death toll among its soldiers at 6,000":
    (unit, head, anaphoric) of what an earlier count noun counts; a count noun without a
    complement ("their number") is anaphoric and counts what was counted before."""
    for k in range(num.first - 1, -1, -1):
        if tokens[k].text.lower().endswith(lex.count_nouns) and tokens[k].pos.startswith("NN"):
            if low(tokens, k + 1) in lex.count_links:
                h = head_at(tokens, syntax, k + 3 if low(tokens, k + 2) in lex.determiners else k + 2, lex)
                if h is not None:
                    return unit_of(tokens[h].text, tokens[h].lemma, lex) or "item", h, False
            return "other", k, True
    return None


def _dimension(tokens: Sequence[Token], num: Number, lex: QuantityLexicon) -> int | None:
    """The dimension noun a number measures: right before it ("der Stärke 7,7", "magnitude
    7.8", "a magnitude of 7.5") or right after it ("a 7.8 magnitude quake")."""
    before = num.first - 1
    if low(tokens, before) in lex.partitives or low(tokens, before) in lex.count_links:
        before -= 1
    for k in (before, num.end):
        if 0 <= k < len(tokens) and tokens[k].text.lower() in lex.dimensions:
            return k
    return None


def _elliptic(tokens: Sequence[Token], num: Number) -> bool:
    """A bare number that is itself subject or object: "Mehr als 200 wurden verletzt",
    "3000 davon", or the object of a judgement ("halten auch 15.000 für möglich")."""
    nxt = tokens[num.end] if num.end < len(tokens) else None
    if nxt is None:
        return False
    if nxt.pos == "APPR" and num.end + 1 < len(tokens) and tokens[num.end + 1].pos == "ADJD":
        return True
    return nxt.pos.startswith("V") or nxt.pos in ("ADJD", "PROAV")


def _time_noun(tokens: Sequence[Token], head: int | None, unit: str | None, lex: QuantityLexicon) -> bool:
    """The head noun is a calendar unit ("Tagen", "Wochen", "years"), not any "other" unit
    ("in zwei Wellen" is no point in time)."""
    if head is None or unit not in _TIME_UNITS:
        return False
    return unit in ("day", "year") or tokens[head].text.lower() in lex.time_units \
        or tokens[head].lemma.lower() in lex.time_units


def _calibre_of(tokens: Sequence[Token], head: int, lex: QuantityLexicon) -> bool:
    """A calibre unit names a type when a weapon noun follows it ("122 mm rocket launchers",
    "152 mm multiple rocket launchers", not "300 mm thick") or when a calibre word stands
    before the number ("vom Kaliber 152 Millimeter")."""
    k = head + 1
    while k < len(tokens) and tokens[k].pos == "ADJA":
        k += 1
    if k < len(tokens) and tokens[k].pos.startswith("NN"):
        return True
    return any(t.text.lower() in lex.calibres for t in tokens[max(0, head - 4):head - 1])


def _is_label_or_clock(tokens: Sequence[Token], num: Number, lex: QuantityLexicon) -> bool:
    if low(tokens, num.first - 1) in lex.labels or (num.first > 0 and tokens[num.first - 1].text.endswith("-")):
        return True  # "Artikel 4", "Kh-101"
    return low(tokens, num.end) in (":", ".") and num.end + 1 < len(tokens) \
        and tokens[num.end + 1].text[:1].isdigit() and tokens[num.end + 1].start == tokens[num.end].end


def _is_excluded(tokens: Sequence[Token], num: Number, unit: str | None, head: int | None,
                 lex: QuantityLexicon) -> bool:
    """Numbers that are no quantity: years, clock times, labels, frequencies, points in time."""
    first_tok = tokens[num.first]
    prev = low(tokens, num.first - 1)
    if head is not None and not num.measure_token:
        if tokens[head].text.lower() in lex.not_nouns or tokens[head].lemma.lower() in lex.not_nouns:
            return True
    if head is not None and glued_hyphen(tokens, num.end) and tokens[head].text.lower() in lex.calibres:
        return True  # "155-mm shells": a type, not a quantity
    if head == num.end and tokens[head].text.lower() in lex.calibres and _calibre_of(tokens, head, lex):
        return True  # "122 mm rocket launchers", "Granaten vom Kaliber 152 Millimeter": a type
    if _is_label_or_clock(tokens, num, lex):
        return True
    single = num.end - num.first == 1
    if _YEAR.match(first_tok.text) and not num.scaled and single and unit in (None, "item") and num.value_max is None:
        return True
    if _YEAR.match(first_tok.text) and num.value_max is not None and unit is None:
        return True  # "von 2020 bis 2024"
    if head is not None and _time_noun(tokens, head, unit, lex) and not num.measure_token:
        if prev in lex.date_before or low(tokens, head + 1) in lex.date_after:
            return True
        if prev in lex.date_ahead and not _tells_of_past(tokens, lex):
            return True  # "beginnt in zwei Wochen"; but "the first visit in 24 years"
    return False


def _tells_of_past(tokens: Sequence[Token], lex: QuantityLexicon) -> bool:
    """The sentence has a verb in the past ("was", "resumed", "legte") and none that looks ahead."""
    kinds = {lex.tense_words.get(t.text.lower(), "") for t in tokens}
    if kinds & {"future", "modal_future"}:
        return False
    return "past" in kinds or any(t.pos == "VVFIN" and t.text.lower().endswith(lex.past_endings) for t in tokens)


def _quantity(sentence: Sentence, syntax: Syntax, num: Number, lex: QuantityLexicon,
              previous: Quantity | None) -> Quantity | None:
    tokens = sentence.tokens
    unit, end, head = _measure(tokens, syntax, num, lex)
    anaphoric = False
    if _is_excluded(tokens, num, unit, head, lex):
        return None
    first, bound = _bound_before(tokens, num.first, lex)
    symbol = _unit_before(tokens, first, lex)
    if symbol:
        first, unit = first - 1, symbol
    dimension = _dimension(tokens, num, lex) if unit in (None, "item") else None
    if dimension is not None:
        unit, head = "other", dimension
        end = max(end, num.end - 1)
    elif unit is None:
        counted = _counted(tokens, syntax, num, lex)
        if counted is not None:
            unit, head, anaphoric = counted
        elif not (bound or num.vague or previous or _elliptic(tokens, num)):
            return None  # a bare number with nothing to say what it counts
        else:
            unit = previous.unit if previous else "other"
    rate = _rate_end(tokens, end, lex) if unit == "item" else None
    if rate is not None:
        unit, end = "other", rate  # "zwei Abfahrten pro Monat": a frequency, not a count of things
    return _build(sentence, num, lex, unit, bound, first, end, head, anaphoric)


def _build(sentence: Sentence, num: Number, lex: QuantityLexicon, unit: str | None, bound: str, first: int,
           end: int, head: int | None, anaphoric: bool) -> Quantity:
    tokens = sentence.tokens
    measure_first = num.end if not num.measure_token else num.first
    measure = " ".join(t.text for t in tokens[measure_first:end + 1]) if end >= measure_first else ""
    if head is not None and head < num.first:  # counted by an earlier "Zahl der ..."
        measure = tokens[head].text
    lemma = tokens[head].lemma if head is not None else ""
    if head is not None and unit in MEASURE_UNITS and end > head:
        inner = [t for t in tokens[head + 1:end + 1] if t.pos.startswith("NN")]
        lemma = inner[0].lemma if inner else lemma
    if bound == "max" and lex.max_label:
        measure = f"{lex.max_label}: {measure}"
    return Quantity(
        sentence=sentence.index, value=num.value, value_max=num.value_max, approx=bound == "approx",
        vague=num.vague, bound=bound, start=tokens[first].start, end=tokens[end].end - (tokens[end].kind == "ordinal"),
        first=first, stop=end + 1, number=num.first, unit=unit or "other", measure=measure, measure_lemma=lemma,
        head=head, anaphoric=anaphoric,
    )


def find_quantities(sentence: Sentence, language: str | None = "de", syntax: Syntax | None = None) -> list[Quantity]:
    """Every quantity in one tagged sentence, in order."""
    lex = lexicon(language)
    numerals = numeral_lexicon(language)
    structure = syntax or (sentence.syntax if sentence.syntax.size == len(sentence.tokens) else None) \
        or sentence_syntax(sentence, language)
    tokens = sentence.tokens
    found: list[Quantity] = []
    i = 0
    while i < len(tokens):
        num = number_at(tokens, i, numerals)
        if num is None:
            i += 1
            continue
        q = _quantity(sentence, structure, num, lex, found[-1] if found else None)
        if q is not None:
            found.append(q)
        i = max(num.end, q.stop) if q else num.end
    return found


def extract_quantities(doc: Document) -> Document:
    """Stage: fill `doc.quantities` from the parsed sentences; a number inside a date
    expression (`doc.times`) is marked `in_date`."""
    out: list[Quantity] = []
    dates = [t for t in doc.times if t.kind == "date"]
    for sentence in doc.sentences:
        for q in find_quantities(sentence, doc.language, sentence.syntax):
            num = sentence.tokens[q.number]
            if any(t.start < num.end and num.start < t.end for t in dates):
                q = replace(q, in_date=True)
            out.append(q)
    doc.quantities = out
    return doc
