"""Quantities: the words of one language that quantities are read with (units and their
lemma endings, bound words, count nouns, date and tense words) and the unit a noun names."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from lagebild import lang
from lagebild.text.tokens import Phrases


@dataclass(frozen=True)
class QuantityLexicon:
    language: str
    head_last: bool  # "artillery shells": the last noun of a run heads it
    names_count: bool  # a name can be what is counted ("300 North Koreans"): only names are capitalised
    max_label: str  # "bis zu" / "up to": how a ceiling is shown before the measure
    units: dict[str, str]
    suffixes: tuple[tuple[str, str], ...]  # longest first
    bounds: dict[tuple[str, ...], str]
    bound_words: Phrases
    labels: frozenset[str]
    not_nouns: frozenset[str]
    date_before: frozenset[str]
    date_after: frozenset[str]
    date_ahead: frozenset[str]
    tense_words: dict[str, str]  # finite verb form -> past / perfect / future / modal_future
    past_endings: tuple[str, ...]
    count_nouns: tuple[str, ...]
    count_links: frozenset[str]  # "der", "of", "among": what joins a count noun to what it counts
    partitives: frozenset[str]  # "von", "of" between a number and its noun
    genitives: frozenset[str]
    coordinators: frozenset[str]
    calibres: frozenset[str]
    fillers: frozenset[str]
    rate_words: frozenset[str]
    time_units: frozenset[str]
    determiners: frozenset[str]
    possessives: frozenset[str]
    dimensions: frozenset[str] = frozenset()  # "Stärke", "magnitude": what a bare number measures


def _phrases(items: dict[str, str]) -> dict[tuple[str, ...], str]:
    return {tuple(k.lower().split()): v for k, v in items.items()}


@lru_cache(maxsize=8)
def lexicon(language: str | None) -> QuantityLexicon:
    code = lang.code(language)
    settings = lang.settings(code)
    units = {k.lower(): v for k, v in lang.table(code, "units").items()}
    suffixes = tuple(sorted(((k[1:], v) for k, v in units.items() if k.startswith("-")),
                            key=lambda kv: len(kv[0]), reverse=True))
    return QuantityLexicon(
        language=code,
        head_last=settings.feature("noun_sequence_head") == "last",
        names_count=not settings.feature("capitalised_nouns"),
        max_label=str(settings.feature("measure_max_label") or ""),
        units={k: v for k, v in units.items() if not k.startswith("-")},
        suffixes=suffixes,
        bounds=_phrases(lang.table(code, "bounds")),
        bound_words=Phrases(_phrases(lang.table(code, "bounds"))),
        labels=lang.lower_words(code, "quantity_label_nouns"),
        not_nouns=lang.lower_words(code, "quantity_not_nouns"),
        date_before=lang.lower_words(code, "quantity_date_before"),
        date_after=lang.lower_words(code, "quantity_date_after"),
        date_ahead=lang.lower_words(code, "quantity_date_ahead"),
        tense_words={w.lower(): kind for w, kind in lang.table(code, "time_tense").items()},
        past_endings=tuple(sorted(lang.lower_words(code, "quantity_past_endings"))),
        count_nouns=tuple(sorted(lang.lower_words(code, "quantity_count_nouns"))),
        count_links=lang.lower_words(code, "quantity_count_links"),
        partitives=lang.lower_words(code, "quantity_partitives"),
        genitives=lang.lower_words(code, "genitive_markers"),
        coordinators=lang.lower_words(code, "coordinators"),
        fillers=lang.lower_words(code, "quantity_fillers"),
        calibres=lang.lower_words(code, "quantity_calibres"),
        rate_words=lang.lower_words(code, "quantity_rate_words"),
        time_units=frozenset(w.lower() for w in lang.table(code, "time_units")),
        determiners=lang.lower_words(code, "determiners"),
        possessives=frozenset(lang.words(code, "possessive_clitics")),
        dimensions=lang.lower_words(code, "quantity_dimension_nouns"),
    )


def unit_of(word: str, lemma: str, lex: QuantityLexicon) -> str | None:
    """The unit a noun names (exact symbol, or the longest matching lemma/word ending)."""
    return _unit_of(word, lemma, lex.language)


@lru_cache(maxsize=50_000)
def _unit_of(word: str, lemma: str, language: str) -> str | None:
    lex = lexicon(language)
    for key in (word.lower(), lemma.lower()):
        if key in lex.units:
            return lex.units[key]
    low_word = word.lower()
    # the tagger's lemma first, then the word with plural/case endings taken off
    for key in (lemma.lower(), low_word, *(low_word[:-n] for n in (1, 2) if len(low_word) > n + 3)):
        for suffix, unit in lex.suffixes:
            if key.endswith(suffix):
                return unit
    return None
