"""What the syntax pass needs to know about a language, read once from `lang/<code>/`.

Switches come from `language.toml` (`[grammar]`), words from lexicons; the syntax
code itself names no word of any language.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from lagebild import lang


@dataclass(frozen=True)
class Grammar:
    code: str
    capitalised_nouns: bool  # every noun is capitalised (German): capitals alone do not make a name
    head_last: bool  # in a run of nouns the last one heads the phrase ("spy agency"); else the first
    verb_second: bool  # finite verb second in main clauses, last in subordinate ones
    separable_prefixes: bool  # a verb particle stands at the clause end ("teilte ... mit")
    determiners: frozenset[str]  # words that open a noun phrase whatever their tag ("the", "a")
    genitives: frozenset[str]  # words that attach a genitive phrase ("des", "der"; "of")
    place_preps: frozenset[str]  # prepositions whose place name belongs to the phrase before ("in Seoul")
    possessives: frozenset[str]  # possessive clitics that belong to a name ("'s")
    numerals: frozenset[str]  # numeral nouns and quantifiers that count, not head ("Millionen", "Tausende")
    relatives: frozenset[str]  # words that open a relative clause after a comma (besides PRELS)
    relative_articles: frozenset[str]  # articles that double as relative pronouns ("der", "den")
    coordinators: frozenset[str]  # conjunctions that can join two clauses
    comparatives: frozenset[str]  # words tagged as subordinators that open no clause ("als", "than")
    moods: dict[str, str]  # finite form -> subjunctive1 / subjunctive2
    subjunctive_stem_e: bool  # a third-person verb form of stem + "e" is Konjunktiv I ("erhalte", "plane")
    tenses: dict[str, str]  # finite form -> past / perfect / future / modal_future / modal / present
    negations: frozenset[str]
    past_endings: tuple[str, ...]  # endings of a finite full verb in the simple past ("-te")


@lru_cache(maxsize=8)
def grammar(language: str | None) -> Grammar:
    code = lang.code(language)
    settings = lang.settings(code)
    numerals = set(lang.table(code, "multipliers")) | set(lang.table(code, "vague"))
    return Grammar(
        code=code,
        capitalised_nouns=bool(settings.feature("capitalised_nouns")),
        head_last=settings.feature("noun_sequence_head") == "last",
        verb_second=bool(settings.feature("verb_second")),
        separable_prefixes=bool(settings.feature("separable_prefixes")),
        determiners=lang.lower_words(code, "determiners"),
        genitives=lang.lower_words(code, "genitive_markers"),
        place_preps=lang.lower_words(code, "phrase_place_preps"),
        possessives=frozenset(lang.words(code, "possessive_clitics")),
        numerals=frozenset(w.lower() for w in numerals),
        relatives=lang.lower_words(code, "relative_pronouns"),
        relative_articles=lang.lower_words(code, "relative_articles"),
        coordinators=lang.lower_words(code, "coordinators"),
        comparatives=lang.lower_words(code, "comparatives"),
        moods={k.lower(): v for k, v in lang.table(code, "verb_moods").items()},
        subjunctive_stem_e=bool(settings.feature("subjunctive_stem_e")),
        tenses={k.lower(): v for k, v in lang.table(code, "time_tense").items()},
        negations=lang.lower_words(code, "negations"),
        past_endings=tuple(sorted(lang.lower_words(code, "quantity_past_endings"))),
    )
