"""Boilerplate of any outlet: one invented line or block per kind, German and English, inside
invented articles on other stories (an election, a flood, a football match, a strike, a wildfire),
and article lines that must stay (headlines, subheads, quotes, datelines, bullet summaries)."""
from __future__ import annotations

import pytest

from lagebild.model import Document
from lagebild.pipeline import process
from lagebild.text.boilerplate.scorer import Cue, decide
from lagebild.text.clean import classify_lines

ELECTION_DE = [
    "Bei der Landtagswahl in Beispielland hat die Regierungspartei deutlich an Stimmen verloren.",
    "Nach dem vorläufigen Endergebnis kam sie auf 27,4 Prozent, ein Minus von gut sechs Punkten.",
    "Die Opposition wertete das Ergebnis als Auftrag, eine neue Koalition zu bilden.",
    "Der Ministerpräsident kündigte an, am Montag mit den Gremien seiner Partei zu beraten.",
    "Die Wahlbeteiligung lag mit 61 Prozent etwas höher als vor fünf Jahren.",
    "Am Abend versammelten sich Anhänger aller Parteien vor dem Landtag in der Hauptstadt.",
]
FLOOD_EN = [
    "Floodwaters swept through three villages in the river valley overnight, forcing hundreds to flee.",
    "Rescue crews used boats to reach residents trapped on rooftops, the regional fire service said.",
    "The river crested at 6.8 metres on Tuesday morning, its highest level in four decades.",
    "Officials said at least 1,200 homes were damaged and two bridges had been washed away.",
    "Forecasters expect more heavy rain in the hills upstream before the weekend.",
    "Schools in the valley will stay closed until the water has receded, the mayor said.",
]


def kinds(lines: list[str], language: str) -> dict[int, str]:
    """Dropped line numbers and the kind their reason names."""
    return {ln.number: (ln.reason or "").split(":", 1)[0] for ln in classify_lines(lines, language) if not ln.keep}


def inside(line: str, language: str) -> list[str]:
    """`line` as the third paragraph (line 5) of an article whose paragraphs blank lines separate."""
    body = ELECTION_DE if language == "de" else FLOOD_EN
    return [body[0], "", body[1], "", line, "", body[2], "", body[3], "", body[4]]


# ------------------------------------------------------------------ one line of each kind

@pytest.mark.parametrize(("line", "language", "kind"), [
    # bylines and author lines
    ("Von: Lea Beispiel, Tom Probe und Mia Muster", "de", "metadata"),
    ("by Ann Example and the Example Post news desk March 3, 2024 4:12 PM 3 min read", "en", "metadata"),
    ("Authors: Ann Example, The Example Post news desk", "en", "metadata"),
    # a name with a newsroom job title (author box)
    ("Jonas Beispiel Auslandskorrespondent", "de", "metadata"),
    ("Lena Probe Wirtschaftsredakteurin Profil aufklappen Profil zuklappen Lena Probe schreibt über Banken.",
     "de", "metadata"),
    ("Maria Example Senior Reporter", "en", "metadata"),
    # dates and read times
    ("Lesezeit: 3 Minuten", "de", "metadata"),
    ("Updated March 3, 2024, 6:05 PM · 5 min read", "en", "metadata"),
    ("Beispielstadt, Nordland  Gegründet 14. Mai 1891", "de", "metadata"),
    # update stamps
    ("(Neu: Ergebnis der Stichwahl ergänzt)", "de", "metadata"),
    ("(Update: adds statement from the transport ministry)", "en", "metadata"),
    # photo credits glued to captions, credit lines, agency lines
    ("Ein Mähdrescher auf einem Feld bei Beispielhausen.Anna Probe/Example Images via Getty Images", "de", "caption"),
    ("Die Spitzenkandidatin bei der Stimmabgabe. Foto: Max Muster/dpa", "de", "caption"),
    ("Photo : Example Agency", "de", "credit"),
    ("Volunteers fill sandbags outside the town hall. (Photo: Jane Doe/AP)", "en", "caption"),
    ("Example Press Agency", "en", "credit"),
    ("(Example Graphics)", "en", "credit"),
    ("Die Kandidatin (l.) und ihr Herausforderer (r.) vor dem Fernsehduell im Sender.", "de", "caption"),
    ("The mayor (C) tours the flooded high street with rescue workers.", "en", "caption"),
    ("Volunteers carry sandbags to the dyke on Tuesday. (AFP / Jane Doe)", "en", "caption"),
    ("FILE - The old stone bridge before it was washed away, May 2, 2021. (AP Photo/John Roe, File)", "en",
     "caption"),
    # gallery counters
    ("3/12 Helfer errichten in der Nacht einen Damm aus Sandsäcken.", "de", "caption"),
    ("2 / 15", "en", "caption"),
    # ad and support labels, skip links, page controls
    ("Anzeige", "de", "navigation"),
    ("Advertisement:", "en", "navigation"),
    ("Zum Inhalt springen", "de", "navigation"),
    ("Skip to content", "en", "navigation"),
    ("+++ Ticker aktualisieren +++", "de", "navigation"),
    ("Startseite › Politik › Landtagswahl 2024", "de", "navigation"),
    # read also, related
    ("Lesen Sie auch: Wie die Parteien um junge Wähler werben", "de", "related"),
    ("Auch interessant", "de", "related"),
    ("Mehr News zur Landtagswahl", "de", "related"),
    ("Read also: How towns upstream prepare for the next flood", "en", "related"),
    ("Related: Insurers brace for record claims", "en", "related"),
    # subscription and donation appeals, calls to action
    ("Unterstützen Sie unabhängigen Lokaljournalismus – jetzt Mitglied werden!", "de", "donation"),
    ("Support Example News or become our patron!", "en", "donation"),
    ("Sign up for our morning briefing, delivered to your inbox.", "en", "newsletter"),
    # notes about the page itself
    ("Alle Ergebnisse aus den Wahlkreisen findest du in unserem Liveblog.", "de", "editorial"),
    ("Dieser Liveticker ist beendet und wird nicht mehr aktualisiert.", "de", "editorial"),
    ("This live blog is now closed. Read all our coverage here.", "en", "editorial"),
    ("Korrekturhinweis", "de", "editorial"),
])
def test_boilerplate_drops_line_of_each_kind(line: str, language: str, kind: str) -> None:
    assert kinds(inside(line, language), language) == {5: kind}


# ------------------------------------------------------------------ article lines that stay

@pytest.mark.parametrize(("line", "language"), [
    # short headlines and subheads, also title-case English ones
    ("Regierungspartei stürzt ab", "de"),
    ("Koalition ohne Mehrheit", "de"),
    ("Von Hamburg bis München", "de"),
    ("Folgen", "de"),
    ("Grenzen schließen", "de"),
    ("Kinder sollen Nachrichten lesen", "de"),
    ("Trump Attacks the Press", "en"),
    ("Washington Post Reporter Detained in Moscow", "en"),
    ("Turkish Press Agency Shut Down", "en"),
    ("How to know when to leave", "en"),
    # quotes and reported speech that name donations or address someone
    ("„Wir danken allen, die gespendet haben“, sagte die Bürgermeisterin am Abend.", "de"),
    ("“Please support your neighbours,” the mayor told residents at the shelter.", "en"),
    ("Das Rote Kreuz berichtete, auf seinem Spendenkonto seien 40.000 Euro eingegangen.", "de"),
    # dateline-led first sentences and agency tags in the body
    ("LYON (AFP) – Die Polizei hat bei den Protesten gegen die Rentenreform 40 Menschen festgenommen.", "de"),
    ("RIVERTON, Example State (AP) — The river crested overnight, officials said.", "en"),
    ("Der Kandidat will nach eigenen Worten weiter antreten. (ab/dpa)", "de"),
    ("The minister will visit the valley on Friday. (AFP/Reuters)", "en"),
    # a bullet summary and a date inside a sentence
    ("- Die Wahlbeteiligung stieg auf 61 Prozent", "de"),
    ("Am 17.03.2024 wählten die Bürger einen neuen Landtag.", "de"),
    ("1989", "de"),
])
def test_boilerplate_keeps_article_line(line: str, language: str) -> None:
    assert kinds(inside(line, language), language) == {}


# ------------------------------------------------------------------ context and cohesion

def test_boilerplate_keeps_ticker_day_heading() -> None:
    lines = ["Streik bei der Bahn: Der Ticker zum Nachlesen", "",
             "Montag, 4. März", "",
             "18.20 Uhr: Die Gewerkschaft hat den Streik im Güterverkehr um einen Tag verlängert.",
             "", "17.45 Uhr: Auf den Fernstrecken fällt weiterhin jeder zweite Zug aus, teilte die Bahn mit."]
    assert kinds(lines, "de") == {}


def test_boilerplate_drops_key_points_box_split_into_repeats() -> None:
    lines = [
        "Tarifstreit: Zweiter Warnstreik im Nahverkehr", "",
        "Die Gewerkschaft ruft erneut zum Warnstreik auf. Busse und Bahnen bleiben am Freitag in den Depots.", "",
        "Forderung der Gewerkschaft: Zwölf Prozent mehr Lohn für alle Beschäftigten im Nahverkehr.", "",
        "Zwölf Prozent mehr Lohn für alle Beschäftigten im Nahverkehr. Angebot der Arbeitgeber: Fünf Prozent "
        "in zwei Stufen.", "",
        "Fünf Prozent in zwei Stufen. Die nächste Verhandlungsrunde ist für den 20. März angesetzt.", "",
        "Seit dem frühen Morgen stehen in den meisten Städten des Landes die Busse und Straßenbahnen still.",
    ]
    assert kinds(lines, "de") == {5: "duplicate", 7: "duplicate", 9: "duplicate"}


def test_boilerplate_drops_outlet_name_above_headline() -> None:
    lines = ["The Example Tribune", "", "Floodwaters force hundreds to flee river valley", "", *FLOOD_EN]
    dropped = {n: r for n, r in ((ln.number, ln.reason) for ln in classify_lines(lines, "en")) if r}
    assert list(dropped) == [1] and "outlet name" in (dropped[1] or "")


def test_boilerplate_drops_graphic_title_glued_to_its_credit() -> None:
    lines = [*FLOOD_EN[:4], "", "RIVER LEVELS Valley", "(Example Graphics)", "", *FLOOD_EN[4:]]
    assert kinds(lines, "en") == {6: "caption", 7: "credit"}


MATCH_DE = [
    "Fußball: Beispielstadt gewinnt das Derby in letzter Minute", "",
    "Der FC Beispielstadt hat das Derby gegen den SV Musterdorf mit 2:1 gewonnen.", "",
    "Vor 30.000 Zuschauern brachte Stürmer Paul Probe die Gastgeber in der 20. Minute in Führung.", "",
    "Musterdorf glich nach der Pause aus, ehe Probe in der Nachspielzeit per Kopfball traf.", "",
    "Trainer Klaus Beispiel lobte nach dem Spiel die Moral seiner Mannschaft im Derby.", "",
]


@pytest.mark.parametrize(("glued", "language"), [
    # a live-blog entry on another topic
    (["Behörden: Zugausfälle im ganzen Land wegen Streik der Lokführer", "",
      "Seit dem frühen Morgen streiken die Lokführer im Fernverkehr, die Bahn meldet Zugausfälle im ganzen "
      "Land. Pendler müssen auf Busse ausweichen, an vielen Bahnhöfen warten Reisende vergeblich.", "",
      "Die Gewerkschaft der Lokführer kündigte an, den Streik bis Mittwoch fortzusetzen, wenn die Bahn "
      "kein neues Angebot vorlegt."], "de"),
])
def test_boilerplate_drops_live_blog_entry_on_another_topic(glued: list[str], language: str) -> None:
    lines = MATCH_DE + glued
    first = len(MATCH_DE) + 1
    assert kinds(lines, language) == {n: "unrelated" for n in (first, first + 2, first + 4)}


def test_boilerplate_drops_unrelated_article_glued_on_en() -> None:
    fire = [
        "A wildfire in the Example Ridge has burned 4,000 acres and destroyed a dozen cabins. Crews from "
        "three counties are fighting the wildfire from the air.",
        "Evacuation orders remain in place for the canyon road, where the wildfire jumped a firebreak on "
        "Sunday night, the Example Ridge fire chief said.",
    ]
    lines = [*FLOOD_EN, *fire]
    assert kinds(lines, "en") == {7: "unrelated", 8: "unrelated"}


def test_boilerplate_keeps_ticker_entry_on_the_same_story() -> None:
    entry = ["", "Mittwoch, 11.05 Uhr: Nach der Landtagswahl beginnen die Sondierungen",
             "", "Die Regierungspartei hat die Opposition zu ersten Gesprächen über eine Koalition eingeladen. "
                 "Nach der Wahl am Sonntag fehlen beiden Lagern Stimmen für eine eigene Mehrheit im Landtag."]
    assert kinds([*ELECTION_DE, *entry], "de") == {}


def test_boilerplate_agency_credit_under_article_keeps_last_sentence() -> None:
    lines = [*FLOOD_EN, "REUTERS"]
    assert kinds(lines, "en") == {7: "credit"}


def test_boilerplate_drops_title_shown_again_and_tag_list() -> None:
    title = "Floodwaters force hundreds to flee river valley"
    lines = [title, "Share", "Updated 9:15 AM", title, *FLOOD_EN, "Floods", "Weather", "River valley"]
    assert kinds(lines, "en") == {2: "navigation", 3: "metadata", 4: "duplicate", 11: "navigation",
                                  12: "navigation", 13: "navigation"}


def test_boilerplate_drops_teaser_links_after_related_header() -> None:
    teasers = ["Latest stories from the newsroom:",
               "- Council approves new flood barrier after a long debate - March 3, 2024",
               "- Farmers count the cost of a wet spring and ask the ministry for help - March 2, 2024"]
    assert kinds([*FLOOD_EN, "", *teasers], "en") == {8: "related", 9: "related", 10: "related"}


# ------------------------------------------------------------------ reasons and the scorer

def test_boilerplate_reason_names_kind_and_cues() -> None:
    lines = inside("Die Spitzenkandidatin bei der Stimmabgabe. Foto: Max Muster/dpa", "de")
    reason = classify_lines(lines, "de")[4].reason or ""
    assert reason.startswith("caption: ") and "Foto: Max Muster/dpa" in reason


@pytest.mark.parametrize(("cues", "kind"), [
    ([Cue("address", "addresses the reader", 1.0)], None),  # address alone never drops a line
    ([Cue("donation", "'Spende'", 1.0), Cue("address", "addresses the reader", 1.0)], "donation"),
    ([Cue("donation", "'Spende'", 1.0), Cue("donation", "'IBAN'", 1.0), Cue("body", "quotes someone", -1.0)], None),
    ([Cue("caption", "credit", 3.0), Cue("body", "quotes someone", -1.0)], "caption"),
])
def test_boilerplate_scorer_sums_cues(cues: list[Cue], kind: str | None) -> None:
    verdict = decide(cues)
    assert (verdict.kind if verdict else None) == kind


# ------------------------------------------------------------------ removed lines never become data

def test_boilerplate_removed_lines_give_no_claims_entities_or_times() -> None:
    raw = "\n".join([
        "Regierungspartei verliert Landtagswahl in Beispielland", "",
        ELECTION_DE[0], "",
        "Die Kandidatin Erika Musterfrau (l.) am 3. März 2024 mit 250 Helfern. Foto: Max Muster/dpa", "",
        ELECTION_DE[2], "",
        "Unterstützen Sie uns mit 5 Euro im Monat – jetzt Mitglied werden!",
    ])
    doc = process(Document(id="t", source="t", raw=raw, raw_format="txt", raw_text=raw, language="de"))
    assert doc.removed_lines == [5, 9]
    assert not any(c.value in (250, 5) for c in doc.claims)
    assert not any("März" in t.text for t in doc.times)
    assert not any("Musterfrau" in m.text or "Muster" == m.text for e in doc.entities for m in e.mentions)
