"""Tests of the time-expression stage (extract/times.py) on sentences written for these tests."""
from __future__ import annotations

import pytest

from lagebild.extract import timex_resolve as cal
from lagebild.extract.times import extract_times, find_times
from lagebild.pipeline import prepare


def values(text: str, published: str | None, language: str = "de") -> list[str | None]:
    return [t.value for t in find_times(text, published, language)]


@pytest.mark.parametrize("text, published, expected", [
    # absolute dates
    ("Die Wahl fand am 3. März 2022 statt.", "2024-06-19", ["2022-03-03"]),
    ("Der Bericht stammt vom 05.11.2021.", "2024-06-19", ["2021-11-05"]),
    ("Die Zölle gelten ab dem 1. August.", "2025-07-10", ["2025-08-01"]),
    ("Das Abkommen wurde im Juni 2021 geschlossen.", "2024-06-19", ["2021-06"]),
    ("Die Delegation reiste vom 4. bis 6. Mai 2023 durch das Land.", None, ["2023-05-04", "2023-05-06"]),
    ("Am Dienstag, 9. April 2024, begann der Prozess.", None, ["2024-04-09"]),
    # bare years only in a year context
    ("Seit 2014 herrscht dort Krieg.", "2024", ["2014"]),
    ("Die Fabrik hat 2019 kaum produziert.", "2024", ["2019"]),
    ("Der Konzern hat 2022 Unmengen an Stahl verkauft.", "2024", ["2022"]),
    ("Zuletzt geschah das nach 1990 in Berlin.", "2024", ["1990"]),
    ("Im Jahr 2015 begann die Krise.", "2024", ["2015"]),
    ("In den 1990er Jahren war das anders.", "2024", ["199"]),
    # months without a year, against the article's date and tense
    ("Die Brücke wurde im April eröffnet.", "2025-07", ["2025-04"]),
    ("Das Werk war im November geschlossen worden.", "2025-03", ["2024-11"]),
    ("Die Gespräche werden im November beginnen.", "2025-07", ["2025-11"]),
    ("Die Behörde hatte im Dezember gewarnt.", "2024", ["2023-12"]),
    ("Die Behörde hatte im Februar gewarnt.", "2024", ["2024-02"]),
    ("Im vergangenen Oktober war er dort.", "2024", ["2023-10"]),
    ("Seit März fahren wieder Busse.", "2024-06-19", ["2024-03"]),
    ("Nach dem Novembertreffen war alles anders.", "2024-06-19", ["2023-11"]),
    # seasons
    ("Im Frühjahr 2022 begann die Offensive.", None, ["2022-SP"]),
    ("Im vergangenen Sommer waren die Preise hoch.", "2025-03-01", ["2024-SU"]),
    ("Seit letztem Winter fehlt Strom.", "2024-06-19", ["2023-WI"]),
    ("Im Herbst hatte der Minister gewarnt.", "2024-06-19", ["2023-FA"]),
    # relative days and the date mentioned before
    ("Gestern traf der Minister ein, heute reist er ab.", "2024-06-19", ["2024-06-18", "2024-06-19"]),
    ("Die Sitzung wurde auf morgen vertagt.", "2024-06-19", ["2024-06-20"]),
    ("Am 2. Mai 2023 begann die Reise. Am selben Tag stürzte ein Flugzeug ab.", "2024-06-19",
     ["2023-05-02", "2023-05-02"]),
    ("Am 2. Mai 2023 begann die Reise. Am Tag darauf regnete es.", "2024-06-19", ["2023-05-02", "2023-05-03"]),
    ("Die Delegation kam spät in der Nacht an.", "2024-06-19", ["2024-06-19"]),
    ("Am 2. Mai 2023 begann die Reise, drei Tage später war sie vorbei.", None, ["2023-05-02", "2023-05-05"]),
    # weekdays and parts of the day
    ("Am Montagabend landete die Maschine.", "2024-06-19", ["2024-06-17"]),
    ("Am Freitag hatte die Regierung gewarnt.", "2024-06-19", ["2024-06-14"]),
    ("Am Freitag wird die Regierung entscheiden.", "2024-06-19", ["2024-06-21"]),
    ("Die Bombe explodierte am vergangenen Mittwoch.", "2024-06-19", ["2024-06-12"]),
    # relative units
    ("Vor einem Jahr hatte niemand damit gerechnet.", "2024-06-19", ["2023"]),
    ("Vor drei Monaten war die Lage ruhig.", "2024-06-19", ["2024-03"]),
    ("Vergangene Woche hatte das Parlament abgestimmt.", "2024-06-19", ["2024-W24"]),
    ("Am vergangenen Wochenende gab es Proteste.", "2024-06-19", ["2024-W24-WE"]),
    ("Im nächsten Jahr soll die Strecke fertig sein.", "2024-06-19", ["2025"]),
    ("Seit letztem Jahr steigen die Preise.", "2024-06-19", ["2023"]),
    ("Die Firma hat im laufenden Monat kaum verkauft.", "2024-06-19", ["2024-06"]),
    ("Im März des vergangenen Jahres war er dort.", "2024-06-19", ["2023-03"]),
    ("Am Dienstag vergangener Woche hatte er gesprochen.", "2024-06-19", ["2024-06-11"]),
    ("Ab dem 1. September gelten neue Regeln.", "2024-06-19", ["2024-09-01"]),
    # durations with a count
    ("Die Antwort soll binnen zehn Tagen kommen.", None, ["P10D"]),
    ("Er regiert seit 12 Jahren.", None, ["P12Y"]),
    ("Die Verhandlungen dauerten drei Wochen.", None, ["P3W"]),
    ("Nach über vier Jahren Haft kam er frei.", None, ["P4Y"]),
    ("Innerhalb einer Woche war alles vorbei.", None, ["P1W"]),
    ("Ein Zweiwochenkurs kostet viel.", None, ["P2W"]),
    ("Die Waffenruhe hielt nur 48 Stunden.", None, ["PT48H"]),
])
def test_times_german_values(text: str, published: str | None, expected: list[str | None]) -> None:
    assert values(text, published) == expected


@pytest.mark.parametrize("text", [
    "Die Armee hat 2000 Soldaten an die Grenze geschickt.",
    "Rund 2000 Menschen demonstrierten.",
    "Der Staatschef ist 40 Jahre alt.",
    "Jeden Mittwoch trifft sich der Rat.",
    "Seit Jahren wird darüber gestritten.",
    "In den letzten Jahren stiegen die Preise.",
    "Seit Beginn des Krieges ist die Grenze zu.",
    "Täglich überqueren 3000 Menschen pro Tag die Brücke.",
    "Das Treffen beginnt um 15 Uhr in Mailand.",
    "Julia und der Junior fuhren nach Mainz.",
    "Der Sommer war heiß.",
    "Damals war vieles anders, künftig soll es besser werden.",
    "Ein Tag wie jeder andere.",
    "Die Kosten lagen bei 2024 Euro.",
])
def test_times_german_not_annotated(text: str) -> None:
    assert find_times(text, "2024-06-19") == []


@pytest.mark.parametrize("text, published, expected", [
    ("The leaders met yesterday and will meet again tomorrow.", "2024-06-19", ["2024-06-18", "2024-06-20"]),
    ("He arrived on Tuesday night.", "2024-06-19", ["2024-06-18"]),
    ("The deal was signed in September 2023.", None, ["2023-09"]),
    ("The deal was signed on June 5, 2023, after talks.", None, ["2023-06-05"]),
    ("The summit took place on 5 June 2023.", None, ["2023-06-05"]),
    ("Two years ago the border was closed.", "2024-06-19", ["2022"]),
    ("The launch happened last autumn.", "2024-06-19", ["2023-FA"]),
    ("Trains have been running since February.", "2024-06-19", ["2024-02"]),
    ("Parcels should arrive within two weeks.", None, ["P2W"]),
    ("He has ruled for 13 years.", None, ["P13Y"]),
    ("Parliament voted last week.", "2024-06-19", ["2024-W24"]),
    ("The pact was signed in the summer of 2021.", None, ["2021-SU"]),
    ("Prices rose in May.", "2024-06-19", ["2024-05"]),
    ("The troops have been there since 2022.", None, ["2022"]),
    ("Exports fell in mid-March.", "2024-06-19", ["2024-03"]),
    ("Talks began in April last year.", "2024-06-19", ["2023-04"]),
    ("The talks will be held on Friday.", "2024-06-19", ["2024-06-21"]),
])
def test_times_english_values(text: str, published: str | None, expected: list[str | None]) -> None:
    assert values(text, published, "en") == expected


@pytest.mark.parametrize("text", [
    "About 2000 soldiers were sent.",
    "Theresa May spoke to reporters.",
    "Since the fall of the regime, nothing changed.",
    "The meeting is held every Tuesday.",
    "The boy is ten years old.",
])
def test_times_english_not_annotated(text: str) -> None:
    assert find_times(text, "2024-06-19", "en") == []


@pytest.mark.parametrize("text, published, expected", [
    ("Am Mittwoch kam er an. Heute beginnen die Gespräche.", "2024-06", [None, None]),  # no day known
    ("Gestern kam er an.", None, [None]),
    ("Der Vertrag wurde am 12. Juni 2024 unterzeichnet. Gestern kam er an.", "2024-06",
     ["2024-06-12", "2024-06-11"]),  # the anchor refined from the stated date
    ("Das Land hatte im Oktober gewarnt. Im März 2024 begann die Reise.", "2024",
     ["2023-10", "2024-03"]),  # the year anchor refined to March 2024: October is last year's
])
def test_times_anchor_precision(text: str, published: str | None, expected: list[str | None]) -> None:
    assert values(text, published) == expected


@pytest.mark.parametrize("text, quote", [
    ("Seit dem 4. Juli 2023 ruht der Verkehr.", "Seit dem 4. Juli 2023"),
    ("Das Gesetz gilt innerhalb von 30 Tagen.", "innerhalb von 30 Tagen"),
    ("Die Preise stiegen im August 2022 stark.", "im August 2022"),
])
def test_times_spans_include_preposition(text: str, quote: str) -> None:
    found = find_times(text, "2024-06-19")
    assert [t.text for t in found] == [quote]
    assert all(text[t.start:t.end] == t.text for t in found)


@pytest.mark.parametrize("text", ["date 2023-05 Der Text beginnt hier.", "Datum: 2023-05-02 Der Text beginnt."])
def test_times_metadata_label_not_reported(text: str) -> None:
    assert find_times(text, None) == []


@pytest.mark.parametrize("text, published, expected", [
    ("Die Regierung hatte im Oktober mitgeteilt, die Lieferung sei 2021 erfolgt.", "2025-07", ["2024-10", "2021"]),
    ("Der Präsident wird im Oktober nach Berlin reisen.", "2025-07", ["2025-10"]),
    ("Die Behörde schickte 2000 Soldaten und hat 2019 kaum etwas geliefert.", "2025-07", ["2019"]),
])
def test_times_stage_uses_tagged_sentences(text: str, published: str, expected: list[str]) -> None:
    doc = extract_times(prepare(text, "de", published))
    assert [t.value for t in doc.times] == expected
    assert all(doc.text[t.start:t.end] == t.text for t in doc.times)


@pytest.mark.parametrize("text, published, expected", [
    ("The 2023 report said 2000 North Korean soldiers had died.", "2024-06-19", ["2023"]),
    ("The pact will be signed on Friday.", "2024-06-19", ["2024-06-21"]),
])
def test_times_stage_english(text: str, published: str, expected: list[str]) -> None:
    doc = extract_times(prepare(text, "en", published))
    assert [t.value for t in doc.times] == expected
    assert all(doc.text[t.start:t.end] == t.text for t in doc.times)


@pytest.mark.parametrize("published, expected", [
    ("2025-06-17", cal.Anchor(2025, 6, 17)), ("2025-07", cal.Anchor(2025, 7)), ("2024", cal.Anchor(2024)),
    (None, cal.Anchor()), ("2025-02-30", cal.Anchor(2025, 2)), ("2025-06-17T15:03:00", cal.Anchor(2025, 6, 17)),
])
def test_times_parse_anchor(published: str | None, expected: cal.Anchor) -> None:
    assert cal.parse_anchor(published) == expected


@pytest.mark.parametrize("text", ["", "31.02.2024", "Am 31. Februar", "2024-13-45", "vor vor vor", "🙂 1999er"])
def test_times_never_crash(text: str) -> None:
    for t in find_times(text, "2024-06-19"):
        assert text[t.start:t.end] == t.text
