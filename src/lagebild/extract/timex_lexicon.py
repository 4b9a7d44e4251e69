"""The time-expression lexicon of one language, loaded once from the `lang/<code>/` files
(months, weekdays, seasons, time_*.tsv/txt), with the rules of `timex_patterns` compiled.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from lagebild import lang
from lagebild.extract.timex_patterns import START, Rule, alternation, compile_rules, number_words, units_of


def _int_table(code: str, name: str) -> dict[str, int]:
    out = {}
    for key, value in lang.table(code, name).items():
        try:
            out[key] = int(value)
        except ValueError:
            continue
    return out


def _lower(code: str, name: str) -> frozenset[str]:
    return frozenset(w.lower() for w in lang.words(code, name))


@dataclass(frozen=True)
class Cues:
    """What may stand right before an expression: a preposition (outside the span) and a lead word
    (inside it); the same at the start of a match ("am selben Tag"); the same for durations; the
    quantifiers that make a year-like number a count; what links the two ends of a range."""

    before: re.Pattern[str]
    preposition_start: re.Pattern[str]
    duration_before: re.Pattern[str]
    quantifier_before: re.Pattern[str]
    range_link: re.Pattern[str]


@dataclass(frozen=True)
class TimexLexicon:
    """Lexicons and compiled patterns of one language."""

    code: str
    months: dict[str, int]
    weekdays: dict[str, int]
    seasons: dict[str, str]
    units: dict[str, str]
    week_units: dict[str, str]
    compound_units: dict[str, str]
    modifiers: dict[str, int]
    anaphoric_modifiers: frozenset[str]
    relative_days: dict[str, int]
    later: dict[str, int]
    reference_days: dict[str, int]
    numbers: dict[str, float]
    articles: frozenset[str]
    tense: dict[str, str]
    pluperfect: frozenset[str]
    mass_nouns: frozenset[str]
    frequency: frozenset[str]  # lower case
    forward_cues: dict[str, str]  # lower case -> unmarked / present
    backward_cues: frozenset[str]  # lower case
    after_cues: frozenset[str]  # lower case
    year_preps: frozenset[str]  # lower case
    comparisons: frozenset[str]  # lower case
    event_links: frozenset[str]  # lower case
    perfect_infinitives: frozenset[str]
    present_endings: tuple[tuple[str, tuple[str, ...]], ...]  # lemma ending to drop, present endings
    present_vowels: tuple[tuple[str, tuple[str, ...]], ...]  # stem vowel, its 2nd/3rd person singular changes
    adjective_units: dict[str, str]
    meta_labels: frozenset[str]
    age_words: frozenset[str]
    formats: frozenset[str]
    eras: dict[str, str]
    ordinals: dict[str, int]  # lower case
    year_parts: dict[str, str]
    year_nouns: dict[str, int]  # lower case
    decade_words: dict[str, int]
    holidays: dict[str, tuple[int, int]]  # name -> (month, day)
    day_parts: dict[str, str]  # lower case noun -> TIMEX code
    zones: dict[str, str]
    vague: dict[str, str]  # lower case phrase -> PRESENT_REF / PAST_REF / FUTURE_REF
    vague_adjectives: dict[str, str]  # lower case
    set_adverbs: dict[str, str]  # lower case
    name_heads: frozenset[str]  # lower case
    patterns: tuple[Rule, ...]  # (name, pattern, what a sentence must contain for it)
    cues: Cues

    def number(self, word: str) -> float | None:
        """The count a numeral or number word stands for ("15", "1,5", "zwei", "Zwei")."""
        if word in self.articles:
            return 1.0
        if word[:1].isdigit():
            try:
                return float(word.replace(",", "."))
            except ValueError:
                return None
        return self.number_word(word)

    @property
    def extents(self) -> frozenset[str]:
        """Words that name where a period begins or ends ("seit", "bis", "ab")."""
        return self.year_preps | frozenset(self.forward_cues) | self.backward_cues

    def unit(self, word: str) -> str | None:
        return self.units.get(re.sub(r"\s+", " ", word))

    def number_word(self, word: str) -> float | None:
        key = re.sub(r"\s+", " ", word)
        value = self.numbers.get(key)
        return self.numbers.get(key.lower()) if value is None else value

    def reference_offset(self, phrase: str) -> int:
        key = re.sub(r"\s+", " ", phrase)
        for candidate, offset in self.reference_days.items():
            if candidate.lower() == key.lower():
                return offset
        return 0

    def day_part(self, text: str) -> str | None:
        """The TIMEX code of the part of the day a phrase names ("am frühen Morgen" -> MO), if any."""
        for word in reversed(re.findall(r"[\wÄÖÜäöüß]+", text.lower())):
            if word in self.day_parts:
                return self.day_parts[word]
            for part, code in self.day_parts.items():
                if word.endswith(part) and len(word) > len(part) + 3:  # "Mittwochmorgen"
                    return code
        return None


def _holidays(code: str) -> dict[str, tuple[int, int]]:
    out = {}
    for name, day in lang.table(code, "time_holidays").items():
        month, _, number = day.partition("-")
        if month.isdigit() and number.isdigit():
            out[re.sub(r"\s+", " ", name)] = (int(month), int(number))
    return out


def _list_table(code: str, name: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """key -> comma-separated values from `name`.tsv; "-" stands for the empty string."""
    def plain(part: str) -> str:
        return "" if part.strip() == "-" else part.strip()
    return tuple((plain(key), tuple(plain(v) for v in values.split(",")))
                 for key, values in lang.table(code, name).items())


def _cues(code: str) -> Cues:
    cues = alternation(lang.entries(code, "time_cues"), fold=True)
    leads = alternation(lang.entries(code, "time_leads"), fold=True)
    determiners = alternation(lang.entries(code, "time_determiners"))
    duration_cues = alternation(lang.entries(code, "time_duration_cues"), fold=True)
    duration_quantifiers = alternation(lang.entries(code, "time_duration_quantifiers"), fold=True)
    quantifiers = alternation(lang.entries(code, "time_year_quantifiers"), fold=True)
    links = alternation(lang.entries(code, "time_range_links"))
    return Cues(
        before=re.compile(rf"{START}(?:(?P<prep>{cues})(?:\s+{determiners})?\s+)?"
                          rf"(?P<lead>{leads}(?:\s+{determiners})?(?:\s+|-))?$"),
        preposition_start=re.compile(rf"(?P<prep>{cues})(?:\s+{determiners})?\s+"),
        duration_before=re.compile(rf"{START}(?:(?P<prep>{duration_cues})(?:\s+{determiners})?\s+)?"
                                   rf"(?P<lead>{duration_quantifiers}\s+)?$"),
        quantifier_before=re.compile(rf"{START}{quantifiers}\s+$"),
        range_link=re.compile(rf"\s*(?:[–—-]|{links})\s*(?:{determiners}\s+)?"),
    )


def _keyed(code: str, name: str) -> dict[str, str]:
    """`name`.tsv with its keys in lower case and single spaces."""
    return {re.sub(r"\s+", " ", k).lower(): v for k, v in lang.table(code, name).items()}


@lru_cache(maxsize=8)
def lexicon(code: str) -> TimexLexicon:
    """The compiled lexicon of language `code` (cached: built once per process)."""
    t = lang.table
    return TimexLexicon(
        code=code,
        months=_int_table(code, "months"),
        weekdays=_int_table(code, "weekdays"),
        seasons=t(code, "seasons"),
        units=units_of(code),
        week_units={re.sub(r"\s+", " ", k): v for k, v in t(code, "time_week_units").items()},
        compound_units=_keyed(code, "time_compound_units"),
        modifiers=_int_table(code, "time_modifiers"),
        anaphoric_modifiers=_lower(code, "time_anaphoric_modifiers"),
        relative_days=_int_table(code, "time_relative_days"),
        later=_int_table(code, "time_later"),
        reference_days=_int_table(code, "time_reference_days"),
        numbers=number_words(code),
        articles=lang.words(code, "time_articles"),
        tense=t(code, "time_tense"),
        pluperfect=_lower(code, "time_pluperfect"),
        mass_nouns=lang.words(code, "time_mass_nouns"),
        frequency=_lower(code, "time_frequency"),
        forward_cues=_keyed(code, "time_forward_cues"),
        backward_cues=_lower(code, "time_backward_cues"),
        after_cues=_lower(code, "time_after_cues"),
        year_preps=_lower(code, "time_year_preps"),
        comparisons=_lower(code, "time_comparisons"),
        event_links=_lower(code, "time_event_links"),
        perfect_infinitives=lang.words(code, "time_perfect_infinitives"),
        present_endings=_list_table(code, "time_present_forms"),
        present_vowels=_list_table(code, "time_present_vowels"),
        adjective_units=t(code, "time_adjective_units"),
        meta_labels=lang.words(code, "time_meta_labels"),
        age_words=lang.words(code, "time_age_words"),
        formats=lang.words(code, "time_formats"),
        eras={re.sub(r"\s+", " ", k): v for k, v in t(code, "time_eras").items()},
        ordinals={k.lower(): v for k, v in _int_table(code, "time_ordinals").items()},
        year_parts={re.sub(r"\s+", " ", k): v for k, v in t(code, "time_year_parts").items()},
        year_nouns={k.lower(): v for k, v in _int_table(code, "time_year_nouns").items()},
        decade_words=_int_table(code, "time_decade_words"),
        holidays=_holidays(code),
        day_parts=_keyed(code, "time_day_part_codes"),
        zones=t(code, "time_zones"),
        vague=_keyed(code, "time_vague"),
        vague_adjectives=_keyed(code, "time_vague_adjectives"),
        set_adverbs=_keyed(code, "time_set_adverbs"),
        name_heads=_lower(code, "time_name_heads"),
        patterns=compile_rules(code),
        cues=_cues(code),
    )
