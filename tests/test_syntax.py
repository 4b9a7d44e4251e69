"""The structure of each sentence (`text.syntax`): noun phrases, clauses, quotes, paragraphs."""
from __future__ import annotations

import pytest

from lagebild.model import Document, Sentence
from lagebild.pipeline import prepare
from lagebild.text.syntax import syntax


def sentence(text: str, language: str = "de") -> Sentence:
    (s,) = prepare(text, language).sentences
    return s


def words(s: Sentence, span: tuple[int, int] | None) -> str:
    assert span is not None
    return " ".join(t.text for t in s.tokens[span[0]:span[1]])


def phrase_with(s: Sentence, head: str) -> tuple[str, tuple[str, ...]]:
    """(the phrase's words, its compound parts) for the phrase headed by `head`."""
    (p,) = [p for p in s.syntax.phrases if s.tokens[p.head].text == head]
    return words(s, (p.start, p.end)), p.compound


@pytest.mark.parametrize(("text", "language", "head", "phrase", "compound"), [
    # the compound head split by the tagger's morphemes
    ("Beim Hochwasser halfen 2.000 Feuerwehrleute.", "de", "Feuerwehrleute", "2.000 Feuerwehrleute",
     ("Feuer", "Wehr", "Leute")),
    ("Nach dem Beben kamen die Bausoldaten.", "de", "Bausoldaten", "die Bausoldaten", ("Bau", "Soldat")),
    ("Die Stadt richtete 40 Notunterkünfte ein.", "de", "Notunterkünfte", "40 Notunterkünfte", ("Not", "Unterkunft")),
    # English compounds are written apart: the last noun heads, the nouns before it are its parts
    ("The regional election commission met on Monday.", "en", "commission",
     "The regional election commission", ("election", "commission")),
    ("They fired 1.5 million artillery shells.", "en", "shells", "1.5 million artillery shells",
     ("artillery", "shell")),
    # a possessive name belongs to the phrase it opens
    ("Poland's football association fined the club.", "en", "association",
     "Poland 's football association", ("football", "association")),
    # a participle with its own phrase inside a German noun phrase
    ("Die Hälfte der im Mai gelieferten Turbinen stand still.", "de", "Turbinen",
     "der im Mai gelieferten Turbinen", ("Turbine",)),
    # a truncated part and the compound it is coordinated with
    ("Es streikten Bus- und Straßenbahnfahrer.", "de", "Straßenbahnfahrer", "Bus- und Straßenbahnfahrer",
     ("Straße", "Bahn", "Fahrer")),
])
def test_syntax_noun_phrase_head_and_compound(text: str, language: str, head: str, phrase: str,
                                              compound: tuple[str, ...]) -> None:
    assert phrase_with(sentence(text, language), head) == (phrase, compound)


@pytest.mark.parametrize(("text", "language", "head", "numerals", "determiners", "modifiers"), [
    ("Die ersten 300 freiwilligen Helfer trafen ein.", "de", "Helfer", ["300"], ["Die"], ["ersten", "freiwilligen"]),
    ("Rund 1,2 Millionen Menschen wählten.", "de", "Menschen", ["1,2", "Millionen"], [], []),
    ("Tausende Demonstranten zogen zum Rathaus.", "de", "Demonstranten", ["Tausende"], [], []),
    ("The two largest unions called a strike.", "en", "unions", ["two"], ["The"], ["largest"]),
])
def test_syntax_noun_phrase_parts(text: str, language: str, head: str, numerals: list[str],
                                  determiners: list[str], modifiers: list[str]) -> None:
    s = sentence(text, language)
    (p,) = [p for p in s.syntax.phrases if s.tokens[p.head].text == head]
    assert [s.tokens[k].text for k in p.numerals] == numerals
    assert [s.tokens[k].text for k in p.determiners] == determiners
    assert [s.tokens[k].text for k in p.modifiers] == modifiers


@pytest.mark.parametrize(("text", "language", "head", "genitive", "place"), [
    ("Der Trainer des Vereins aus Bremen lobte die Elf.", "de", "Trainer", "des Vereins", "aus Bremen"),
    ("Nach Angaben der Feuerwehr in Kassel brannte eine Halle.", "de", "Angaben", "der Feuerwehr", "in Kassel"),
    ("The head of the agency in Nairobi resigned.", "en", "head", "the agency", "in Nairobi"),
])
def test_syntax_noun_phrase_attachments(text: str, language: str, head: str, genitive: str, place: str) -> None:
    s = sentence(text, language)
    (p,) = [p for p in s.syntax.phrases if s.tokens[p.head].text == head]
    assert p.genitive is not None
    g = s.syntax.phrases[p.genitive]
    assert words(s, (g.start, g.end)) == genitive
    assert words(s, p.place) == place


@pytest.mark.parametrize(("text", "language", "kinds"), [
    ("Der Minister, der gestern zurücktrat, kritisierte die Regierung.", "de", ["main", "relative"]),
    ("Die Wahl wird wiederholt, weil Stimmzettel fehlten.", "de", ["main", "subordinate"]),
    ("The mayor, who visited the site, praised the volunteers.", "en", ["main", "relative"]),
    ("Die Fans feierten, die Polizei blieb ruhig.", "de", ["main", "main"]),
    ("Das Museum (es öffnete 1998) schließt.", "de", ["main", "parenthetical"]),
])
def test_syntax_clause_kinds(text: str, language: str, kinds: list[str]) -> None:
    assert sorted(c.kind for c in sentence(text, language).syntax.clauses) == sorted(kinds)


@pytest.mark.parametrize(("text", "language", "finite", "tense", "mood", "negated", "subject"), [
    ("Die Bürgermeisterin sagte, die Stadt habe 40 Zelte aufgestellt.", "de", "habe", "perfect", "subjunctive1",
     False, "die Stadt"),
    ("Die Gewerkschaft erklärte, die Löhne seien zu niedrig.", "de", "seien", "present", "subjunctive1",
     False, "die Löhne"),
    ("Ohne Regen wären die Felder verdorrt.", "de", "wären", "present", "subjunctive2", False, "die Felder"),
    ("Am Sonntag wird das Parlament neu gewählt werden.", "de", "wird", "future", "indicative", False,
     "das Parlament"),
    ("Der Zug fuhr nicht ab.", "de", "fuhr", "", "indicative", True, "Der Zug"),
    ("The commission did not publish the results.", "en", "did", "past", "indicative", True, "The commission"),
    ("Rescuers have found 12 survivors.", "en", "have", "perfect", "indicative", False, "Rescuers"),
])
def test_syntax_clause_verbs_and_subject(text: str, language: str, finite: str, tense: str, mood: str,
                                         negated: bool, subject: str) -> None:
    s = sentence(text, language)
    (clause,) = [c for c in s.syntax.clauses if c.finite is not None and s.tokens[c.finite].text == finite]
    assert (clause.tense, clause.mood, clause.negated) == (tense, mood, negated)
    assert words(s, clause.subject) == subject


@pytest.mark.parametrize(("text", "language", "modals"), [
    ("Die Schulen sollen am Montag öffnen.", "de", ["sollen"]),
    ("The airport could reopen next week.", "en", ["could"]),
])
def test_syntax_clause_modals(text: str, language: str, modals: list[str]) -> None:
    s = sentence(text, language)
    assert [s.tokens[k].text for c in s.syntax.clauses for k in c.modals] == modals


@pytest.mark.parametrize(("text", "language", "coordinated"), [
    # "und" between two finite verbs: the second clause continues the first
    ("Die Kanzlerin reiste nach Rom und traf den Papst.", "de", "traf den Papst"),
    ("The striker scored twice and the crowd cheered.", "en", "the crowd cheered"),
])
def test_syntax_coordinated_clause_has_its_parent(text: str, language: str, coordinated: str) -> None:
    s = sentence(text, language)
    (c,) = [c for c in s.syntax.clauses if c.relation == "coordinated"]
    assert " ".join(s.tokens[k].text for k in c.tokens) == coordinated
    assert c.parent is not None and s.syntax.clauses[c.parent].kind == "main"


@pytest.mark.parametrize(("text", "language", "number", "segment", "conjunct"), [
    # punctuation bounds a segment; a comma between two main clauses bounds the coordinated clause
    ("Koffer dürfen 23 Kilogramm wiegen, die Abfertigung soll 40 Minuten dauern.", "de", "40",
     "die Abfertigung soll 40 Minuten dauern .", "die Abfertigung soll 40 Minuten dauern ."),
    # ", und dass" coordinates two complements of one verb: one scope
    ("The agency estimates that 300 boats left, and that 40 of them sank.", "en", "40",
     "and that 40 of them sank .", "The agency estimates that 300 boats left , and that 40 of them sank ."),
])
def test_syntax_segments_and_conjuncts(text: str, language: str, number: str, segment: str, conjunct: str) -> None:
    s = sentence(text, language)
    i = next(k for k, t in enumerate(s.tokens) if t.text == number)
    assert words(s, s.syntax.segment(i)) == segment
    assert words(s, s.syntax.conjunct(i)) == conjunct


@pytest.mark.parametrize(("text", "language", "asides"), [
    ("Die Halle, die 800 Betten hat, ist voll.", "de", ["die 800 Betten hat"]),
    ("The ferry (built in 1990) sank.", "en", ["( built in 1990 )"]),
])
def test_syntax_asides(text: str, language: str, asides: list[str]) -> None:
    s = sentence(text, language)
    assert [words(s, a) for a in s.syntax.asides] == asides


@pytest.mark.parametrize(("text", "language", "quotes"), [
    ("„Wir haben alles verloren“, sagte die Bäuerin.", "de", ["Wir haben alles verloren"]),
    ('The coach said: "We played badly" and left.', "en", ["We played badly"]),
    ("Der Sprecher nannte das »völlig offen«.", "de", ["völlig offen"]),
])
def test_syntax_direct_quotes(text: str, language: str, quotes: list[str]) -> None:
    s = sentence(text, language)
    assert [words(s, q) for q in s.syntax.quotes] == quotes


@pytest.mark.parametrize(("text", "title", "headline", "paragraphs"), [
    ("Sturm legt Bahnverkehr lahm\nIn Hamburg fielen 40 Züge aus. Auch Busse fuhren nicht.", None,
     [True, False, False], [0, 1, 1]),
    ("Der Sturm legte den Bahnverkehr lahm.\nIn Hamburg fielen 40 Züge aus.", None, [False, False], [0, 1]),
    ("Streik im Hafen.\nDie Schiffe warten.", "Streik im Hafen.", [True, False], [0, 1]),
])
def test_syntax_paragraphs_and_headline(text: str, title: str | None, headline: list[bool],
                                        paragraphs: list[int]) -> None:
    doc = prepare(text, "de")
    doc.title = title
    syntax(doc)
    assert [s.headline for s in doc.sentences] == headline
    assert [s.paragraph for s in doc.sentences] == paragraphs


@pytest.mark.parametrize("text", ["Laut Polizei kamen 5.000 Menschen; die Veranstalter zählten 9.000."])
def test_syntax_spans_are_half_open(text: str) -> None:
    doc: Document = prepare(text, "de")
    (s,) = doc.sentences
    for p in s.syntax.phrases:
        assert 0 <= p.start <= p.head < p.end <= len(s.tokens)
    for c in s.syntax.clauses:
        assert 0 <= c.start < c.end <= len(s.tokens)
    assert [words(s, part) for part in s.syntax.colon_parts()] == ["Laut Polizei kamen 5.000 Menschen",
                                                                    "die Veranstalter zählten 9.000 ."]


@pytest.mark.parametrize(("text", "finite", "mood"), [
    # Konjunktiv I of a full verb not in the list: stem + "e" with a third-person subject
    ("Im Gegenzug erhalte das Land Getreide.", "erhalte", "subjunctive1"),
    ("Der Verein plane 40 neue Plätze.", "plane", "subjunctive1"),
    # the same form with "ich" is the indicative
    ("Ich erhalte jeden Monat 40 Briefe.", "erhalte", "indicative"),
    ("Das Land erhält Getreide.", "erhält", "indicative"),
])
def test_syntax_konjunktiv_one_of_full_verbs(text: str, finite: str, mood: str) -> None:
    s = sentence(text, "de")
    (clause,) = [c for c in s.syntax.clauses if c.finite is not None and s.tokens[c.finite].text == finite]
    assert clause.mood == mood
