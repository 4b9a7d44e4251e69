"""Tests of the time-expression stage (extract/times.py) on sentences written for these tests."""
from __future__ import annotations

from collections.abc import Callable

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
    "The row over May's budget went on.",  # "over" alone is no cue; "over the" is
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
    # TIMEX3 spans: the preposition stays outside, a lead word or quantifier belongs to the expression
    ("Seit dem 4. Juli 2023 ruht der Verkehr.", "4. Juli 2023"),
    ("Das Gesetz gilt innerhalb von 30 Tagen.", "30 Tagen"),
    ("Die Preise stiegen im August 2022 stark.", "August 2022"),
    ("Der Damm brach am 27. September 1940.", "27. September 1940"),
    ("Bis Ende 2026 soll die Strecke fertig sein.", "Ende 2026"),
    ("Die Fabrik stand nach über zwei Jahren still.", "über zwei Jahren"),
    ("Im Jahr 1989 fiel die Mauer.", "Jahr 1989"),
    ("Am selben Tag trat der Minister zurück.", "selben Tag"),
    ("The dam broke on 27 September 1940.", "27 September 1940"),
    ("The line was closed for more than two years.", "more than two years"),
])
def test_times_spans_without_preposition(text: str, quote: str) -> None:
    found = find_times(text, "2024-06-19", "en" if text.startswith("The") else "de")
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


def tagged_values(text: str, published: str | None, language: str = "de") -> list[str | None]:
    """Values from the pipeline's path: tagged sentences (POS and lemmas) as the stage sees them."""
    doc = extract_times(prepare(text, language, published))
    assert all(doc.text[t.start:t.end] == t.text for t in doc.times)
    return [t.value for t in doc.times]


BOTH_PATHS = pytest.mark.parametrize("analyse", [values, tagged_values], ids=["untagged", "tagged"])


@BOTH_PATHS
@pytest.mark.parametrize("text, language, expected", [
    ("Frankreich unterhält seit 1965 enge Beziehungen zu Ghana.", "de", ["1965"]),
    ("Die beiden Staaten pflegen seit 1992 diplomatische Beziehungen.", "de", ["1992"]),
    ("Since 1995 talks have stalled.", "en", ["1995"]),
    ("Die Dynastie herrschte seit 2000 Jahren über das Tal.", "de", ["P2000Y"]),  # a unit follows: a count
])
def test_times_year_after_since(analyse: Callable[..., list[str | None]], text: str, language: str,
                                expected: list[str | None]) -> None:
    assert analyse(text, "2025-07-10", language) == expected


@BOTH_PATHS
@pytest.mark.parametrize("text, published, expected", [
    # a modal of intention or plan with an infinitive looks ahead
    ("Die Regierung will das Gesetz im Oktober verabschieden.", "2025-07-10", ["2025-10"]),
    ("Die Bauarbeiten sollen im März beginnen.", "2025-07-10", ["2026-03"]),
    ("Der Minister möchte im September nach Rom reisen.", "2025-07-10", ["2025-09"]),
    ("Die Brücke soll im November eröffnet werden.", "2025-07-10", ["2025-11"]),
    # with a participle and a perfect infinitive it reports the past
    ("Im Oktober soll der General geflohen sein.", "2025-07-10", ["2024-10"]),
    ("Im Oktober sollen die Truppen abgezogen worden sein.", "2025-07-10", ["2024-10"]),
    ("Er will den Minister im Oktober gesehen haben.", "2025-07-10", ["2024-10"]),
    # a colon starts a clause: the past verb before it does not decide the tense after it
    ("Die Bahn hatte sich festgelegt: Im Oktober und nach langer Pause durch den Umbau der Strecke "
     "sollen die Züge wieder rollen.", "2025-07-10", ["2025-10"]),
    ("Die Bahn hatte im Oktober gewarnt; der Umbau der Strecke soll noch lange dauern.", "2025-07-10",
     ["2024-10"]),
])
def test_times_modal_future(analyse: Callable[..., list[str | None]], text: str, published: str,
                            expected: list[str | None]) -> None:
    assert analyse(text, published) == expected


@pytest.mark.parametrize("text, published, language, expected", [
    # a present-tense clause: the nearest such weekday, today included
    ("Wenn die Kanzlerin am Donnerstag in Rom eintrifft, beginnen die Gespräche.", "2024-06-18", "de",
     ["2024-06-20"]),
    ("Die Ministerin trifft am Freitag in Paris ein.", "2024-06-18", "de", ["2024-06-21"]),
    ("Am Dienstag beginnt der Gipfel in Madrid.", "2024-06-18", "de", ["2024-06-18"]),
    ("Der Präsident spricht am Montag vor dem Parlament.", "2024-06-19", "de", ["2024-06-17"]),
    ("The president arrives in Hanoi on Thursday.", "2024-06-18", "en", ["2024-06-20"]),
    # a past form or "seit" still points back
    ("Am Donnerstag traf die Ministerin in Rom ein.", "2024-06-18", "de", ["2024-06-13"]),
    ("Am Donnerstag landete die Maschine in Rom.", "2024-06-18", "de", ["2024-06-13"]),
    ("Seit Donnerstag gilt eine Ausgangssperre.", "2024-06-18", "de", ["2024-06-13"]),
    ("The president arrived in Hanoi on Thursday.", "2024-06-18", "en", ["2024-06-13"]),
    # a modal of intention looks ahead
    ("Am Mittwoch will der Präsident nach Hanoi weiterreisen.", "2024-06-17", "de", ["2024-06-19"]),
])
def test_times_weekday_in_present_clause(text: str, published: str, language: str,
                                         expected: list[str | None]) -> None:
    assert tagged_values(text, published, language) == expected


@BOTH_PATHS
@pytest.mark.parametrize("text, published, language, expected", [
    ("Die Abstimmung ist am Donnerstag.", "2024-06-18", "de", ["2024-06-20"]),  # present without a participle
    ("Die Abstimmung ist am Donnerstag gescheitert.", "2024-06-18", "de", ["2024-06-13"]),
    ("The vote is on Thursday.", "2024-06-18", "en", ["2024-06-20"]),
    ("Am Mittwoch will der Präsident nach Hanoi weiterreisen.", "2024-06-17", "de", ["2024-06-19"]),
])
def test_times_weekday_tense_from_auxiliaries(analyse: Callable[..., list[str | None]], text: str, published: str,
                                              language: str, expected: list[str | None]) -> None:
    assert analyse(text, published, language) == expected


@pytest.mark.parametrize("text, language, expected", [
    ("Anfang des Jahres stiegen die Preise.", "de", ["2025"]),
    ("Mitte des Jahres soll die Strecke fertig sein.", "de", ["2025"]),
    ("Bis Ende des Jahres bleibt das Werk geschlossen.", "de", ["2025"]),
    ("Anfang dieses Jahres kam der Minister.", "de", ["2025"]),
    ("Ende des vergangenen Jahres waren die Lager leer.", "de", ["2024"]),
    ("Ende vergangenen Jahres waren die Lager leer.", "de", ["2024"]),
    ("Zu Beginn des Jahres 2023 war alles anders.", "de", ["2023"]),  # the year is named
    ("Prices rose earlier this year.", "en", ["2025"]),
    ("Exports fell early this year.", "en", ["2025"]),
    ("Talks stalled at the start of the year.", "en", ["2025"]),
    ("The plant closed late last year.", "en", ["2024"]),
    ("The plant closed at the end of last year.", "en", ["2024"]),
    ("The line reopens at the end of the month.", "en", ["2025-04"]),
])
def test_times_part_of_year(text: str, language: str, expected: list[str | None]) -> None:
    assert values(text, "2025-04-29", language) == expected


@pytest.mark.parametrize("text, quote", [
    ("Anfang des Jahres stiegen die Preise.", "Anfang des Jahres"),
    ("Talks stalled at the start of the year.", "the start of the year"),
    ("The ban lasted until the end of June.", "the end of June"),
])
def test_times_part_of_year_quote(text: str, quote: str) -> None:
    language = "de" if " des " in text else "en"
    assert [t.text for t in find_times(text, "2025-07-10", language)] == [quote]


@pytest.mark.parametrize("text, published, expected", [
    ("The units adapted over the winter.", "2025-07-03", ["2024-WI"]),  # the winter that began in December 2024
    ("The troops rested over the winter.", "2025-01-20", ["2024-WI"]),
    ("Prices stayed high over the summer.", "2025-09-10", ["2025-SU"]),
    ("The ban lasted until the end of June.", "2025-07-03", ["2025-06"]),
])
def test_times_english_season_over(text: str, published: str, expected: list[str | None]) -> None:
    assert values(text, published, "en") == expected


@pytest.mark.parametrize("text, quote, expected", [
    ("Der Kanzler reist zu einem zweitägigen Staatsbesuch nach Rom.", "zweitägigen", "P2D"),
    ("Es war eine dreitägige Reise.", "dreitägige", "P3D"),
    ("Sie besucht einen 2-tägigen Lehrgang.", "2-tägigen", "P2D"),
    ("Nach einer zweiwöchigen Pause ging es weiter.", "zweiwöchigen", "P2W"),
    ("Er begann ein dreimonatiges Praktikum.", "dreimonatiges", "P3M"),
    ("Es folgte ein einstündiges Gespräch.", "einstündiges", "PT1H"),
    ("Eine 24-stündige Waffenruhe gilt.", "24-stündige", "PT24H"),
])
def test_times_duration_adjectives(text: str, quote: str, expected: str) -> None:
    for found in (find_times(text, "2025-07-10"), extract_times(prepare(text, "de", "2025-07-10")).times):
        assert [(t.text, t.value, t.kind) for t in found] == [(quote, expected, "duration")]


@pytest.mark.parametrize("text", [
    "Der 71-jährige Präsident trat zurück.",  # "-jährig" is mostly an age
    "Es war ein mehrtägiger Besuch.",
])
def test_times_duration_adjectives_not_annotated(text: str) -> None:
    assert find_times(text, "2025-07-10") == []


@pytest.mark.parametrize("text, language, quote, expected", [
    ("In der Nacht zum Samstag griffen Drohnen die Stadt an.", "de", "Nacht zum Samstag", "2024-06-15"),
    ("Putin war in der Nacht auf Mittwoch gelandet.", "de", "Nacht auf Mittwoch", "2024-06-19"),
    ("Drones struck the port overnight into Sunday.", "en", "overnight into Sunday", "2024-06-16"),
])
def test_times_night_before_weekday(text: str, language: str, quote: str, expected: str) -> None:
    assert [(t.text, t.value) for t in find_times(text, "2024-06-19", language)] == [(quote, expected)]
