"""HTML input: the page's blocks that trafilatura left out are kept, each with a reason.

The pages are invented (a flood, a football match, an election; German and English),
each with navigation, a byline or dateline, a photo credit, a link list and a footer.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from html import unescape
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from lagebild.api import analyze
from lagebild.ingest import read_paths
from lagebild.ingest.page_blocks import read_blocks
from lagebild.model import Document
from lagebild.pipeline import process
from lagebild.text.clean import OUTSIDE
from lagebild.web import create_app

PAGES = {
    "flood": """

<html lang="de"><head><meta charset="utf-8"><title>Hochwasser an der Mulde | Talbote</title>
<meta property="og:site_name" content="Talbote">
<meta property="article:published_time" content="2026-03-14T09:30:00+01:00">
<style>p { color: red }</style><script>var counter = "123 Tote";</script></head>
<body>
<header><a href="/">Talbote</a></header>
<nav class="menu">
<ul>
<li><a href="/">Startseite</a></li>
<li><a href="/region">Region</a></li>
<li><a href="/sport">Sport</a></li>
<li><a href="/wetter">Wetter</a></li>
</ul></nav>
<main><article>
<h1>Hochwasser an der Mulde: Hunderte Keller überflutet</h1>
<p class="byline">Von Petra Lindner, Redakteurin Region</p>
<p>Nach tagelangem Regen ist die Mulde am Freitag über die Ufer getreten. In drei Gemeinden standen am Abend
rund 400 Keller unter Wasser, teilte das Landratsamt mit.</p>
<figure><img src="deich.jpg" alt=""><figcaption>Helfer sichern den Deich mit Sandsäcken. Foto: Jana
Kraus/dpa</figcaption></figure>
<p>Die Feuerwehr war mit mehr als 250 Einsatzkräften vor Ort. Nach Angaben der Polizei mussten 37 Menschen aus
ihren Häusern gebracht werden, verletzt wurde niemand.</p>
<p>Der Pegel in Grimma erreichte in der Nacht 6,20 Meter. Für Samstag rechnet der Wetterdienst mit weiterem
Regen, der Höchststand soll erst am Sonntag erreicht werden.</p>
<aside class="info"><p>Die Stadt Grimma liegt an der Mulde und hat rund 28.000 Einwohner.</p></aside>
<aside class="related"><h3>Mehr zum Thema</h3>
<ul>
<li><a href="/a">Pegel steigen auch an der Elbe</a></li>
<li><a href="/b">So schützen Sie Ihr Haus vor Wasser</a></li>
<li><a href="/c">Bürgermeister fordert neue Deiche</a></li>
</ul></aside>
</article></main>
<footer><p>© 2026 Talbote Verlag GmbH</p>

<ul>
<li><a href="/impressum">Impressum</a></li>
<li><a href="/datenschutz">Datenschutz</a></li>
<li><a href="/kontakt">Kontakt</a></li>
</ul></footer>
</body></html>
""",
    "football": """

<html lang="en"><head><meta charset="utf-8"><title>Rovers edge City in five-goal thriller</title>
<meta property="og:site_name" content="The Northern Ledger">
<meta property="article:published_time" content="2026-04-12T21:10:00+00:00">
<script>window.score = "9-9";</script><noscript>Enable JavaScript to see 12 live scores</noscript></head>
<body>
<a class="skip" href="#main">Skip to content</a>
<div role="navigation">
<ul>
<li><a href="/">Home</a></li>
<li><a href="/football">Football</a></li>
<li><a href="/cricket">Cricket</a></li>
<li><a href="/tennis">Tennis</a></li>
</ul></div>
<main id="main"><article>
<h1>Rovers edge City in five-goal thriller</h1>
<div class="byline">By Tom Harris, Sports Reporter</div>
<p>Rovers beat City 3-2 on Saturday after a late header from their captain settled a match that swung back and
forth in front of 24,000 spectators.</p>
<figure><img src="goal.jpg" alt=""><figcaption>The captain celebrates his winning goal. Photo: Mark
Ellis/Reuters</figcaption></figure>
<p>City had led twice, but Rovers equalised within ten minutes each time. The win lifts Rovers to fourth place
in the table, two points behind the leaders.</p>
<p>The manager said his side had shown character and that the result would give the squad confidence before
next week's cup semi-final.</p>
<section class="related"><h2>Related stories</h2>
<ul>
<li><a href="/x">Five things we learned from the weekend</a></li>
<li><a href="/y">Transfer window: who is moving where</a></li>
<li><a href="/z">Injury blow for the league's top scorer</a></li>
</ul></section>
</article></main>
<footer><p>Sign up for our newsletter and get the best stories every morning.</p>
<p>© 2026 The Northern Ledger. All rights reserved.</p>
</footer>
</body></html>
""",
    "wahl": """

<html lang="de"><head><meta charset="utf-8"><title>Landtagswahl: Grüne legen zu</title>
<meta property="og:site_name" content="Rheinische Abendzeitung">
<meta property="article:published_time" content="2026-09-21T23:40:00+02:00">
<style>.x{}</style><template><p>Vorlage mit 55 Prozent</p></template></head>
<body>
<nav aria-label="Hauptmenü"><a href="/">Start</a> | <a href="/politik">Politik</a> | <a
href="/wirtschaft">Wirtschaft</a></nav>
<div class="breadcrumb"><a href="/">Start</a> › <a href="/politik">Politik</a> › Landtagswahl</div>
<article>
<h1>Landtagswahl: Grüne legen zu</h1>
<p class="meta">21.09.2026, 23:40 Uhr · 3 Min. Lesezeit</p>
<p>Bei der Landtagswahl am Sonntag hat die CDU mit 31,4 Prozent die meisten Stimmen erhalten. Die Grünen
verbesserten sich nach dem vorläufigen Ergebnis um 4,2 Punkte auf 22,8 Prozent.</p>
<p>Die SPD kam auf 19,1 Prozent und verlor damit deutlich. Die Wahlbeteiligung lag bei 63 Prozent, wie die
Landeswahlleiterin am Abend mitteilte.</p>
<figure><img src="wahl.jpg" alt=""><figcaption>Wähler in einem Wahllokal in der Altstadt. Bild: Stefan
Berg</figcaption></figure>
<p>Der Ministerpräsident sprach von einem klaren Auftrag zur Regierungsbildung. Gespräche mit den Grünen
sollen bereits in der kommenden Woche beginnen.</p>
<aside class="teaser"><p>Unser Wahl-Newsletter: Jeden Freitag die wichtigsten Zahlen aus 400 Wahlkreisen.</p></aside>
</article>
<footer>
<ul>
<li><a href="/impressum">Impressum</a></li>
<li><a href="/agb">AGB</a></li>
</ul><p>© Rheinische Abendzeitung 2026</p>
</footer>
</body></html>
""",
}

# page -> (a dropped block, the start of the reason it must get)
DROPPED = {
    "flood": [
        ("Startseite", "navigation: "),
        ("Von Petra Lindner, Redakteurin Region", "metadata: byline"),
        ("Helfer sichern den Deich mit Sandsäcken. Foto: Jana Kraus/dpa", "caption: credit 'Foto: Jana Kraus/dpa'"),
        ("Die Stadt Grimma liegt an der Mulde und hat rund 28.000 Einwohner.", f"{OUTSIDE}: aside"),
        ("Pegel steigen auch an der Elbe", "related: "),
        ("© 2026 Talbote Verlag GmbH", "credit: "),
    ],
    "football": [
        ("Skip to content", "navigation: "),
        ("Cricket", "navigation: "),
        ("By Tom Harris, Sports Reporter", "metadata: byline"),
        ("The captain celebrates his winning goal. Photo: Mark Ellis/Reuters", "caption: credit 'Photo: Mark Ellis"),
        ("Transfer window: who is moving where", "related: "),
        ("Sign up for our newsletter and get the best stories every morning.", "newsletter: "),
        ("© 2026 The Northern Ledger. All rights reserved.", ""),
    ],
    "wahl": [
        ("Start | Politik | Wirtschaft", "navigation: link list"),
        ("21.09.2026, 23:40 Uhr · 3 Min. Lesezeit", "metadata: "),
        ("Wähler in einem Wahllokal in der Altstadt. Bild: Stefan Berg", "caption: credit 'Bild: Stefan Berg'"),
        ("Unser Wahl-Newsletter: Jeden Freitag die wichtigsten Zahlen aus 400 Wahlkreisen.", "newsletter: "),
        ("Impressum", f"{OUTSIDE}: footer, link list"),
        ("© Rheinische Abendzeitung 2026", "credit: "),
    ],
}
# page -> a sentence of the article text, and figures found only in dropped blocks
ARTICLE = {
    "flood": ("Die Feuerwehr war mit mehr als 250 Einsatzkräften vor Ort.", [28000.0, 2026.0]),
    "football": ("The manager said his side had shown character", [2026.0]),
    "wahl": ("Die SPD kam auf 19,1 Prozent und verlor damit deutlich.", [400.0, 2026.0]),
}


def _read(tmp_path: Path, name: str) -> Document:
    path = tmp_path / f"{name}.html"
    path.write_text(PAGES[name], encoding="utf-8")
    (doc,) = read_paths([path])
    assert isinstance(doc, Document)
    return doc


@pytest.mark.parametrize("name", sorted(PAGES))
def test_html_dropped_blocks_get_reasons(tmp_path: Path, name: str) -> None:
    doc = process(_read(tmp_path, name))
    removed = {ln.text: ln.reason or "" for ln in doc.lines if not ln.keep}
    for text, reason in DROPPED[name]:
        assert text in removed, text
        assert removed[text].startswith(reason), (text, removed[text])
        assert text not in doc.text
    assert ARTICLE[name][0] in doc.text
    # in page order: the block before the first paragraph comes before it, the footer last
    numbers = {ln.text: ln.number for ln in doc.lines}
    first_paragraph = next(ln for ln in doc.lines if ln.keep and len(ln.text) > 80)
    assert numbers[DROPPED[name][0][0]] < first_paragraph.number < numbers[DROPPED[name][-1][0]]
    assert doc.removed_lines == []  # no raw text lines: the gold's line numbers are for text inputs


@pytest.mark.parametrize("name", sorted(PAGES))
def test_html_dropped_blocks_leave_text_and_claims_unchanged(tmp_path: Path, name: str) -> None:
    with_blocks = process(_read(tmp_path, name))
    without = _read(tmp_path, name)
    assert without.dropped
    without.dropped = []
    without = process(without)
    assert with_blocks.text == without.text
    assert [ln.text for ln in without.lines if ln.keep] == [ln.text for ln in with_blocks.lines if ln.keep]
    assert [(c.text, c.value, c.start, c.end) for c in with_blocks.claims] == \
           [(c.text, c.value, c.start, c.end) for c in without.claims]
    assert [(t.text, t.value, t.start) for t in with_blocks.times] == [(t.text, t.value, t.start) for t in
without.times]
    assert [e.canonical for e in with_blocks.entities] == [e.canonical for e in without.entities]
    values = {c.value for c in with_blocks.claims}
    assert values and not values & set(ARTICLE[name][1])  # figures of dropped blocks are no claims


def test_html_blocks_are_the_visible_text_in_order() -> None:
    page = """<html><head><title>T</title><style>p{}</style></head><body>
    <div>Erster Teil<!-- eine Notiz -->, weiter<br>zweite Zeile</div>
    <script>var x = 1;</script><noscript>Bitte JavaScript</noscript><template><p>Vorlage</p></template>
    <p hidden>versteckt</p><p style="display: none">auch versteckt</p><p aria-hidden="true">unsichtbar</p>
    <footer><ul><li><a href="/a">Kontakt</a></li></ul><p>Text <a href="/b">mit Link</a></p></footer>
    <section role="navigation"><p>Rubriken</p></section></body></html>"""
    found = [(b.text, b.element) for b in read_blocks(page)]
    assert found == [("Erster Teil, weiter", "div"), ("zweite Zeile", "div"), ("Kontakt", "footer, link list"),
                     ("Text mit Link", "footer"), ("Rubriken", "nav")]


def test_html_unparsable_page_has_no_blocks() -> None:
    assert read_blocks("") == []


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    folder = tmp_path_factory.mktemp("pages")
    for name, page in PAGES.items():
        (folder / f"{name}.html").write_text(page, encoding="utf-8")
    url = f"sqlite:///{folder / 'web.db'}"
    analyze([folder], db=url).store.close()
    with TestClient(create_app(url), base_url="http://localhost", raise_server_exceptions=False) as c:
        yield c


@pytest.mark.parametrize("name", sorted(PAGES))
def test_web_document_shows_dropped_blocks_greyed_with_reasons(client: TestClient, name: str) -> None:
    page = client.get(f"/documents/{name}").text
    article = page[page.index('<article class="doctext"'):page.index("</article>")]
    assert ARTICLE[name][0] in unescape(re.sub(r"<[^>]+>", "", article))
    removed = {unescape(text): unescape(reason) for reason, text in
               re.findall(r'<p class="removed" title="[^"]*"><span class="reason">(.*?)</span>(.*?)</p>', article)}
    for text, reason in DROPPED[name]:
        assert removed.get(text, "").startswith(reason) and reason in removed[text], text
    assert f"entfernt ({len(removed)})" in page
