"""Entities typed by evidence, names of many origins, and a confidence on each (own sentences)."""
from __future__ import annotations

import pytest

from lagebild.extract.entities import extract_entities
from lagebild.extract.entity_types import LOW, confidence, lone_name_type
from lagebild.extract.entity_words import lexicon
from lagebild.model import Document, Entity
from lagebild.pipeline import prepare


def run(text: str, language: str = "de") -> Document:
    return extract_entities(prepare(text, language))


def entity(doc: Document, mention: str) -> Entity:
    """The entity one of whose mentions is exactly `mention`."""
    found = [e for e in doc.entities if any(m.text == mention for m in e.mentions)]
    assert found, f"no entity with the mention {mention!r}: {[(e.canonical, e.type) for e in doc.entities]}"
    return found[0]


@pytest.mark.parametrize(("text", "mention", "etype"), [
    # head word of a multi-word name
    ("Die Nordstern Versicherung AG meldete am Montag einen Verlust.", "Nordstern Versicherung AG", "ORG"),
    ("Die Anleger der Hollerbeck Holding wurden nervös.", "Hollerbeck Holding", "ORG"),
    # organisation noun joined by a link word
    ("Das Bundesamt für Strahlenschutz gab Entwarnung.", "Bundesamt für Strahlenschutz", "ORG"),
    ("Sie arbeitet im Ministerium für Verkehr und Wohnen.", "Ministerium für Verkehr und Wohnen", "ORG"),
    # capitalised adjective before an organisation noun
    ("Der Bericht des Hessischen Rundfunks löste eine Debatte aus.", "Hessischen Rundfunks", "ORG"),
    # club prefix
    ("Der SC Freiburg gewann das Derby mit 2:1.", "SC Freiburg", "ORG"),
    ("Das Spiel gegen den VfL Osnabrück endete torlos.", "VfL Osnabrück", "ORG"),
    # listed company
    ("Die Aktie von Siemens legte nach den Zahlen zu.", "Siemens", "ORG"),
    # place prefix and place phrase from the gazetteer
    ("Die Bergsteiger erreichten den Gipfel des Mount Kenya am Mittag.", "Mount Kenya", "LOC"),
    ("Die Messe in Frankfurt am Main wurde abgesagt.", "Frankfurt am Main", "LOC"),
    # town of the gazetteer (cities1000) and a region
    ("Die Feuerwehr aus Totnes war schnell vor Ort.", "Totnes", "LOC"),
    ("Thüringen meldete die meisten Neuinfektionen.", "Thüringen", "LOC"),
    # a place preposition before an unknown name
    ("Die Helfer fuhren nach Qurvanek weiter.", "Qurvanek", "LOC"),
])
def test_entity_types_by_evidence_de(text: str, mention: str, etype: str) -> None:
    assert entity(run(text), mention).type == etype


@pytest.mark.parametrize(("text", "mention", "etype"), [
    ("Shares of the Harbourline Railway fell sharply on Friday.", "Harbourline Railway", "ORG"),
    ("The Ministry of Fisheries announced new quotas.", "Ministry of Fisheries", "ORG"),
    ("Rescue teams reached Fort Kellerman before dawn.", "Fort Kellerman", "LOC"),
    ("Flooding hit Gloucestershire overnight.", "Gloucestershire", "LOC"),
])
def test_entity_types_by_evidence_en(text: str, mention: str, etype: str) -> None:
    assert entity(run(text, "en"), mention).type == etype


@pytest.mark.parametrize(("text", "mention"), [
    ("Der Dirigent Karl Richter probte mit dem Chor.", "Karl Richter"),  # German, surname also a noun
    ("Am Abend sprach Lula da Silva vor Gewerkschaftern.", "Lula da Silva"),  # Brazilian particle
    ("Die Kuppel entwarf Giacomo della Porta.", "Giacomo della Porta"),  # Italian particle
    ("Später traf sich Baschar al-Assad mit Diplomaten.", "Baschar al-Assad"),  # Arabic al-
    ("Im Finale traf Ruud van Nistelrooy zweimal.", "Ruud van Nistelrooy"),  # Dutch particle
    ("Die Rede hielt Ursula von der Leyen in Straßburg.", "Ursula von der Leyen"),  # two particles
    ("Der Trainer Sven Göransson lobte das Team.", "Sven Göransson"),  # Swedish
    ("Die Ministerin Aiko Tanabe reiste nach Seoul.", "Aiko Tanabe"),  # Japanese
    ("Ein Sprecher von Recep Tayyip Erdoğan bestätigte das Treffen.", "Recep Tayyip Erdoğan"),  # Turkish
    ("Die Abgeordnete Siobhan O'Reilly stimmte dagegen.", "Siobhan O'Reilly"),  # Irish
])
def test_entity_types_person_names_of_many_origins(text: str, mention: str) -> None:
    assert entity(run(text), mention).type == "PER"


@pytest.mark.parametrize(("text", "absent"), [
    ("Am Abend kündigte Kim Waffenlieferungen an.", "Kim Waffenlieferungen"),  # a noun after a name
    ("Die EU der Zukunft braucht Reformen.", "EU der Zukunft"),
    ("Als Dank kündigte Putin den Bau einer Brücke an.", "Putin den Bau"),
])
def test_entity_types_no_name_swallows_the_words_after_it(text: str, absent: str) -> None:
    doc = run(text)
    assert all(m.text != absent for e in doc.entities for m in e.mentions)


def test_entity_types_unknown_name_is_kept_with_low_confidence() -> None:
    doc = run("Am Ende half Zorvathek den Bauern bei der Ernte.")
    found = entity(doc, "Zorvathek")
    assert found.confidence < LOW
    known = entity(run("Die Delegation flog von Moskau nach Berlin."), "Moskau")
    assert known.confidence >= LOW


@pytest.mark.parametrize(("evidence", "low"), [("fallback", True), ("alias", False), ("cue", False)])
def test_entity_types_confidence_by_evidence(evidence: str, low: bool) -> None:
    assert (confidence(evidence) < LOW) is low


@pytest.mark.parametrize(("language", "word", "expected"), [
    ("de", "Vaterlandspartei", ("ORG", "ending")),  # organisation ending of a compound
    ("de", "Westfalenbank", ("ORG", "ending")),
    ("de", "Kleinbergingen", ("LOC", "ending")),  # toponym ending
    ("de", "Oberwaldhausen", ("LOC", "ending")),
    ("en", "Westcombeshire", ("LOC", "ending")),
    ("de", "Siobhan", ("PER", "surname")),  # a given name of the multinational lists
    ("de", "Okafor", ("PER", "surname")),  # a surname of the multinational lists (Nigerian)
    ("de", "Zorvathek", ("PER", "fallback")),  # nothing types it: a person, as a guess
])
def test_entity_types_lone_name_evidence(language: str, word: str, expected: tuple[str, str]) -> None:
    assert lone_name_type(word, False, lexicon(language)) == expected


def test_entity_types_place_preposition_wins() -> None:
    assert lone_name_type("Okafor", True, lexicon("de")) == ("LOC", "place")


@pytest.mark.parametrize(("text", "language", "canonical", "mentions"), [
    ("Der National Intelligence Service warnte am Montag. Laut NIS sind die Truppen verlegt worden.", "de",
     "National Intelligence Service", {"National Intelligence Service", "NIS"}),
    ("The Federal Emergency Management Agency sent teams. FEMA said more would follow.", "en",
     "Federal Emergency Management Agency", {"Federal Emergency Management Agency", "FEMA"}),
])
def test_entity_types_acronym_names_the_expansion_in_its_document(text: str, language: str, canonical: str,
                                                                  mentions: set[str]) -> None:
    found = {e.canonical: {m.text for m in e.mentions} for e in run(text, language).entities}
    assert found[canonical] == mentions


@pytest.mark.parametrize(("word", "latin"), [
    ("Путин", "Putin"),  # Russian
    ("Ельцин", "Yeltsin"),  # Russian, initial е
    ("Щербаков", "Shcherbakov"),
    ("Київ", "Kyiv"),  # Ukrainian (і, ї): the Ukrainian table
    ("Запоріжжя", "Zaporizhzhia"),
    ("Євген", "Yevhen"),
    ("ФСБ", "FSB"),  # an acronym stays in capitals
    ("Ростов-на-Дону", "Rostov-na-Donu"),
    ("Berlin", "Berlin"),  # Latin script as it is
])
def test_entity_types_cyrillic_is_romanised_per_language(word: str, latin: str) -> None:
    from lagebild.extract.entity_names import romanise

    assert romanise(word) == latin


def test_entity_types_a_name_in_cyrillic_links_to_its_latin_mentions() -> None:
    doc = run("Die Zeitung zitierte Владимир Путин mit den Worten, Киев müsse nachgeben. Später sprach Putin.")
    found = {e.canonical: (e.type, {m.text for m in e.mentions}) for e in doc.entities}
    assert found["Vladimir Putin"] == ("PER", {"Владимир Путин", "Putin"})
    assert found["Kyiv"][0] == "LOC"
