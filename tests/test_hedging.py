"""Hedging: the cue word that makes a figure unconfirmed, its scope, and interested parties."""
from __future__ import annotations

import pytest

from claim_helpers import claims, only


@pytest.mark.parametrize(("text", "hedged", "cue"), [
    ("Dort sollen 300 Söldner stationiert sein.", True, "sollen"),
    ("Mutmaßlich wurden 40 Drohnen abgeschossen.", True, "Mutmaßlich"),
    ("Angeblich kamen 70 Offiziere ums Leben.", True, "Angeblich"),
    ("Bis zu 200 Kinder könnten betroffen sein.", True, "könnten"),
    ("Offenbar fehlen 90 Waggons.", True, "Offenbar"),
    ("Berichten zufolge liegen dort 30 Schiffe.", True, "Berichten"),
    ("Expertenschätzungen zufolge arbeiten dort 8000 Menschen.", True, "Expertenschätzungen"),
    ("Die Behörde geht davon aus, dass 400 Familien umziehen.", True, "geht"),
    ("Laut der Behörde zogen 400 Familien um.", False, ""),
    ("Die Regierung sagte, es seien 400 Familien.", False, ""),
    ("Es gibt eine 50 Kilometer lange Straße, die bald gesperrt werden könnte.", False, ""),
    ("Es kamen 30 Gäste, und morgen könnten weitere folgen.", False, ""),
])
def test_hedging_hedge(text: str, hedged: bool, cue: str) -> None:
    claim = claims(text)[0]
    assert claim.hedged is hedged
    assert claim.hedge == cue


@pytest.mark.parametrize(("text", "language", "hedged"), [
    ("Der ukrainische Generalstab sagte, 900 russische Soldaten seien gefallen.", "de", True),
    ("Kiew zufolge wurden 120 nordkoreanische Soldaten gefangen genommen.", "de", True),
    ("Moskau zufolge starben 300 ukrainische Soldaten.", "de", True),
    ("Die russische Regierung sagte, Nordkorea schicke 5000 Bauarbeiter nach Kursk.", "de", False),
    ("Die ukrainische Regierung sagte, 200 Schulen seien wieder offen.", "de", False),
    ("Ukraine's army said 900 Russian soldiers died.", "en", True),
])
def test_hedging_interested_party(text: str, language: str, hedged: bool) -> None:
    assert only(text, language).hedged is hedged


@pytest.mark.parametrize(("text", "language", "hedges"), [
    # two main clauses joined by a comma: the modal of the second does not hedge the first
    ("Koffer dürfen 23 Kilogramm wiegen, die Abfertigung soll 40 Minuten dauern.", "de", [False, True]),
    # ", and that": two complement clauses of one verb of estimating share its hedge
    ("The agency estimates that 300 boats left, and that 40 of them sank.", "en", [True, True]),
    # a hedge adverb in a participial phrase modifies the participle, not the count
    ("The port received 50 containers, most likely loaded with grain, the minister said.", "en", [False]),
    ("Der Hafen erhielt 50 Container, vermutlich gefüllt mit Getreide.", "de", [False]),
    # a relative clause right after a count of people says what they are said to do
    ("Der Zeuge sprach von 70 Soldaten, die angeblich bereits abgezogen seien.", "de", [True]),
    # a cue outside does not reach into a relative or an adverbial clause that holds the count
    ("Die Schätzung eines Beamten, der 300 Verletzte nannte, gilt als vorsichtig.", "de", [False]),
    ("He added that the estimate of an official, who cited 300 casualties, is cautious.", "en", [False]),
    ("Im Norden wurden schätzungsweise 11.000 Menschen obdachlos, nachdem 900 Häuser einstürzten.", "de",
     [True, False]),
    ("Reportedly 11,000 people were left homeless, because 900 houses collapsed.", "en", [True, False]),
    # a report as the cue
    ("\"There was a report that 40 boats sank,\" the captain said.", "en", [True]),
    ("Berichten zufolge sanken 40 Boote.", "de", [True]),
])
def test_hedging_hedge_scope(text: str, language: str, hedges: list[bool]) -> None:
    assert [c.hedged for c in claims(text, language)] == hedges


@pytest.mark.parametrize(("text", "language", "cue", "reason"), [
    ("Dort sollen 300 Söldner stationiert sein.", "de", "sollen", "reported"),
    ("Allegedly 300 mercenaries were stationed there.", "en", "Allegedly", "reported"),
    ("Schätzungsweise 900 Menschen kamen zum Konzert.", "de", "Schätzungsweise", "estimate"),
    ("An estimated 900 people came to the concert.", "en", "estimated", "estimate"),
    ("Die Veranstalter gehen davon aus, dass 900 Menschen kommen.", "de", "gehen", "expectation"),
    ("Police believe that 900 people are trapped.", "en", "believe", "expectation"),
    ("The organisers expect that 900 people will come.", "en", "expect", "forecast"),
    ("Die Veranstalter gehen davon aus, dass bis Mai 900 Menschen kommen werden.", "de", "gehen", "forecast"),
    ("Bis zu 200 Kinder könnten betroffen sein.", "de", "könnten", "uncertain"),
    ("Up to 200 children could be affected.", "en", "could", "uncertain"),
])
def test_hedging_cue_and_reason(text: str, language: str, cue: str, reason: str) -> None:
    claim = only(text, language)
    assert (claim.hedged, claim.hedge, claim.hedge_reason) == (True, cue, reason)


@pytest.mark.parametrize(("text", "language"), [
    # an announcement in the future tense is not doubted by its tense
    ("Der Minister sagte, das Land werde 1.000 Helfer schicken.", "de"),
    ("The minister announced that the country would send 1,000 helpers.", "en"),
])
def test_hedging_future_alone_is_no_hedge(text: str, language: str) -> None:
    assert not only(text, language).hedged


@pytest.mark.parametrize(("text", "language"), [
    ("Laut Nordlands Armee wurden 300 Soldaten aus Südland getötet.", "de"),
    ("According to Northland's army, 300 soldiers from Southland were killed.", "en"),
])
def test_hedging_interested_party_from_the_analysts_profile(text: str, language: str) -> None:
    from lagebild.model import Document
    from lagebild.pipeline import process
    from lagebild.profile import parse_profile

    def analysed(profile_text: str) -> bool:
        doc = Document(id="t", source="t", raw=text, raw_format="txt", raw_text=text, text=text,
                       language=language, published="2025-06-01", profile=parse_profile(profile_text))
        (claim,) = process(doc, skip_clean=True).claims
        return claim.hedged and claim.hedge_reason == "interested party"

    sides = '[parties]\nNorth = ["Nordland", "Northland"]\nSouth = ["Südland", "Southland"]\n'
    assert analysed(sides) and not analysed("")
