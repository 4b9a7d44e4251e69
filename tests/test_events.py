"""The events stage: kind, trigger, participants (agent first), place and time per sentence."""
from __future__ import annotations

import pytest

from lagebild.model import Document, Event
from lagebild.pipeline import analyze_text

PUBLISHED = "2025-03-12"  # a Wednesday


def events(text: str, language: str = "de") -> tuple[Document, list[Event]]:
    doc = analyze_text(text, language, PUBLISHED)
    return doc, doc.events


@pytest.mark.parametrize(
    ("language", "text", "kind", "trigger", "participants", "place", "time"),
    [
        ("de", "Bundeskanzler Olaf Scholz ist am Dienstag nach Paris gereist.",
         "visit", "gereist", ["Olaf Scholz"], "Paris", "2025-03-11"),
        ("de", "Am Montag besuchte Emmanuel Macron die polnische Hauptstadt Warschau.",
         "visit", "besuchte", ["Emmanuel Macron"], "Warsaw", "2025-03-10"),
        ("de", "Der französische Präsident Emmanuel Macron traf in Berlin mit Olaf Scholz zusammen.",
         "meeting", "traf", ["Emmanuel Macron", "Olaf Scholz"], "Berlin", None),
        ("de", "Frankreich und Polen haben am 3. Februar 2025 in Warschau ein Abkommen unterzeichnet.",
         "treaty", "unterzeichnet", ["France", "Poland"], "Warsaw", "2025-02-03"),
        ("de", "Frankreich hat Polen im Januar Munition geliefert.",
         "delivery", "geliefert", ["France", "Poland"], None, "2025-01"),
        ("de", "Die Munition wurde im Januar von Frankreich an Polen geliefert.",
         "delivery", "geliefert", ["France", "Poland"], None, "2025-01"),
        ("de", "Frankreich schickte im Februar mehrere hundert Soldaten nach Rumänien.",
         "deployment", "schickte", ["France"], "Romania", "2025-02"),
        ("de", "Frankreich schickte im Februar Tausende Granaten nach Rumänien.",
         "delivery", "schickte", ["France"], "Romania", "2025-02"),
        ("de", "Polen verlegte weitere Truppen an die Grenze zu Belarus.",
         "deployment", "verlegte", ["Poland", "Belarus"], None, None),
        ("de", "Russland griff am Sonntag die Stadt Odessa mit Drohnen an.",
         "attack", "griff", ["Russia"], "Odesa", "2025-03-09"),
        ("de", "Bei einem Raketenangriff auf Charkiw wurden drei Menschen verletzt.",
         "attack", "Raketenangriff", [], "Kharkiv", None),
        ("de", "Der Besuch von Emmanuel Macron in Warschau dauerte zwei Tage.",
         "visit", "Besuch", ["Emmanuel Macron"], "Warsaw", None),
        ("en", "French President Emmanuel Macron arrived in Warsaw on Monday.",
         "visit", "arrived", ["Emmanuel Macron"], "Warsaw", "2025-03-10"),
        ("en", "France has delivered ammunition to Poland.",
         "delivery", "delivered", ["France", "Poland"], None, None),
        ("en", "The agreement was signed by France and Poland in Warsaw.",
         "treaty", "signed", ["France", "Poland"], "Warsaw", None),
        ("en", "France deployed 300 soldiers to Romania in February.",
         "deployment", "deployed", ["France"], "Romania", "2025-02"),
        ("en", "Russia attacked Odesa with drones on Sunday.",
         "attack", "attacked", ["Russia"], "Odesa", "2025-03-09"),
    ],
)
def test_events_kind_and_roles(language: str, text: str, kind: str, trigger: str, participants: list[str],
                               place: str | None, time: str | None) -> None:
    doc, found = events(text, language)
    assert len(found) == 1, found
    event = found[0]
    assert (event.kind, event.trigger) == (kind, trigger)
    assert doc.text[event.start:event.end] == trigger
    assert event.participants == participants
    assert (event.place, event.time) == (place, time)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("de", "Hat Frankreich Polen Munition geliefert?"),
        ("en", "Did France deliver ammunition to Poland?"),
    ],
)
def test_events_skip_questions(language: str, text: str) -> None:
    assert events(text, language)[1] == []


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("de", "Eine Rakete traf ein Wohnhaus in Charkiw."),  # "treffen" without a person: no meeting
        ("de", "Emmanuel Macron habe die Entscheidung allein getroffen."),  # "eine Entscheidung treffen"
        ("de", "Olaf Scholz schickte einen Brief an Emmanuel Macron."),  # neither troops nor goods
        ("de", "Der Verlag verlegte das Buch in Frankreich."),  # "verlegen" without troops
        ("de", "Das Schiff ist gestern in Odessa angekommen."),  # an arrival without a person
        ("de", "Die Lieferung verzögerte sich."),  # no participant, no place
        ("en", "The ship arrived in Odesa."),
        ("en", "France signed the letter."),  # no treaty noun
        ("en", "The factory will meet the demand of France."),  # "meet the demand"
    ],
)
def test_events_precision_no_event(language: str, text: str) -> None:
    assert events(text, language)[1] == []


@pytest.mark.parametrize(
    ("language", "text", "kinds"),
    [
        ("de", "Emmanuel Macron reiste am Montag nach Warschau und traf dort Olaf Scholz.",
         [("visit", ["Emmanuel Macron"], "Warsaw", "2025-03-10"),
          ("meeting", ["Emmanuel Macron", "Olaf Scholz"], None, "2025-03-10")]),
        ("en", "Emmanuel Macron travelled to Warsaw and met Olaf Scholz.",
         [("visit", ["Emmanuel Macron"], "Warsaw", None),
          ("meeting", ["Emmanuel Macron", "Olaf Scholz"], None, None)]),
    ],
)
def test_events_coordinated_clauses_share_the_agent(
        language: str, text: str, kinds: list[tuple[str, list[str], str | None, str | None]]) -> None:
    found = events(text, language)[1]
    assert [(e.kind, e.participants, e.place, e.time) for e in found] == kinds


@pytest.mark.parametrize(
    ("language", "text", "kind", "participants", "time"),
    [
        ("de", "Emmanuel Macron, der im Januar Warschau besuchte, lobte die Zusammenarbeit.",
         "visit", ["Emmanuel Macron"], "2025-01"),
        ("de", "Wichtig ist der Vertrag, den Frankreich und Polen im Januar unterzeichnet hatten.",
         "treaty", ["France", "Poland"], "2025-01"),
        ("en", "Emmanuel Macron, who visited Warsaw in January, praised the alliance.",
         "visit", ["Emmanuel Macron"], "2025-01"),
    ],
)
def test_events_relative_clause(language: str, text: str, kind: str, participants: list[str], time: str) -> None:
    found = events(text, language)[1]
    assert [(e.kind, e.participants, e.time) for e in found] == [(kind, participants, time)]


@pytest.mark.parametrize(
    ("language", "text", "excluded"),
    [
        ("de", "Laut Olaf Scholz hat Russland die Stadt Odessa angegriffen.", "Olaf Scholz"),
        ("de", "Nach Angaben der Nato hat Russland Truppen nach Belarus verlegt.", "NATO"),
        ("en", "According to Olaf Scholz, Russia attacked Odesa.", "Olaf Scholz"),
    ],
)
def test_events_source_is_no_participant(language: str, text: str, excluded: str) -> None:
    found = events(text, language)[1]
    assert len(found) == 1 and found[0].participants == ["Russia"], found
    assert excluded not in found[0].participants


@pytest.mark.parametrize(
    ("text", "time"),
    [
        # the date of another clause is not the event's date
        ("Frankreich schickte Soldaten nach Rumänien, das im Jahr 2004 der Nato beigetreten war.", None),
        ("Im Februar schickte Frankreich Soldaten nach Rumänien.", "2025-02"),
    ],
)
def test_events_time_from_own_clause(text: str, time: str | None) -> None:
    found = events(text)[1]
    assert [(e.kind, e.time) for e in found] == [("deployment", time)]


@pytest.mark.parametrize("language", ["de", "en"])
def test_events_empty_document(language: str) -> None:
    assert events("", language)[1] == []
