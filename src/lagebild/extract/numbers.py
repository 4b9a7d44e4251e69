"""Number parsing: digit strings, number words and numeral nouns in any language of `lang/`.

`parse_number("14.000")` = 14000, `parse_number("1,2 Millionen")` = 1200000,
`parse_number("zweihundertfünfzig")` = 250, `parse_number("15-thousand", "en")` = 15000.
Separators follow the language (`[numbers]` in `lang/<code>/language.toml`): German "."
groups thousands and "," is the decimal mark, English the other way round; a space, a
narrow space or an apostrophe groups thousands in all. The words themselves live in
`lang/<code>/numbers.tsv` and `lang/<code>/multipliers.tsv`.
"""
from __future__ import annotations

import re
from functools import lru_cache

from lagebild import lang

_GROUPS = "[ \u00a0\u202f\u2009'’]"
_SPLIT = re.compile(r"[\s\u00a0\u202f\u2009-]+")
_ATTACHED = re.compile(r"^(\d[\d.,]*)([a-zäöü.]+)$")
_PLAIN = re.compile(r"^\d+(?:[.,]\d+)?$")


@lru_cache(maxsize=8)
def _grouped(language: str) -> tuple[re.Pattern[str], str]:
    """The pattern of a number with thousands groups in `language`, and its decimal mark."""
    numbers = lang.settings(language).numbers
    sep, dec = str(numbers.get("thousands", ",")), str(numbers.get("decimal", "."))
    seps = f"(?:{_GROUPS}|{re.escape(sep)})"
    return re.compile(rf"^\d{{1,3}}(?:{seps}\d{{3}})+(?:{re.escape(dec)}\d+)?$"), dec


def parse_digits(text: str, language: str | None = "de") -> float | None:
    """A number written in digits ("14.000", "14 000", "10'000", "4,5", "15,000", "1.2")."""
    grouped, dec = _grouped(lang.code(language))
    text = text.strip()
    if grouped.match(text):
        whole, _, frac = text.partition(dec)
        digits = re.sub(r"\D", "", whole)
        return float(f"{digits}.{frac}" if frac else digits)
    if _PLAIN.match(text):
        return float(text.replace(",", "."))
    return None


def multiplier(word: str, language: str = "de") -> float | None:
    """The factor of a numeral noun ("Millionen" = 1e6, "bn" = 1e9), or None."""
    value = lang.table(lang.code(language), "multipliers").get(word.lower())
    return float(value) if value else None


def _small(word: str, language: str) -> float | None:
    value = lang.table(lang.code(language), "numbers").get(word.lower())
    return float(value) if value else None


def _below_thousand(word: str, language: str, glue: dict[str, str]) -> float | None:
    if not word:
        return None
    head, sep, rest = word.partition(glue["hundred"])
    if sep:
        hundreds = _small(head, language) if head else 1.0
        tail = _below_hundred(rest, language, glue) if rest else 0.0
        if hundreds is None or tail is None:
            return None
        return hundreds * 100 + tail
    return _below_hundred(word, language, glue)


def _below_hundred(word: str, language: str, glue: dict[str, str]) -> float | None:
    value = _small(word, language)
    if value is not None and value < 100:
        return value
    ones, sep, tens = word.partition(glue["joiner"])
    if sep and ones and tens:
        a, b = _small(ones, language), _small(tens, language)
        if a is not None and b is not None and a < 10 and 20 <= b < 100:
            return a + b
    return None


@lru_cache(maxsize=8)
def _glue(language: str) -> dict[str, str] | None:
    numbers = lang.settings(language).numbers
    words = {k: str(numbers.get(f"glued_{k}", "")) for k in ("hundred", "thousand", "joiner")}
    return words if all(words.values()) else None


def glued_number(word: str, language: str | None = "de") -> float | None:
    """A number written as one word where the language does so ("zweihundertfünfzig",
    "dreitausendfünfhundert", "einundzwanzig"); None elsewhere."""
    code = lang.code(language)
    glue = _glue(code)
    if glue is None:
        return None
    word = word.lower()
    head, sep, rest = word.partition(glue["thousand"])
    if sep:
        thousands = _below_thousand(head, code, glue) if head else 1.0
        tail = _below_thousand(rest, code, glue) if rest else 0.0
        if thousands is None or tail is None:
            return None
        return thousands * 1000 + tail
    return _below_thousand(word, code, glue)


def parse_word(word: str, language: str = "de") -> float | None:
    """One number word: "fünf", "zweihundertfünfzig", "twelve"."""
    value = _small(word, language)
    if value is not None:
        return value
    return glued_number(word, language)


def _parts(text: str, language: str) -> list[str]:
    parts: list[str] = []
    for part in _SPLIT.split(text.strip()):
        m = _ATTACHED.match(part.lower())
        if m and multiplier(m.group(2), language):
            parts += [m.group(1), m.group(2)]
        elif part:
            parts.append(part)
    return parts


@lru_cache(maxsize=8)
def _joiners(language: str) -> frozenset[str]:
    """Words that join number words ("two hundred and fifty")."""
    return frozenset(str(w) for w in lang.settings(language).numbers.get("joiners", ()))


def _can_add(value: float, last: float | None) -> bool:
    """Words add up only in reading order: "fifty five" yes, "three four" or "3 4" no."""
    if last is None or last == float("inf"):
        return True
    return last >= 20 and last % 10 == 0 and last < 100 and value < 10


def _combine(parts: list[str], language: str) -> float | None:
    """Sum words the way they are read: "two hundred fifty thousand" = 250000."""
    total, current, last = 0.0, 0.0, None
    for part in parts:
        if part.lower() in _joiners(language):
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
