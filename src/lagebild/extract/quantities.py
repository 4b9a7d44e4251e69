"""Quantities in a tagged sentence: the number, its bounds, unit and what it counts.

`find_quantities(sentence, "de")` walks the tokens once. A quantity starts at a
number (digits, number words, "mehrere tausend", "Tausende", "Fünftagestrip",
"71-Jährige"), takes the bound word in front of it ("rund", "bis zu"), and the noun
phrase after it: adjectives, the head noun (which gives the unit, by lemma suffix:
"Artilleriegranaten" -> shell) and a short genitive or bare-noun complement.
What is never a quantity: articles and pronouns ("ein", "einer der"), ordinals,
years, clock times, labels ("Artikel 4"), names with digits ("Kh-101") and points in
time ("vor zwei Jahren"). All words come from `lang/<code>/` lexicons.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from lagebild import lang
from lagebild.extract.numbers import german_compound, multiplier, parse_digits, parse_number
from lagebild.model import Sentence, Token

_DIGITS = re.compile(r"^\d[\d.,'’]*$")
_GROUP3 = re.compile(r"^\d{3}$")
_YEAR = re.compile(r"^(19|20)\d\d$")  # counts of 1900-2099 things are rarer than years
_NOT_NUMBER_KINDS = frozenset({"date", "time", "ordinal", "URL", "email_address"})
_ADJECTIVE_TAGS = frozenset({"ADJA", "ADJD"})
_TIME_UNITS = frozenset({"day", "year", "other"})
_MEASURE_UNITS = frozenset({"percent", "usd", "eur", "km", "kg", "t"})
_PUNCT_STOP = frozenset({",", ";", ":", "(", ")", "–", "—", ".", "!", "?", '"', "»", "«", "„", "“"})
_MAX_ADJECTIVES = 4
_MAX_COMPLEMENT = 6


@dataclass
class Quantity:
    """One number in a sentence, with token indices (into `Sentence.tokens`) and char offsets."""

    value: float
    start: int  # char offset of the quoted span (bound word .. measure)
    end: int
    first: int  # token index of the first token of the span
    last: int  # token index of the last token of the span
    number: int  # token index of the (first) number token
    value_max: float | None = None
    approx: bool = False
    vague: bool = False
    bound: str = ""  # "approx" or "max" (bis zu / up to)
    unit: str = "other"
    measure: str = ""
    measure_lemma: str = ""
    has_head: bool = False
    anaphoric: bool = False  # counted by a bare count noun ("their number", "the total")


@dataclass(frozen=True)
class _Lexicon:
    language: str
    units: dict[str, str]
    suffixes: tuple[tuple[str, str], ...]  # longest first
    bounds: dict[tuple[str, ...], str]
    vague: dict[tuple[str, ...], tuple[float, float]]
    quantifiers: frozenset[tuple[str, ...]]
    labels: frozenset[str]
    not_nouns: frozenset[str]
    date_before: frozenset[str]
    date_after: frozenset[str]
    date_ahead: frozenset[str]
    tense_words: dict[str, str]  # finite verb form -> past / perfect / future / modal_future
    past_endings: tuple[str, ...]
    compound_units: dict[str, str]
    age_endings: tuple[str, ...]
    articles: frozenset[str]
    count_nouns: tuple[str, ...]
    calibres: frozenset[str]
    fillers: frozenset[str]
    compound_re: re.Pattern[str] | None
    rate_words: frozenset[str]
    time_units: frozenset[str]


def _phrases(items: dict[str, str]) -> dict[tuple[str, ...], str]:
    return {tuple(k.lower().split()): v for k, v in items.items()}


def _compound_pattern(code: str, units: dict[str, str]) -> re.Pattern[str] | None:
    words = [w for w, v in lang.table(code, "numbers").items() if 1 < float(v) < 100]
    if not words or not units:
        return None
    alternatives = "|".join(sorted(map(re.escape, words), key=len, reverse=True))
    unit_alt = "|".join(sorted(map(re.escape, units), key=len, reverse=True))
    if code == "en":
        return re.compile(rf"^(\d+|{alternatives})-({unit_alt})s?$", re.IGNORECASE)
    return re.compile(rf"^(\d+-?|{alternatives})({unit_alt})(?=\w|-)", re.IGNORECASE)


@lru_cache(maxsize=4)
def lexicon(language: str | None) -> _Lexicon:
    code = lang.code(language)
    units = {k.lower(): v for k, v in lang.table(code, "units").items()}
    suffixes = tuple(sorted(((k[1:], v) for k, v in units.items() if k.startswith("-")),
                            key=lambda kv: len(kv[0]), reverse=True))
    vague = {tuple(k.split()): (float(v.split()[0]), float(v.split()[1]))
             for k, v in lang.table(code, "vague").items()}
    compound_units = {k.lower(): v for k, v in lang.table(code, "quantity_compound_units").items()}
    articles = frozenset(w.lower() for w, v in lang.table(code, "numbers").items() if float(v) == 1)
    return _Lexicon(
        language=code,
        units={k: v for k, v in units.items() if not k.startswith("-")},
        suffixes=suffixes,
        bounds=_phrases(lang.table(code, "bounds")),
        vague=vague,
        quantifiers=frozenset(tuple(w.lower().split()) for w in lang.words(code, "vague_quantifiers")),
        labels=frozenset(w.lower() for w in lang.words(code, "quantity_label_nouns")),
        not_nouns=frozenset(w.lower() for w in lang.words(code, "quantity_not_nouns")),
        date_before=frozenset(w.lower() for w in lang.words(code, "quantity_date_before")),
        date_after=frozenset(w.lower() for w in lang.words(code, "quantity_date_after")),
        date_ahead=frozenset(w.lower() for w in lang.words(code, "quantity_date_ahead")),
        tense_words={w.lower(): kind for w, kind in lang.table(code, "time_tense").items()},
        past_endings=tuple(w.lower() for w in lang.words(code, "quantity_past_endings")),
        compound_units=compound_units,
        age_endings=tuple(sorted((w.lower() for w in lang.words(code, "quantity_age")), key=len, reverse=True)),
        articles=articles,
        fillers=frozenset(w.lower() for w in lang.words(code, "quantity_fillers")),
        calibres=frozenset(w.lower() for w in lang.words(code, "quantity_calibres")),
        count_nouns=tuple(w.lower() for w in lang.words(code, "quantity_count_nouns")),
        compound_re=_compound_pattern(code, compound_units),
        rate_words=frozenset(w.lower() for w in lang.words(code, "quantity_rate_words")),
        time_units=frozenset(w.lower() for w in lang.table(code, "time_units")),
    )


def unit_of(word: str, lemma: str, lex: _Lexicon) -> str | None:
    """The unit a noun names (exact symbol, or the longest matching lemma/word ending)."""
    for key in (word.lower(), lemma.lower()):
        if key in lex.units:
            return lex.units[key]
    low = word.lower()
    # the tagger's lemma first, then the word with plural/case endings taken off
    for key in (lemma.lower(), low, *(low[:-n] for n in (1, 2) if len(low) > n + 3)):
        for suffix, unit in lex.suffixes:
            if key.endswith(suffix):
                return unit
    return None


def _is_noun(tok: Token) -> bool:
    return tok.pos.startswith("NN") or tok.pos == "NE"


def _low(tokens: list[Token], i: int) -> str:
    return tokens[i].text.lower() if 0 <= i < len(tokens) else ""


def _match_phrase(tokens: list[Token], i: int, phrases: Iterable[tuple[str, ...]]) -> int:
    """Length of the longest phrase starting at token i, or 0."""
    best = 0
    for phrase in phrases:
        n = len(phrase)
        if n > best and tuple(_low(tokens, i + k) for k in range(n)) == phrase:
            best = n
    return best


def _phrase_before(tokens: list[Token], i: int, phrases: dict[tuple[str, ...], str]) -> tuple[int, str]:
    """(first token index, kind) of the longest phrase that ends right before token i."""
    best, kind = i, ""
    for phrase, value in phrases.items():
        n = len(phrase)
        if i - n >= 0 and i - n < best and tuple(_low(tokens, i - n + k) for k in range(n)) == phrase:
            best, kind = i - n, value
    return best, kind


@dataclass
class _Number:
    first: int
    last: int
    value: float
    value_max: float | None = None
    vague: bool = False
    scaled: bool = False  # a numeral noun (Millionen, thousand) was part of it
    unit: str | None = None  # set by compounds ("Fünftagestrip") and ages
    measure_token: bool = False  # the number token itself is the measure (compound, age)


def _digits_at(tokens: list[Token], i: int, lex: _Lexicon) -> tuple[float, int] | None:
    """A digit number at token i, joining groups split by the tokenizer ("14 000", "10'000")."""
    tok = tokens[i]
    text, last = tok.text, i
    if tok.kind == "ordinal" and i == len(tokens) - 1 and text[:-1].isdigit():
        text = text[:-1]  # "auf mehr als 100." at the end of a sentence is no ordinal
    elif tok.kind in _NOT_NUMBER_KINDS or not _DIGITS.match(tok.text):
        return None
    while last + 1 < len(tokens) and len(text) <= 7:
        nxt = tokens[last + 1]
        gap = nxt.start - tokens[last].end
        if _GROUP3.match(nxt.text) and gap == 1 and text[-1].isdigit():
            text, last = text + " " + nxt.text, last + 1
        elif nxt.text in ("'", "’") and gap == 0 and last + 2 < len(tokens) \
                and _GROUP3.match(tokens[last + 2].text) and tokens[last + 2].start == nxt.end:
            text, last = text + "'" + tokens[last + 2].text, last + 2
        else:
            break
    value = parse_digits(text, lex.language)
    return (value, last) if value is not None else None


def _word_value(tok: Token, lex: _Lexicon) -> float | None:
    low = tok.text.lower()
    if "-" in low.strip("-"):
        return parse_number(low, lex.language)  # "15-thousand", "twenty-five"; None for "Maia-1"
    if lex.language == "de" and not tok.text.isupper():
        value = parse_number(low, "de") if " " not in low else None
        if value is None and low.isalpha():
            value = german_compound(low)
        return value
    word = lang.table(lex.language, "numbers").get(low)
    return float(word) if word else None


def _scale(tokens: list[Token], last: int, value: float, lex: _Lexicon) -> tuple[float, int, bool]:
    """Apply numeral nouns after a number: "1,2 Millionen", "fünf Mrd.", "two hundred thousand"."""
    scaled = False
    while last + 1 < len(tokens):
        factor = multiplier(tokens[last + 1].text, lex.language)
        if factor is None:
            break
        value, last, scaled = value * factor, last + 1, True
    return value, last, scaled


def _simple_number(tokens: list[Token], i: int, lex: _Lexicon) -> _Number | None:
    tok = tokens[i]
    digits = _digits_at(tokens, i, lex)
    if digits is not None:
        value, last = digits
    else:
        if tok.kind in _NOT_NUMBER_KINDS or tok.pos == "NE" or (tok.pos.startswith("NN") and "-" not in tok.text):
            return None  # "außer Acht", "die Elf": a noun, not a number word
        word = _word_value(tok, lex)
        if word is None or multiplier(tok.text, lex.language) is not None:
            return None
        value, last = word, i
        if _hyphen_at(tokens, i + 1):  # "Twenty-five", split by the tokenizer
            joined = parse_number(f"{tok.text}-{tokens[i + 2].text}", lex.language)
            if joined is not None:
                value, last = joined, i + 2
        if tok.text.lower() in lex.articles and multiplier(_low(tokens, i + 1), lex.language) is None:
            return None  # "ein", "einer der", "a", "one of"
    value, last, scaled = _scale(tokens, last, value, lex)
    return _Number(i, last, value, scaled=scaled)


def _vague_number(tokens: list[Token], i: int, lex: _Lexicon) -> _Number | None:
    n = _match_phrase(tokens, i, lex.quantifiers)
    if n:
        factor = multiplier(_low(tokens, i + n), lex.language)
        if factor is not None and factor >= 100:
            return _Number(i, i + n, 2 * factor, 10 * factor - 1, vague=True, scaled=True)
        return None
    n = _match_phrase(tokens, i, lex.vague)
    if n and (i == 0 or _simple_number(tokens, i - 1, lex) is None):
        low, high = lex.vague[tuple(_low(tokens, i + k) for k in range(n))]
        return _Number(i, i + n - 1, low, high, vague=True, scaled=True)
    return None


def _compound_number(tokens: list[Token], i: int, lex: _Lexicon) -> _Number | None:
    """"Fünftagestrip" (5 day), "five-day", "71-Jährige" (71 year)."""
    tok = tokens[i]
    low = tok.text.lower()
    head, sep, tail = low.partition("-")
    if sep and head.isdigit() and tail in lex.age_endings:
        return _Number(i, i, float(head), unit="year", measure_token=True)
    if lex.compound_re is None or not tok.text[:1].isalnum():
        return None
    m = lex.compound_re.match(tok.text)
    if m is None:
        return None
    count = m.group(1).rstrip("-").lower()
    value = float(count) if count.isdigit() else parse_number(count, lex.language)
    if value is None or count in lex.articles:
        return None
    unit = lex.compound_units.get(m.group(2).lower())
    return _Number(i, i, value, unit=unit, measure_token=True) if unit else None


def _range(tokens: list[Token], num: _Number, lex: _Lexicon) -> _Number:
    """"10.000 bis 12.000", "zwei bis drei Millionen", "3-4", "between 10,000 and 12,000"."""
    j = num.last + 1
    joint = _low(tokens, j)
    if joint not in ("bis", "-", "–", "to", "und", "and"):
        return num
    if joint in ("und", "and") and _low(tokens, num.first - 1) not in ("zwischen", "between"):
        return num
    other = _simple_number(tokens, j + 1, lex) if j + 1 < len(tokens) else None
    if other is None:
        return num
    low = num.value
    if other.scaled and not num.scaled:
        raw = parse_number(tokens[j + 1].text, lex.language) or other.value
        if num.value * other.value / raw <= other.value:
            low = num.value * other.value / raw
    if low >= other.value:
        return num
    return _Number(num.first, other.last, low, other.value, scaled=num.scaled or other.scaled)


def _number_at(tokens: list[Token], i: int, lex: _Lexicon) -> _Number | None:
    num = _vague_number(tokens, i, lex) or _compound_number(tokens, i, lex) or _simple_number(tokens, i, lex)
    if num is None or num.vague or num.unit:
        return num
    return _range(tokens, num, lex)


def _hyphen_at(tokens: list[Token], j: int) -> bool:
    """Token j is a hyphen glued to both neighbours ("five-day", "155-mm")."""
    return 0 < j < len(tokens) - 1 and tokens[j].text == "-" \
        and tokens[j - 1].end == tokens[j].start and tokens[j].end == tokens[j + 1].start


def _head(tokens: list[Token], j: int, lex: _Lexicon) -> int | None:
    """Index of the head noun of the phrase starting at j (skipping adjectives), or None."""
    if _hyphen_at(tokens, j):
        return j + 1 if j + 1 < len(tokens) and _is_noun(tokens[j + 1]) else None
    if lex.language == "en" and _low(tokens, j) == "of":
        j += 1
    if lex.language == "de" and _low(tokens, j) == "von" and j + 1 < len(tokens) and _is_noun(tokens[j + 1]):
        j += 1
    skipped = 0
    while j < len(tokens) and skipped <= _MAX_ADJECTIVES:
        tok = tokens[j]
        if _hyphen_at(tokens, j + 1) and tokens[j + 2].text[:1].islower() and not _is_noun(tokens[j + 2]):
            j, skipped = j + 3, skipped + 1  # "Iranian-made", "locally-built": a compound adjective
            continue
        if tok.pos.startswith("NN") or tok.text in lex.units:
            return _last_noun(tokens, j) if lex.language == "en" else j
        if tok.pos == "NE":
            if lex.language == "en" and _low(tokens, j + 1) in ("'s", "’s"):
                j, skipped = j + 2, skipped + 1  # "Kim Jong Un's soldiers": a possessive before the noun
                continue
            if j + 1 < len(tokens) and tokens[j + 1].pos in _ADJECTIVE_TAGS | {"NE", "NN"}:
                j, skipped = j + 1, skipped + 1
                continue
            return j if lex.language == "en" else None
        if tok.pos not in _ADJECTIVE_TAGS and tok.text.lower() not in lex.fillers:
            return None
        j, skipped = j + 1, skipped + 1
    return None


def _last_noun(tokens: list[Token], j: int) -> int:
    """English noun compounds end in their head: "artillery shells"."""
    while j + 1 < len(tokens) and tokens[j + 1].pos.startswith("NN"):
        j += 1
    return j


def _complement(tokens: list[Token], h: int, lex: _Lexicon) -> int:
    """Last token of a short complement after the head: a genitive ("der ... Munition"),
    "of the ..." or a bare noun ("Containerladungen Munition und Waffen")."""
    j = h + 1
    low = _low(tokens, j)
    if j < len(tokens) and tokens[j].pos.startswith("NN"):
        end = j
        if _low(tokens, j + 1) in ("und", "and", "oder", "or") and j + 2 < len(tokens) \
                and tokens[j + 2].pos.startswith("NN"):
            end = j + 2
        return end
    genitive = ("des", "der") if lex.language == "de" else ("of",)
    if low in genitive:
        for k in range(j + 1, min(len(tokens), j + 1 + _MAX_COMPLEMENT)):
            if tokens[k].text in _PUNCT_STOP or tokens[k].pos.startswith("V"):
                break
            if tokens[k].pos.startswith("NN"):
                return k
    return h


def _measure(tokens: list[Token], num: _Number, lex: _Lexicon) -> tuple[str | None, int, int | None]:
    """(unit, last token of the measure, head token) for the phrase after the number."""
    if num.measure_token:
        return num.unit, num.last, num.first
    h = _head(tokens, num.last + 1, lex)
    if h is None:
        return None, num.last, None
    unit = unit_of(tokens[h].text, tokens[h].lemma, lex)
    if unit in _MEASURE_UNITS or unit in _TIME_UNITS:
        # "17 Kilometer lange Landgrenze", "40 Prozent der Munition": measure is what follows
        inner = _head(tokens, h + 1, lex) if _low(tokens, h + 1) not in ("der", "des", "of") else None
        end = _complement(tokens, inner if inner is not None else h, lex)
        return unit, end, h
    if unit is None:
        unit = "item"
    return unit, _complement(tokens, h, lex), h


def _rate_end(tokens: list[Token], end: int, lex: _Lexicon) -> int | None:
    """Last token of "pro Monat" / "a month" right after the measure, or None."""
    if _low(tokens, end + 1) in lex.rate_words and _low(tokens, end + 2) in lex.time_units:
        return end + 2
    return None


def _unit_before(tokens: list[Token], first: int, lex: _Lexicon) -> str | None:
    """A currency or unit symbol right before the number ("$750", "€ 5")."""
    if first > 0 and tokens[first - 1].text.lower() in lex.units:
        unit = lex.units[tokens[first - 1].text.lower()]
        return unit if unit in _MEASURE_UNITS else None
    return None


def _counted(tokens: list[Token], num: _Number, lex: _Lexicon) -> tuple[str, int, bool] | None:
    """"Die Zahl der Toten stieg auf 55.000", "the death toll among its soldiers at 6,000":
    (unit, head, anaphoric) of what an earlier count noun counts; a count noun without a
    complement ("their number") is anaphoric and counts what was counted before."""
    for k in range(num.first - 1, -1, -1):
        if tokens[k].text.lower().endswith(lex.count_nouns) and tokens[k].pos.startswith("NN"):
            genitive = ("der", "des") if lex.language == "de" else ("of", "among")
            if _low(tokens, k + 1) in genitive:
                h = _head(tokens, k + 3 if _low(tokens, k + 2) == "the" else k + 2, lex)
                if h is not None:
                    return unit_of(tokens[h].text, tokens[h].lemma, lex) or "item", h, False
            return "other", k, True
    return None


def _elliptic(tokens: list[Token], num: _Number) -> bool:
    """A bare number that is itself subject or object: "Mehr als 200 wurden verletzt",
    "3000 davon", or the object of a judgement ("halten auch 15.000 für möglich")."""
    nxt = tokens[num.last + 1] if num.last + 1 < len(tokens) else None
    if nxt is None:
        return False
    if nxt.pos == "APPR" and num.last + 2 < len(tokens) and tokens[num.last + 2].pos == "ADJD":
        return True
    return nxt.pos.startswith("V") or nxt.pos in ("ADJD", "PROAV")


def _time_noun(tokens: list[Token], head: int | None, unit: str | None, lex: _Lexicon) -> bool:
    """The head noun is a calendar unit ("Tagen", "Wochen", "years"), not any "other" unit
    ("in zwei Wellen" is no point in time)."""
    if head is None or unit not in _TIME_UNITS:
        return False
    return unit in ("day", "year") or tokens[head].text.lower() in lex.time_units \
        or tokens[head].lemma.lower() in lex.time_units


def _calibre_of(tokens: list[Token], head: int, lex: _Lexicon) -> bool:
    """A calibre unit names a type when a weapon noun follows it ("122 mm rocket launchers",
    "152 mm multiple rocket launchers", not "300 mm thick") or when a calibre word stands
    before the number ("vom Kaliber 152 Millimeter")."""
    k = head + 1
    while k < len(tokens) and tokens[k].pos == "ADJA":
        k += 1
    if k < len(tokens) and tokens[k].pos.startswith("NN"):
        return True
    return any(t.text.lower() in lex.calibres for t in tokens[max(0, head - 4):head - 1])


def _is_excluded(tokens: list[Token], num: _Number, unit: str | None, head: int | None, lex: _Lexicon) -> bool:
    """Numbers that are no quantity: years, clock times, labels, frequencies, points in time."""
    first_tok = tokens[num.first]
    prev = _low(tokens, num.first - 1)
    if head is not None and not num.measure_token:
        if tokens[head].text.lower() in lex.not_nouns or tokens[head].lemma.lower() in lex.not_nouns:
            return True
    if head is not None and _hyphen_at(tokens, num.last + 1) and tokens[head].text.lower() in lex.calibres:
        return True  # "155-mm shells": a type, not a quantity
    if head == num.last + 1 and tokens[head].text.lower() in lex.calibres and _calibre_of(tokens, head, lex):
        return True  # "122 mm rocket launchers", "Granaten vom Kaliber 152 Millimeter": a type
    if prev in lex.labels or (num.first > 0 and tokens[num.first - 1].text.endswith("-")):
        return True
    if _low(tokens, num.last + 1) in (":", ".") and num.last + 2 < len(tokens) \
            and tokens[num.last + 2].text[:1].isdigit() and tokens[num.last + 2].start == tokens[num.last + 1].end:
        return True  # clock time or date split by the tokenizer
    if _YEAR.match(first_tok.text) and not num.scaled and num.first == num.last \
            and (unit is None or unit == "item") and num.value_max is None:
        return True
    if _YEAR.match(first_tok.text) and num.value_max is not None and unit is None:
        return True  # "von 2020 bis 2024"
    if head is not None and _time_noun(tokens, head, unit, lex) and not num.measure_token:
        if prev in lex.date_before or _low(tokens, head + 1) in lex.date_after:
            return True
        if prev in lex.date_ahead and not _tells_of_past(tokens, lex):
            return True  # "beginnt in zwei Wochen"; but "the first visit in 24 years"
    return False


def _tells_of_past(tokens: list[Token], lex: _Lexicon) -> bool:
    """The sentence has a verb in the past ("was", "resumed", "legte") and none that looks ahead."""
    kinds = {lex.tense_words.get(t.text.lower(), "") for t in tokens}
    if kinds & {"future", "modal_future"}:
        return False
    return "past" in kinds or any(t.pos == "VVFIN" and t.text.lower().endswith(lex.past_endings) for t in tokens)


def _quantity(tokens: list[Token], num: _Number, lex: _Lexicon, previous: Quantity | None) -> Quantity | None:
    unit, end, head = _measure(tokens, num, lex)
    anaphoric = False
    if _is_excluded(tokens, num, unit, head, lex):
        return None
    first, bound = _phrase_before(tokens, num.first, lex.bounds)
    symbol = _unit_before(tokens, first, lex)
    if symbol:
        first, unit = first - 1, symbol
    if unit is None:
        counted = _counted(tokens, num, lex)
        if counted is not None:
            unit, head, anaphoric = counted
        elif not (bound or num.vague or previous or _elliptic(tokens, num)):
            return None  # a bare number with nothing to say what it counts
        else:
            unit = previous.unit if previous else "other"
    rate = _rate_end(tokens, end, lex) if unit == "item" else None
    if rate is not None:
        unit, end = "other", rate  # "zwei Abfahrten pro Monat": a frequency, not a count of things
    measure_first = num.last + 1 if not num.measure_token else num.first
    measure = " ".join(t.text for t in tokens[measure_first:end + 1]) if end >= measure_first else ""
    if head is not None and head < num.first:  # counted by an earlier "Zahl der ..."
        measure = tokens[head].text
    lemma = tokens[head].lemma if head is not None else ""
    if head is not None and unit in _MEASURE_UNITS and end > head:
        inner = [t for t in tokens[head + 1:end + 1] if t.pos.startswith("NN")]
        lemma = inner[0].lemma if inner else lemma
    if bound == "max":
        measure = f"up to: {measure}" if lex.language == "en" else f"bis zu: {measure}"
    return Quantity(
        value=num.value, value_max=num.value_max, approx=bound == "approx", vague=num.vague, bound=bound,
        start=tokens[first].start, end=tokens[end].end - (tokens[end].kind == "ordinal"),
        first=first, last=end, number=num.first,
        unit=unit or "other", measure=measure, measure_lemma=lemma, has_head=head is not None,
        anaphoric=anaphoric,
    )


def find_quantities(sentence: Sentence, language: str | None = "de") -> list[Quantity]:
    """Every quantity in one tagged sentence, in order."""
    lex = lexicon(language)
    tokens = sentence.tokens
    found: list[Quantity] = []
    i = 0
    while i < len(tokens):
        num = _number_at(tokens, i, lex)
        if num is None:
            i += 1
            continue
        q = _quantity(tokens, num, lex, found[-1] if found else None)
        if q is not None:
            found.append(q)
        i = max(num.last, q.last) + 1 if q else num.last + 1
    return found
