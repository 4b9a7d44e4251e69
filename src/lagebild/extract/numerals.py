"""Numbers in a token sequence: digits (with groups split by the tokenizer), number words,
numeral nouns ("1,2 Millionen"), ranges ("10.000 bis 12.000", "zwischen 8.000 und 9.000"),
vague numbers ("mehrere tausend", "Hunderte") and counts glued to a unit
("Fünftagestrip", "five-day", "71-Jährige"). `number_at(tokens, i, lex)` reads the one
that starts at token i. Words come from `lang/<code>/` lexicons.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from lagebild import lang
from lagebild.extract.numbers import glued_number, multiplier, parse_digits, parse_number
from lagebild.model import Token
from lagebild.text.tokens import Phrases, glued_hyphen, low, match_phrase

_DIGITS = re.compile(r"^\d[\d.,'’]*$")
_GROUP3 = re.compile(r"^\d{3}$")
_NOT_NUMBER_KINDS = frozenset({"date", "time", "ordinal", "URL", "email_address"})


@dataclass(frozen=True)
class NumeralLexicon:
    language: str
    glued_words: bool  # number words are written as one word ("zweihundertfünfzig")
    vague: dict[tuple[str, ...], tuple[float, float]]
    vague_words: Phrases
    quantifiers: Phrases
    articles: frozenset[str]  # words for one that are articles too ("ein", "a")
    age_endings: tuple[str, ...]
    compound_units: dict[str, str]
    compound_re: re.Pattern[str] | None
    range_joints: frozenset[str]  # "bis", "to", "-"
    pair_joints: frozenset[str]  # "und", "and": a range only after "zwischen" / "between"
    pair_openers: frozenset[str]


@dataclass
class Number:
    """A number in the tokens: tokens[first:end] (half-open)."""

    first: int
    end: int
    value: float
    value_max: float | None = None
    vague: bool = False
    scaled: bool = False  # a numeral noun (Millionen, thousand) was part of it
    unit: str | None = None  # set by compounds ("Fünftagestrip") and ages
    measure_token: bool = False  # the number token itself is the measure (compound, age)


def _compound_pattern(code: str, units: dict[str, str]) -> re.Pattern[str] | None:
    words = [w for w, v in lang.table(code, "numbers").items() if 1 < float(v) < 100]
    if not words or not units:
        return None
    alternatives = "|".join(sorted(map(re.escape, words), key=len, reverse=True))
    unit_alt = "|".join(sorted(map(re.escape, units), key=len, reverse=True))
    if lang.settings(code).feature("compounds") == "hyphen":
        return re.compile(rf"^(\d+|{alternatives})-({unit_alt})s?$", re.IGNORECASE)
    return re.compile(rf"^(\d+-?|{alternatives})({unit_alt})(?=\w|-)", re.IGNORECASE)


@lru_cache(maxsize=8)
def numeral_lexicon(language: str | None) -> NumeralLexicon:
    code = lang.code(language)
    compound_units = {k.lower(): v for k, v in lang.table(code, "quantity_compound_units").items()}
    joints = lang.table(code, "range_joints")
    vague = {tuple(k.split()): (float(v.split()[0]), float(v.split()[1])) for k, v in lang.table(code, "vague").items()}
    return NumeralLexicon(
        language=code,
        glued_words=bool(lang.settings(code).feature("glued_thousand")),
        vague=vague,
        vague_words=Phrases(vague),
        quantifiers=Phrases(tuple(w.lower().split()) for w in lang.words(code, "vague_quantifiers")),
        articles=frozenset(w.lower() for w, v in lang.table(code, "numbers").items() if float(v) == 1),
        age_endings=tuple(sorted((w.lower() for w in lang.words(code, "quantity_age")), key=len, reverse=True)),
        compound_units=compound_units,
        compound_re=_compound_pattern(code, compound_units),
        range_joints=frozenset(k for k, v in joints.items() if v == "range") | {"-", "–"},
        pair_joints=frozenset(k for k, v in joints.items() if v == "pair"),
        pair_openers=frozenset(k for k, v in joints.items() if v == "opens_pair"),
    )


def _digits_at(tokens: Sequence[Token], i: int, lex: NumeralLexicon) -> tuple[float, int] | None:
    """A digit number at token i, joining groups split by the tokenizer ("14 000", "10'000");
    (value, end) with a half-open end."""
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
    return (value, last + 1) if value is not None else None


def _word_value(tok: Token, lex: NumeralLexicon) -> float | None:
    low_text = tok.text.lower()
    if "-" in low_text.strip("-"):
        return parse_number(low_text, lex.language)  # "15-thousand", "twenty-five"; None for "Maia-1"
    if lex.glued_words and not tok.text.isupper():
        value = parse_number(low_text, lex.language) if " " not in low_text else None
        if value is None and low_text.isalpha():
            value = glued_number(low_text, lex.language)
        return value
    word = lang.table(lex.language, "numbers").get(low_text)
    return float(word) if word else None


def _scale(tokens: Sequence[Token], end: int, value: float, lex: NumeralLexicon) -> tuple[float, int, bool]:
    """Apply numeral nouns after a number: "1,2 Millionen", "fünf Mrd.", "two hundred thousand"."""
    scaled = False
    while end < len(tokens):
        factor = multiplier(tokens[end].text, lex.language)
        if factor is None:
            break
        value, end, scaled = value * factor, end + 1, True
    return value, end, scaled


def _simple_number(tokens: Sequence[Token], i: int, lex: NumeralLexicon) -> Number | None:
    tok = tokens[i]
    digits = _digits_at(tokens, i, lex)
    if digits is not None:
        value, end = digits
    else:
        if tok.kind in _NOT_NUMBER_KINDS or tok.pos == "NE" or (tok.pos.startswith("NN") and "-" not in tok.text):
            return None  # "außer Acht", "die Elf": a noun, not a number word
        word = _word_value(tok, lex)
        if word is None or multiplier(tok.text, lex.language) is not None:
            return None
        value, end = word, i + 1
        if glued_hyphen(tokens, i + 1):  # "Twenty-five", split by the tokenizer
            joined = parse_number(f"{tok.text}-{tokens[i + 2].text}", lex.language)
            if joined is not None:
                value, end = joined, i + 3
        if tok.text.lower() in lex.articles and multiplier(low(tokens, i + 1), lex.language) is None:
            return None  # "ein", "einer der", "a", "one of"
    value, end, scaled = _scale(tokens, end, value, lex)
    return Number(i, end, value, scaled=scaled)


def _vague_number(tokens: Sequence[Token], i: int, lex: NumeralLexicon) -> Number | None:
    n = match_phrase(tokens, i, lex.quantifiers)
    if n:
        factor = multiplier(low(tokens, i + n), lex.language)
        if factor is not None and factor >= 100:
            return Number(i, i + n + 1, 2 * factor, 10 * factor - 1, vague=True, scaled=True)
        return None
    n = match_phrase(tokens, i, lex.vague_words)
    if n and (i == 0 or _simple_number(tokens, i - 1, lex) is None):
        low_value, high = lex.vague[tuple(low(tokens, i + k) for k in range(n))]
        return Number(i, i + n, low_value, high, vague=True, scaled=True)
    return None


def _compound_number(tokens: Sequence[Token], i: int, lex: NumeralLexicon) -> Number | None:
    """"Fünftagestrip" (5 day), "five-day", "71-Jährige" (71 year)."""
    tok = tokens[i]
    low_text = tok.text.lower()
    head, sep, tail = low_text.partition("-")
    if sep and head.isdigit() and tail in lex.age_endings:
        return Number(i, i + 1, float(head), unit="year", measure_token=True)
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
    return Number(i, i + 1, value, unit=unit, measure_token=True) if unit else None


def _range(tokens: Sequence[Token], num: Number, lex: NumeralLexicon) -> Number:
    """"10.000 bis 12.000", "zwei bis drei Millionen", "3-4", "between 10,000 and 12,000"."""
    j = num.end
    joint = low(tokens, j)
    if joint not in lex.range_joints and joint not in lex.pair_joints:
        return num
    if joint in lex.pair_joints and low(tokens, num.first - 1) not in lex.pair_openers:
        return num
    other = _simple_number(tokens, j + 1, lex) if j + 1 < len(tokens) else None
    if other is None:
        return num
    low_value = num.value
    if other.scaled and not num.scaled:
        raw = parse_number(tokens[j + 1].text, lex.language) or other.value
        if num.value * other.value / raw <= other.value:
            low_value = num.value * other.value / raw
    if low_value >= other.value:
        return num
    return Number(num.first, other.end, low_value, other.value, scaled=num.scaled or other.scaled)


def number_at(tokens: Sequence[Token], i: int, lex: NumeralLexicon) -> Number | None:
    """The number that starts at token i, or None."""
    num = _vague_number(tokens, i, lex) or _compound_number(tokens, i, lex) or _simple_number(tokens, i, lex)
    if num is None or num.vague or num.unit:
        return num
    return _range(tokens, num, lex)
