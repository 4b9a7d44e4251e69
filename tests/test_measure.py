"""What a figure counts when its own words do not say: bare count nouns and bare numbers."""
from __future__ import annotations

import pytest

from claim_helpers import claims
from lagebild.pipeline import analyze_text


@pytest.mark.parametrize(("text", "unit", "lemma", "source"), [
    # a bare number as the object of a judgement counts what a figure of its size counted before
    ("Das Amt zählte 12.000 Helfer. Fachleute halten auch 15.000 für möglich.", "person", "Helfer", "Fachleute"),
    ("Das Amt zählte 12.000 Helfer. Sie kamen in zwei Bussen. Fachleute halten auch 15.000 für möglich.",
     "person", "Helfer", "Fachleute"),
])
def test_measure_bare_number_judged_possible(text: str, unit: str, lemma: str, source: str) -> None:
    last = claims(text)[-1]
    assert (last.value, last.unit, last.measure_lemma, last.source, last.hedged) == (15000, unit, lemma, source, True)


@pytest.mark.parametrize(("text", "language", "units"), [
    # a bare count noun counts what was counted before: a noun in the sentence before ...
    ("Moscow sent marines to the island. The navy put their number at 900.", "en", ["person"]),
    # ... or the previous claim of the paragraph
    ("The army counted 300 tanks; later deliveries raised the total to 450.", "en", ["item", "item"]),
    ("Im Herbst kamen Soldaten. Das Ministerium bezifferte deren Zahl auf 4000.", "de", ["person"]),
])
def test_measure_anaphoric_count_unit(text: str, language: str, units: list[str]) -> None:
    assert [c.unit for c in claims(text, language)] == units


@pytest.mark.parametrize(("text", "language", "lemmas"), [
    ("Moscow sent marines to the island. The navy put their number at 900.", "en", ["marine"]),
    # a noun that only modifies the next one ("coast guard") is not what is counted
    ("Moscow sent 400 marines. The coast guard agency put their number at 900.", "en", ["marine", "marine"]),
    ("Im Herbst kamen Freiwillige. Das Ministerium bezifferte deren Zahl auf 4000.", "de", ["Freiwillige"]),
])
def test_measure_anaphoric_count_takes_the_counted_lemma(text: str, language: str, lemmas: list[str]) -> None:
    assert [c.measure_lemma for c in claims(text, language)] == lemmas


@pytest.mark.parametrize(("text", "language", "read", "counted"), [
    # the quantities stage reads a bare count noun as "other"; the claim counts what came before
    ("Im Herbst kamen Erntehelfer. Der Verband bezifferte deren Zahl auf 4000.", "de", "other", "person"),
    ("The city hired 300 workers. The council put their number at 350.", "en", "other", "person"),
])
def test_measure_never_changes_the_quantity(text: str, language: str, read: str, counted: str) -> None:
    doc = analyze_text(text, language)
    assert doc.quantities[-1].unit == read
    assert doc.claims[-1].unit == counted
