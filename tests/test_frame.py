"""What a claim's clause says about its count, read at extraction (`extract.frame`)."""
from __future__ import annotations

import pytest

from lagebild.extract.frame import clause_span
from lagebild.model import Claim
from lagebild.pipeline import analyze_text


def claim_in(sentence: str, quote: str, language: str) -> Claim:
    doc = analyze_text(sentence, language)
    found = [c for c in doc.claims if quote in c.text or c.text in quote]
    assert found, [c.text for c in doc.claims]
    return found[0]


@pytest.mark.parametrize("context, quote, code, clause", [
    ("Laut Armee fielen 2,5 Millionen Schuss, vor allem im Winter.", "2,5 Millionen Schuss", "de",
     "Laut Armee fielen 2,5 Millionen Schuss"),
    ("Damals war von 9.500 Reservisten die Rede, die zunächst in Lagern blieben; später kamen mehr.",
     "9.500 Reservisten", "de", "Damals war von 9.500 Reservisten die Rede, die zunächst in Lagern blieben"),
    ("The ministry said 3,200 sailors, most of them conscripts, were missing.", "3,200 sailors", "en",
     "The ministry said 3,200 sailors"),
])
def test_frame_clause_around_a_number(context: str, quote: str, code: str, clause: str) -> None:
    doc = analyze_text(context, code)
    (sentence,) = doc.sentences
    (q,) = [q for q in doc.quantities if quote in doc.text[q.start:q.end]]
    first, end = clause_span(sentence, q, code)
    assert context[sentence.tokens[first].start:sentence.tokens[end - 1].end] == clause


@pytest.mark.parametrize("clause, code, expected", [
    ("dass bereits über 900 Freiwillige ums Leben gekommen seien", "de", {"killed"}),
    ("rund 2.300 Kämpfer wurden getötet oder verwundet", "de", {"killed", "wounded"}),
    ("Anfangs schickte die Regierung 700 Ingenieure", "de", {"initial"}),
    ("some 1,800 marines were initially flown in", "en", {"initial"}),
    ("at least 85 fishermen died", "en", {"killed"}),
    ("Der Sturm hat mehr als 40 Menschen das Leben gekostet", "de", {"killed"}),  # a storm
    ("Im zweiten Wahlgang erhielt sie 52 Prozent", "de", {"second"}),  # an election's second round
    ("in the second half the visitors had 61 percent of possession", "en", {"second"}),  # sport
    ("the agency says roughly 600 fighters have died and another 4,100 were injured", "en", None),  # war
    ("Bei dem Busunglück gab es 12 Tote und 30 Verletzte", "de", None),  # an accident
    ("Bei dem Beben starben 300 Menschen, 1.000 wurden verletzt", "de", None),  # a quake
    ("a landslide killing 23 villagers", "en", {"killed"}),
    ("die Totalausgaben stiegen auf 40 Millionen Euro", "de", set()),  # "tot*" is a whole word
    ("the total rose to 4,000 staff", "en", {"running"}),
    # a running count: the latest figure of a tally that keeps changing
    ("Die Zahl der Festnahmen stieg bis Sonntag auf 310", "de", {"running"}),
    ("Bislang wurden 1.250 Infektionen gemeldet", "de", {"running"}),
    ("the number of displaced people has risen to 48,000", "en", {"running"}),
    ("Die Polizei zählte 20.000 Teilnehmer", "de", set()),
])
def test_frame_clause_qualifiers(clause: str, code: str, expected: set[str] | None) -> None:
    claims = analyze_text(clause, code).claims
    if expected is None:  # two figures: the dead and the wounded, each takes the word nearest to it
        assert [set(c.qualifiers) - {"additional"} for c in claims] == [{"killed"}, {"wounded"}]
        return
    (claim,) = claims
    assert set(claim.qualifiers) == expected


@pytest.mark.parametrize("quote, code, side", [
    ("mehr als 700 Ingenieure", "de", "min"), ("über 900 Freiwillige", "de", "min"), ("bis zu 40 Schiffe", "de", "max"),
    ("as many as 12 ships", "en", "max"), ("at least 85 fishermen", "en", "min"), ("rund 700 Ingenieure", "de", ""),
])
def test_frame_bound_sides(quote: str, code: str, side: str) -> None:
    (claim,) = analyze_text(quote, code).claims
    assert claim.bound_side == side


@pytest.mark.parametrize("sentence, quote, code, origin, destination", [
    ("Es wurden 4.200 Container nach Indien verschifft.", "4.200 Container", "de", "", "India"),
    ("Im Gegenzug kamen 800 Container aus Indien.", "800 Container", "de", "India", ""),
    ("Customs said 4,500 containers went to India.", "4,500 containers", "en", "", "India"),
    ("Die Bahn brachte 300 Waggons Getreide nach Polen, ein Schiff 40 Tonnen nach Italien.", "300 Waggons", "de",
     "", "Poland"),
])
def test_frame_direction_of_a_flow(sentence: str, quote: str, code: str, origin: str, destination: str) -> None:
    claim = claim_in(sentence, quote, code)
    assert (claim.origin, claim.destination) == (origin, destination)


@pytest.mark.parametrize("sentence, quote, code, qualifiers", [
    # an increment, and one that may still come
    ("Im Frühjahr sollen weitere 2.500 Helfer gekommen sein.", "2.500 Helfer", "de", ("additional",)),
    ("Bald könnten weitere 20.000 Fans anreisen.", "20.000 Fans", "de", ("additional", "prospective")),
    ("Organisers said another 3,000 runners could join next year.", "3,000 runners", "en",
     ("additional", "prospective")),
])
def test_frame_increments_and_prospects(sentence: str, quote: str, code: str, qualifiers: tuple[str, ...]) -> None:
    assert claim_in(sentence, quote, code).qualifiers == qualifiers


@pytest.mark.parametrize("sentence, quote, code, place", [
    # disasters: the place after "in", two places joined, the whole area
    ("Bei dem Unwetter in Bayern und in Tirol kamen mindestens 12 Menschen ums Leben.", "12 Menschen", "de",
     "Bayern+Tirol"),
    ("In Österreich wurden 40 Verletzte gezählt, in beiden Ländern zusammen über 90.", "40 Verletzte", "de",
     "Austria"),
    ("In Österreich wurden 40 Verletzte gezählt, in beiden Ländern zusammen über 90.", "über 90", "de", "*"),
    ("Flooding killed 230 people in neighbouring Pakistan, taking the combined toll in both countries to over 900.",
     "over 900", "en", "*"),
    ("Flooding killed 230 people in neighbouring Pakistan, taking the combined toll in both countries to over 900.",
     "230 people", "en", "Pakistan"),
    # demonstrations: each figure its own city
    ("In München demonstrierten nach Polizeiangaben 35.000 Menschen, in Hamburg 50.000.", "35.000 Menschen", "de",
     "Munich"),
    ("In München demonstrierten nach Polizeiangaben 35.000 Menschen, in Hamburg 50.000.", "50.000", "de", "Hamburg"),
    # elections: a state and the whole country
    ("Turnout in Ohio reached 61 percent, while nationwide it was 58 percent.", "61 percent", "en", "Ohio"),
    ("Turnout in Ohio reached 61 percent, while nationwide it was 58 percent.", "58 percent", "en", "*"),
    # economy and war: where goods go is a direction, not a place; a source's country is no place
    ("Es wurden 4.200 Container nach Indien verschifft.", "4.200 Container", "de", ""),
    ("Der polnische Verteidigungsminister nannte 300 Panzer.", "300 Panzer", "de", ""),
])
def test_frame_place_of_a_figure(sentence: str, quote: str, code: str, place: str) -> None:
    assert claim_in(sentence, quote, code).place == place
