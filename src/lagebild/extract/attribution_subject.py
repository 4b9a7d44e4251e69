"""The subject of a verb of saying: before the finite verb, right after it (verb-second:
"sprach X von", "..., sagte X"), before a relative clause that separates it from its
verb ("Ein Sprecher, der ..., sagte"), a relative pronoun's antecedent, or a pronoun
resolved to the person named last before it. Phrases and segments come from the
sentence structure.
"""
from __future__ import annotations

from lagebild.extract.attribution_base import AttributionLexicon, frame_segment, np_after, np_before, text_of
from lagebild.model import Document, Sentence, Span, Token
from lagebild.text.tokens import (
    DETERMINERS,
    FINITE,
    POSSESSIVE_CLITICS,
    PREPOSITIONS,
    glued_hyphen,
    is_nominal,
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
    longest = max((m for m in best.mentions if m.start < offset), key=lambda m: len(m.text))
    return _with_glued_parts(doc.text, longest.start, longest.end)


def _with_glued_parts(text: str, start: int, end: int) -> str:
    """A name with the hyphenated parts glued to its end ("Lee Seong" -> "Lee Seong-kweun")."""
    while end + 1 < len(text) and text[end] == "-" and text[end + 1].isalpha():
        end += 1
        while end < len(text) and text[end].isalpha():
            end += 1
    return text[start:end]


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


_NAMING_TAGS = frozenset({"NN", "NE", "FM", "ADJA", "ART", "PPOSAT", "TRUNC", "$("})


def _naming_span(doc: Document, s: Sentence, first: int, end: int, lex: AttributionLexicon) -> Span | None:
    """The whole of tokens[first:end] when it is one naming phrase, however the chunker split it:
    coordinated ("South Korean and Western intelligence agencies"), with an acronym in brackets
    ("Die WHO (Weltgesundheitsorganisation)"), a possessive ("Turkey's disaster agency") or an
    "of" attribute; leading determiners dropped. None when a verb, number or time stands in it."""
    tokens = s.tokens
    while first < end and (tokens[first].pos in DETERMINERS or low(tokens, first) in lex.determiners):
        first += 1
    if first >= end or _is_time(doc, tokens[first]) or tokens[first].text in ("(", ")"):
        return None
    bracket = False
    for k in range(first, end):
        tok = tokens[k]
        bracket = (bracket or tok.text == "(") and tok.text != ")"
        if bracket:
            continue  # "Eva Roth (52)", "die WHO (Weltgesundheitsorganisation)"
        name_like = not lex.capitalised_nouns and tok.text[:1].isupper() \
            and (k > first or (k + 1 < end and tokens[k + 1].pos in ("ADJA", "NN", "NE")))
        if tok.pos in _NAMING_TAGS or tok.pos in DETERMINERS or name_like or tok.text in POSSESSIVE_CLITICS \
                or glued_hyphen(tokens, k) or tok.text in ("(", ")"):
            continue
        if tok.pos == "KON" and k > first and k + 1 < end:
            continue
        if tok.pos in PREPOSITIONS and low(tokens, k) in lex.of_words | lex.place_preps and k > first:
            continue
        return None
    if not any(is_nominal(t) for t in tokens[first:end]) or tokens[end - 1].pos in PREPOSITIONS | {"KON"}:
        return None
    return first, end


def _apposition_subject(doc: Document, s: Sentence, first: int, lex: AttributionLexicon) -> str:
    """"Shin Won-sik, South Korea's defence minister, said": a name and its apposition between
    commas open the sentence and the verb of saying follows them."""
    tokens = s.tokens
    if first < 2 or tokens[first - 1].text != ",":
        return ""
    a0, _ = frame_segment(s, first - 2)
    appos = _naming_span(doc, s, a0, first - 1, lex)
    if appos is None:
        return ""
    if a0 >= 2 and tokens[a0 - 1].text == ",":
        n0, _ = frame_segment(s, a0 - 2)
        name = _naming_span(doc, s, n0, a0 - 1, lex)
        if n0 == 0 and name is not None:
            return text_of(s, (name[0], first - 1), doc)
    return text_of(s, appos, doc) if a0 == 0 else ""


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
        whole = _naming_span(doc, s, first, end, lex)
        np = whole if whole is not None else _np_ending_at(s, end, first, lex)
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
    first, _ = frame_segment(s, v)
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
        aside = _aside_subject(doc, s, first, lex) or _apposition_subject(doc, s, first, lex)
        if aside:
            return aside
    k = f + 1
    while k < len(tokens) and tokens[k].pos in ("ADV", "PTKNEG", "PROAV", "ADJD"):
        k += 1
    if k < len(tokens) and tokens[k].pos == "PPER":
        return "" if tokens[k].text.lower() in lex.dummies else resolve_pronoun(doc, tokens[k].start)
    return text_of(s, np_after(s, k, lex), doc)
