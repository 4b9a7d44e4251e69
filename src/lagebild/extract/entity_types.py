"""Typing a name by evidence, and how sure that type is.

`entities` finds the candidate names and types those it has strong evidence for (aliases,
countries, cities, cue nouns, head words). What is left is typed here, from weaker evidence
in a fixed order, and never put down as a person only because nothing else fits:

- a one-word name: a place preposition before it, a given name, a town or region of the
  gazetteer, a surname, a listed company, an organisation ending (Commerzbank,
  Linkspartei), a place-name ending (Sindelfingen, Gloucestershire);
- a run of several words: a given name first or a surname last (person), a listed company;
- an entity nothing types keeps its most likely type (a person) with a low confidence.

Every span carries the evidence its type came from; `confidence(evidence)` turns it into
the number an Entity shows (the web UI greys a name below `LOW`).
"""
from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from lagebild import lang
from lagebild.extract.entity_names import romanise
from lagebild.lang import gazetteer as gaz

if TYPE_CHECKING:
    from lagebild.extract.entity_words import Lexicon
    from lagebild.model import Token

LOW = 0.5  # below this an entity's type (or that it is a name at all) is a guess

_CONFIDENCE = {
    "alias": 0.95, "country": 0.95, "korean": 0.9, "cue": 0.9, "club": 0.9, "given": 0.85,
    "city": 0.85, "head": 0.85, "company": 0.8, "coref": 0.8, "quoted": 0.8, "place": 0.75,
    "town": 0.75, "acronym": 0.7, "surname": 0.7, "propagated": 0.7, "ending": 0.6,
    "fallback": 0.3,
}


def confidence(evidence: str) -> float:
    """How far a type from this kind of evidence can be trusted (0..1)."""
    return _CONFIDENCE.get(evidence, 0.6)


@lru_cache(maxsize=4)
def endings(code: str, name: str) -> tuple[str, ...]:
    return tuple(e.lower() for e in lang.entries(code, name))


def ends_with(word: str, suffixes: tuple[str, ...]) -> bool:
    """The word ends in one of the suffixes and is longer than it (a compound head)."""
    low = word.lower()
    return any(low.endswith(s) and len(low) > len(s) + 2 for s in suffixes)


def is_given(word: str, lex: Lexicon) -> bool:
    word = romanise(word)
    return word in lex.given or word in gaz.person_names().given


def is_surname(word: str) -> bool:
    return romanise(word) in gaz.person_names().surnames


def lone_name_type(word: str, after_place_prep: bool, lex: Lexicon) -> tuple[str, str]:
    """(type, evidence) of a one-word name that no lexicon or cue has typed."""
    from lagebild.extract.entity_words import known

    code = lex.code
    bases = [word] + ([word[:-2], word[:-1]] if word.endswith("es") else [word[:-1]] if word.endswith("s") else [])
    bases = [b for b in bases if len(b) > 2]
    if after_place_prep:
        return "LOC", "place"
    if any(b in lex.given for b in bases):
        return "PER", "given"
    if any(is_given(b, lex) or is_surname(b) for b in bases):
        return "PER", "surname"
    if any(known(b, code, small_places=True) is not None for b in bases):
        return "LOC", "town"
    if word in gaz.companies():
        return "ORG", "company"
    if ends_with(word, endings(code, "entity_org_endings")):
        return "ORG", "ending"
    if ends_with(genitive_free(word), endings(code, "entity_place_endings")):
        return "LOC", "ending"
    return "PER", "fallback"


def genitive_free(word: str) -> str:
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def run_type(words: list[str], lex: Lexicon) -> tuple[str, str] | None:
    """(type, evidence) of a multi-word name from its first and last word, or None."""
    if " ".join(words) in gaz.companies():
        return "ORG", "company"
    if words[0] in lex.org_prefixes:
        return "ORG", "club"
    if words[0] in lex.place_prefixes:
        return "LOC", "head"
    if is_given(words[0], lex) and not any(w in lex.org_heads or w in lex.loc_heads for w in words):
        return "PER", "given"
    if is_surname(genitive_free(words[-1])) and words[-1] not in lex.org_heads:
        return "PER", "surname"
    return None


def org_head(word: str, lex: Lexicon) -> bool:
    """A capitalised noun that names a kind of organisation: Ministerium, Bundesamt, Rundfunks."""
    org_endings = endings(lex.code, "entity_org_endings")
    return word[:1].isupper() and word.lower() not in lex.not_entities and any(
        form in lex.org_heads or ends_with(form, org_endings) or form.lower() in org_endings
        for form in {word, genitive_free(word)})


_NOUN = frozenset({"NN", "NE", "FM"})
_MAX_LINKED = 4  # capitalised words after "für"/"of"


def org_phrase(tokens: list[Token], i: int, lex: Lexicon) -> int | None:
    """End (exclusive) of an organisation's name that starts at token i with a capitalised
    adjective inside the sentence ("Hessischen Rundfunks") or with an organisation noun joined
    by a link word to capitalised nouns ("Bundesamt für Gesundheit", "Staatsministerium für
    Unterricht und Kultus"); None when none starts there."""
    named = _named_org(tokens, i, lex)
    if named is not None:
        return named
    head = i
    if tokens[i].pos == "ADJA" and i > 0 and lex.capitalised_nouns and tokens[i].text[:1].isupper():
        head = i + 1
        if head >= len(tokens) or not org_head(tokens[head].text, lex) or tokens[head].pos not in _NOUN:
            return None
    elif not (tokens[i].pos in _NOUN and org_head(tokens[i].text, lex)):
        return None
    elif i > 0 and tokens[i - 1].text in lex.indefinite:
        return None  # "ein Ministerium für ...": a kind, not a name
    end = _linked(tokens, head + 1, lex)
    if end is None:
        return head + 1 if head > i else None
    return end


_MAX_MODIFIERS = 3  # capitalised words before a legal form or an organisation head


def _named_org(tokens: list[Token], i: int, lex: Lexicon) -> int | None:
    """'Nordstern Versicherung AG' (capitalised words before a legal form) or 'Hollerbeck
    Holding' (a name the tagger does not know before an organisation head): the end, or None."""
    from lagebild.extract.entity_words import foreign_word

    if i > 0 and tokens[i - 1].text[:1].isupper() and tokens[i - 1].pos in _NOUN:
        return None  # not the first word of the run
    for k in range(i, min(i + _MAX_MODIFIERS + 1, len(tokens))):
        word = tokens[k].text
        if k > i and word in lex.legal_forms:
            return k + 1
        if k > i and word in lex.org_heads and all(
                t.pos in ("NE", "FM") or foreign_word(t.text, lex.code) for t in tokens[i:k]):
            end = k + 1 + (k + 1 < len(tokens) and tokens[k + 1].text in lex.legal_forms)
            return _linked(tokens, end, lex) or end
        if not word[:1].isupper() or tokens[k].pos not in _NOUN or word.lower() in lex.not_entities:
            return None
    return None


def _linked(tokens: list[Token], k: int, lex: Lexicon) -> int | None:
    """End of 'für X und Y' / 'of X' starting at token k, or None."""
    if k + 1 >= len(tokens) or tokens[k].text not in lex.org_links:
        return None
    j = k + 1
    if j < len(tokens) and tokens[j].text.lower() in ("the",):
        j += 1
    end = None
    while j < len(tokens) and j - k <= _MAX_LINKED:
        tok = tokens[j]
        if tok.text[:1].isupper() and tok.pos in _NOUN | {"ADJA", "NNI"} and tok.text.lower() not in lex.not_entities:
            end = j + 1 if tok.pos != "ADJA" else end
            j += 1
        elif tok.text in ("und", "and") and end == j and j + 1 < len(tokens) and tokens[j + 1].text[:1].isupper():
            j += 1
        else:
            break
    return end
