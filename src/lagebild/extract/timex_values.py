"""The value of one time expression, given what it is resolved against (a `Frame`).

Each rule has a small function. Absolute expressions (a year is named) need no frame; deictic
ones ("gestern", "vergangene Woche", "vor zwei Jahren") count from the article's present;
anaphoric ones ("am selben Tag", "drei Tage später", "im folgenden Jahr", "am Abend") from the
date named last; underspecified ones (a month, season, day or weekday without a year) from
`frame.base`, which `timex_reference` sets to the narrative's reference time or the present.
Values are TIMEX3 (ISO 8601 and its extensions: 2023-FA, 2024-W24-WE, 2026-Q1, BC0479, 19 for
the 20th century, PXY, PRESENT_REF, XXXX-SU); the time of day is kept here and dropped later
where the news standard wants the date alone.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from lagebild.extract import timex_resolve as cal
from lagebild.extract.timex_candidates import Hit
from lagebild.extract.timex_lexicon import TimexLexicon

DATE, TIME, DURATION, SET = "DATE", "TIME", "DURATION", "SET"


@dataclass(frozen=True)
class Frame:
    """What one expression is resolved against."""

    present: cal.Anchor  # the article's date
    base: cal.Anchor  # the present, or the narrative's reference time when the sentence continues it
    last: cal.Anchor  # the last date named, else the present
    last_day: cal.Anchor  # the last day named, else the present
    narrative: bool = False  # `base` is the narrative's reference time
    far: bool = False  # the narrative is far from the present
    history: bool = False  # the whole text tells of the past (a history, not news): "heute" means nowadays
    told_day: cal.Anchor | None = None  # the last day the text named as when something happened


@dataclass(frozen=True)
class Value:
    value: str | None
    type: str = DATE
    anchor: cal.Anchor | None = None  # what it was resolved against; None for an absolute expression
    vague: bool = False  # a vague reference, duration or set: not annotated in news


_Rule = Callable[[Hit, TimexLexicon, Frame], Value]


def _shift(hit: Hit, lex: TimexLexicon) -> int | None:
    mod = hit.groups.get("mod")
    return lex.modifiers.get(mod) if mod else None


def _anaphoric(hit: Hit, lex: TimexLexicon) -> bool:
    mod = hit.groups.get("mod") or hit.groups.get("ymod") or ""
    return mod.lower() in lex.anaphoric_modifiers


def _deictic(frame: Frame) -> cal.Anchor:
    """What "vergangenen", "nächsten", "dieses" count from: the present, or in a history the story's time
    ("dieses Jahres" in a chapter on 1862 is 1862)."""
    return frame.base if frame.history and frame.narrative else frame.present


def _year(hit: Hit, lex: TimexLexicon, frame: Frame, key: str = "year") -> int | None:
    """The year a hit names: four digits, two digits (near the frame's year), or with an era."""
    raw = hit.groups.get(key)
    if not raw:
        return None
    year = int(raw)
    era = lex.eras.get(re.sub(r"\s+", " ", hit.groups.get("era") or ""))
    if era == "BC":
        return -year
    if len(raw) == 2 and not era and hit.rule != "year_short":  # "im Jahr 79" is the year 79
        first = hit.groups.get("year0")
        if first and len(first) == 4:  # "1939/40"
            return int(first[:2]) * 100 + year
        return cal.two_digit_year(year, frame.last if frame.far else frame.present)
    return year


def _part(hit: Hit, lex: TimexLexicon) -> str | None:
    raw = hit.groups.get("dpart") or hit.groups.get("wpart")
    if hit.rule in ("day_part", "reference_day", "relative_day"):
        raw = hit.text
    return lex.day_part(raw) if raw else None


def _timed(date: str | None, hit: Hit, lex: TimexLexicon, anchor: cal.Anchor | None = None) -> Value:
    part = _part(hit, lex)
    if part and date:
        return Value(cal.with_time(date, part), TIME, anchor)
    return Value(date, DATE, anchor)


def _day(hit: Hit, lex: TimexLexicon, frame: Frame) -> Value:
    """numeric, iso, day_month, month_day: a full date, or a month for "2025-07"."""
    mon_raw = hit.groups["mon"] or ""
    month = lex.months.get(mon_raw) or (int(mon_raw) if mon_raw.isdigit() else 0)
    year = _year(hit, lex, frame)
    if hit.groups.get("ymod"):  # "am 19. Juni letzten Jahres"
        shift = lex.modifiers.get(hit.groups["ymod"] or "", 0)
        base = frame.last if _anaphoric(hit, lex) else _deictic(frame)
        year = None if base.year is None else base.year + shift
    if hit.groups.get("day") is None:
        return Value(cal.month_value(year, month))
    day = int(hit.groups["day"] or 0)
    anchor = None
    if year is None:
        anchor = frame.base
        if frame.narrative or (hit.present and hit.cue not in lex.backward_cues):  # the nearest such day
            year = cal.nearest_year(month, frame.base, hit.tense, present=not frame.narrative)
        else:
            year = cal.year_of_day(month, day, frame.base, hit.tense)
    if year is None or year < 1:
        return Value(None, DATE, anchor)
    return _timed(cal.date_value(cal.valid_date(year, month, day)), hit, lex, anchor)


def _holiday(hit: Hit, lex: TimexLexicon, frame: Frame) -> Value:
    """"Weihnachten 1966" -> 1966-12-25; without a year, as a day and month without one."""
    month, day = lex.holidays[re.sub(r"\s+", " ", hit.groups.get("holiday") or "")]
    return _day(Hit(hit.rule, hit.start, hit.end, {**hit.groups, "day": str(day), "mon": str(month)}, hit.text,
                    hit.cue, hit.tense, hit.present), lex, frame)


def _month(hit: Hit, lex: TimexLexicon, frame: Frame) -> Value:
    month = lex.months[hit.groups["mon"] or ""]
    year = _year(hit, lex, frame)
    if year is not None:
        return Value(cal.month_value(year, month))
    shift = _shift(hit, lex)
    if _anaphoric(hit, lex):
        return Value(cal.month_value(cal.nearest_year(month, frame.last, 1), month), DATE, frame.last)
    if shift is None and frame.narrative:
        return Value(cal.month_value(cal.nearest_year(month, frame.base, hit.tense), month), DATE, frame.base)
    if shift is None and hit.present and hit.cue not in lex.backward_cues:
        year = cal.nearest_year(month, frame.present, hit.tense, present=True)
        return Value(cal.month_value(year, month), DATE, frame.present)
    return Value(cal.month_value(cal.year_of_month(month, _deictic(frame), hit.tense, shift), month), DATE,
                 _deictic(frame))


def _season(hit: Hit, lex: TimexLexicon, frame: Frame) -> Value:
    season = lex.seasons[hit.groups["season"] or ""]
    year = _year(hit, lex, frame)
    anchor = None
    if hit.groups.get("ymod"):  # "im Herbst vergangenen Jahres"
        anchor = frame.last if _anaphoric(hit, lex) else _deictic(frame)
        year = None if anchor.year is None else anchor.year + lex.modifiers.get(hit.groups["ymod"] or "", 0)
    elif year is None and _shift(hit, lex) is None and frame.narrative:
        anchor = frame.base
        year = cal.nearest_season_year(season, frame.base, hit.tense)
    elif year is None:
        anchor = frame.last if _anaphoric(hit, lex) else _deictic(frame)
        year = cal.season_year(season, anchor, hit.tense, _shift(hit, lex))
    return Value(None if year is None else f"{cal.year_text(year)}-{season}", DATE, anchor)


def _plain_year(hit: Hit, lex: TimexLexicon, frame: Frame) -> Value:
    year = _year(hit, lex, frame)
    if year is not None and year > 0 and frame.last.year is not None and frame.last.year < 0 \
            and len(hit.groups.get("year") or "") < 4:
        year = -year  # "im Jahr 478" in a narrative before Christ
    return Value(None if year is None else cal.year_text(year))


def _decade(hit: Hit, lex: TimexLexicon, frame: Frame) -> Value:
    """1990er -> 199, 460er (before Christ) -> BC046, zwanziger Jahre -> 192 in the century of the context."""
    digits = hit.groups.get("decade")
    if hit.groups.get("dword"):
        digits = str(lex.decade_words[hit.groups["dword"] or ""])
    if not digits:
        return Value(None)
    context = frame.last if frame.last.year is not None else frame.present
    if len(digits) == 1:
        if context.year is None:
            return Value(None)
        digits = f"{abs(context.year) // 100}{digits}"
    era = lex.eras.get(re.sub(r"\s+", " ", hit.groups.get("era") or ""))
    bc = era == "BC" or (era is None and len(digits) < 3 and (context.year or 0) < 0)
    return Value(("BC" if bc else "") + digits.zfill(3))


def _century(hit: Hit, lex: TimexLexicon, frame: Frame) -> Value:
    """The 20th century -> 19; the 6th century before Christ -> BC05."""
    raw = hit.groups.get("cent")
    number = int(raw) if raw else lex.ordinals.get((hit.groups.get("ord") or "").lower(), 0)
    if not number:
        return Value(None)
    era = lex.eras.get(re.sub(r"\s+", " ", hit.groups.get("era") or ""))
    return Value(("BC" if era == "BC" else "") + f"{number - 1:02d}")


def _year_part(hit: Hit, lex: TimexLexicon, frame: Frame) -> Value:
    """The first quarter of 2026 -> 2026-Q1; the second half (of the year in question) -> H2."""
    nth = hit.groups.get("nth")
    number = int(nth) if nth else lex.ordinals.get((hit.groups.get("ord") or "").lower(), 0)
    letter = lex.year_parts.get(re.sub(r"\s+", " ", hit.groups.get("ypart") or ""), "Q")
    year = _year(hit, lex, frame)
    anchor = None
    if year is None:
        anchor = frame.base
        year = anchor.year
    return Value(None if year is None or not number else f"{cal.year_text(year)}-{letter}{number}", DATE, anchor)


def _weekday(hit: Hit, lex: TimexLexicon, frame: Frame) -> Value:
    weekday = lex.weekdays[hit.groups["wd"] or ""]
    if hit.groups.get("wmod"):  # "am Donnerstag vergangener Woche"
        week = lex.modifiers.get(hit.groups["wmod"] or "", 0)
        return _timed(cal.date_value(cal.weekday_in_week(weekday, frame.present, week)), hit, lex, frame.present)
    if frame.narrative and _shift(hit, lex) is None:
        return _timed(cal.date_value(cal.weekday_after(weekday, frame.base, hit.tense)), hit, lex, frame.base)
    if hit.groups.get("day") and hit.groups.get("mon"):  # "Montagnachmittag (6. Februar)"
        return _day(hit, lex, frame)
    now = _today(frame)
    nearest = hit.present and hit.cue not in lex.backward_cues
    day = cal.weekday_date(weekday, now, hit.tense, _shift(hit, lex), nearest=nearest)
    return _timed(cal.date_value(day), hit, lex, now)


def _today(frame: Frame) -> cal.Anchor:
    """The day "gestern" and "am Dienstag" count from: the publication day, or where only its month is known,
    the last day the text named as when something happened (a ticker entry's "Update vom 7. Februar")."""
    if frame.present.day is None and frame.told_day is not None:
        return frame.told_day
    return frame.present


def _relative_day(hit: Hit, lex: TimexLexicon, frame: Frame) -> Value:
    offset = lex.relative_days[hit.groups["rel"] or ""]
    if offset == 0 and frame.history and not hit.groups.get("wpart"):
        return Value("PRESENT_REF", DATE, frame.present, vague=True)  # "heute" in a history: nowadays
    today = _today(frame)
    return _timed(cal.unit_value("D", today, offset), hit, lex, today)


def _reference_day(hit: Hit, lex: TimexLexicon, frame: Frame) -> Value:
    offset = lex.reference_offset(hit.groups["ref"] or "")
    return _timed(cal.unit_value("D", frame.last_day, offset), hit, lex, frame.last_day)


def _day_part(hit: Hit, lex: TimexLexicon, frame: Frame) -> Value:
    return _timed(cal.unit_value("D", frame.last_day, 0), hit, lex, frame.last_day)


def _relative_unit(hit: Hit, lex: TimexLexicon, frame: Frame) -> Value:
    """"vergangene Woche", "im nächsten Jahr"; "im selben Jahr", "im folgenden Monat" from the date named last."""
    unit = lex.week_units[re.sub(r"\s+", " ", hit.groups["unit"] or "")]
    anchor = frame.last if _anaphoric(hit, lex) else _deictic(frame)
    return Value(cal.unit_value(unit, anchor, _shift(hit, lex) or 0, hit.tense), DATE, anchor)


def _unit_part(hit: Hit, lex: TimexLexicon, frame: Frame) -> Value:
    """"Anfang des Jahres", "Ende des Monats": that unit of the base."""
    unit = lex.week_units[re.sub(r"\s+", " ", hit.groups["unit"] or "")]
    return Value(cal.unit_value(unit, frame.base, 0, hit.tense), DATE, frame.base)


def _year_noun(hit: Hit, lex: TimexLexicon, frame: Frame) -> Value:
    if hit.groups.get("year"):  # "Jahresbeginn 1918"
        return Value(hit.groups["year"])
    shift = lex.year_nouns[re.sub(r"\s+", " ", (hit.groups["ynoun"] or "").lower())]
    return Value(cal.unit_value("Y", frame.base, shift), DATE, frame.base)


def _weekend(hit: Hit, lex: TimexLexicon, frame: Frame) -> Value:
    return Value(cal.weekend_value(frame.present, hit.tense, None), DATE, frame.present)


def _count(hit: Hit, lex: TimexLexicon) -> tuple[float, str] | None:
    count = lex.number(hit.groups.get("num") or "")
    raw = (hit.groups.get("unit") or "").lower()
    unit = (lex.unit(hit.groups.get("unit") or "") or lex.compound_units.get(raw) or lex.adjective_units.get(raw)
            or lex.week_units.get(hit.groups.get("unit") or ""))
    return None if count is None or unit is None else (count, unit)


def _duration(hit: Hit, lex: TimexLexicon, frame: Frame) -> Value:
    counted = _count(hit, lex)
    if counted is None or hit.groups.get("num0"):  # "vier bis fünf Tage": no one value
        return Value(None, DURATION)
    anchor = frame.last if hit.cue in lex.after_cues else None  # "nach zwei Tagen": from the date named last
    return Value(cal.duration_value(*counted), DURATION, anchor)


def _ago(hit: Hit, lex: TimexLexicon, frame: Frame) -> Value:
    counted = _count(hit, lex)
    if counted is None or not counted[0].is_integer():
        return Value(None, DATE, frame.present)
    return Value(cal.unit_value(counted[1], frame.present, -int(counted[0])), DATE, frame.present)


def _later(hit: Hit, lex: TimexLexicon, frame: Frame) -> Value:
    """"drei Tage später", "a month earlier": a point counted from the date named last."""
    counted = _count(hit, lex)
    if counted is None or not counted[0].is_integer():
        return Value(None, DATE, frame.last)
    count, unit = counted
    if unit in ("H", "TM"):  # "11 minutes later": a time of day is not kept, so the gold counts it a duration
        return Value(cal.duration_value(count, unit), DURATION, frame.last_day)
    base = frame.last_day if unit in ("D", "W") else frame.last
    return Value(cal.unit_value(unit, base, lex.later[hit.groups["later"] or ""] * int(count)), DATE, base)


def _vague_duration(hit: Hit, lex: TimexLexicon, frame: Frame) -> Value:
    if hit.groups.get("vadj"):
        unit: str | None = lex.vague_adjectives.get((hit.groups["vadj"] or "").lower())
    else:
        unit = lex.unit(hit.groups.get("unit") or "")
    if unit is None:
        return Value(None, DURATION, vague=True)
    return Value(("PTX" if unit == "H" else "PX") + unit, DURATION, vague=True)


def _vague_later(hit: Hit, lex: TimexLexicon, frame: Frame) -> Value:
    ahead = lex.later[hit.groups["later"] or ""] > 0
    return Value("FUTURE_REF" if ahead else "PAST_REF", DATE, frame.last, vague=True)


def _vague(hit: Hit, lex: TimexLexicon, frame: Frame) -> Value:
    key = re.sub(r"\s+", " ", (hit.groups["vague"] or "").lower())
    return Value(lex.vague.get(key), DATE, frame.present, vague=True)


def _clock(hit: Hit, lex: TimexLexicon, frame: Frame) -> Value:
    """"um 4:45 Uhr", "at 9 p.m.": that time of the day named last."""
    hour = int(hit.groups["hour"] or 0)
    minute = int(hit.groups.get("min") or hit.groups.get("min2") or 0)
    if hit.groups.get("pm") and hour < 12:
        hour += 12
    elif hit.groups.get("am") and hour == 12:
        hour = 0
    zone = lex.zones.get(re.sub(r"\s+", " ", hit.groups.get("tz") or ""), "")
    day = cal.unit_value("D", frame.last_day, 0)
    return Value(cal.with_time(day, f"{hour:02d}:{minute:02d}{zone}"), TIME, frame.last_day)


def _set(hit: Hit, lex: TimexLexicon, frame: Frame) -> Value:
    """"jeden Sommer" -> XXXX-SU, "jeden Montag" -> XXXX-WXX-1, "alle zwei Wochen" -> P2W, "täglich" -> P1D."""
    g = hit.groups
    if g.get("setadv"):
        return Value(lex.set_adverbs.get((g["setadv"] or "").lower()), SET, vague=True)
    if g.get("wd"):
        return Value(f"XXXX-WXX-{lex.weekdays[g['wd'] or '']}", SET, vague=True)
    if g.get("season"):
        return Value(f"XXXX-{lex.seasons[g['season'] or '']}", SET, vague=True)
    if g.get("mon"):
        return Value(f"XXXX-{lex.months[g['mon'] or '']:02d}", SET, vague=True)
    counted = _count(hit if g.get("num") else Hit(hit.rule, 0, 0, {**g, "num": "1"}), lex)
    return Value(None if counted is None else cal.duration_value(*counted), SET, vague=True)


RULES: dict[str, _Rule] = {
    "numeric": _day, "iso": _day, "day_month": _day, "month_day": _day,
    "month": _month, "month_year": _month, "month_compound": _month, "month_rel_year": _day,
    "season": _season, "season_rel_year": _season,
    "year": _plain_year, "year_range": _plain_year, "year_era": _plain_year, "year_short": _plain_year,
    "decade": _decade, "decade_word": _decade, "century": _century, "year_part": _year_part,
    "weekday": _weekday, "relative_day": _relative_day, "reference_day": _reference_day, "day_part": _day_part,
    "relative_unit": _relative_unit, "unit_part": _unit_part, "year_noun": _year_noun, "weekend": _weekend,
    "holiday": _holiday,
    "duration": _duration, "compound_duration": _duration, "duration_adjective": _duration,
    "ago": _ago, "later": _later, "vague_later": _vague_later,
    "vague_duration": _vague_duration, "vague_adjective": _vague_duration, "vague_plural": _vague_duration,
    "vague": _vague, "clock": _clock, "set": _set, "set_adverb": _set,
}


def value(hit: Hit, lex: TimexLexicon, frame: Frame) -> Value:
    """The value of `hit` resolved against `frame`."""
    return RULES[hit.rule](hit, lex, frame)
