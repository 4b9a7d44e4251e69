"""Entities: the lexicon of one language, the Span of a candidate name and tests on single words
(capitalisation, stems, cue nouns, gazetteer lookups, what the tagger knows)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from lagebild import lang
from lagebild.extract.entity_names import korean_syllables, romanise
from lagebild.extract.entity_types import is_given
from lagebild.lang import gazetteer as gaz

NAME_QUOTES = frozenset('"„“”»«‚‘’\'')
_ACRONYM = re.compile(r"^[A-ZÄÖÜ][A-ZÄÖÜ0-9]{1,5}$|^(?:[A-Z]\.){2,4}$")
_INFLECTIONS = ("innen", "ern", "en", "es", "in", "e", "n", "s")
_NN_MARGIN = 2.5  # HanTa's context-free NN score must beat NE by this to veto an unsupported NE


@dataclass
class Span:
    """A candidate mention: tokens [first, last) of one sentence."""

    sentence: int
    first: int
    last: int
    start: int
    end: int
    text: str
    words: list[str]
    canonical: str = ""
    type: str = ""
    evidence: str = ""  # alias, country, city, korean, cue, given, acronym, head, coref, fallback
    cue: str = ""  # the cue's type when a cue noun stands before the name


@dataclass
class Lexicon:
    code: str
    titles: frozenset[str]
    roles: tuple[str, ...]
    org_words: tuple[str, ...]
    loc_words: tuple[str, ...]
    org_heads: frozenset[str]
    loc_heads: frozenset[str]
    indefinite: frozenset[str]
    place_adjective_endings: tuple[str, ...]
    not_entities: frozenset[str]
    given: frozenset[str]
    korean: frozenset[str]
    place_preps: frozenset[str]
    qualifiers: dict[str, str] = field(default_factory=dict)
    capitalised_nouns: bool = True  # lang/<code>/language.toml: every noun is capitalised (else only names)
    of_words: frozenset[str] = frozenset()  # "of" joining a place or organisation noun to a name
    particles: frozenset[str] = frozenset()  # von, da, della, an der: lower-case parts inside a name
    name_prefixes: tuple[str, ...] = ()  # al-, el-: glued lower-case prefixes of a name part
    org_prefixes: frozenset[str] = frozenset()  # FC, SC, VfL: a name after one is an organisation
    place_prefixes: frozenset[str] = frozenset()  # St., Bad, Mount: a name after one is a place
    org_links: frozenset[str] = frozenset()  # für, of: "Bundesamt für Gesundheit"
    legal_forms: frozenset[str] = frozenset()  # AG, GmbH, Inc.: written after a company's name


@lru_cache(maxsize=4)
def lexicon(code: str) -> Lexicon:
    return Lexicon(
        code=code,
        titles=frozenset(w.lower() for w in lang.words(code, "titles")),
        roles=tuple(lang.entries(code, "roles")),
        org_words=tuple(lang.entries(code, "org_words")),
        loc_words=tuple(lang.entries(code, "entity_loc_cues")),
        org_heads=lang.words(code, "entity_org_heads"),
        loc_heads=lang.words(code, "entity_loc_heads"),
        indefinite=lang.words(code, "entity_indefinite_articles"),
        place_adjective_endings=tuple(lang.entries(code, "entity_place_adjective_endings")),
        not_entities=frozenset(w.lower() for w in lang.words(code, "not_entities")),
        given=lang.words(code, "entity_given_names") | lang.words(code, "entity_slavic_given"),
        korean=lang.words(code, "entity_korean_surnames"),
        place_preps=lang.words(code, "entity_place_preps"),
        qualifiers=lang.table(code, "entity_qualifiers"),
        capitalised_nouns=bool(lang.settings(code).feature("capitalised_nouns")),
        of_words=lang.words(code, "entity_of_words"),
        particles=lang.words(code, "entity_name_particles"),
        name_prefixes=lang.entries(code, "entity_name_prefixes"),
        org_prefixes=lang.words(code, "entity_org_prefixes"),
        place_prefixes=lang.words(code, "entity_place_prefixes"),
        org_links=lang.words(code, "entity_org_links"),
        legal_forms=lang.words(code, "entity_legal_forms"),
    )


# ---------------------------------------------------------------- word tests

def is_capitalised(word: str) -> bool:
    return word[:1].isupper()


def prefixed_name(word: str, lex: Lexicon) -> bool:
    """'al-Assad', 'el-Sisi': a lower-case prefix glued to a capitalised name part."""
    return any(word.startswith(p) and word[len(p):len(p) + 1].isupper() for p in lex.name_prefixes)


def is_acronym(word: str) -> bool:
    return bool(_ACRONYM.match(word))


def stems(word: str) -> list[str]:
    """The word and its forms without a German inflection ending (longest ending first)."""
    low = word.lower()
    return [low] + [low[: -len(e)] for e in _INFLECTIONS if low.endswith(e) and len(low) - len(e) >= 3]


def ends_with_any(word: str, endings: tuple[str, ...]) -> bool:
    return any(s.endswith(e) for s in stems(word) for e in endings)


def cue_type(word: str, lex: Lexicon) -> str:
    """PER, ORG or LOC when `word` is a noun that introduces a name of that type."""
    if any(s in lex.titles for s in stems(word)) or ends_with_any(word, lex.roles):
        return "PER"
    if ends_with_any(word, lex.org_words):
        return "ORG"
    if ends_with_any(word, lex.loc_words):
        return "LOC"
    return ""


def genitive_base(word: str) -> str:
    """German genitive: Putins -> Putin, Russlands -> Russland (no check that it is one)."""
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss") and not word.isupper():
        return word[:-1]
    return word


def korean_part(word: str) -> str:
    """A Korean given-name syllable, without a German genitive -s (Uns -> Un)."""
    if word.endswith("s") and not korean_syllables(word) and korean_syllables(word[:-1]):
        return word[:-1]
    return word


def known(name: str, code: str, small_places: bool = False) -> gaz.Known | None:
    """Gazetteer lookup of a name as written or without a genitive -s. A given name is not
    taken for a town of that name (Antony, Wladimir) unless the context says `small_places`."""
    if not small_places and name in lexicon(code).given:
        return None
    hit = gaz.lookup(name, code, small_places)
    if hit is None and romanise(name) != name:  # "Киев" -> Kiev -> Kyiv; "Владимир" is a given name
        latin = romanise(name)
        return None if not small_places and is_given(latin, lexicon(code)) else known(latin, code, small_places)
    if hit is None and name.isupper() and len(name) > 3:
        hit = gaz.lookup(name.title(), code, small_places)  # a dateline in capitals: "SEOUL"
    if hit is None and lang.settings(code).feature("genitive_s_names"):
        base = " ".join(name.split(" ")[:-1] + [genitive_base(name.split(" ")[-1])])
        if base != name:
            hit = gaz.lookup(base, code, small_places)
    return hit


@lru_cache(maxsize=20_000)
def tagger_prefers_noun(word: str, language: str) -> bool:
    """HanTa, without context, clearly prefers NN over NE for this word (a false NE)."""
    from lagebild.text.tag import word_scores

    if not lang.settings(language).feature("capitalised_nouns"):
        return False
    scores = word_scores(word, language)
    ne, nn = scores.get("NE"), scores.get("NN")
    return nn is not None and (ne is None or nn - ne > _NN_MARGIN)


def is_title(word: str, lex: Lexicon) -> bool:
    return word.lower().rstrip(".") in lex.titles or word.lower() in lex.titles


def vetoed_compound(word: str, lex: Lexicon) -> bool:
    """US-Dollar, KI-Tools: the compound or one of its modifiers is never a name; KN-23, Su-35:
    a type designation ending in a number names a model, not an organisation or place."""
    parts = word.split("-")[:-1]
    if word.split("-")[-1].isdigit():
        return True
    return any(s in lex.not_entities for s in stems(word)) or any(p.lower() in lex.not_entities for p in parts)


_UNKNOWN_WORD = -25.0  # HanTa scores words outside its lexicon (foreign names) below this


@lru_cache(maxsize=20_000)
def foreign_word(word: str, language: str) -> bool:
    """The tagger's lexicon does not know the word at all (a foreign name such as "Kalma")."""
    from lagebild.text.tag import word_scores

    scores = word_scores(word, language)
    return not scores or max(scores.values()) < _UNKNOWN_WORD


_KNOWN_WORD = -20.0  # HanTa scores words of its lexicon above this
_MIN_HEAD = 5  # letters of the last part of a compound ("Bahnhof", "Angaben")


@lru_cache(maxsize=20_000)
def known_compound(word: str, language: str) -> bool:
    """A word the tagger does not know whole but whose last part it knows: a compound
    ("Weltraumbahnhof", "Kremlangaben"), not a foreign name ("Tumangang")."""
    from lagebild.text.tag import word_scores

    for k in range(1, len(word) - _MIN_HEAD + 1):
        scores = word_scores(word[k:].capitalize(), language)
        if scores and max(scores.values()) > _KNOWN_WORD:
            return True
    return False
