"""Tests for lagebild.text.clean: boilerplate lines of invented articles in German and English."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lagebild.model import Document
from lagebild.text.clean import classify_lines, clean

BODY_DE = [
    "Die Regierung in Seoul meldete am Montag neue Truppenbewegungen an der Grenze zu Russland.",
    "Nach Angaben des Generalstabs wurden rund 2000 Soldaten mit Zügen in die Grenzregion gebracht.",
    "Moskau bestätigte die Verlegung der Soldaten aus Nordkorea zunächst nicht, dementierte sie aber auch nicht.",
    "Beobachter in Seoul rechnen damit, dass Nordkorea weitere Soldaten und Granaten nach Russland schicken wird.",
    "Der Generalstab in Seoul kündigte an, die Lage an der Grenze zu Russland genau zu beobachten.",
    "Russland und Nordkorea hatten im Vorjahr einen Vertrag über gegenseitigen Beistand unterzeichnet.",
]
BODY_EN = [
    "South Korea's military said on Monday that new troop movements had been seen near the border with Russia.",
    "About 2,000 soldiers were moved by train to the border region, the joint chiefs of staff said.",
    "Moscow did not confirm the transfer of the North Korean soldiers and did not deny it either.",
    "Officials in Seoul expect North Korea to send more soldiers and shells to Russia in the coming months.",
]


# two body sentences a paragraph; no paragraph opens with the sentence that closes the one before
PARAGRAPHS_DE = [f"{a} {b}" for a, b in zip(BODY_DE, BODY_DE[2:] + BODY_DE[:2], strict=True)]
PARAGRAPHS_EN = [f"{a} {b}" for a, b in zip(BODY_EN, BODY_EN[2:] + BODY_EN[:2], strict=True)] + [BODY_EN[0]]


def kind(reason: str | None) -> str | None:
    """The kind of boilerplate a reason names ("caption: credit 'Foto: dpa'" -> "caption")."""
    return reason.split(":", 1)[0] if reason else None


def verdicts(lines: list[str], language: str = "de") -> list[tuple[bool, str | None]]:
    return [(ln.keep, kind(ln.reason)) for ln in classify_lines(lines, language)]


def dropped(lines: list[str], language: str = "de") -> list[int]:
    return [ln.number for ln in classify_lines(lines, language) if not ln.keep]


# ------------------------------------------------------------------ single lines inside a body

@pytest.mark.parametrize(("line", "reason"), [
    ("Kim Jong Un besichtigt eine Fabrik in Pjöngjang.Bild: dpa / Max Muster", "caption"),
    ("Der Kremlchef bei seiner Ankunft am Flughafen. Foto: Anna Beispiel/AFP", "caption"),
    ("© IMAGO/Petra Probe Wladimir Putin auf dem Roten Platz", "caption"),
    ("Panzer auf einer Parade in Moskau (Archivbild).", "caption"),
    ("Soldaten bei einer Übung an der Grenze. © picture alliance / Erik Exempel", "caption"),
    ("Putin und Kim beim Handschlag. Sputnik/Iwan Iwanow/Kremlin via REUTERS", "caption"),
    ("Foto: dpa", "credit"),
    ("dpa/AFP", "credit"),
    ("Stand: 03.04.2025, 09:12 Uhr", "metadata"),
    ("12.05.2024, 08:1512.05.2024, 08:15", "metadata"),
    ("Aktualisiert am 3. Mai 2024 um 10.20 Uhr", "metadata"),
    ("Lesezeit: 4 Min.", "metadata"),
    ("Von Erika Beispiel und Otto Muster, Seoul", "metadata"),
    ("1. Startseite", "navigation"),
    ("Politik", "navigation"),
    ("TeilenDrucken", "navigation"),
    ("Facebook | WhatsApp | E-Mail", "navigation"),
    ("Artikel anhören • 6 Min", "navigation"),
    ("Auch interessant", "related"),
    ("Lesen Sie auch: Wie Moskau die Sanktionen umgeht", "related"),
    ("Kommentare", "comments"),
    ("Transparenzhinweis", "editorial"),
    ("Dieser Text wurde mit Material der Nachrichtenagenturen dpa und AFP erstellt.", "editorial"),
    ("Mit unserem täglichen Newsletter verpassen Sie nichts. Jetzt kostenlos abonnieren!", "newsletter"),
    ("Unterstütze unabhängigen Journalismus mit einem Beitrag deiner Wahl.", "donation"),
])
def test_clean_drops_boilerplate_line_de(line: str, reason: str) -> None:
    lines = [PARAGRAPHS_DE[0], PARAGRAPHS_DE[1], line, PARAGRAPHS_DE[2], PARAGRAPHS_DE[3]]
    assert verdicts(lines)[2] == (False, reason)
    assert dropped(lines) == [3]


@pytest.mark.parametrize(("line", "reason"), [
    ("Kim Jong Un visits a factory. Photograph: Jane Example/Reuters", "caption"),
    ("Image caption, Soldiers march in Pyongyang", "caption"),
    ("By Jane Example, BBC News", "metadata"),
    ("June 19, 2024 2:15 AM GMT+2 Updated 3 hours ago", "metadata"),
    ("Share", "navigation"),
    ("Sign up to our daily briefing newsletter", "newsletter"),
    ("Reporting by Jane Example in Seoul; Editing by John Sample", "editorial"),
    ("Related topics", "related"),
    ("___", "navigation"),
    ("A digest of the day's main stories emailed direct to you every morning", "newsletter"),
])
def test_clean_drops_boilerplate_line_en(line: str, reason: str) -> None:
    lines = [PARAGRAPHS_EN[0], PARAGRAPHS_EN[1], line, PARAGRAPHS_EN[2], PARAGRAPHS_EN[3]]
    assert verdicts(lines, "en")[2] == (False, reason)


@pytest.mark.parametrize("line", [
    "Der Angriff forderte nach Angaben der Behörden mindestens 12 Tote. (erpe/AFP)",
    "Nordkorea liefert Granaten – Seoul schlägt Alarm",  # subheading
    "Von Moskau nach Pjöngjang",  # heading that starts like a byline
    "Putin sagte: „Wir unterstützen unsere Partner.“ Die Lieferungen gehen weiter.",
    "Laut einer Quelle im Ministerium sollen 500 Fahrzeuge geliefert worden sein.",
    "Die Zeitung berichtete über ein Foto, das Kim Jong Un vor einer Rakete zeigt.",
    "Am 17.06.2025 traf der Minister in Pjöngjang ein und blieb drei Tage.",
    "„Ich unterstütze Russland voll und ganz“, sagte Kim bei dem Treffen in Wladiwostok.",
    "Nordkorea beliefert Russland mit Material aus eigenen Fabriken, sagen Experten.",
    "Schweden will jetzt Mitglied der Nato werden, die Türkei blockiert den Beitritt noch.",
    "Mit ihrer Unterstützung konnte die Armee die Region Kursk zurückerobern.",
    "Die Karte: Wo nordkoreanische Soldaten kämpfen",
    "Die Daten der UN sind unter www.un.org abrufbar, ein Sprecher nannte sie vorläufig.",
])
def test_clean_keeps_body_line(line: str) -> None:
    lines = [BODY_DE[0], BODY_DE[1], line, BODY_DE[2], BODY_DE[3]]
    assert verdicts(lines)[2] == (True, None)


@pytest.mark.parametrize("line", [
    "“You are free to leave,” the officer told the prisoners, according to the report.",
    "This report was compiled by a UN panel of experts and seen by Reuters.",
    "Russia vowed to support our ally, the foreign ministry said in a statement.",
    "The big picture: Russia needs shells, North Korea needs cash",
    "By the end of the year, Pyongyang could send another 25,000 troops, officials said.",
])
def test_clean_keeps_body_line_en(line: str) -> None:
    lines = [BODY_EN[0], BODY_EN[1], line, BODY_EN[2], BODY_EN[3]]
    assert verdicts(lines, "en")[2] == (True, None)


# ------------------------------------------------------------------ context

@pytest.mark.parametrize(("lines", "expected"), [
    # duplicated caption (blank line between)
    (["Titel der Meldung über Nordkorea", "", "Ein Soldat vor einer Kaserne in Pjöngjang.", "",
      "Ein Soldat vor einer Kaserne in Pjöngjang.", "", BODY_DE[0], "", BODY_DE[1]], [3, 5]),
    # image title glued to a caption line in a blank-line separated text
    (["Titel über Russland", "", BODY_DE[0], "", "Beide Staaten bauen ihre Zusammenarbeit aus.",
      "Kim und Putin bei einem Treffen. © IMAGO/Erik Exempel", "", BODY_DE[1], "", BODY_DE[2]], [5, 6]),
    # breadcrumb with an unknown rubric next to known navigation, and a one-word rubric on top
    (["Titel über Russland", "1. Startseite", "2. Ukraine-Krieg", "Korea", BODY_DE[0], BODY_DE[1]], [2, 3, 4]),
    # teaser links after "Mehr zum Thema"
    ([BODY_DE[0], BODY_DE[1], "Mehr zum Thema:", "Wie Pjöngjang Devisen beschafft", "Der Zug nach Wladiwostok",
      BODY_DE[2], BODY_DE[3]], [3, 4, 5]),
])
def test_clean_context_rules(lines: list[str], expected: list[int]) -> None:
    assert dropped(lines) == expected


@pytest.mark.parametrize("lines", [
    # one subheading after a related header is body text, not a teaser run
    [BODY_DE[0], "Auch interessant", "", "Die Lage an der Grenze", BODY_DE[1], BODY_DE[2]],
    # a sentence next to a caption in a text without blank-line paragraphs stays
    [BODY_DE[0], "Kim bei der Parade. Foto: Max Muster/dpa", BODY_DE[1], BODY_DE[2], BODY_DE[3]],
    # a copyright footer does not swallow the paragraph before it
    ["Titel über Russland", "", BODY_DE[0], "", BODY_DE[1], "", "Die Gespräche sollen im Herbst weitergehen.",
     "© Beispielverlag 2024"],
])
def test_clean_context_keeps_neighbours(lines: list[str]) -> None:
    kept_body = [ln.text for ln in classify_lines(lines) if ln.keep and ln.text]
    assert all(line in kept_body for line in lines if line in BODY_DE or line.startswith("Die "))


@pytest.mark.parametrize(("lines", "expected"), [
    # an appeal box running over bullets, a short thanks and a link, after the article
    ([BODY_DE[0], "", BODY_DE[1], "", "Werde jetzt Mitglied unserer Genossenschaft!",
      "Mit deiner Unterstützung können wir weiter berichten:", "→ Recherchen vor Ort", "→ Analysen ohne Paywall",
      "", "Vielen Dank!", "", "Mehr Infos auf www.beispiel-zeitung.de/mitglied"], [5, 6, 7, 8, 10, 12]),
    # an editorial note whose second half is split onto the next line; the body resumes after it
    ([BODY_DE[0], BODY_DE[1], "Transparenzhinweis", "Dieser Artikel wurde von unserer Redaktion erstellt. Fragen an",
      "redaktion@beispiel.de.", BODY_DE[2], BODY_DE[3]], [3, 4, 5]),
])
def test_clean_box_runs_until_body_resumes(lines: list[str], expected: list[int]) -> None:
    assert dropped(lines) == expected


def test_clean_drops_unrelated_article_at_end() -> None:
    other = [
        "Im Hochwassergebiet an der Elbe haben Helfer die Deiche mit Sandsäcken verstärkt und Keller ausgepumpt. "
        "Die Feuerwehr war mit mehreren hundert Kräften im Einsatz.",
        "Meteorologen erwarten für das Wochenende neuen Starkregen an der Elbe, Pegel könnten erneut steigen. "
        "Die Stadtverwaltung rät Anwohnern, Sandsäcke bereitzuhalten.",
    ]
    lines = [*BODY_DE, *other]
    assert dropped(lines) == [7, 8]
    assert {kind(ln.reason) for ln in classify_lines(lines) if not ln.keep} == {"unrelated"}


@pytest.mark.parametrize("ending", [
    ["Nordkorea bestreitet die Lieferungen an Russland, Seoul will die Beweise der UN vorlegen."],
    ["Die Lage bleibt angespannt."],
    # reaction paragraphs that name new places and people but continue the story
    ["In Washington stieß das Vorgehen auf scharfe Kritik. Ein Sprecher des Weißen Hauses kündigte an, die "
     "Vereinigten Staaten würden mit Verbündeten über Strafmaßnahmen beraten. Auch Tokio zeigte sich besorgt.",
     "Experten in Europa warnen, dass die Allianz die Sicherheitslage in Ostasien verändern könnte. Ein Forscher "
     "aus Berlin erwartet, dass China die Entwicklung genau verfolgen wird, weil Peking großen Einfluss hat."],
])
def test_clean_keeps_on_topic_ending(ending: list[str]) -> None:
    assert dropped([*BODY_DE, *ending]) == []


def test_clean_strips_scraper_prefix_but_keeps_line() -> None:
    lines = [" date 2025-07 Nordkorea schickt Soldaten nach Russland. Seoul ist besorgt.", "", BODY_DE[0]]
    first = classify_lines(lines)[0]
    assert (first.keep, first.text) == (True, "Nordkorea schickt Soldaten nach Russland. Seoul ist besorgt.")


@pytest.mark.parametrize("raw", [
    f"{BODY_DE[0]}\n\nFoto: dpa\n{BODY_DE[1]}\n   \n",
    f"Titel\n1. Startseite\n2. Politik\n\n{BODY_DE[0]}\nAuch interessant\n\nKommentare",
])
def test_clean_document_text_and_removed_lines(raw: str) -> None:
    doc = clean(Document(id="t", source="t", raw=raw, raw_format="txt", raw_text=raw, language="de"))
    assert all(n in [ln.number for ln in doc.lines] for n in doc.removed_lines)
    assert doc.text.split("\n") == [ln.text for ln in doc.lines if ln.keep and ln.text]
    assert "" not in doc.text.split("\n") and doc.removed_lines


# ------------------------------------------------------------------ properties

POOL = [*BODY_DE, "", "", "Foto: dpa", "Politik", "Teilen", "Auch interessant", "Kommentare",
        "Stand: 03.04.2025, 09:12 Uhr", "Kim und Putin in Pjöngjang. Bild: AP / Max Muster",
        "Werde Mitglied und unterstütze uns!", "→ Recherchen vor Ort", "Die Lage an der Grenze",
        "Transparenzhinweis", "Nordkorea"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(POOL), max_size=14), st.lists(st.text(max_size=60), max_size=3))
def test_clean_is_idempotent(pool_lines: list[str], noise: list[str]) -> None:
    raw = "\n".join(pool_lines + [n.replace("\r", " ") for n in noise])
    once = clean(Document(id="a", source="a", raw=raw, raw_format="txt", raw_text=raw, language="de"))
    twice = clean(Document(id="b", source="b", raw=once.text, raw_format="txt", raw_text=once.text, language="de"))
    assert twice.text == once.text
    assert twice.removed_lines == []


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(max_size=120), max_size=12), st.sampled_from(["de", "en", "fr"]))
def test_clean_classify_lines_never_crashes(lines: list[str], language: str) -> None:
    out = classify_lines(lines, language)
    assert [ln.number for ln in out] == list(range(1, len(lines) + 1))
    assert all(ln.keep or ln.reason for ln in out)


# ------------------------------------------------------------------ page header and footer lines

@pytest.mark.parametrize(("line", "language", "reason"), [
    # author lines with a longer opening than "Von"/"By"
    ("Ein Beitrag von Lena Beispiel", "de", "metadata"),
    ("Eine Analyse von Jan Muster und Eva Probe", "de", "metadata"),
    ("Written by Tom Example", "en", "metadata"),
    # subscription offers: a price in cents per month, a trial period
    ("Mit Plus lesen Sie alle Texte für 6,99 Euro im Monat.", "de", "newsletter"),
    ("Beispielblatt digital: Jetzt 6 Wochen für 1,99 Euro testen.", "de", "newsletter"),
    # where the text appeared first, and agency material at the end
    ("Dieser Text erschien zuerst im Beispielkurier. (bk)", "de", "editorial"),
    ("Mit Material von Beispiel-Agentur", "de", "editorial"),
    ("This story first appeared in The Example Times.", "en", "editorial"),
    ("With reporting from Example Wire", "en", "editorial"),
    # tag lists and links to more articles
    ("Schlagworte: Polen, Litauen, Grenzschutz", "de", "navigation"),
    ("Tags: Poland, Lithuania, border guard", "en", "navigation"),
    ("Weitere Artikel aus dem Ressort Wirtschaft", "de", "related"),
    ("Read next: Poland closes two border crossings, Warsaw says", "en", "related"),
])
def test_clean_drops_footer_line(line: str, language: str, reason: str) -> None:
    body = BODY_DE if language == "de" else BODY_EN
    lines = [body[0], body[1], line, body[2], body[3]]
    assert verdicts(lines, language)[2] == (False, reason)


@pytest.mark.parametrize("line", [
    # a price in a body sentence is no subscription offer
    "Ein Liter Diesel kostet in Pjöngjang angeblich 1,85 Euro, berichten Händler.",
    "Die Armee will die neuen Raketen im Sommer testen.",
    "Weitere Soldaten sollen im Herbst folgen, sagte ein Sprecher.",
])
def test_clean_keeps_body_line_with_footer_words(line: str) -> None:
    lines = [BODY_DE[0], BODY_DE[1], line, BODY_DE[2], BODY_DE[3]]
    assert verdicts(lines)[2] == (True, None)


@pytest.mark.parametrize(("lines", "expected"), [
    # the outlet's masthead above the page navigation
    (["Oderland Bote", "Startseite", "Titel über Russland", BODY_DE[0], BODY_DE[1]], [1, 2]),
    (["NORDSEE ECHO – Zeitung für die Küste", "Politik | Ausland", "Titel über Russland", BODY_DE[0]], [1, 2]),
    # a headline above the navigation is kept: it has lower-case words
    (["Titel über Russland", "Startseite", BODY_DE[0], BODY_DE[1]], [2]),
])
def test_clean_masthead(lines: list[str], expected: list[int]) -> None:
    assert dropped(lines) == expected


def test_clean_unrelated_article_after_closing_box() -> None:
    other = [
        "Bei einem Waldbrand in Portugal sind am Sonntag mehrere Dörfer evakuiert worden. "
        "Die Flammen erreichten am Abend die Küstenstraße.",
        "In der Algarve kämpften Hunderte Feuerwehrleute gegen die Glut, Löschflugzeuge aus Spanien halfen aus. "
        "Der Wetterdienst rechnet erst für Mittwoch mit Regen.",
    ]
    lines = [*BODY_DE, "Transparenzhinweis: Dieser Artikel wurde von unserer Redaktion geprüft.", *other]
    assert dropped(lines) == [7, 8, 9]
