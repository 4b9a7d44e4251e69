"""Tests of the time stage's reference-time model and TIMEX3 expressions, on sentences written for these tests:
narrative passages, BC dates, centuries, ranges, clock times, parts of the day, vague references, sets,
quarters, durations against points, event names, and what stays null without a publication date."""
from __future__ import annotations

from collections.abc import Callable

import pytest

from lagebild.extract.times import extract_times, find_times
from lagebild.model import TimeExpr
from lagebild.pipeline import prepare


def untagged(text: str, published: str | None, language: str = "de", standard: str = "news") -> list[TimeExpr]:
    return find_times(text, published, language, standard=standard)


def tagged(text: str, published: str | None, language: str = "de", standard: str = "news") -> list[TimeExpr]:
    found = extract_times(prepare(text, language, published), standard).times
    assert all(text[t.start:t.end] == t.text for t in found)
    return found


BOTH = pytest.mark.parametrize("analyse", [untagged, tagged], ids=["untagged", "tagged"])
Analyse = Callable[..., list[TimeExpr]]


def values(found: list[TimeExpr]) -> list[str | None]:
    return [t.value for t in found]


# ---------------------------------------------------------------- the reference time in narratives


@BOTH
@pytest.mark.parametrize("text, published, language, expected", [
    # a background paragraph of a news report: year-less expressions take the year the paragraph tells of
    ("Im Juni 1944 landeten alliierte Truppen in der Normandie. Im Herbst erreichten sie die Grenze.",
     "2024-06-06", "de", ["1944-06", "1944-FA"]),
    ("Die Flut traf die Küste am 3. Februar 1953. Zwei Tage später brachen die Deiche im Süden, "
     "im selben Jahr begann der Bau neuer Dämme.", "2023-02-01", "de", ["1953-02-03", "1953-02-05", "1953"]),
    ("Die Belagerung begann im Oktober 1941. Im Januar froren die Soldaten.", "2024-03-01", "de",
     ["1941-10", "1942-01"]),  # a story moves on: January after October is the next year's
    ("Der Streik endete im März 1985. Im Februar hatten die Bergleute gehungert.", "2024-03-01", "de",
     ["1985-03", "1985-02"]),  # the nearest February, before it in the past perfect
    ("The dam was finished in May 1936. A month earlier, the river had flooded the valley.", "2024-05-01", "en",
     ["1936-05", "1936-04"]),
    ("The strike began in March 1984. In the autumn the miners ran out of money.", "2024-03-01", "en",
     ["1984-03", "1984-FA"]),
    # the news report's own present stays the present: present tense, or a new paragraph
    ("Im Juni 1944 landeten alliierte Truppen in der Normandie.\nIm Mai besuchte der Präsident den Strand.",
     "2024-06-06", "de", ["1944-06", "2024-05"]),
    # a date near the present does not make a story of the past
    ("Die Wahl fand am 4. Mai 2025 statt. Im Juni trat die Regierung zurück.", "2025-07-10", "de",
     ["2025-05-04", "2025-06"]),
    # deictic words count from the article's date even right after an old date
    ("Der Vertrag stammt aus dem Jahr 1990. Vergangene Woche wurde er gekündigt.", "2024-06-19", "de",
     ["1990", "2024-W24"]),
    # a date that only bounds a period does not start the story
    ("Die Partei regiert seit 1998 das Land und gewann im Mai die Wahl.", "2024-07-01", "de", ["1998", "2024-05"]),
])
def test_times_narrative_reference(analyse: Analyse, text: str, published: str, language: str,
                                   expected: list[str | None]) -> None:
    assert values(analyse(text, published, language)) == expected


@pytest.mark.parametrize("text, published, expected", [
    # a verb known to be in the present tense (tagged) keeps the sentence in the present: the nearest May
    ("Der Streik begann im März 1984. Im Mai beginnt ein neuer Streik.", "2024-03-01", ["1984-03", "2024-05"]),
    ("Im Januar steigen die Preise für Strom.", "2024-11-20", ["2025-01"]),
])
def test_times_present_tense_month(text: str, published: str, expected: list[str | None]) -> None:
    assert values(tagged(text, published)) == expected


HISTORY = ("Der Plan stammte von 1862, die Armee war seit 1864 gerüstet. Der Krieg begann im Jahr 1866.\n"
           "Im Juli siegte die Armee bei einem kleinen Dorf. Im August wurde der Frieden geschlossen.\n"
           "Die Festung von damals ist heute ein Museum.\n"
           "Folgen\n"
           "Im Frühjahr 1867 entstand ein neuer Bund. Im Herbst trat der erste Reichstag zusammen.\n"
           "Der Norden\n"
           "Im Winter blieben die Häfen gesperrt.")


@pytest.mark.parametrize("standard, expected", [
    # a history keeps its story across paragraphs; "heute" there is nowadays (TIMEX PRESENT_REF)
    ("timex", ["1862", "1864", "1866", "1866-07", "1866-08", "PRESENT_REF", "1867-SP", "1867-FA", "1867-WI"]),
    ("news", ["1862", "1864", "1866", "1866-07", "1866-08", "1867-SP", "1867-FA", "1867-WI"]),
])
def test_times_history_across_paragraphs(standard: str, expected: list[str | None]) -> None:
    # the headings name no date, so they open no section: the story goes on from the last date named
    assert values(untagged(HISTORY, "2021-03-01", standard=standard)) == expected


@pytest.mark.parametrize("text, expected", [
    # a heading that names a year opens a section; the next heading without a date returns to it
    ("1917\nDer Norden\nIm Mai fiel die Stadt.\nIm März 1918 war alles vorbei.\nDer Süden\nIm Juni rückten die "
     "Truppen vor.", ["1917", "1917-05", "1918-03", "1917-06"]),
])
def test_times_headings_open_sections(text: str, expected: list[str | None]) -> None:
    assert values(untagged(text, "2020-01-10")) == expected


@BOTH
@pytest.mark.parametrize("text, published, language, expected", [
    # without a publication date nothing that needs it is guessed, whatever years the text names
    ("Im März 2023 wurde der Hafen eröffnet. Im vergangenen Jahr kamen kaum Schiffe.", None, "de", ["2023-03", None]),
    ("The port opened in March 2023. Last year few ships came.", None, "en", ["2023-03", None]),
    ("Am Montag kam der Minister. Im August reist er weiter.", None, "de", [None, None]),
    # calendar arithmetic on a date the text names is no guess
    ("Am 2. Mai 2023 brannte die Fabrik, drei Tage später war das Feuer gelöscht.", None, "de",
     ["2023-05-02", "2023-05-05"]),
])
def test_times_null_without_publication_date(analyse: Analyse, text: str, published: str | None, language: str,
                                             expected: list[str | None]) -> None:
    assert values(analyse(text, published, language)) == expected


# ---------------------------------------------------------------- years, eras, centuries, ranges


@pytest.mark.parametrize("text, language, expected", [
    ("Die Stadt wurde 264 v. Chr. belagert.", "de", ["BC0264"]),
    ("Im Jahr 218 v. Chr. überquerte das Heer die Alpen.", "de", ["BC0218"]),
    ("Im Frühjahr 479 v. Chr. zog die Flotte ab.", "de", ["BC0479-SP"]),
    ("Der Tempel entstand um 449/448 v. Chr. auf dem Hügel.", "de", ["BC0449", "BC0448"]),
    ("Caesar crossed the river in 49 BC.", "en", ["BC0049"]),
    ("Die Stadt blühte im 4. Jh. v. Chr. auf.", "de", ["BC03"]),
    ("Das Bauwerk ist ein Wahrzeichen des 20. Jahrhunderts.", "de", ["19"]),
    ("The canal was dug in the nineteenth century.", "en", ["18"]),
    ("Cities grew fast in the 21st century.", "en", ["20"]),
    ("In den 1990er Jahren wuchs die Wirtschaft.", "de", ["199"]),
    ("Die Bauten der 1930er-Jahre stehen unter Schutz.", "de", ["193"]),
    ("The band was famous in the 1960s.", "en", ["196"]),
])
def test_times_eras_and_centuries(text: str, language: str, expected: list[str | None]) -> None:
    assert values(untagged(text, "2024-05-01", language)) == expected


@BOTH
@pytest.mark.parametrize("text, language, expected", [
    ("Die Dürre der Jahre 1939/1940 traf die Bauern hart.", "de", ["1939", "1940"]),
    ("Die Saison 2009–2010 endete mit einem Titel.", "de", ["2009", "2010"]),
    ("Der Maler (1890–1970) lebte in Wien.", "de", ["1890", "1970"]),
    ("Der Winter 1911/12 war streng.", "de", ["1911-WI", "1912"]),
    ("The war of 1914-1918 changed the map.", "en", ["1914", "1918"]),
])
def test_times_year_ranges(analyse: Analyse, text: str, language: str, expected: list[str | None]) -> None:
    assert values(analyse(text, "2024-05-01", language)) == expected


@BOTH
@pytest.mark.parametrize("text, expected", [
    ("Die 1918 einsetzende Grippe forderte viele Opfer.", ["1918"]),  # a year before a participle
    ("Das 2007 erschienene Buch wurde verfilmt.", ["2007"]),
    ("Er raubte bis 1881 Banken aus.", ["1881"]),  # after "bis" a year unless a time unit follows
])
def test_times_year_before_adjective(analyse: Analyse, text: str, expected: list[str | None]) -> None:
    assert values(analyse(text, "2024-05-01")) == expected


@pytest.mark.parametrize("text", ["Die Polizei zählte 2000 verletzte Demonstranten."])
def test_times_round_count_before_adjective(text: str) -> None:
    assert tagged(text, "2024-05-01") == []  # a round count of a plural noun (needs the tags)


@pytest.mark.parametrize("text, published, expected", [
    ("Der Befehl vom 1.9.39 wurde sofort ausgeführt.", "2011-02-16", ["1939-09-01"]),
    ("Das Protokoll vom 05.11.21 liegt vor.", "2024-06-01", ["2021-11-05"]),
])
def test_times_two_digit_years(text: str, published: str, expected: list[str | None]) -> None:
    assert values(untagged(text, published)) == expected


# ---------------------------------------------------------------- clock times, parts of the day


@pytest.mark.parametrize("text, language, news, timex", [
    ("Am 1. September 1939 um 4:45 Uhr fielen die ersten Schüsse.", "de", ["1939-09-01"],
     ["1939-09-01", "1939-09-01T04:45"]),
    ("Die Waffenruhe begann am 8. Mai um 23:01 Uhr mitteleuropäischer Zeit.", "de", ["2024-05-08"],
     ["2024-05-08", "2024-05-08T23:01+01"]),
    ("The polls closed on 4 July at 9 p.m. local time.", "en", ["2024-07-04"], ["2024-07-04", "2024-07-04T21:00"]),
    ("Am Morgen des 22. Juni 1941 begann der Angriff.", "de", ["1941-06-22"], ["1941-06-22TMO"]),
    ("In der Nacht vom 8. auf den 9. Februar 1904 griff die Flotte an.", "de", ["1904-02-08", "1904-02-09"],
     ["1904-02-08TNI", "1904-02-09"]),
    ("Der Sturm erreichte die Küste am 12. März 2020. Am Abend fiel der Strom aus.", "de",
     ["2020-03-12", "2020-03-12"], ["2020-03-12", "2020-03-12TEV"]),
    ("The storm reached the coast on 12 March 2020. That night the power failed.", "en",
     ["2020-03-12", "2020-03-12"], ["2020-03-12", "2020-03-12TNI"]),
    ("Am Mittwochmorgen landete die Maschine.", "de", ["2024-07-17"], ["2024-07-17TMO"]),
])
def test_times_clock_and_parts_of_day(text: str, language: str, news: list[str | None],
                                      timex: list[str | None]) -> None:
    assert values(untagged(text, "2024-07-18", language)) == news
    assert values(untagged(text, "2024-07-18", language, "timex")) == timex


@pytest.mark.parametrize("text, language", [
    ("Das Spiel beginnt um 15 Uhr.", "de"), ("The match starts at 3 p.m.", "en"),
])
def test_times_clock_alone_not_in_news(text: str, language: str) -> None:
    assert untagged(text, "2024-07-18", language) == []
    assert [t.type for t in untagged(text, "2024-07-18", language, "timex")] == ["TIME"]


# ---------------------------------------------------------------- vague references and sets


@pytest.mark.parametrize("text, language, timex", [
    ("Die Lage ist jetzt ruhig, bald sollen die Schulen öffnen.", "de", ["PRESENT_REF", "FUTURE_REF"]),
    ("Kurz zuvor hatte es gebrannt; in Zukunft soll ein Wall schützen.", "de", ["PAST_REF", "FUTURE_REF"]),
    ("Prices are rising now and will soon fall.", "en", ["PRESENT_REF", "FUTURE_REF"]),
    ("Seit Jahren wächst der Wald, seit wenigen Tagen brennt er.", "de", ["PXY", "PXD"]),
    ("Die Verhandlungen zogen sich wochenlang hin.", "de", ["PXW"]),
    ("The talks went on for several weeks.", "en", ["PXW"]),
    ("Jeden Sommer kommen Touristen, täglich fahren drei Fähren.", "de", ["XXXX-SU", "P1D"]),
    ("The market opens every Monday and the fair every two weeks.", "en", ["XXXX-WXX-1", "P2W"]),
])
def test_times_vague_and_sets_only_under_timex(text: str, language: str, timex: list[str | None]) -> None:
    assert untagged(text, "2024-07-18", language) == []  # the news gold annotates none of them
    found = untagged(text, "2024-07-18", language, "timex")
    assert values(found) == timex
    assert all(t.type in ("DATE", "DURATION", "SET") for t in found)


@pytest.mark.parametrize("text, published, expected", [
    ("Die Hütte ist heute ein Museum.", "2024-07-18", ["2024-07-18"]),  # news: the article's day
])
def test_times_today_in_news(text: str, published: str, expected: list[str | None]) -> None:
    assert values(untagged(text, published, standard="timex")) == expected


# ---------------------------------------------------------------- quarters, halves, parts of a year


@BOTH
@pytest.mark.parametrize("text, published, language, expected", [
    ("Die Brücke soll im ersten Quartal 2026 fertig sein.", "2025-06-01", "de", ["2026-Q1"]),
    ("Der Umsatz stieg im dritten Quartal.", "2025-11-20", "de", ["2025-Q3"]),
    ("Im 1. Halbjahr sank die Zahl der Unfälle.", "2025-08-01", "de", ["2025-H1"]),
    ("Sales fell in the first quarter of 2024.", "2025-06-01", "en", ["2024-Q1"]),
    ("Profits rose in Q2 2025.", "2025-09-01", "en", ["2025-Q2"]),
    ("Der Minister war am 19. Juni letzten Jahres in Rom.", "2025-06-10", "de", ["2024-06-19"]),
    ("Prices have risen since mid-2022.", "2024-08-27", "en", ["2022"]),
    ("Bis Mitte 2027 soll die Strecke fertig sein.", "2025-01-10", "de", ["2027"]),
])
def test_times_parts_of_year(analyse: Analyse, text: str, published: str, language: str,
                             expected: list[str | None]) -> None:
    assert values(analyse(text, published, language)) == expected


@pytest.mark.parametrize("text, published, expected", [
    # "bis" in a present-tense clause looks ahead; in a past one it looks back
    ("Die Behörde geht davon aus, dass bis Dezember alle Anträge bearbeitet werden.", "2024-10-23", ["2024-12"]),
    # the verbs of the expression's own clause decide: "will" in the "dass" clause looks ahead
    ("Der Dienst geht davon aus, dass das Land bis Dezember weitere Truppen schicken will.", "2024-10-23",
     ["2024-12"]),
    ("Der Minister sagt, dass die Fabrik im Oktober geschlossen wurde.", "2024-09-10", ["2023-10"]),
    ("Die Sperre dauerte bis Dezember.", "2024-10-23", ["2023-12"]),
])
def test_times_until_month(text: str, published: str, expected: list[str | None]) -> None:
    assert values(tagged(text, published)) == expected


# ---------------------------------------------------------------- durations and points


@pytest.mark.parametrize("text, language, expected", [
    # (value, type, anchor): a duration after "nach" keeps its value and names the date it counts from
    ("Am 3. Mai 2021 begann die Blockade, nach zwei Tagen brach sie zusammen.", "de",
     [("2021-05-03", "DATE", None), ("P2D", "DURATION", "2021-05-03")]),
    ("The siege began on 3 May 2021. A month earlier the town had been evacuated.", "en",
     [("2021-05-03", "DATE", None), ("2021-04", "DATE", "2021-05-03")]),
    ("Die Waffenruhe hielt nur 48 Stunden.", "de", [("PT48H", "DURATION", None)]),
    ("The second quake struck 11 minutes later.", "en", [("PT11M", "DURATION", "2024-07-18")]),
    ("Einen Tag nach der Wahl trat der Kanzler zurück.", "de", [("P1D", "DURATION", None)]),
    ("A day after the vote the cabinet resigned.", "en", [("P1D", "DURATION", None)]),
    ("Die Brücke wird neun Monate früher als geplant fertig.", "de", [("P9M", "DURATION", None)]),
    ("Die Sitzung dauerte eineinhalb Stunden.", "de", [("PT1.5H", "DURATION", None)]),
    ("Sie warten seit einem Jahrhundert auf die Straße.", "de", [("P100Y", "DURATION", None)]),
    ("Die Geiseln bekamen vier bis fünf Tage lang kein Wasser.", "de", [(None, "DURATION", None)]),
])
def test_times_durations_and_points(text: str, language: str, expected: list[tuple[str | None, str, str | None]]
                                    ) -> None:
    found = untagged(text, "2024-07-18", language)
    assert [(t.value, t.type, t.anchor) for t in found] == expected


@pytest.mark.parametrize("text, expected", [
    ("Die Sitzung dauerte eineinhalb Stunden.", ["PT1H30M"]),
    ("Der Bau dauerte anderthalb Jahre.", ["P1Y6M"]),
    ("Der Streit währte mehr als ein halbes Jahrhundert.", ["P5DE"]),
])
def test_times_fractions_under_timex(text: str, expected: list[str | None]) -> None:
    assert values(untagged(text, "2024-07-18", standard="timex")) == expected


@BOTH
@pytest.mark.parametrize("text, language", [
    ("Die Oktoberrevolution veränderte das Land.", "de"),
    ("Nach dem Sechstagekrieg wurden die Grenzen neu gezogen.", "de"),
    ("Die Julikrise führte zum Krieg.", "de"),
    ("The October Revolution changed the country.", "en"),
    ("After the Six-Day War the borders were redrawn.", "en"),
    ("Das zwölf Jahre alte Kind wurde gerettet.", "de"),  # an age
])
def test_times_event_names_are_no_dates(analyse: Analyse, text: str, language: str) -> None:
    assert analyse(text, "2024-07-18", language) == []


@pytest.mark.parametrize("text, expected", [("Nach dem Septemberbesuch war alles anders.", ["2023-09"])])
def test_times_month_compound_still_a_date(text: str, expected: list[str | None]) -> None:
    assert values(untagged(text, "2024-06-19")) == expected


# ---------------------------------------------------------------- types and anchors


@pytest.mark.parametrize("text, expected", [
    ("Am 2. Mai 2023 begann die Reise. Am selben Tag regnete es, drei Wochen dauerte sie.",
     [("DATE", None), ("DATE", "2023-05-02"), ("DURATION", None)]),
    ("Gestern tagte der Rat.", [("DATE", "2024-07-18")]),
])
def test_times_type_and_anchor(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert [(t.type, t.anchor) for t in untagged(text, "2024-07-18")] == expected


def test_times_unknown_standard_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown time standard"):
        find_times("Am 2. Mai 2023.", None, standard="iso")


# ---------------------------------------------------------------- ranges, appositions, tickers


@BOTH
@pytest.mark.parametrize("text, expected", [
    # the first end of a range or pair takes the year of the second
    ("Von August bis September 1904 standen sich die Heere gegenüber.", ["1904-08", "1904-09"]),
    ("Im Spätsommer und Herbst 1940 gewann die Flotte die Oberhand.", ["1940-SU", "1940-FA"]),
    ("Die Messe (10. Juli bis 31. Oktober 1937) zog Millionen an.", ["1937-07-10", "1937-10-31"]),
    ("Im April des Jahres 1918 landeten Truppen im Hafen.", ["1918-04"]),
    ("Bis zum Jahresbeginn 1918 war das Land besetzt.", ["1918"]),
])
def test_times_ranges_share_the_year(analyse: Analyse, text: str, expected: list[str | None]) -> None:
    assert values(analyse(text, "2011-02-16")) == expected


@pytest.mark.parametrize("text, published, expected", [
    # with only the month of publication known, a weekday needs a day the text names (a ticker entry)
    ("Update vom 7. Februar: Am Dienstag stieg die Zahl der Opfer.", "2023-02", ["2023-02-07", "2023-02-07"]),
    ("Am Dienstag stieg die Zahl der Opfer.", "2023-02", [None]),
    # a weekday takes the date in apposition after it
    ("Am Montagnachmittag (6. Februar) bebte die Erde erneut.", "2023-02", ["2023-02-06", "2023-02-06"]),
    # a date that only says from when something will run is no ticker date
    ("Ab dem 17. Juni sollen wieder Züge fahren, teilte die Bahn am Montag mit.", "2025-06", ["2025-06-17", None]),
])
def test_times_weekday_with_month_of_publication(text: str, published: str, expected: list[str | None]) -> None:
    assert values(untagged(text, published)) == expected


@pytest.mark.parametrize("text, expected", [
    # in a history a present-tense verb is the historical present: the story goes on
    ("Der Krieg begann 1861. Der Süden siegte 1862 zweimal. Die Union verlor 1863 viele Schlachten.\n"
     "Im Oktober fordert der Präsident den General zum Angriff auf.", ["1861", "1862", "1863", "1863-10"]),
])
def test_times_historical_present(text: str, expected: list[str | None]) -> None:
    assert values(tagged(text, "2011-02-16")) == expected


@pytest.mark.parametrize("text, expected", [
    # an infinitive "werden" shows no tense: the past modal decides
    ("Der Hafen konnte am 4. Juni 1940 nicht mehr geräumt werden, am 9. Juni fiel die Stadt.",
     ["1940-06-04", "1940-06-09"]),
])
def test_times_infinitive_shows_no_tense(text: str, expected: list[str | None]) -> None:
    assert values(tagged(text, "2011-02-16")) == expected


@pytest.mark.parametrize("text, published, language, expected", [
    ("Zu Weihnachten 1966 ruhten die Waffen.", "2024-01-01", "de", ["1966-12-25"]),
    ("Die Feier ist an Weihnachten.", "2024-10-01", "de", ["2024-12-25"]),
    ("On Christmas Day 1914 soldiers played football.", "2024-01-01", "en", ["1914-12-25"]),
    ("Am 8. Mai 1945 endete der Krieg. An diesem Tag läuteten überall die Glocken.", "2024-01-01", "de",
     ["1945-05-08", "1945-05-08"]),
])
def test_times_holidays_and_this_day(text: str, published: str, language: str, expected: list[str | None]) -> None:
    assert values(tagged(text, published, language)) == expected


@pytest.mark.parametrize("text, expected", [
    # a short year after a year word; before Christ when the story is
    ("Die Stadt fiel 264 v. Chr. an Rom. Im Jahr 218 überquerte das Heer die Alpen.", ["BC0264", "BC0218"]),
    ("Im Jahr 79 brach der Vulkan aus.", ["0079"]),
    ("Die Legion hatte 300 Pferde.", []),
])
def test_times_short_years(text: str, expected: list[str | None]) -> None:
    assert values(untagged(text, "2024-01-01")) == expected


@pytest.mark.parametrize("text, expected", [
    ("The attack began at 3:30 a.m. local time on Sunday.", ["2025-06-15T03:30", "2025-06-15"]),  # the day after
    ("The minister spoke this morning.", ["2025-06-18TMO"]),
])
def test_times_english_clock_and_day(text: str, expected: list[str | None]) -> None:
    assert values(untagged(text, "2025-06-18", "en", "timex")) == expected
