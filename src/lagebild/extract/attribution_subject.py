"""The subject of a verb of saying: before the finite verb, right after it (verb-second:
"sprach X von", "..., sagte X"), before a relative clause that separates it from its
verb ("Ein Sprecher, der ..., sagte"), a relative pronoun's antecedent, or a pronoun
resolved to the person named last before it. Phrases and segments come from the
sentence structure.
"""
from __future__ import annotations

from lagebild.extract.attribution_base import AttributionLexicon, np_after, np_before, text_of
from lagebild.model import Document, Sentence, Span, Token
from lagebild.text.tokens import (
    DETERMINERS,
    FINITE,
    PREPOSITIONS,
    low,
)

# --- pronouns --------------------------------------------------------------------------------

def resolve_pronoun(doc: Document, offset: int) -> str:
    """The last person named before `offset`, as the text names it (its longest spelling
    so far: "Sergei Schoigu" ... "Schoigu" ... "sagte er" -> "Sergei Schoigu")."""
    best, best_start = None, -1
    for ent in doc.entities:
        if ent.type != "PER":
            continue
        for m in ent.mentions:
            if best_start < m.start < offset:
                best, best_start = ent, m.start
    if best is None:
        return ""
    return max((m.text for m in best.mentions if m.start < offset), key=len)


def _is_time(doc: Document, tok: Token) -> bool:
    return any(t.start <= tok.start < t.end for t in doc.times)


# --- the subject of a verb of saying ------------------------------------------------------------

def _np_with_attribute(s: Sentence, end: int, lex: AttributionLexicon) -> Span | None:
    """The noun phrase ending before token `end`, with a prepositional attribute it carries
    ("Ein Informant aus Sicherheitskreisen", "the head of the agency")."""
    tokens = s.tokens
    np = np_before(s, end)
    attaches = lex.place_preps | lex.of_words
    if np and np[0] >= 2 and tokens[np[0] - 1].pos in PREPOSITIONS and low(tokens, np[0] - 1) in attaches:
        head = np_before(s, np[0] - 1)
        if head:
            return head[0], np[1]
    return np


def _aside_subject(doc: Document, s: Sentence, first: int, lex: AttributionLexicon) -> str:
    """"Mishustin, who ..., said" / "Ein Informant, der ..., sprach": the verb opens the clause
    after a relative clause, so the subject is the noun phrase before that relative clause."""
    tokens = s.tokens
    if first < 2 or tokens[first - 1].text != ",":
        return ""
    for a, b in s.syntax.asides:
        if b == first - 1 and a >= 2 and tokens[a - 1].text == ",":
            return text_of(s, _np_with_attribute(s, a - 1, lex), doc)
    return ""


def _relative_subject(doc: Document, s: Sentence, r: int, lex: AttributionLexicon) -> str:
    """", who announced ...": a relative pronoun as subject stands for the person named last
    before it in the sentence, else for the noun phrase before the comma."""
    tokens = s.tokens
    if r < 2 or tokens[r - 1].text != ",":
        return ""
    person = resolve_pronoun(doc, tokens[r].start)
    sentence_start = tokens[0].start
    for ent in doc.entities:
        if ent.type == "PER" and any(sentence_start <= m.start < tokens[r].start and m.text == person
                                     for m in ent.mentions):
            return person
    return text_of(s, _np_with_attribute(s, r - 1, lex), doc)


def _np_ending_at(s: Sentence, end: int, first: int, lex: AttributionLexicon) -> Span | None:
    """The noun phrase that ends at token end - 1 and starts the clause or follows a
    subordinator ("as South Korea's spy agency warned", "dass der Minister sagte")."""
    tokens = s.tokens
    np = np_before(s, end)
    if np is None:
        return None
    start = np[0]
    while start > first and (tokens[start - 1].pos in DETERMINERS or low(tokens, start - 1) in lex.determiners):
        start -= 1
    opener = tokens[start - 1] if start > 0 else None
    subordinated = opener is not None and (opener.pos in ("KOUS", "KON") or opener.text.lower() in lex.particles)
    return np if start == first or subordinated else None


def _subject_before(doc: Document, s: Sentence, first: int, f: int, lex: AttributionLexicon) -> str | None:
    """The subject standing between the clause start and the finite verb at f; "" when the
    language keeps subject-verb order and none stands there; None to look after the verb."""
    tokens = s.tokens
    end = f
    while end - 1 > first and tokens[end - 1].pos in ("ADV", "PTKNEG"):
        end -= 1  # "the agency initially put", "der Minister selbst sagte"
    np = np_after(s, first, lex)
    if np and np[1] < end and tokens[np[1]].pos in PREPOSITIONS:
        pp = np_after(s, np[1] + 1, lex)  # "Das Ministerium in Seoul sagte"
        np = (np[0], pp[1]) if pp and pp[1] == end else np
    if not (np and np[1] == end):
        np = _np_ending_at(s, end, first, lex)
    if np and np[1] == end and not _is_time(doc, tokens[np[0]]):
        return text_of(s, np, doc)
    if tokens[end - 1].pos == "PPER" and end - 1 == first:
        return resolve_pronoun(doc, tokens[end - 1].start)
    if tokens[end - 1].text.lower() in lex.relatives or tokens[end - 1].pos in ("PRELS", "PWS"):
        return _relative_subject(doc, s, end - 1, lex)
    return None if lex.verb_second else ""  # a noun after the verb is its object ("showed soldiers")


def subject(doc: Document, s: Sentence, v: int, lex: AttributionLexicon) -> str:
    """The subject of the verb of saying at v: before the finite verb, or right after it
    (verb-second: "sprach X von"; everywhere after a quote: "..., said X")."""
    tokens = s.tokens
    first, _ = s.syntax.segment(v)
    f = v
    if tokens[v].pos not in FINITE:
        f = next((k for k in range(v - 1, first - 1, -1) if tokens[k].pos in FINITE), v)
    if low(tokens, first) in lex.particles and first + 1 < f:
        np = np_after(s, first + 1, lex)
        if np:
            return text_of(s, np, doc)
    if first < f:
        before = _subject_before(doc, s, first, f, lex)
        if before is not None:
            return before
    else:
        aside = _aside_subject(doc, s, first, lex)
        if aside:
            return aside
    k = f + 1
    while k < len(tokens) and tokens[k].pos in ("ADV", "PTKNEG", "PROAV", "ADJD"):
        k += 1
    if k < len(tokens) and tokens[k].pos == "PPER":
        return "" if tokens[k].text.lower() in lex.dummies else resolve_pronoun(doc, tokens[k].start)
    return text_of(s, np_after(s, k, lex), doc)
