"""The regular expressions of the time-expression rules, built from one language's lexicons.

Each rule is (name, compiled pattern); named groups carry the parts the values are made of
(day, mon, year, era, season, wd, part, num, unit, ...). The code names no word of any language:
every word comes from `lang/<code>/time_*` and the month, weekday and season tables.
"""
from __future__ import annotations

import re
from collections.abc import Iterable

from lagebild import lang

YEAR = r"(?:1\d{3}|20\d\d)"
DAY = r"(?:3[01]|[12]\d|0?[1-9])"
END = r"(?![\wÄÖÜäöüß])"
START = r"(?<![\wÄÖÜäöüß])"
NOTHING = r"(?!x)x"


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
        return NOTHING
    parts = [_fold_first(w) if fold else re.escape(w).replace(r"\ ", r"\s+") for w in unique]
    return "(?:" + "|".join(parts) + ")"


def units_of(code: str) -> dict[str, str]:
    """Calendar units after a count, with the minutes (kept apart for the quantities stage)."""
    return {**lang.table(code, "time_units"), **lang.table(code, "time_minute_units")}


def number_words(code: str) -> dict[str, float]:
    """Number words usable as counts of calendar units (below 1000, no abbreviations), and fractions
    ("eineinhalb", "ein halbes")."""
    out: dict[str, float] = {re.sub(r"\s+", " ", k): float(v) for k, v in lang.table(code, "time_fractions").items()}
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


class _Words:
    """The alternations of one language, named as the rules use them."""

    def __init__(self, code: str) -> None:
        t, e = lang.table, lang.entries
        self.months = alternation(t(code, "months"))
        self.weekdays = alternation(t(code, "weekdays"))
        self.seasons = alternation(t(code, "seasons"))
        self.modifiers = alternation(t(code, "time_modifiers"))
        self.parts = alternation(e(code, "time_day_parts"))
        self.part_nouns = alternation(t(code, "time_day_part_codes"), fold=True)
        self.part_adjectives = alternation(e(code, "time_day_part_adjectives"), fold=True)
        self.part_links = alternation(e(code, "time_day_part_links"))
        self.part_preps = alternation(e(code, "time_day_part_preps"))
        self.night = alternation(e(code, "time_night_before"))  # "in der Nacht zum Mittwoch"
        self.units = alternation(units_of(code))
        self.compound_units = alternation(t(code, "time_compound_units"))
        self.numbers = alternation(number_words(code), fold=True)
        self.articles = alternation(lang.words(code, "time_articles"))
        self.count = rf"(?:\d+(?:,\d+)?|{self.numbers}|{self.articles})"
        self.week_units = alternation(t(code, "time_week_units"))
        self.determiners = alternation(e(code, "time_determiners"))
        self.quantifiers = alternation(e(code, "time_duration_quantifiers"), fold=True)
        self.eras = alternation(t(code, "time_eras"))
        self.centuries = alternation(e(code, "time_centuries"))
        self.ordinals = alternation(t(code, "time_ordinals"), fold=True)
        self.year_parts = alternation(t(code, "time_year_parts"))
        self.links = alternation(e(code, "time_range_links"))
        week_table = t(code, "time_week_units")
        self.year_words = alternation(w for w, u in week_table.items() if u == "Y")
        self.week_words = alternation(w for w, u in week_table.items() if u == "W")
        self.linker = rf"(?:(?:of|{self.determiners})\s+)?"  # "im Juni des vergangenen Jahres", "June of last year"
        self.era = rf"(?:\s+(?P<era>{self.eras}))?"  # "264 v. Chr."
        # a year of four digits, or of fewer with an era after it
        self.year = rf"(?P<year>{YEAR}|\d{{1,4}}(?=\s+{self.eras})){self.era}"


def _date_rules(w: _Words, formats: frozenset[str]) -> list[tuple[str, str]]:
    """Dates with a day: numeric, ISO, "17. Juni", "June 17", with a weekday, a part of the day or a range."""
    year_after = rf"(?:,?\s+{w.year}|\s+{w.linker}(?P<ymod>{w.modifiers})\s+{w.year_words})?"
    range_day = rf"(?:(?P<day0>{DAY})(?:\.|st|nd|rd|th)?\s*(?:–|-|{w.links})\s*(?:{w.determiners}\s+)?)?"
    weekday_lead = rf"(?:(?P<wd>{w.weekdays}),?\s+(?:{w.determiners}\s+)?)?"
    part_lead = rf"(?:(?P<dpart>(?:{w.part_adjectives}\s+)?{w.part_nouns})\s+{w.part_links}\s+)?"
    rules = [
        ("numeric", rf"(?<![\d.])(?P<day>{DAY})\.(?P<mon>1[0-2]|0?[1-9])\.(?P<year>{YEAR}|\d\d(?!\d))?(?![\d])"),
        ("iso", rf"(?<![\d-])(?P<year>{YEAR})-(?P<mon>0[1-9]|1[0-2])(?:-(?P<day>0[1-9]|[12]\d|3[01]))?(?![\d-])"),
    ]
    if "day_month" in formats:
        rules.append(("day_month", rf"{START}{part_lead}{weekday_lead}{range_day}(?P<day>{DAY})(?:\.|st|nd|rd|th)?"
                                   rf"\s+(?:of\s+)?(?P<mon>{w.months}){year_after}{END}"))
    if "month_day" in formats:
        rules.append(("month_day", rf"{START}{part_lead}{weekday_lead}(?P<mon>{w.months})\s+(?:{range_day})?"
                                   rf"(?P<day>{DAY})(?:st|nd|rd|th)?(?![\d]){year_after}{END}"))
    return rules


def _year_rules(w: _Words, code: str) -> list[tuple[str, str]]:
    """Years, year ranges, eras, decades, centuries and parts of a year."""
    decade_nouns = alternation(lang.entries(code, "time_decade_nouns"))
    decade_noun = rf"(?:[\s-]+{decade_nouns})" if decade_nouns != NOTHING else ""
    decade_words = alternation(lang.table(code, "time_decade_words"))
    era = w.era
    return [
        ("year", rf"(?<![\w.,/–-])(?P<year>{YEAR})(?![\w]|[.,/–-]\d)"),
        ("year", rf"(?<=[a-z]-)(?P<year>{YEAR})(?![\w]|[.,/–-]\d)"),  # "mid-2022"
        ("year_short", r"(?<![\w.,/–-])(?P<year>[1-9]\d{0,2})(?![\w]|[.,/–-]\d)"),  # "im Jahr 218"
        ("year_range", rf"(?<![\w.,/–-])(?P<year0>{YEAR})\s*(?:/|–|—|\s-\s)\s*(?P<year>{YEAR}|\d\d)(?![\w]|[.,/–-]\d)"),
        ("year_range", rf"(?<![\w.,/–-])(?P<year0>{YEAR})-(?P<year>{YEAR})(?![\w]|[.,/–-]\d)"),
        ("year_era", rf"(?<![\w.,/–-])(?:(?P<year0>\d{{1,4}})\s*(?:/|–|-)\s*)?(?P<year>\d{{1,4}})\s+"
                     rf"(?P<era>{w.eras})(?![\w])"),
        ("decade", rf"{START}(?P<decade>\d{{1,3}})0(?:er|s|'s){decade_noun}{END}{era}"),
        ("decade", rf"{START}'(?P<decade>\d)0s{END}"),
        ("decade_word", rf"{START}(?P<dword>{decade_words}){decade_noun}{END}"),
        ("century", rf"{START}(?P<cent>\d{{1,2}})(?:\.|st|nd|rd|th)\s*(?:-\s*)?(?P<cword>{w.centuries}){era}"
                    rf"(?![\wÄÖÜäöüß])"),
        ("century", rf"{START}(?P<ord>{w.ordinals})[\s-]+(?P<cword>{w.centuries}){era}{END}"),
        ("year_part", rf"{START}(?:(?P<ord>{w.ordinals})|(?P<nth>[1-4])\.)\s+(?P<ypart>{w.year_parts})"
                      rf"(?:\s+(?:{w.determiners}\s+)?(?:{w.year_words}\s+|of\s+)?(?P<year>{YEAR}))?{END}"),
        ("year_part", rf"{START}(?P<ypart>Q)(?P<nth>[1-4])(?:\s+(?P<year>{YEAR}))?{END}"),
    ]


def _relative_rules(w: _Words, code: str) -> list[tuple[str, str]]:
    """Weekdays, deictic and anaphoric days, calendar units with a modifier, parts of the day."""
    rel_days = alternation(lang.table(code, "time_relative_days"))
    ref_days = alternation(lang.table(code, "time_reference_days"), fold=True)
    weekend = alternation(lang.entries(code, "time_weekend"), fold=True)
    unit_parts = alternation(lang.entries(code, "time_unit_parts"), fold=True)
    year_nouns = alternation(lang.table(code, "time_year_nouns"), fold=True)
    return [
        ("weekday", rf"{START}(?:{w.night}\s+)?(?:(?P<mod>{w.modifiers})\s+)?(?P<wd>{w.weekdays})"
                    rf"(?:\s*(?P<wpart>(?i:{w.parts})))?{END}"
                    rf"(?:\s+{w.linker}(?P<wmod>{w.modifiers})\s+{w.week_words}{END})?"),
        ("relative_day", rf"{START}(?P<rel>{rel_days})(?:\s+(?P<wpart>(?i:{w.parts})))?{END}"),
        ("reference_day", rf"{START}(?P<ref>{ref_days}){END}"),
        ("day_part", rf"{START}{w.part_preps}\s+(?P<dpart>(?:{w.part_adjectives}\s+)?{w.part_nouns}){END}"),
        ("relative_unit", rf"{START}(?P<mod>{w.modifiers})\s+(?P<unit>{w.week_units}){END}"),
        ("weekend", rf"{START}(?P<weekend>{weekend}){END}"),
        ("unit_part", rf"{START}(?P<part>{unit_parts})\s+(?P<unit>{w.week_units}){END}(?!\s+{YEAR})"),
        ("year_noun", rf"{START}(?P<ynoun>{year_nouns})(?:\s+(?P<year>{YEAR}))?{END}"),
        ("holiday", rf"{START}(?P<holiday>{alternation(lang.table(code, 'time_holidays'))})(?:\s+(?P<year>{YEAR}))?"
                    rf"{END}"),
    ]


def _month_rules(w: _Words, code: str, formats: frozenset[str]) -> list[tuple[str, str]]:
    # "the summer of 2024", "im Herbst des Jahres 1972", "April des Jahres 1918"
    of = rf"(?:\s+of|\s+{w.determiners}\s+{w.year_words})?"
    year = w.year
    rules = [
        ("month_year", rf"{START}(?:(?P<mod>{w.modifiers})\s+)?(?P<mon>{w.months}){of}\s+{year}{END}"),
        ("month", rf"{START}(?:(?P<mod>{w.modifiers})\s+)?(?P<mon>{w.months}){END}"),
        ("month_rel_year", rf"{START}(?P<mon>{w.months})\s+{w.linker}(?P<ymod>{w.modifiers})\s+{w.year_words}{END}"),
        ("season", rf"{START}(?:(?P<mod>{w.modifiers})\s+)?(?P<season>{w.seasons})(?:{of}\s+{year})?{END}"
                   rf"(?!\s+of\s+(?!{YEAR}))"),
        ("season_rel_year", rf"{START}(?P<season>{w.seasons})\s+{w.linker}(?P<ymod>{w.modifiers})\s+"
                            rf"{w.year_words}{END}"),
    ]
    if "month_compounds" in formats:
        compound_months = alternation(lang.entries(code, "time_compound_months"))
        rules.append(("month_compound", rf"{START}(?P<mon>{compound_months})(?P<head>[a-zäöüß]{{3,}}){END}"))
    return rules


def _duration_rules(w: _Words, code: str, formats: frozenset[str]) -> list[tuple[str, str]]:
    ago = lang.table(code, "time_ago")
    ago_before = alternation((x for x, where in ago.items() if where == "before"), fold=True)
    ago_after = alternation((x for x, where in ago.items() if where == "after"), fold=True)
    later = alternation(lang.table(code, "time_later"))
    vague_counts = alternation(lang.entries(code, "time_vague_counts"), fold=True)
    rules = [
        ("duration", rf"{START}(?:(?P<num0>{w.count})\s*(?:[–-]|{w.links})\s*)?(?P<num>{w.count})\s+"
                     rf"(?P<unit>{w.units}){END}"),
        ("compound_duration", rf"{START}(?P<num>\d+|{w.numbers})-(?i:(?P<unit>{w.compound_units}))"
                              rf"(?:-(?P<head>[\wÄÖÜäöüß]+))?{END}"),
        ("later", rf"{START}(?P<num>{w.count})\s+(?P<unit>{w.units})\s+(?P<later>{later}){END}"),
        ("vague_later", rf"{START}(?P<vq>{vague_counts})\s+(?P<unit>{w.units})\s+(?P<later>{later}){END}"),
        ("vague_duration", rf"{START}(?P<vq>{vague_counts})\s+(?P<unit>{w.units}){END}"),
    ]
    if ago_before != NOTHING:
        rules.append(("ago", rf"{START}{ago_before}\s+(?:{w.quantifiers}\s+)?(?P<num>{w.count})\s+"
                             rf"(?P<unit>{w.units}){END}"))
    if ago_after != NOTHING:
        rules.append(("ago", rf"{START}(?P<num>{w.count})\s+(?P<unit>{w.units})\s+{ago_after}{END}"))
    adjective_units = lang.table(code, "time_adjective_units")
    if adjective_units:  # "zweitägigen", "2-tägigen"
        rules.append(("duration_adjective", rf"{START}(?P<num>\d+|{w.numbers}|{w.articles})-?"
                                            rf"(?P<unit>{alternation(adjective_units)})(?:e[mnrs]?)?{END}"))
    vague_adjectives = lang.table(code, "time_vague_adjectives")
    if vague_adjectives:  # "wochenlang", "jahrzehntelangen"
        rules.append(("vague_adjective", rf"{START}(?P<vadj>{alternation(vague_adjectives, fold=True)})"
                                         rf"(?:e[mnrs]?)?{END}"))
    plurals = alternation(lang.entries(code, "time_vague_plurals"), fold=True)
    rules.append(("vague_plural", rf"{START}{plurals}\s+(?P<unit>{w.units}){END}"))
    if "capitalised_nouns" in formats:
        rules.append(("compound_duration", rf"{START}(?P<num>{w.numbers})(?P<unit>{w.compound_units})"
                                           rf"(?P<head>[a-zäöüß]{{3,}}){END}"))
    return rules


def _reference_rules(w: _Words, code: str) -> list[tuple[str, str]]:
    """Clock times, vague references and frequencies."""
    clock = lang.table(code, "time_clock_words")
    after = alternation(x for x, role in clock.items() if role == "after")
    am = alternation(x for x, role in clock.items() if role == "am")
    pm = alternation(x for x, role in clock.items() if role == "pm")
    zones = alternation(lang.table(code, "time_zones"))
    zone = rf"(?:\s+(?P<tz>{zones}))?"
    frequency = alternation(lang.entries(code, "time_frequency"), fold=True)
    set_adverbs = alternation(lang.table(code, "time_set_adverbs"), fold=True)
    return [
        ("clock", rf"(?<![\w.:,])(?P<hour>[01]?\d|2[0-4])(?:[:.](?P<min>[0-5]\d))?\s*{after}"
                  rf"(?:\s+(?P<min2>[0-5]\d)(?![\d.,]))?{zone}{END}"),
        ("clock", rf"(?<![\w.:,])(?P<hour>1[0-2]|0?[1-9])(?:[:.](?P<min>[0-5]\d))?\s*(?:(?P<am>{am})|(?P<pm>{pm}))"
                  rf"(?![\w]){zone}"),
        ("vague", rf"{START}(?P<vague>{alternation(lang.table(code, 'time_vague'), fold=True)}){END}"),
        ("set", rf"{START}{frequency}\s+(?:(?P<num>{w.count})\s+)?(?:(?P<unit>{w.units}|{w.week_units})"
                rf"|(?P<wd>{w.weekdays})|(?P<season>{w.seasons})|(?P<mon>{w.months})){END}"),
        ("set_adverb", rf"{START}(?P<setadv>{set_adverbs}){END}"),
    ]


DIGIT = frozenset("0123456789")


def _lower(words: Iterable[str]) -> frozenset[str]:
    return frozenset(re.sub(r"\s+", " ", w).lower() for w in words if w)


def _triggers(code: str) -> dict[str, frozenset[str]]:
    """For each rule, the words (lower case) of which a sentence must contain one for the rule to match at all:
    a cheap check that spares most rules most sentences."""
    t, e = lang.table, lang.entries
    months = _lower(t(code, "months"))
    seasons = _lower(t(code, "seasons"))
    words = {
        "clock": DIGIT, "day_month": months, "month_day": months, "month_year": months, "month": months,
        "month_rel_year": months, "month_compound": months, "season": seasons, "season_rel_year": seasons,
        "weekday": _lower(t(code, "weekdays")), "decade_word": _lower(t(code, "time_decade_words")),
        "century": _lower(e(code, "time_centuries")), "year_part": _lower([*t(code, "time_year_parts"), "Q"]),
        "relative_day": _lower(t(code, "time_relative_days")), "reference_day": _lower(t(code, "time_reference_days")),
        "day_part": _lower(t(code, "time_day_part_codes")), "relative_unit": _lower(t(code, "time_week_units")),
        "weekend": _lower(e(code, "time_weekend")), "unit_part": _lower(e(code, "time_unit_parts")),
        "year_noun": _lower(t(code, "time_year_nouns")), "holiday": _lower(t(code, "time_holidays")),
        "duration_adjective": _lower(t(code, "time_adjective_units")),
        "vague_adjective": _lower(t(code, "time_vague_adjectives")), "vague": _lower(t(code, "time_vague")),
        "set": _lower(e(code, "time_frequency")), "set_adverb": _lower(t(code, "time_set_adverbs")),
    }
    units = _lower([*units_of(code), *t(code, "time_compound_units")])
    for name in ("duration", "compound_duration", "later", "vague_later", "vague_duration", "ago", "vague_plural"):
        words[name] = units
    for name in ("numeric", "iso", "year", "year_range", "year_era", "decade", "year_short"):
        words[name] = DIGIT
    return words


Rule = tuple[str, re.Pattern[str], frozenset[str]]


def compile_rules(code: str) -> tuple[Rule, ...]:
    """Every rule of language `code`, compiled, with the pre-check a sentence must pass for it."""
    w = _Words(code)
    formats = lang.words(code, "time_formats")
    rules = (_date_rules(w, formats) + _year_rules(w, code) + _month_rules(w, code, formats)
             + _relative_rules(w, code) + _duration_rules(w, code, formats) + _reference_rules(w, code))
    triggers = _triggers(code)
    return tuple((name, re.compile(rx), triggers[name]) for name, rx in rules)
