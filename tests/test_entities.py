"""Named entities: finding, typing, canonical English names and mentions (own sentences)."""
from __future__ import annotations

import pytest

from lagebild.extract.entities import extract_entities
from lagebild.extract.entity_names import english_name, korean_given_name
from lagebild.model import Document
from lagebild.pipeline import prepare


def run(text: str, language: str = "de") -> Document:
    return extract_entities(prepare(text, language))


def by_canonical(doc: Document) -> dict[str, tuple[str, list[str]]]:
    return {e.canonical: (e.type, [m.text for m in e.mentions]) for e in doc.entities}


@pytest.mark.parametrize(("text", "canonical", "etype"), [
    ("Die Delegation flog am Morgen von Moskau nach Pjöngjang.", "Moscow", "LOC"),
    ("Die Delegation flog am Morgen von Moskau nach Pjöngjang.", "Pyongyang", "LOC"),
    ("Der Güterzug fährt weiter nach Wladiwostok.", "Vladivostok", "LOC"),
    ("In Kiew heulten in der Nacht wieder die Sirenen.", "Kyiv", "LOC"),
    ("Auch mit der Mongolei gibt es ein Abkommen.", "Mongolia", "LOC"),
    ("Die Vereinigten Staaten reagierten zurückhaltend.", "United States", "LOC"),
    ("Arbeitsmigranten aus Zentralasien fehlen.", "Central Asia", "LOC"),
    ("Die Fracht wird im russischen Fernen Osten umgeladen.", "Russian Far East", "LOC"),
    ("Die Vereinten Nationen warnten vor einer Hungersnot.", "United Nations", "ORG"),
    ("Der Kreml schwieg zu den Berichten.", "Kremlin", "ORG"),
])
def test_entities_places_and_orgs_get_english_names(text: str, canonical: str, etype: str) -> None:
    found = by_canonical(run(text))
    assert canonical in found
    assert found[canonical][0] == etype


@pytest.mark.parametrize(("text", "canonical"), [
    ("Am Dienstag sagte Außenminister Sergej Lawrow in Minsk, man sei bereit.", "Sergei Lavrov"),
    ("Damals empfing Wladimir Putin die Gäste im Kreml.", "Vladimir Putin"),
    ("Präsident Wolodymyr Selenskyj bat erneut um Hilfe.", "Volodymyr Zelensky"),
    ("Generalstabschef Waleri Gerassimow besuchte die Front.", "Valery Gerasimov"),
    ("Machthaber Kim Jong Un besichtigte eine Fabrik.", "Kim Jong-un"),
    ("Machthaber Kim Jong-un besichtigte eine Fabrik.", "Kim Jong-un"),
    ("Laut Verteidigungsminister Shin Won-sik fehlen Beweise.", "Shin Won-sik"),
    ("Nato-Generalsekretär Mark Rutte mahnte zur Eile.", "Mark Rutte"),
])
def test_entities_people_get_english_names(text: str, canonical: str) -> None:
    found = by_canonical(run(text))
    assert found.get(canonical, ("", []))[0] == "PER"


@pytest.mark.parametrize(("text", "canonical", "mentions"), [
    ("Wladimir Putin kam am Abend an. Putins Rede war kurz. Danach sprach Putin mit Journalisten.",
     "Vladimir Putin", ["Wladimir Putin", "Putins", "Putin"]),
    ("Kim Jong Un ließ sich feiern. Später fuhr Kim zur Küste. Kims Schwester blieb in der Hauptstadt.",
     "Kim Jong-un", ["Kim Jong Un", "Kim", "Kims"]),
    ("Die Beziehungen zu Russland sind eng. Russlands Armee braucht Munition.", "Russia", ["Russland", "Russlands"]),
    ("Außenminister Marco Rubio reiste ab. Rubio sagte wenig.", "Marco Rubio", ["Marco Rubio", "Rubio"]),
])
def test_entities_short_forms_and_genitives_join_the_full_name(text: str, canonical: str,
                                                                mentions: list[str]) -> None:
    doc = run(text)
    entity = next(e for e in doc.entities if e.canonical == canonical)
    assert [m.text for m in entity.mentions] == mentions
    assert sum(1 for e in doc.entities if e.type == "PER") <= 1


@pytest.mark.parametrize(("text", "mention", "canonical", "etype"), [
    ("Beide Staaten verstoßen gegen UN-Resolutionen.", "UN", "United Nations", "ORG"),
    ("Die US-Regierung verhängte neue Sanktionen.", "US", "United States", "LOC"),
    ("Seit dem Ukraine-Krieg ist vieles anders.", "Ukraine", "Ukraine", "LOC"),
    ("Das sagte Nato-Generalsekretär Mark Rutte am Rande.", "Nato", "NATO", "ORG"),
    ("Die Sanktionen des UN-Sicherheitsrats greifen kaum.", "UN-Sicherheitsrats", "UN Security Council", "ORG"),
])
def test_entities_names_inside_hyphen_compounds(text: str, mention: str, canonical: str, etype: str) -> None:
    doc = run(text)
    entity = next(e for e in doc.entities if e.canonical == canonical)
    assert entity.type == etype
    assert [m.text for m in entity.mentions] == [mention]
    m = entity.mentions[0]
    assert doc.text[m.start:m.end] == mention


@pytest.mark.parametrize(("text", "name", "etype"), [
    ("Das meldete die staatliche Nachrichtenagentur Tass am Abend.", "Tass", "ORG"),
    ('Laut der Exilzeitung "Nowaja Gaseta" sind die Zahlen höher.', "Nowaja Gaseta", "ORG"),
    ("Er fuhr eine Limousine der Marke Kortex vor.", "Kortex", "ORG"),
    ("Eine Brücke über den Grenzfluss Amur ist geplant.", "Amur", "LOC"),
    ("Das Treffen fand in der Hafenstadt Sonbong statt.", "Sonbong", "LOC"),
    ('Nach Informationen des "Spiegel" ist der Vertrag fertig.', "Spiegel", "ORG"),
    ("Die Financial Times berichtete zuerst darüber.", "Financial Times", "ORG"),
    ("Das Institute for the Study of War (ISW) sieht Fortschritte.", "ISW", "ORG"),
])
def test_entities_cue_words_type_unknown_names(text: str, name: str, etype: str) -> None:
    doc = run(text)
    entity = next(e for e in doc.entities if name in [m.text for m in e.mentions])
    assert entity.type == etype


@pytest.mark.parametrize("text", [
    "Russische Soldaten und südkoreanische Diplomaten trafen sich.",
    "Der südkoreanische Geheimdienst und die britische Regierung widersprachen.",
    "Eine Reise kostet ungefähr 750 US-Dollar.",
    "Im Juni und im September gab es Treffen, am Montag ein weiteres.",
    "Der Westen reagierte empört, sagte der Kremlchef.",
    "Die Zahl der Toten steigt weiter. (ab/AFP)",
    "Dabei kamen auch KI-Tools zum Einsatz.",
    "Zur Freude der Gäste gab es ein Kinderferienlager am Meer.",
])
def test_entities_ignore_adjectives_descriptions_and_credits(text: str) -> None:
    assert run(text).entities == []


@pytest.mark.parametrize(("text", "expected"), [
    ("North Korean leader Kim Jong Un met Russian President Vladimir Putin in Pyongyang.",
     {"Kim Jong-un": "PER", "Vladimir Putin": "PER", "Pyongyang": "LOC"}),
    ("The state news agency KCNA said the U.S. and South Korea were worried.",
     {"KCNA": "ORG", "United States": "LOC", "South Korea": "LOC"}),
    ("The New York Times reported that Foreign Minister Sergei Lavrov visited Wonsan.",
     {"New York Times": "ORG", "Sergei Lavrov": "PER", "Wonsan": "LOC"}),
    ("Ukraine's President Volodymyr Zelenskyy spoke in Kyiv.",
     {"Ukraine": "LOC", "Volodymyr Zelensky": "PER", "Kyiv": "LOC"}),
])
def test_entities_english_common_patterns(text: str, expected: dict[str, str]) -> None:
    found = {e.canonical: e.type for e in run(text, "en").entities}
    assert found == expected


@pytest.mark.parametrize("text", [
    "Moskau und Pjöngjang vertiefen ihre Partnerschaft. Schoigu traf Kim Jong-un in Pjöngjang.",
    "Laut KCNA reiste Putin nach Wonsan – dort empfing ihn Kim.\n\nDie Vereinten Nationen schwiegen.",
])
def test_entities_mentions_point_into_the_text(text: str) -> None:
    doc = run(text)
    assert doc.entities
    for entity in doc.entities:
        for m in entity.mentions:
            assert doc.text[m.start:m.end] == m.text


@pytest.mark.parametrize(("text", "language"), [("", "de"), ("   \n", "en"), ("ok.", None)])
def test_entities_empty_or_odd_input_does_not_crash(text: str, language: str | None) -> None:
    doc = prepare(text, language or "de")
    doc.language = language
    assert extract_entities(doc).entities == []


@pytest.mark.parametrize(("parts", "english"), [
    (["Sergej", "Lawrow"], "Sergei Lavrov"),
    (["Jewgeni", "Prigoschin"], "Yevgeny Prigozhin"),
    (["Dmitri", "Peskow"], "Dmitry Peskov"),
    (["Wostotschnyj"], "Vostochny"),
    (["Jens", "Stoltenberg"], "Jens Stoltenberg"),  # not East Slavic: unchanged
    (["Olaf", "Scholz"], "Olaf Scholz"),
])
def test_entity_names_transliteration(parts: list[str], english: str) -> None:
    assert english_name(parts, "de") == english


@pytest.mark.parametrize(("words", "given"), [
    (["Jong", "Un"], "Jong-un"),
    (["Jong-Un"], "Jong-un"),
    (["Yo", "Jong"], "Yo-jong"),
    (["Berlin"], None),
    (["Jong", "Un", "Il"], None),
])
def test_entity_names_korean_given_name(words: list[str], given: str | None) -> None:
    assert korean_given_name(words) == given


@pytest.mark.parametrize(("text", "canonical", "etype"), [
    # a capitalised place head after the name: river, bridge, square
    ("Floods closed roads along the Amur River on Monday.", "Amur River", "LOC"),
    ("Crowds gathered on Palace Square in the evening.", "Palace Square", "LOC"),
    ('Trucks queued at the "Unity Bridge", a two-lane crossing.', "Unity Bridge", "LOC"),
    # "of" inside an organisation's name after its head word
    ("Latvia's Ministry of Transport said the line was closed.", "Ministry of Transport", "ORG"),
    # a capitals dateline names places; the agency credit after it is no entity
    ("RIGA/VILNIUS (Example Wire) - Both governments agreed on Friday.", "Riga", "LOC"),
    # a lower-case kind of place right after an unknown name, or "port of" before it
    ("The ships anchored off the Zarubino port overnight.", "Zarubino", "LOC"),
    ("Cargo was unloaded at the small port of Posyet.", "Posyet", "LOC"),
    # a Slavic given name before a surname is a person, not the town of that name
    ("The decree was signed by Vladimir Medinsky on Friday.", "Vladimir Medinsky", "PER"),
    # hyphenated names split by the English tokenizer are one name
    ("Prime Minister Han Duck-soo met the delegation.", "Han Duck-soo", "PER"),
])
def test_entities_english_name_shapes(text: str, canonical: str, etype: str) -> None:
    found = by_canonical(run(text, "en"))
    assert found.get(canonical, ("", []))[0] == etype, found


@pytest.mark.parametrize(("text", "absent"), [
    ("RIGA/VILNIUS (Example Wire) - Both governments agreed on Friday.", "Example Wire"),
    ("A Washington-based group tracked the ships.", "Washington-based"),
])
def test_entities_english_not_entities(text: str, absent: str) -> None:
    doc = run(text, "en")
    assert all(absent not in [m.text for m in e.mentions] for e in doc.entities)


@pytest.mark.parametrize(("text", "canonical", "etype"), [
    # a known place joined to a foreign name is one place (a resort or district named after its town)
    ("Im Sommer öffnete das Ferienresort Pjöngjang-Mirim seine Tore.", "Pjöngjang-Mirim", "LOC"),
    # a name before a place head word in one compound
    ("Die Kolonne fuhr über den Gagarin-Platz.", "Gagarin-Platz", "LOC"),
    # a name after "am" is a river or mountain range
    ("Der Zug passierte Omsk am Irtysch.", "Irtysch", "LOC"),
    # a postal service before its name
    ("Die ukrainische Post Ukrposhta stellte den Dienst ein.", "Ukrposhta", "ORG"),
    # organisations whose German name has lower-case words
    ("Peking lud zum Gipfel der Shanghaier Organisation für Zusammenarbeit.", "Shanghai Cooperation Organisation",
     "ORG"),
    # a word the tagger does not know, after a place preposition, is a place even when tagged as a noun
    ("Die Fähre legt morgen in Sokcho an und fährt dann weiter nach Kosong.", "Kosong", "LOC"),
    # an adjective made from a place before a place head word
    ("Der Sonderzug verließ den Kasaner Bahnhof am Abend.", "Kasaner Bahnhof", "LOC"),
])
def test_entities_german_name_shapes(text: str, canonical: str, etype: str) -> None:
    found = by_canonical(run(text))
    assert found.get(canonical, ("", []))[0] == etype, found


@pytest.mark.parametrize(("text", "absent"), [
    # a type designation ending in a number names a model
    ("Das Heer erhielt Raketen vom Typ KN-25.", "KN"),
    # the pronoun "man" at the start of a sentence
    ("Man werde die Lieferungen fortsetzen.", "Man"),
    # a compound of a place and an ordinary word names the place only
    ("Der Ukraine-Krieg dauert an.", "Ukraine-Krieg"),
    # after an indefinite article a word is a common noun, even in an unfamiliar spelling
    ("Die Armee nahm die Stadt in einem Handstreichvorstoss ein.", "Handstreichvorstoss"),
    # a compound whose last part is an ordinary word is no foreign place name
    ("Die Rakete startete vom Raumfahrtbahnhof aus nach Plan.", "Raumfahrtbahnhof"),
])
def test_entities_german_not_entities(text: str, absent: str) -> None:
    doc = run(text)
    assert all(absent not in [m.text for m in e.mentions] for e in doc.entities)
