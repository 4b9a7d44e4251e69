"""What attribution reads: its lexicon, and the naming noun phrases of the sentence
structure ("laut [dem Ministerium]", "[Angaben des Ministeriums] zufolge")."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from lagebild import lang
from lagebild.model import Document, Phrase, Sentence, Span, Token
from lagebild.text.tokens import (
    FINITE,
    QUOTES,
    Phrases,
    is_nominal,
    low,
    span_text,
)


@dataclass(frozen=True)
class AttributionLexicon:
    language: str
    verb_second: bool  # the subject may follow the finite verb; a complement may precede the verb
    separable_prefixes: bool
    capitalised_nouns: bool
    prepositions: dict[tuple[str, ...], str]
    preposition_words: Phrases
    nouns: frozenset[str]
    verbs: dict[str, frozenset[str]]  # lemma -> words one of which must follow in the clause (or none)
    impersonal: frozenset[str]
    particles: frozenset[str]
    relatives: frozenset[str]
    tally_verbs: frozenset[str]
    org_words: tuple[str, ...]
    of_words: frozenset[str]  # "von", "of", "by", "from": the author after a report noun
    agent_preps: frozenset[str]  # "von", "by": the agent of a passive
    passive: frozenset[str]  # auxiliary lemmas of the passive ("werden", "be")
    place_preps: frozenset[str]
    determiners: frozenset[str]
    complementizers: frozenset[str]  # "dass", "that"
    dummies: frozenset[str]  # "es", "it": a subject that names nobody
    genitives: frozenset[str]  # "des", "der": an article that attaches a genitive
    unsourced: frozenset[str]  # adjectives (lemma) of a report's stage: "ersten Erkenntnissen" names nobody


@lru_cache(maxsize=8)
def lexicon(language: str | None) -> AttributionLexicon:
    code = lang.code(language)
    settings = lang.settings(code)
    prepositions = {tuple(k.lower().split()): v for k, v in lang.table(code, "attribution_prepositions").items()}
    return AttributionLexicon(
        language=code,
        verb_second=bool(settings.feature("verb_second")),
        separable_prefixes=bool(settings.feature("separable_prefixes")),
        capitalised_nouns=bool(settings.feature("capitalised_nouns")),
        prepositions=prepositions,
        preposition_words=Phrases(prepositions),
        nouns=lang.lower_words(code, "attribution_nouns"),
        verbs={w.split()[0].lower(): frozenset(w.lower().split()[1:]) for w in lang.words(code, "attribution_verbs")},
        impersonal=lang.lower_words(code, "attribution_impersonal"),
        particles=lang.lower_words(code, "attribution_particles"),
        relatives=lang.lower_words(code, "relative_pronouns"),
        tally_verbs=lang.lower_words(code, "attribution_tally_verbs"),
        org_words=tuple(w.lower() for w in lang.entries(code, "org_words")),
        of_words=lang.lower_words(code, "attribution_of"),
        agent_preps=lang.lower_words(code, "attribution_agent_preps"),
        passive=lang.lower_words(code, "attribution_passive"),
        place_preps=lang.lower_words(code, "phrase_place_preps"),
        determiners=lang.lower_words(code, "determiners"),
        complementizers=lang.lower_words(code, "complementizers"),
        dummies=lang.lower_words(code, "dummy_subjects"),
        genitives=lang.lower_words(code, "genitive_markers"),
        unsourced=lang.lower_words(code, "attribution_unsourced"),
    )


# --- noun phrases, read from the structure ---------------------------------------------------

def _naming(tokens: Sequence[Token], p: Phrase) -> bool:
    """A phrase that can name a source: no numeral and no adverb before its noun ("300 Soldaten")."""
    return not p.numerals and not any(tokens[k].pos == "ADJD" for k in p.modifiers)


def np_after(s: Sentence, i: int, lex: AttributionLexicon) -> Span | None:
    """The naming phrase that starts at token i (determiners skipped), with its genitive
    ("Angaben des Ministeriums") and place ("der Generalstab in Seoul")."""
    tokens = s.tokens
    p = s.syntax.phrase_from(i)
    if p is None or not _naming(tokens, p):
        return None
    end = p.end
    if p.genitive is not None and tokens[p.head].pos != "NE":  # "teilte Minister X der Agentur Y mit": a dative
        g = s.syntax.phrases[p.genitive]
        plain = all(low(tokens, k) in lex.determiners or k == p.end for k in g.determiners)
        if plain and _naming(tokens, g):
            end = g.end
    if p.place is not None and p.place[0] == end:
        end = p.place[1]
    return p.core, end


def np_before(s: Sentence, i: int, genitives: frozenset[str] | None = None) -> Span | None:
    """The naming words of a phrase that end right before token i ("Dem Bericht zufolge",
    "the agency estimates" with "estimates" read as a noun), across a genitive inside it
    ("Angaben des Ministeriums zufolge")."""
    tokens = s.tokens
    p = s.syntax.phrase_at(i - 1) if i > 0 else None
    if p is None or i - 1 < p.core:
        return None
    stops = [k for k in range(p.core, i) if tokens[k].pos == "ADJD" or k in p.numerals]
    first = stops[-1] + 1 if stops else p.core
    if not stops and p.determiners == (p.start,) and tokens[p.start].pos == "ART" and p.start > 0 \
            and is_nominal(tokens[p.start - 1]) and p.start + 1 < i \
            and (genitives is None or low(tokens, p.start) in genitives):  # not "lud Kim den ... Angaben zufolge"
        before = np_before(s, p.start, genitives)
        first = before[0] if before else first
    if first >= i or not any(is_nominal(t) for t in tokens[first:i]):
        return None
    return first, i


def text_of(s: Sentence, span: Span | None, doc: Document) -> str:
    return span_text(s.tokens, span[0], span[1], doc.text) if span else ""


def frame_segment(s: Sentence, i: int) -> Span:
    """The clause segment around token i as a verb of saying reads it: brackets and quotation
    marks inside a clause do not end it ("Die WHO (Weltgesundheitsorganisation) geht davon aus",
    "hatte die Zahl auf „etwa 1.100“ geschätzt"); commas, semicolons, colons and dashes do."""
    tokens = s.tokens
    first, end = i, i
    while first > 0 and (tokens[first - 1].text not in _CLAUSE_MARKS):
        first -= 1
    while end < len(tokens) and (end == i or tokens[end].text not in _CLAUSE_MARKS):
        end += 1
    while first < i and tokens[first].text in QUOTES:
        first += 1
    return first, end


_CLAUSE_MARKS = frozenset({",", ";", ":", "–", "—"})


def verb_lemma(s: Sentence, v: int, lex: AttributionLexicon) -> str:
    """Lemma of the verb at v, with a separated particle joined ("teilte ... mit" -> mitteilen),
    where the language separates verb prefixes to the clause end."""
    tokens = s.tokens
    lemma = tokens[v].lemma.lower()
    if tokens[v].pos not in FINITE or not lex.separable_prefixes:
        return lemma
    _, end = frame_segment(s, v)
    for k in range(v + 1, end):
        if tokens[k].pos == "PTKVZ":
            return tokens[k].text.lower() + lemma
    return lemma
