"""Numbers in a token sequence: digits, words, numeral nouns, ranges, vague numbers, compounds."""
from __future__ import annotations

import pytest

from lagebild.extract.numerals import number_at, numeral_lexicon
from lagebild.pipeline import prepare


@pytest.mark.parametrize(("text", "language", "word", "value", "value_max", "words"), [
    ("Es kamen 12 000 Läufer.", "de", "12", 12000, None, 2),
    ("Es kamen zwischen 8.000 und 9.000 Läufer.", "de", "8.000", 8000, 9000, 3),
    ("Es kamen zwei bis drei Millionen Besucher.", "de", "zwei", 2e6, 3e6, 4),
    ("Es kamen mehrere tausend Besucher.", "de", "mehrere", 2000, 9999, 2),
    ("Es kamen zweihundertfünfzig Gäste.", "de", "zweihundertfünfzig", 250, None, 1),
    ("Some 2.5 million voters stayed home.", "en", "2.5", 2.5e6, None, 2),
    ("Between 40 and 60 boats left.", "en", "40", 40, 60, 3),
])
def test_numerals_number_at(text: str, language: str, word: str, value: float, value_max: float | None,
                            words: int) -> None:
    (s,) = prepare(text, language).sentences
    i = next(k for k, t in enumerate(s.tokens) if t.text == word)
    num = number_at(s.tokens, i, numeral_lexicon(language))
    assert num is not None
    assert (num.value, num.value_max, num.end - num.first) == (pytest.approx(value), value_max, words)


@pytest.mark.parametrize(("text", "language", "word"), [
    ("Einer der Läufer stürzte.", "de", "Einer"),
    ("One of the runners fell.", "en", "One"),
])
def test_numerals_an_article_is_no_number(text: str, language: str, word: str) -> None:
    (s,) = prepare(text, language).sentences
    i = next(k for k, t in enumerate(s.tokens) if t.text == word)
    assert number_at(s.tokens, i, numeral_lexicon(language)) is None
