"""Attribution: who says so (sources from prepositions, verbs of saying, particles; passages of
reported speech; a back reference), read through the claims it gives its source to."""
from __future__ import annotations

import pytest

from claim_helpers import claims, only
from lagebild.pipeline import analyze_text


@pytest.mark.parametrize(("text", "language", "source"), [
    ("Laut dem polnischen Außenministerium kamen 200 Diplomaten.", "de", "polnischen Außenministerium"),
    ("Laut Angaben belgischer Behörden flohen 900 Menschen.", "de", "belgischer Behörden"),
    ("Dem Lagebericht zufolge fehlen 300 Lastwagen.", "de", "Lagebericht"),
    ("Nach Angaben von Helfern in Odessa warten 80 Schiffe.", "de", "Helfern in Odessa"),
    ("Nach Erkenntnissen des finnischen Grenzschutzes kamen 150 Migranten.", "de", "finnischen Grenzschutzes"),
    ("Der dänische Verteidigungsminister sagte, es gebe 70 Verletzte.", "de", "dänische Verteidigungsminister"),
    ("Gestern meldete die Küstenwache 12 Boote.", "de", "Küstenwache"),
    ("Man habe 500 Zelte aufgestellt, erklärte das Rote Kreuz.", "de", "Rote Kreuz"),
    ("Wie die Zeitung Kommersant schreibt, wurden 40 Züge gestrichen.", "de", "Zeitung Kommersant"),
    ("Am Freitag hieß es aus Tokio, 30 Flüge seien ausgefallen.", "de", "Tokio"),
    ("Es gebe 60 Tote, so der Bürgermeister weiter.", "de", "Bürgermeister"),
    ("Hunderte Menschen sind unterwegs, teilte die Polizei mit.", "de", "Polizei"),
    ("Die Zeitung meldet unter Berufung auf Diplomaten 20 Ausweisungen.", "de", "Zeitung"),
    ("According to the Polish border guard, 700 migrants crossed.", "en", "Polish border guard"),
    ("The Danish navy said 14 ships were tracked.", "en", "Danish navy"),
    ("Im Hafen liegen 25 Frachter.", "de", ""),
    ("Fishermen counted 25 whales.", "en", ""),
    # a verb of counting attributes the figure when an institution counts
    ("In May, the coastal health agency counted about 900 patients.", "en", "coastal health agency"),
    ("Das Gesundheitsministerium zählte im Mai rund 900 Patienten.", "de", "Gesundheitsministerium"),
    ("Die Fischer zählten im Mai 25 Wale.", "de", ""),
])
def test_attribution_source(text: str, language: str, source: str) -> None:
    assert only(text, language).source == source


@pytest.mark.parametrize(("text", "sources"), [
    # indirect speech and hearsay continue the source of the previous sentence
    ("Laut der Agentur Tass fahren 12 Züge. Die Fahrt solle 9 Tage dauern.", ["Agentur Tass", "Agentur Tass"]),
    ("Laut der Agentur Tass fahren 12 Züge. Die Fahrt soll 9 Tage dauern.", ["Agentur Tass", "Agentur Tass"]),
    # a plain indicative sentence starts a new point; one that adds to a framed report goes on with it
    ("Die Agentur Tass meldete 12 Züge. Die Fahrt dauert 9 Tage.", ["Agentur Tass", ""]),
    ("Laut der Agentur Tass fahren 12 Züge. Die Fahrt dauert 9 Tage.", ["Agentur Tass", ""]),
    ("Laut der Agentur Tass fahren 12 Züge. Zudem fahren 4 Busse.", ["Agentur Tass", "Agentur Tass"]),
    # Konjunktiv I opening the next paragraph goes on with the report; hearsay "soll" does not
    ("Laut der Agentur Tass fahren 12 Züge.\nDie Fahrt solle 9 Tage dauern.", ["Agentur Tass", "Agentur Tass"]),
    ("Laut der Agentur Tass fahren 12 Züge.\nDie Fahrt soll 9 Tage dauern.", ["Agentur Tass", ""]),
    # "Das teilte X mit." names the source of the sentence before
    ("Im Hafen liegen 14 Tanker. Das teilte die Hafenbehörde mit.", ["Hafenbehörde"]),
])
def test_attribution_source_inheritance(text: str, sources: list[str]) -> None:
    assert [c.source for c in claims(text)] == sources


@pytest.mark.parametrize(("text", "language", "source"), [
    # English phrasal particles are not German separable prefixes: "said around" stays "say"
    ("Harbour officials said around 300 trucks were waiting.", "en", "Harbour officials"),
    # an English verb in -s that the tagger reads as a plural noun, before "that"
    ("The Finnish coast guard estimates that 40 tankers passed.", "en", "Finnish coast guard"),
    # German perfect and verb-final clauses: the complement "von" stands before the participle
    ("Gestern hatte der Bürgermeister von 90 Verletzten gesprochen.", "de", "Bürgermeister"),
    # a compound of a report noun names its author in its first part
    ("Die Sitzung dauerte nach Regierungsangaben 70 Minuten.", "de", "Regierungsangaben"),
    # adverbs between the subject and the verb of saying
    ("The Latvian army initially put the figure at 120 vehicles.", "en", "Latvian army"),
    # the subject of a verb of saying in a subordinate clause
    ("The talks ended as the Estonian navy warned that 14 ships were missing.", "en", "Estonian navy"),
    # English keeps subject-verb order: the noun after the verb is its object, not its source
    ("Video released by the police showed 60 protesters in the square.", "en", ""),
    # the subject stands before a relative clause that separates it from its verb
    ("Ein Sprecher der Feuerwehr, der selbst vor Ort war, sprach von 35 Verletzten.", "de", "Sprecher der Feuerwehr"),
    ("The mayor, who visited the site on foot, said 80 houses were destroyed.", "en", "mayor"),
    # a relative pronoun as subject: the person named before it
    ("The delegation was led by Anna Berg, who announced that 25 engineers would stay.", "en", "Anna Berg"),
    # a passive agent belongs to the participle right before it, not to a later one
    ("According to the Baltic Institute, the ferries are estimated to carry 30% of the cargo shipped by Latvia.",
     "en", "Baltic Institute"),
])
def test_attribution_source_grammar(text: str, language: str, source: str) -> None:
    assert only(text, language).source == source


@pytest.mark.parametrize(("text", "language", "source"), [
    # a pronoun source is given as the text names the person (its longest spelling)
    ("Sabine Roth besuchte den Hafen. Dort lägen 14 Frachter, sagte sie.", "de", "Sabine Roth"),
])
def test_attribution_pronoun_source_as_written(text: str, language: str, source: str) -> None:
    assert only(text, language).source == source


@pytest.mark.parametrize(("text", "language", "sources"), [
    # an attribution inside a relative clause covers that clause only, not the next sentence
    ("Die Halle, die nach offiziellen Angaben 800 Betten hat, ist voll. Dort sollen 30 Helfer sein.",
     "de", ["offiziellen Angaben", ""]),
    # a semicolon ends the reach of a verb of saying
    ("The navy put the number at 12 ships; later arrivals raised the total to 20.", "en", ["navy", ""]),
    # indirect speech about a later time than the report cannot continue it
    ("Im März 2023 hatte die Behörde von 200 Anträgen gesprochen. Im Mai 2024 sollen 300 gefolgt sein.",
     "de", ["Behörde", ""]),
    # Konjunktiv II plural forms continue a passage in Konjunktiv I ...
    ("Die Reederei sagte, es seien 12 Schiffe unterwegs. Darin könnten 900 Autos sein.",
     "de", ["Reederei", "Reederei"]),
    # ... but not a plain report in the indicative
    ("Die Reederei kündigte 12 neue Schiffe an. Damit könnten 900 Autos transportiert werden.",
     "de", ["Reederei", ""]),
])
def test_attribution_source_scope(text: str, language: str, sources: list[str]) -> None:
    assert [c.source for c in claims(text, language)] == sources


def test_attribution_sentence_with_a_year_and_a_month_of_that_year() -> None:
    # a year and a month of the same year in one attributed sentence: the later-date check compares them
    found = claims("Laut Ministerium kamen 2024 insgesamt 300 Helfer, im Juli 2024 allein 90 Helfer.")
    assert [(c.value, c.source) for c in found] == [(300, "Ministerium"), (90, "Ministerium")]


@pytest.mark.parametrize(("text", "language", "own", "passage", "back"), [
    # own source, a passage in Konjunktiv I that continues it, an indicative sentence that ends it
    ("Die Feuerwehr meldete 12 Brände. Die Löscharbeiten dauerten 9 Stunden. Es gebe keine Verletzten.", "de",
     ["Feuerwehr", "", ""], ["Feuerwehr", "", ""], ["", "", ""]),
    ("Laut Feuerwehr brannten 12 Häuser. Die Löscharbeiten sollen 9 Stunden gedauert haben.", "de",
     ["Feuerwehr", ""], ["Feuerwehr", "Feuerwehr"], ["", ""]),
    # "Das teilte X mit." names the source of the sentence before it
    ("Am Flughafen fielen 80 Flüge aus. Das teilte die Betreibergesellschaft mit.", "de",
     ["", "Betreibergesellschaft"], ["", "Betreibergesellschaft"], ["Betreibergesellschaft", ""]),
    # English: the next sentence about what the report named goes on with it
    ("The union said 4,000 workers joined the strike. It lasted two days.", "en",
     ["union", ""], ["union", "union"], ["", ""]),
])
def test_attribution_sentences_and_passages(text: str, language: str, own: list[str], passage: list[str],
                                           back: list[str]) -> None:
    doc = analyze_text(text, language, published="2025-06-01")
    assert [a.own for a in doc.attributions] == own
    assert [a.passage for a in doc.attributions] == passage
    assert [a.back for a in doc.attributions] == back


@pytest.mark.parametrize(("text", "language", "cues"), [
    ("Nach Angaben der Küstenwache und laut Reuters sanken 3 Boote.", "de", ["Küstenwache", "Reuters"]),
    ("Officials told reporters 200 homes were flooded, according to the county.", "en", ["Officials", "county"]),
])
def test_attribution_cues_where_they_stand(text: str, language: str, cues: list[str]) -> None:
    doc = analyze_text(text, language)
    assert sorted(c.source for c in doc.attributions[0].cues) == sorted(cues)


@pytest.mark.parametrize(("text", "language", "source"), [
    # the whole naming phrase before the verb: an acronym in brackets, coordination, a possessive
    ("Die Internationale Energieagentur (IEA) geht davon aus, dass 40 Kraftwerke schließen.", "de",
     "Internationale Energieagentur (IEA)"),
    ("The International Energy Agency (IEA) said 40 plants would close.", "en", "International Energy Agency (IEA)"),
    ("Dänische und schwedische Polizisten sagten, 30 Fans seien festgenommen worden.", "de",
     "Dänische und schwedische Polizisten"),
    ("Danish and Swedish police say 30 fans were arrested.", "en", "Danish and Swedish police"),
    ("Die Bürgermeisterin Eva Roth (52) sagte, 300 Häuser seien beschädigt.", "de", "Bürgermeisterin Eva Roth (52)"),
    # quotation marks inside the clause do not cut the subject off its verb
    ("Zuvor hatte der Wetterdienst die Regenmenge auf „etwa 120 Liter“ geschätzt.", "de", "Wetterdienst"),
    # a name and its apposition between commas before the verb
    ("Anna Berg, Sprecherin der Feuerwehr, sagte, 12 Häuser seien abgebrannt.", "de",
     "Anna Berg, Sprecherin der Feuerwehr"),
    ("Maria Lopez, the city's fire chief, said 12 houses burned.", "en", "Maria Lopez, the city's fire chief"),
    # a separated particle after a bracket; a name followed by a dative is no genitive
    ("Es gebe 80 Verletzte, teilte der Bürgermeister Jan Kowalski dem Sender WDR (Westdeutscher Rundfunk) mit.",
     "de", "Bürgermeister Jan Kowalski"),
    # a pronoun takes the full name, hyphenated parts included
    ("Park Ji-hoon spoke to reporters on Monday. \"We counted 40 boats,\" he said.", "en", "Park Ji-hoon"),
])
def test_attribution_source_whole_naming_phrase(text: str, language: str, source: str) -> None:
    assert only(text, language).source == source


@pytest.mark.parametrize(("text", "language", "value"), [
    ("Für den Süden gibt es keine Zahl, jedoch geht Verkehrsminister Ahmet Yilmaz (47) davon aus, dass rund "
     "900 Brücken beschädigt seien.", "de", 47),
    ("Es gebe 20 Verletzte, sagte der Polizeichef Lars Nilsson (59).", "de", 59),
    ("Some 20 people were hurt, said police chief Lars Nilsson (59).", "en", 59),
])
def test_attribution_speaker_age_is_no_reported_figure(text: str, language: str, value: int) -> None:
    age = next(c for c in claims(text, language) if c.value == value)
    assert (age.source, age.hedged) == ("", False)


@pytest.mark.parametrize(("text", "language", "sources"), [
    # a paragraph opened by a framing attribution: the paragraph, until the next paragraph
    ("Nach Angaben der Bergwacht sind 14 Wanderer vermisst. Die Polizei hat zudem zwei Hubschrauber geschickt. "
     "Weitere 30 Helfer sind am Morgen aufgebrochen.\nIm Tal regnet es seit 3 Tagen.", "de",
     ["Bergwacht", "Bergwacht", "Bergwacht", ""]),
    ("According to the mountain rescue service, 14 hikers are missing. Police also sent two helicopters. "
     "Another 30 volunteers left in the morning.\nSchools reopened with 300 pupils.", "en",
     ["mountain rescue service", "mountain rescue service", "mountain rescue service", ""]),
    # ... not a sentence that does not add to the report: the author's voice
    ("Nach Angaben der Behörden kamen 400 Touristen. Für die Insel ist der Tourismus wichtig (ein Zimmer kostet "
     "90 Euro).", "de", ["Behörden", ""]),
    ("According to the authorities, 400 tourists came. For the island tourism matters (a room costs 90 euros).",
     "en", ["authorities", ""]),
    # ... until a report without a reporter ("wurden gezählt") starts
    ("Wie die Wahlbehörde mitteilte, lag die Beteiligung bei 61 Prozent. Im Süden sind bisher 900 Stimmen "
     "gezählt worden.", "de", ["Wahlbehörde", ""]),
    # Konjunktiv I after a subheading goes on with the report of the paragraph before it
    ("Die Ministerin sprach von 40 Schulen.\nNeue Pläne\nDemnach würden 300 Lehrer eingestellt.", "de",
     ["Ministerin", "Ministerin"]),
    # indirect speech with no source before it takes the source the next sentence names
    ("Es werde geschätzt, dass 1500 Fans angereist seien. Über 500 Polizisten sind im Einsatz, wie der "
     "Sprecher der Polizei sagte.", "de", ["Sprecher der Polizei", "Sprecher der Polizei"]),
    # a statement continued by a pronoun sentence that names its speaker after the content
    ("Die Stadt baut 800 Wohnungen. Sie sollen bis 2030 fertig sein, teilte der Bürgermeister mit.", "de",
     ["Bürgermeister"]),
    ("The city is building 800 flats. They will be ready by 2030, the mayor said.", "en", ["mayor"]),
    # a quotation over two sentences belongs to the speaker named after it; the next quote goes on
    ("„Wir haben 40 Boote gezählt. Es werden täglich mehr“, sagte die Sprecherin der Küstenwache. "
     "„Gestern kamen 12 Boote hinzu.“", "de", ["Sprecherin der Küstenwache", "Sprecherin der Küstenwache"]),
    ("“We counted 40 boats. There are more every day,” the coast guard spokeswoman said. "
     "“Yesterday 12 new ones arrived.”", "en", ["coast guard spokeswoman", "coast guard spokeswoman"]),
    # English has no reported-speech mood: a report goes on while the next sentence is about what it named
    ("The weather service said the storm hit 12 towns on Monday. It was 80 kilometres wide.", "en",
     ["weather service", "weather service"]),
    ("The weather service said the storm hit 12 towns on Monday. Schools reopened with 300 pupils.", "en",
     ["weather service", ""]),
    # a report noun with its author and a "dass"/"that" clause; the speaker, not the channel
    ("Die Daten stützen die Angaben von Präsident Lula, dass Brasilien 4000 Feuerwehrleute entsandt habe.", "de",
     ["Präsident Lula"]),
    ("The data back the claim by President Lula that Brazil sent 4,000 firefighters.", "en", ["President Lula"]),
    ("„Die Lage ist ernst“, so Müller laut der Zeitung „Kurier“ am Montag. Demnach seien 40 Dörfer evakuiert "
     "worden.", "de", ["Müller"]),
])
def test_attribution_passage_over_the_discourse(text: str, language: str, sources: list[str]) -> None:
    assert [c.source for c in claims(text, language)] == sources


@pytest.mark.parametrize(("text", "language", "sources"), [
    # a report described only by its stage names no source
    ("Schwere Stürme haben nach ersten Erkenntnissen mehr als 30 Menschen das Leben gekostet.", "de", [""]),
    ("According to preliminary figures, 30 people died in the storms.", "en", [""]),
    # a possessive before the report noun points to the person named before
    ("Bürgermeisterin Maria Schulz sprach von 40 Bränden. Nach ihren Angaben wurden 200 Häuser geräumt.", "de",
     ["Bürgermeisterin Maria Schulz", "Maria Schulz"]),
    ("Mayor Maria Schulz spoke of 40 fires. According to her figures, 200 homes were evacuated.", "en",
     ["Mayor Maria Schulz", "Maria Schulz"]),
    # verbs of saying, fearing and appealing
    ("Der Gesundheitsminister nannte die Zahl von 5434 Toten.", "de", ["Gesundheitsminister"]),
    ("Die Rettungsdienste befürchten, dass 200 Menschen verschüttet sind.", "de", ["Rettungsdienste"]),
    ("Rescuers fear that 200 people are trapped.", "en", ["Rescuers"]),
    ("Die UNO hat einen Appell gestartet, um 300 Millionen Dollar zu sammeln.", "de", ["UNO"]),
    ("The Red Cross launched an appeal to raise 300 million dollars.", "en", ["Red Cross"]),
    ("President Ana Diaz tweeted that the country would send 85 doctors.", "en", ["President Ana Diaz"]),
])
def test_attribution_report_phrases_and_verbs(text: str, language: str, sources: list[str]) -> None:
    assert [c.source for c in claims(text, language)] == sources


@pytest.mark.parametrize(("text", "language", "sources"), [
    # a headline that names its source before a colon or after a closing dash
    ("Kiew: Russland verlegt 3000 Soldaten an die Grenze\nDie Lage bleibt angespannt.", "de", ["Kiew"]),
    ("Kyiv: Russia moves 3,000 troops to the border\nThe situation remains tense.", "en", ["Kyiv"]),
    ("Brasilien exportierte 2023 rund 90 Millionen Tonnen Soja – Reuters\nDie Preise stiegen.", "de", ["Reuters"]),
    ("Brazil exported 90 million tonnes of soy in 2023 – Reuters\nPrices rose.", "en", ["Reuters"]),
    # a topic before the colon is no source
    ("Hochwasser in Bayern: 40 Dörfer evakuiert\nDie Lage bleibt angespannt.", "de", [""]),
    ("Floods in Bavaria: 40 villages evacuated\nThe situation remains tense.", "en", [""]),
])
def test_attribution_headline_names_its_source(text: str, language: str, sources: list[str]) -> None:
    assert [c.source for c in claims(text, language)] == sources
