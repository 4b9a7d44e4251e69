"""Number parsing: digit strings, number words and numeral nouns, German and English.

`parse_number("14.000")` = 14000, `parse_number("1,2 Millionen")` = 1200000,
`parse_number("zweihundertfünfzig")` = 250, `parse_number("15-thousand", "en")` = 15000.
Separators follow the language: German "." groups thousands and "," is the decimal
mark, English the other way round; a space, a narrow space or an apostrophe groups
thousands in both. The words themselves live in `lang/<code>/numbers.tsv` and
`lang/<code>/multipliers.tsv`.
"""
from __future__ import annotations

import re

from lagebild import lang

_GROUPS = "[ \u00a0\u202f\u2009'’]"
_DECIMAL = {"de": ",", "en": "."}
_THOUSANDS = {"de": ".", "en": ","}
_SPLIT = re.compile(r"[\s\u00a0\u202f\u2009-]+")
_ATTACHED = re.compile(r"^(\d[\d.,]*)([a-zäöü.]+)$")


def _grouped(sep: str, dec: str) -> re.Pattern[str]:
    seps = f"(?:{_GROUPS}|{re.escape(sep)})"
    return re.compile(rf"^\d{{1,3}}(?:{seps}\d{{3}})+(?:{re.escape(dec)}\d+)?$")


_PATTERNS = {code: (_grouped(_THOUSANDS[code], _DECIMAL[code]), re.compile(r"^\d+(?:[.,]\d+)?$"))
             for code in ("de", "en")}


def parse_digits(text: str, language: str = "de") -> float | None:
    """A number written in digits ("14.000", "14 000", "10'000", "4,5", "15,000", "1.2")."""
    code = lang.code(language)
    grouped, plain = _PATTERNS[code]
    text = text.strip()
    if grouped.match(text):
        dec = _DECIMAL[code]
        whole, _, frac = text.partition(dec)
        digits = re.sub(r"\D", "", whole)
        return float(f"{digits}.{frac}" if frac else digits)
    if plain.match(text):
        return float(text.replace(",", "."))
    return None


def multiplier(word: str, language: str = "de") -> float | None:
    """The factor of a numeral noun ("Millionen" = 1e6, "bn" = 1e9), or None."""
    value = lang.table(lang.code(language), "multipliers").get(word.lower())
    return float(value) if value else None


def _small(word: str, language: str) -> float | None:
    value = lang.table(lang.code(language), "numbers").get(word.lower())
    return float(value) if value else None


def _german_below_thousand(word: str) -> float | None:
    if not word:
        return None
    head, sep, rest = word.partition("hundert")
    if sep:
        hundreds = _small(head, "de") if head else 1.0
        tail = _german_below_hundred(rest) if rest else 0.0
        if hundreds is None or tail is None:
            return None
        return hundreds * 100 + tail
    return _german_below_hundred(word)


def _german_below_hundred(word: str) -> float | None:
    value = _small(word, "de")
    if value is not None and value < 100:
        return value
    ones, sep, tens = word.partition("und")
    if sep and ones and tens:
        a, b = _small(ones, "de"), _small(tens, "de")
        if a is not None and b is not None and a < 10 and 20 <= b < 100:
            return a + b
    return None


def german_compound(word: str) -> float | None:
    """A German number written as one word: "zweihundertfünfzig", "dreitausendfünfhundert"."""
    word = word.lower()
    head, sep, rest = word.partition("tausend")
    if sep:
        thousands = _german_below_thousand(head) if head else 1.0
        tail = _german_below_thousand(rest) if rest else 0.0
        if thousands is None or tail is None:
            return None
        return thousands * 1000 + tail
    return _german_below_thousand(word)


def parse_word(word: str, language: str = "de") -> float | None:
    """One number word: "fünf", "zweihundertfünfzig", "twelve"."""
    value = _small(word, language)
    if value is not None:
        return value
    if lang.code(language) == "de":
        return german_compound(word)
    return None


def _parts(text: str, language: str) -> list[str]:
    parts: list[str] = []
    for part in _SPLIT.split(text.strip()):
        m = _ATTACHED.match(part.lower())
        if m and multiplier(m.group(2), language):
            parts += [m.group(1), m.group(2)]
        elif part:
            parts.append(part)
    return parts


def _can_add(value: float, last: float | None) -> bool:
    """Words add up only in reading order: "fifty five" yes, "three four" or "3 4" no."""
    if last is None or last == float("inf"):
        return True
    return last >= 20 and last % 10 == 0 and last < 100 and value < 10


def _combine(parts: list[str], language: str) -> float | None:
    """Sum words the way they are read: "two hundred fifty thousand" = 250000."""
    total, current, last = 0.0, 0.0, None
    for part in parts:
        if part.lower() in ("und", "and"):
            continue
        factor = multiplier(part, language)
        if factor is not None and last is not None:
            if factor < 1000:
                current *= factor
            else:
                total += current * factor
                current = 0.0
            last = float("inf")
            continue
        value = parse_digits(part, language)
        if value is None:
            value = parse_word(part, language)
        if value is None or not _can_add(value, last):
            return None
        current += value
        last = value
    return total + current if last is not None else None


def parse_number(text: str, language: str = "de") -> float | None:
    """The value of a number written in digits, words or both; None if `text` is not a number."""
    if not text or not text.strip():
        return None
    value = parse_digits(text, language)
    if value is not None:
        return value
    parts = _parts(text, language)
    if not parts or len(parts) > 8:
        return None
    return _combine(parts, language)
