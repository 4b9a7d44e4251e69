"""Quantities in a tagged sentence: value, bounds, vague words, unit, measure, exclusions."""
from __future__ import annotations

import pytest

from lagebild.extract.quantities import Quantity, find_quantities
from lagebild.pipeline import prepare


def quantities(text: str, language: str = "de") -> list[Quantity]:
    doc = prepare(text, language)
    return [q for s in doc.sentences for q in find_quantities(s, language)]


def one(text: str, language: str = "de") -> Quantity:
    found = quantities(text, language)
    assert len(found) == 1, [q.measure for q in found]
    return found[0]


@pytest.mark.parametrize(("text", "language", "value", "value_max", "unit"), [
    ("Das Heer zählt 12 000 aktive Soldaten.", "de", 12000, None, "person"),
    ("Geliefert wurden 7.500 Artilleriegranaten.", "de", 7500, None, "shell"),
    ("Man fand 2,5 Millionen Patronen.", "de", 2500000, None, "shell"),
    ("Es kamen zwischen 8.000 und 9.000 Arbeiter.", "de", 8000, 9000, "person"),
    ("Das Land erhielt zwei bis drei Millionen Geschosse.", "de", 2000000, 3000000, "shell"),
    ("Gezeigt wurden sieben neue Marschflugkörper.", "de", 7, None, "missile"),
    ("Der Konvoi umfasste 300 Containerladungen Reis.", "de", 300, None, "container"),
    ("Die Grenze ist 40 Kilometer lang.", "de", 40, None, "km"),
    ("Das Paket darf 30 Kilogramm wiegen.", "de", 30, None, "kg"),
    ("Der Tanker lud 800 Tonnen Diesel.", "de", 800, None, "t"),
    ("Der Preis stieg um 15 Prozent.", "de", 15, None, "percent"),
    ("Der Preis stieg um 15 %.", "de", 15, None, "percent"),
    ("Die Reise kostet 900 Euro.", "de", 900, None, "eur"),
    ("Die Hilfe betrug 3 Mrd. US-Dollar.", "de", 3e9, None, "usd"),
    ("Die Frist beträgt 30 Werktage.", "de", 30, None, "day"),
    ("Er regiert seit elf Jahren.", "de", 11, None, "year"),
    ("Die Gespräche dauerten drei Stunden.", "de", 3, None, "other"),
    ("Es gab fünf Gipfeltreffen.", "de", 5, None, "item"),
    ("Ein Zehntagesbesuch ist geplant.", "de", 10, None, "day"),
    ("Der 64-Jährige schwieg.", "de", 64, None, "year"),
    ("Officials counted 25,000 refugees.", "en", 25000, None, "person"),
    ("They fired 1.5 million artillery shells.", "en", 1500000, None, "shell"),
    ("The deal is worth $2 billion.", "en", 2e9, None, "usd"),
    ("A three-week visit is planned.", "en", 3, None, "other"),
    ("Twenty-five soldiers died.", "en", 25, None, "person"),
])
def test_quantities_value_and_unit(text: str, language: str, value: float, value_max: float | None,
                                   unit: str) -> None:
    q = one(text, language)
    assert q.value == pytest.approx(value)
    assert q.value_max == value_max
    assert q.unit == unit


@pytest.mark.parametrize(("text", "language", "approx", "bound"), [
    ("Rund 500 Soldaten kamen an.", "de", True, "approx"),
    ("Knapp 90 Raketen wurden gezählt.", "de", True, "approx"),
    ("Mehr als 70 Panzer fielen aus.", "de", True, "approx"),
    ("Um die 60 Lastwagen fuhren los.", "de", True, "approx"),
    ("Bis zu 400 Touristen reisen ein.", "de", False, "max"),
    ("Es sind 400 Touristen.", "de", False, ""),
    ("Roughly 500 soldiers arrived.", "en", True, "approx"),
    ("At least 20 ships left.", "en", True, "approx"),
    ("Up to 90 workers were sent.", "en", False, "max"),
])
def test_quantities_bounds(text: str, language: str, approx: bool, bound: str) -> None:
    q = one(text, language)
    assert (q.approx, q.bound) == (approx, bound)
    assert q.measure.startswith(("bis zu", "up to")) == (bound == "max")


@pytest.mark.parametrize(("text", "language", "value", "value_max"), [
    ("Mehrere tausend Soldaten kämpfen.", "de", 2000, 9999),
    ("Tausende Menschen flohen.", "de", 2000, 99999),
    ("Sie lieferten mehrere Millionen Granaten.", "de", 2000000, 9999999),
    ("Dutzende Drohnen stürzten ab.", "de", 24, 99),
    ("Several hundred workers arrived.", "en", 200, 999),
    ("Thousands of tourists came.", "en", 2000, 99999),
])
def test_quantities_vague(text: str, language: str, value: float, value_max: float) -> None:
    q = one(text, language)
    assert q.vague and (q.value, q.value_max) == (value, value_max)


@pytest.mark.parametrize(("text", "language"), [
    ("Einer der Soldaten wurde verletzt.", "de"),
    ("Beide Länder schlossen einen Vertrag.", "de"),
    ("Er kam zum zweiten Mal nach Moskau.", "de"),
    ("Das Treffen begann am 17. Juni um 15 Uhr.", "de"),
    ("Seit 2011 ist er an der Macht.", "de"),
    ("Russland hat 2023 Massen an Munition erhalten.", "de"),
    ("Gezeigt wurden 152-Millimeter-Haubitzen.", "de"),
    ("Die Kh-101 und die Maia-1 wurden erwähnt.", "de"),
    ("Artikel 4 sieht Beistand vor.", "de"),
    ("Vor zwei Jahren begann es.", "de"),
    ("Er hat es drei Mal versucht.", "de"),
    ("Mit mehreren Ländern gibt es Abkommen.", "de"),
    ("One of the soldiers was hurt.", "en"),
    ("They sent 155-mm shells.", "en"),
    ("It started two years ago.", "en"),
])
def test_quantities_not_quantities(text: str, language: str) -> None:
    assert quantities(text, language) == []


@pytest.mark.parametrize(("text", "measure", "lemma"), [
    ("Es kamen 300 nordkoreanische Soldaten.", "nordkoreanische Soldaten", "Soldat"),
    ("Die Zahl stieg auf 40 Prozent der eingesetzten Munition.", "Prozent der eingesetzten Munition", "Munition"),
    ("Es wurden 3 schwere Panzer zerstört.", "schwere Panzer", "Panzer"),
])
def test_quantities_measure(text: str, measure: str, lemma: str) -> None:
    q = one(text)
    assert q.measure == measure and q.measure_lemma == lemma


@pytest.mark.parametrize(("text", "language", "value", "unit", "lemma"), [
    ("Ein Beben der Stärke 7,7 erschütterte die Küste.", "de", 7.7, "other", "Stärke"),  # a quake
    ("Der Vulkanausbruch löste ein Beben der Stärke 5,2 aus, sagte der Dienst.", "de", 5.2, "other", "Stärke"),
    ("The quake had a magnitude of 7.5, the survey said.", "en", 7.5, "other", "magnitude"),
    ("A 6.9 magnitude earthquake struck the island overnight.", "en", 6.9, "other", "magnitude"),
    # a dimension noun before a money or troop figure changes nothing: the unit word says what is counted
    ("Der Schaden erreichte eine Höhe von 2 Milliarden Euro.", "de", 2e9, "eur", "Euro"),  # economy
    ("Die Armee hat eine Stärke von 1,2 Millionen Soldaten.", "de", 1.2e6, "person", "Soldat"),  # war
])
def test_quantities_a_number_measures_the_dimension_before_or_after_it(text: str, language: str, value: float,
                                                                      unit: str, lemma: str) -> None:
    q = next(q for q in quantities(text, language) if q.value == value)
    assert (q.unit, q.measure_lemma) == (unit, lemma)


@pytest.mark.parametrize(("text", "unit"), [
    ("Die Zahl der Toten stieg auf 800.", "person"),
    ("Zuerst starben 40 Soldaten, später mehr als 100.", "person"),
])
def test_quantities_bare_number_counts(text: str, unit: str) -> None:
    assert quantities(text)[-1].unit == unit


@pytest.mark.parametrize("text", ["Es kamen 3000 Soldaten.", "Rund 14.000 Truppen waren beteiligt."])
def test_quantities_offsets_quote_the_text(text: str) -> None:
    q = one(text)
    assert any(ch.isdigit() for ch in text[q.start:q.end])


@pytest.mark.parametrize(("text", "language", "value", "unit"), [
    # a hyphenated compound adjective before the noun ("Chinese-made", "russisch-stämmige")
    ("The rebels fired 12 Iranian-made drones.", "en", 12, "item"),
    ("Police seized 40 locally-built rifles.", "en", 40, "item"),
    ("They launched 9 Iranian-made rockets.", "en", 9, "missile"),
    # a possessive name before the noun: "the country's soldiers"
    ("The toll among Poland's volunteers rose to 70.", "en", 70, "person"),
    # a count of events per time unit is a rate, not a count of things
    ("Es gibt drei Verbindungen pro Woche.", "de", 3, "other"),
    ("The airline offers four flights a week.", "en", 4, "other"),
    # a rate of people stays a count of people
    ("Es kamen 200 Flüchtlinge pro Tag.", "de", 200, "person"),
    # currencies without a unit of their own, and nouns of people
    ("The ferry cost 4 billion roubles.", "en", 4e9, "other"),
    ("Sie schickten 60 Sanitäter und 12 Funktionäre.", "de", 60, "person"),
    ("Officials reported 17 deaths.", "en", 17, "person"),
    ("The hotel can host 500 guests.", "en", 500, "person"),
    # Swiss thousands groups, also at the end of a sentence
    ("Die Armee zählt rund 14'000 Rekruten.", "de", 14000, "person"),
    ("Gezählt wurden 3'500 Helfer.", "de", 3500, "person"),
])
def test_quantities_unit_grammar(text: str, language: str, value: float, unit: str) -> None:
    q = quantities(text, language)[0]
    assert (q.value, q.unit) == (pytest.approx(value), unit)


@pytest.mark.parametrize(("text", "values"), [
    # "in" before a calendar unit is a point in time, before any other noun it is not
    ("Die Truppen kamen in drei Wellen.", [3]),
    ("In zwei Wochen beginnt es.", []),
    # a Swiss thousands group ends the sentence: the next sentence stays separate
    ("Es kamen 12'000 Soldaten. Dann kamen 40 Busse.", [12000, 40]),
])
def test_quantities_points_in_time(text: str, values: list[float]) -> None:
    assert [q.value for q in quantities(text)] == values


@pytest.mark.parametrize(("text", "language", "values"), [
    # "in" + a calendar unit is a point in time unless the sentence tells of the past
    ("Der Zug legte die Strecke in acht Tagen zurück.", "de", [8]),
    ("In drei Wochen wird der Zug fahren.", "de", []),
    ("It was the first state visit in 31 years.", "en", [31]),
    ("The ferries resumed last spring, covering the route in six days.", "en", [6]),
    ("The troops will arrive in two weeks.", "en", []),
    ("The talks start in two weeks.", "en", []),
])
def test_quantities_in_a_span_of_time(text: str, language: str, values: list[float]) -> None:
    assert [q.value for q in quantities(text, language)] == values


@pytest.mark.parametrize(("text", "language", "values"), [
    # a calibre before a weapon noun, or after a calibre word, names a type
    ("They ordered 400 rockets for 122 mm multiple rocket launchers.", "en", [400]),
    ("Geliefert wurden 900 Granaten vom Kaliber 155 Millimeter.", "de", [900]),
    # a length in millimetres that is not a calibre stays a quantity
    ("The armour plate is 80 mm thick.", "en", [80]),
])
def test_quantities_calibres_are_types(text: str, language: str, values: list[float]) -> None:
    assert [q.value for q in quantities(text, language)] == values


@pytest.mark.parametrize(("text", "language", "value", "unit"), [
    # a number glued to a unit or a duration adjective
    ("Engineers finished a 2-kilometre tunnel.", "en", 2, "km"),
    ("Der Minister kam zu einem viertägigen Besuch.", "de", 4, "day"),
])
def test_quantities_compound_measures(text: str, language: str, value: float, unit: str) -> None:
    q = one(text, language)
    assert (q.value, q.unit) == (value, unit)
