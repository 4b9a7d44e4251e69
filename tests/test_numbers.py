"""Number parsing: digits with German/English separators, number words, numeral nouns."""
from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lagebild.extract.numbers import glued_number, multiplier, parse_number


@pytest.mark.parametrize(("text", "language", "expected"), [
    ("14.000", "de", 14000),
    ("14 000", "de", 14000),
    ("10'000", "de", 10000),
    ("1.250.000", "de", 1250000),
    ("4,5", "de", 4.5),
    ("6000", "de", 6000),
    ("1,2 Millionen", "de", 1200000),
    ("2,5 Mio.", "de", 2500000),
    ("fünf Millionen", "de", 5000000),
    ("einer Million", "de", 1000000),
    ("drei Milliarden", "de", 3000000000),
    ("ein Dutzend", "de", 12),
    ("zweihundertfünfzig", "de", 250),
    ("dreitausendfünfhundert", "de", 3500),
    ("einundzwanzig", "de", 21),
    ("hunderttausend", "de", 100000),
    ("15,000", "en", 15000),
    ("1.2 million", "en", 1200000),
    ("15-thousand", "en", 15000),
    ("1.2bn", "en", 1200000000),
    ("twenty-five", "en", 25),
    ("two hundred fifty thousand", "en", 250000),
])
def test_numbers_parse_value(text: str, language: str, expected: float) -> None:
    assert parse_number(text, language) == pytest.approx(expected)


@pytest.mark.parametrize(("text", "language"), [
    ("Maia-1", "de"),
    ("Kh-101", "de"),
    ("15:03", "de"),
    ("17.", "de"),
    ("0317.06.2025", "de"),
    ("3-4", "de"),  # a range, not a sum
    ("drei vier", "de"),
    ("und", "de"),
    ("Soldaten", "de"),
    ("", "en"),
    ("abc", "en"),
])
def test_numbers_reject_non_numbers(text: str, language: str) -> None:
    assert parse_number(text, language) is None


@pytest.mark.parametrize(("word", "language", "factor"), [
    ("Millionen", "de", 1e6), ("Mrd.", "de", 1e9), ("tausend", "de", 1e3), ("billion", "en", 1e9),
    ("Soldaten", "de", None),
])
def test_numbers_multiplier(word: str, language: str, factor: float | None) -> None:
    assert multiplier(word, language) == factor


@pytest.mark.parametrize(("word", "expected"), [("siebenhundertzwölf", 712), ("zweitausend", 2000), ("zweiten", None)])
def test_numbers_glued_number(word: str, expected: float | None) -> None:
    assert glued_number(word, "de") == expected


@given(st.text(max_size=30))
def test_numbers_never_crash(text: str) -> None:
    for language in ("de", "en"):
        value = parse_number(text, language)
        assert value is None or isinstance(value, float)
