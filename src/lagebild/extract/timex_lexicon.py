"""The time-expression patterns of one language, compiled once from the `lang/<code>/` lexicons
(months, weekdays, seasons, time_*.tsv/txt). Each pattern names its rule; `times.py` resolves them.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from lagebild import lang

YEAR = r"(?:1[89]\d\d|20\d\d)"
DAY = r"(?:3[01]|[12]\d|0?[1-9])"
_END = r"(?![\wÄÖÜäöüß])"
_START = r"(?<![\wÄÖÜäöüß])"


def _fold_first(word: str) -> str:
    """Regex for a word whose first letter may be upper or lower case (sentence start)."""
    first = word[0]
    if first.lower() != first.upper():
        return f"[{first.upper()}{first.lower()}]" + re.escape(word[1:]).replace(r"\ ", r"\s+")
    return re.escape(word).replace(r"\ ", r"\s+")


def alternation(words: Iterable[str], fold: bool = False) -> str:
    """A non-capturing alternation of `words`, longest first; spaces match any whitespace."""
    unique = sorted(set(words), key=lambda w: (-len(w), w))
    if not unique:
        return r"(?!x)x"  # matches nothing
    parts = [_fold_first(w) if fold else re.escape(w).replace(r"\ ", r"\s+") for w in unique]
    return "(?:" + "|".join(parts) + ")"


def _int_table(code: str, name: str) -> dict[str, int]:
    out = {}
    for key, value in lang.table(code, name).items():
        try:
            out[key] = int(value)
        except ValueError:
            continue
    return out


@dataclass(frozen=True)
class TimexLexicon:
    """Lexicons and compiled patterns of one language."""

    code: str
    months: dict[str, int]
    weekdays: dict[str, int]
    seasons: dict[str, str]
    units: dict[str, str]
    compound_units: dict[str, str]
    modifiers: dict[str, int]
    relative_days: dict[str, int]
    later: dict[str, int]
    reference_days: dict[str, int]
    numbers: dict[str, float]
    articles: frozenset[str]
    tense: dict[str, str]
    mass_nouns: frozenset[str]
    frequency: frozenset[str]  # lower case
    forward_cues: frozenset[str]  # lower case
    backward_cues: frozenset[str]  # lower case
    perfect_infinitives: frozenset[str]
    present_endings: tuple[tuple[str, tuple[str, ...]], ...]  # lemma ending to drop, present endings
    present_vowels: tuple[tuple[str, tuple[str, ...]], ...]  # stem vowel, its 2nd/3rd person singular changes
    adjective_units: dict[str, str]
    meta_labels: frozenset[str]
    age_words: frozenset[str]
    formats: frozenset[str]
    patterns: tuple[tuple[str, re.Pattern[str]], ...]
    cue_before: re.Pattern[str]
    duration_cue_before: re.Pattern[str]
    quantifier_before: re.Pattern[str]

    def number(self, word: str) -> float | None:
        """The count a numeral or number word stands for ("15", "1,5", "zwei", "Zwei")."""
        if word in self.articles:
            return 1.0
        if word[:1].isdigit():
            try:
                return float(word.replace(",", "."))
            except ValueError:
                return None
        value = self.numbers.get(word)
        if value is None:
            value = self.numbers.get(word.lower())
        return value

    def unit(self, word: str) -> str | None:
        return self.units.get(re.sub(r"\s+", " ", word))

    def reference_offset(self, phrase: str) -> int:
        key = re.sub(r"\s+", " ", phrase)
        for candidate, offset in self.reference_days.items():
            if candidate.lower() == key.lower():
                return offset
        return 0


def _number_words(code: str) -> dict[str, float]:
    """Number words usable as counts of calendar units (below 1000, no abbreviations)."""
    out: dict[str, float] = {}
    articles = lang.words(code, "time_articles")
    for word, value in lang.table(code, "numbers").items():
        if word in articles:
            continue
        try:
            number = float(value)
        except ValueError:
            continue
        if 0 < number < 1000 and "." not in word and len(word) > 1:
            out[word] = number
    return out


def _list_table(code: str, name: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """key -> comma-separated values from `name`.tsv; "-" stands for the empty string."""
    def plain(part: str) -> str:
        return "" if part.strip() == "-" else part.strip()
    return tuple((plain(key), tuple(plain(v) for v in values.split(",")))
                 for key, values in lang.table(code, name).items())


def _patterns(code: str) -> tuple[tuple[str, re.Pattern[str]], ...]:
    months = alternation(lang.table(code, "months"))
    weekdays = alternation(lang.table(code, "weekdays"))
    seasons = alternation(lang.table(code, "seasons"))
    modifiers = alternation(lang.table(code, "time_modifiers"))
    parts = alternation(lang.entries(code, "time_day_parts"))
    night = alternation(lang.entries(code, "time_night_before"))  # "in der Nacht zum Mittwoch"
    units = alternation(lang.table(code, "time_units"))
    compound_units = alternation(lang.table(code, "time_compound_units"))
    numbers = alternation(_number_words(code), fold=True)
    articles = alternation(lang.words(code, "time_articles"))
    count = rf"(?:\d+(?:,\d+)?|{numbers}|{articles})"
    week_units = alternation(lang.table(code, "time_week_units"))
    rel_days = alternation(lang.table(code, "time_relative_days"))
    ref_days = alternation(lang.table(code, "time_reference_days"), fold=True)
    weekend = alternation(lang.entries(code, "time_weekend"), fold=True)
    formats = lang.words(code, "time_formats")
    ago = lang.table(code, "time_ago")
    ago_before = alternation((w for w, where in ago.items() if where == "before"), fold=True)
    ago_after = alternation((w for w, where in ago.items() if where == "after"), fold=True)
    week_table = lang.table(code, "time_week_units")
    year_words = alternation(w for w, u in week_table.items() if u == "Y")
    week_words = alternation(w for w, u in week_table.items() if u == "W")
    determiners = alternation(lang.entries(code, "time_determiners"))
    linker = rf"(?:(?:of|{determiners})\s+)?"  # "im Juni des vergangenen Jahres", "in June of last year"
    year_after = rf"(?:,?\s+(?P<year>{YEAR}))?"
    of = r"(?:\s+of)?"  # "the summer of 2024" (matches nothing in German texts)
    rules: list[tuple[str, str]] = [
        ("numeric", rf"(?<![\d.])(?P<day>{DAY})\.(?P<mon>1[0-2]|0?[1-9])\.(?P<year>{YEAR}|\d\d(?!\d))?(?![\d])"),
        ("iso", rf"(?<![\d-])(?P<year>{YEAR})-(?P<mon>0[1-9]|1[0-2])(?:-(?P<day>0[1-9]|[12]\d|3[01]))?(?![\d-])"),
        ("month_year", rf"{_START}(?:(?P<mod>{modifiers})\s+)?(?P<mon>{months}){of}\s+(?P<year>{YEAR}){_END}"),
        ("month", rf"{_START}(?:(?P<mod>{modifiers})\s+)?(?P<mon>{months}){_END}"),
        ("month_rel_year", rf"{_START}(?P<mon>{months})\s+{linker}(?P<ymod>{modifiers})\s+{year_words}{_END}"),
        ("season", rf"{_START}(?:(?P<mod>{modifiers})\s+)?(?P<season>{seasons})(?:{of}\s+(?P<year>{YEAR}))?{_END}"
                   rf"(?!\s+of\s+(?!{YEAR}))"),
        ("weekday", rf"{_START}(?:{night}\s+)?(?:(?P<mod>{modifiers})\s+)?(?P<wd>{weekdays})(?:\s*(?i:{parts}))?{_END}"
                    rf"(?:\s+{linker}(?P<wmod>{modifiers})\s+{week_words}{_END})?"),
        ("relative_day", rf"{_START}(?P<rel>{rel_days})(?:\s+(?i:{parts}))?{_END}"),
        ("reference_day", rf"{_START}(?P<ref>{ref_days}){_END}"),
        ("relative_unit", rf"{_START}(?P<mod>{modifiers})\s+(?P<unit>{week_units}){_END}"),
        ("weekend", rf"{_START}(?P<weekend>{weekend}){_END}"),
        ("duration", rf"{_START}(?P<num>{count})\s+(?P<unit>{units}){_END}"),
        ("compound_duration", rf"{_START}(?P<num>\d+|{numbers})-(?i:(?P<unit>{compound_units})){_END}"),
        ("decade", rf"{_START}(?P<decade>(?:1[89]|20)\d)0(?:er|s)(?:\s+Jahre[n]?)?{_END}"),
        ("year", rf"(?<![\w.,/–-])(?P<year>{YEAR})(?![\w]|[.,/–-]\d)"),
    ]
    unit_parts = alternation(lang.entries(code, "time_unit_parts"), fold=True)
    rules.append(("unit_part", rf"{_START}(?P<part>{unit_parts})\s+(?P<unit>{week_units}){_END}(?!\s+{YEAR})"))
    adjective_units = lang.table(code, "time_adjective_units")
    if adjective_units:  # "zweitägigen", "2-tägigen"
        rules.append(("duration_adjective", rf"{_START}(?P<num>\d+|{numbers}|{articles})-?"
                                            rf"(?P<unit>{alternation(adjective_units)})(?:e[mnrs]?)?{_END}"))
    later = alternation(lang.table(code, "time_later"))
    rules.append(("later", rf"{_START}(?P<num>{count})\s+(?P<unit>{units})\s+(?P<later>{later}){_END}"))
    if ago_before != r"(?!x)x":
        rules.append(("ago", rf"{_START}{ago_before}\s+(?P<num>{count})\s+(?P<unit>{units}){_END}"))
    if ago_after != r"(?!x)x":
        rules.append(("ago", rf"{_START}(?P<num>{count})\s+(?P<unit>{units})\s+{ago_after}{_END}"))
    range_day = rf"(?:(?P<day0>{DAY})(?:\.|st|nd|rd|th)?\s*(?:–|-|bis|und|to|and)\s*)?"
    weekday_lead = rf"(?:(?P<wd>{weekdays}),?\s+(?:den\s+|the\s+)?)?"
    if "day_month" in formats:
        rules.append(("day_month", rf"{_START}{weekday_lead}{range_day}(?P<day>{DAY})(?:\.|st|nd|rd|th)?"
                                   rf"\s+(?:of\s+)?(?P<mon>{months}){year_after}{_END}"))
    if "month_day" in formats:
        rules.append(("month_day", rf"{_START}{weekday_lead}(?P<mon>{months})\s+(?P<day>{DAY})(?:st|nd|rd|th)?"
                                   rf"(?![\d]){year_after}{_END}"))
    if "month_compounds" in formats:
        compound_months = alternation(lang.entries(code, "time_compound_months"))
        rules.append(("month_compound", rf"{_START}(?P<mon>{compound_months})[a-zäöüß]{{3,}}{_END}"))
    if "capitalised_nouns" in formats:
        rules.append(("compound_duration", rf"{_START}(?P<num>{numbers})(?P<unit>{compound_units})"
                                           rf"[a-zäöüß]{{3,}}{_END}"))
    return tuple((name, re.compile(rx)) for name, rx in rules)


@lru_cache(maxsize=8)
def lexicon(code: str) -> TimexLexicon:
    """The compiled lexicon of language `code` (cached: built once per process)."""
    cues = alternation(lang.entries(code, "time_cues"), fold=True)
    determiners = alternation(lang.entries(code, "time_determiners"))
    duration_cues = alternation(lang.entries(code, "time_duration_cues"), fold=True)
    quantifiers = alternation(lang.entries(code, "time_year_quantifiers"), fold=True)
    return TimexLexicon(
        code=code,
        months=_int_table(code, "months"),
        weekdays=_int_table(code, "weekdays"),
        seasons=lang.table(code, "seasons"),
        units=lang.table(code, "time_units"),
        compound_units={k.lower(): v for k, v in lang.table(code, "time_compound_units").items()},
        modifiers=_int_table(code, "time_modifiers"),
        relative_days=_int_table(code, "time_relative_days"),
        later=_int_table(code, "time_later"),
        reference_days=_int_table(code, "time_reference_days"),
        numbers=_number_words(code),
        articles=lang.words(code, "time_articles"),
        tense=lang.table(code, "time_tense"),
        mass_nouns=lang.words(code, "time_mass_nouns"),
        frequency=frozenset(w.lower() for w in lang.words(code, "time_frequency")),
        forward_cues=frozenset(w.lower() for w in lang.words(code, "time_forward_cues")),
        backward_cues=frozenset(w.lower() for w in lang.words(code, "time_backward_cues")),
        perfect_infinitives=lang.words(code, "time_perfect_infinitives"),
        present_endings=_list_table(code, "time_present_forms"),
        present_vowels=_list_table(code, "time_present_vowels"),
        adjective_units=lang.table(code, "time_adjective_units"),
        meta_labels=lang.words(code, "time_meta_labels"),
        age_words=lang.words(code, "time_age_words"),
        formats=lang.words(code, "time_formats"),
        patterns=_patterns(code),
        cue_before=re.compile(rf"{_START}{cues}(?:\s+{determiners})?(?:\s+|-)$"),
        duration_cue_before=re.compile(rf"{_START}{duration_cues}(?:\s+{duration_cues})?(?:\s+{determiners})?\s+$"),
        quantifier_before=re.compile(rf"{_START}{quantifiers}\s+$"),
    )
