"""Calendar arithmetic for time expressions: the anchor (the article's "now") and
the rules that turn a month, season, weekday or relative unit into an ISO / TIMEX3 value.

Tense is an int: -2 past perfect, -1 past, 0 unknown or present (read as past, as news mostly is),
+1 future. Years before Christ are negative (-479 is 479 BC, written BC0479 as TIMEX does).
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

_ISO = re.compile(r"^(BC)?(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")

# First and last month of each season (winter runs from December of its year into February).
SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}


@dataclass(frozen=True)
class Anchor:
    """The article's "now" at the precision known: year, year+month or a full date."""

    year: int | None = None
    month: int | None = None
    day: int | None = None

    @property
    def date(self) -> dt.date | None:
        if self.year is None or self.month is None or self.day is None or self.year < 1:
            return None
        return dt.date(self.year, self.month, self.day)


def parse_anchor(published: str | None) -> Anchor:
    """`Anchor` from an ISO string of any precision ("2025-06-17", "2025-07", "2024", None)."""
    m = _ISO.match(published or "")
    if not m:
        return Anchor()
    if m.group(1):
        return Anchor(-int(m.group(2)))
    year, month, day = (int(g) if g else None for g in m.groups()[1:])
    if month is not None and not 1 <= month <= 12:
        return Anchor(year)
    if day is not None and valid_date(year or 0, month or 0, day) is None:
        return Anchor(year, month)
    return Anchor(year, month, day)


def valid_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def year_text(year: int) -> str:
    """A year as TIMEX writes it: 2024, 0079, BC0479."""
    return f"BC{-year:04d}" if year < 0 else f"{year:04d}"


def iso_value(anchor: Anchor) -> str | None:
    """The anchor itself as an ISO value at its precision."""
    if anchor.year is None:
        return None
    if anchor.month is None:
        return year_text(anchor.year)
    if anchor.day is None:
        return f"{year_text(anchor.year)}-{anchor.month:02d}"
    return f"{year_text(anchor.year)}-{anchor.month:02d}-{anchor.day:02d}"


def month_value(year: int | None, month: int) -> str | None:
    return None if year is None else f"{year_text(year)}-{month:02d}"


def date_value(day: dt.date | None) -> str | None:
    return None if day is None else day.isoformat()


def week_value(day: dt.date | None, weekend: bool = False) -> str | None:
    if day is None:
        return None
    year, week, _ = day.isocalendar()
    return f"{year:04d}-W{week:02d}" + ("-WE" if weekend else "")


def shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def year_of_month(month: int, anchor: Anchor, tense: int, shift: int | None = None) -> int | None:
    """The year of a month named without one ("im Mai", "im vergangenen September").

    With a month-precise anchor the month is the most recent such month (or the next
    one in future tense or after "nächsten"). With only a year known, the likelier
    reading wins: a past month in the first half of the year is this year's, a later
    one last year's.
    """
    year = anchor.year
    if year is None:
        return None
    if shift == 0:
        return year
    forward = shift == 1 or (shift is None and tense > 0)
    if anchor.month is None:
        if shift == -1:
            return year - 1
        if forward:
            return year if month >= 7 else year + 1
        return year if month <= 6 else year - 1
    if forward:
        return year if month > anchor.month or (month == anchor.month and shift is None) else year + 1
    if shift == -1:
        return year if month < anchor.month else year - 1
    return year if month <= anchor.month else year - 1


def year_of_day(month: int, day: int, anchor: Anchor, tense: int) -> int | None:
    """The year of a day and month named without one ("am 19. Juni")."""
    if anchor.day is None or anchor.year is None or anchor.month is None:
        return year_of_month(month, anchor, tense)
    ahead = (month, day) > (anchor.month, anchor.day)
    if tense > 0:
        return anchor.year if (month, day) >= (anchor.month, anchor.day) else anchor.year + 1
    return anchor.year - 1 if ahead else anchor.year


def season_year(season: str, anchor: Anchor, tense: int, shift: int | None) -> int | None:
    """The year of a season named without one ("im Sommer", "im vergangenen Herbst")."""
    year = anchor.year
    if year is None:
        return None
    first, last = SEASON_MONTHS[season]
    if shift == 0:
        return year if not (season == "WI" and anchor.month is not None and anchor.month <= 2) else year - 1
    now = anchor.month
    if now is None:
        if shift == -1:
            return year - 1
        if shift == 1 or tense > 0:
            return year if shift is None else year + 1
        return year if first <= 6 else year - 1
    if season == "WI" and now <= 2:
        now += 12  # January and February belong to the winter that began the year before
        year -= 1
    if shift == -1:
        return year if last < now else year - 1
    if shift == 1:
        return year if first > now else year + 1
    if tense > 0:
        return year if last >= now else year + 1
    return year if first <= now else year - 1


def weekday_date(weekday: int, anchor: Anchor, tense: int, shift: int | None, nearest: bool = False) -> dt.date | None:
    """The date of a weekday: the most recent one on or before the anchor, the next one in future
    tense, or with `nearest` (a present-tense clause) the closer of the two; "vergangenen"/"nächsten"
    exclude the anchor's own day."""
    now = anchor.date
    if now is None:
        return None
    back = (now.isoweekday() - weekday) % 7
    if nearest and shift is None and tense == 0 and back > 3:
        return now + dt.timedelta(days=7 - back)  # "wenn Putin am Dienstag eintrifft", said on Monday
    if shift == 1 or (shift is None and tense > 0):
        ahead = (weekday - now.isoweekday()) % 7
        if shift == 1 and ahead == 0:
            ahead = 7
        return now + dt.timedelta(days=ahead)
    if shift == -1 and back == 0:
        back = 7
    return now - dt.timedelta(days=back)


def weekday_in_week(weekday: int, anchor: Anchor, weeks: int) -> dt.date | None:
    """The weekday in the week `weeks` away from the anchor's ("Donnerstag vergangener Woche")."""
    now = anchor.date
    if now is None:
        return None
    return now + dt.timedelta(days=7 * weeks + weekday - now.isoweekday())


def weekend_value(anchor: Anchor, tense: int, shift: int | None) -> str | None:
    """TIMEX3 week-end: "vergangenes Wochenende" is the weekend of the week before the anchor's."""
    now = anchor.date
    if now is None:
        return None
    if shift == -1:
        return week_value(now - dt.timedelta(days=7), weekend=True)
    in_weekend = now.isoweekday() >= 6
    if shift == 1:
        return week_value(now + dt.timedelta(days=7 if in_weekend else 0), weekend=True)
    if tense > 0 or in_weekend:
        return week_value(now, weekend=True)
    return week_value(now - dt.timedelta(days=7), weekend=True)


def unit_value(unit: str, anchor: Anchor, delta: int, tense: int = 0) -> str | None:
    """A calendar unit shifted by `delta` from the anchor: year, month, ISO week, day or weekend."""
    if anchor.year is None:
        return None
    if unit == "Y":
        return year_text(anchor.year + delta)
    if unit == "M":
        if anchor.month is None:
            return None
        return month_value(*shift_month(anchor.year, anchor.month, delta))
    if unit == "WE":
        return weekend_value(anchor, tense, delta)
    now = anchor.date
    if now is None:
        return None
    if unit == "W":
        return week_value(now + dt.timedelta(days=7 * delta))
    if unit in ("D", "H"):
        return date_value(now + dt.timedelta(days=delta))
    return None


def duration_value(count: float, unit: str) -> str:
    """ISO 8601 duration: P15D, P2W, P24Y, PT3H, PT40M (TM = minutes), P1.5Y; decades and centuries as
    TIMEX3 P3DE, P1CE."""
    number = str(int(count)) if float(count).is_integer() else f"{count:g}"
    if unit in ("H", "TM"):
        return f"PT{number}{'H' if unit == 'H' else 'M'}"
    return f"P{number}{unit}"


_DURATION = re.compile(r"^P(T?)(\d+(?:\.\d+)?)(Y|M|W|D|H|DE|CE)$")
_YEARS = {"DE": 10, "CE": 100}
_SMALLER = {"Y": (12, "M"), "CE": (10, "DE"), "DE": (10, "Y"), "W": (7, "D"), "D": (24, "H"), "H": (60, "TM")}


def in_years(value: str | None) -> str | None:
    """Decades and centuries counted in years, as the news gold does ("seit einem Jahrhundert" = P100Y)."""
    m = _DURATION.match(value or "")
    if not m or m.group(3) not in _YEARS:
        return value
    return duration_value(float(m.group(2)) * _YEARS[m.group(3)], "Y")


def whole_units(value: str | None) -> str | None:
    """A fraction written in the next smaller unit, as TIMEX2 does: P1.5Y = P1Y6M, P0.5CE = P5DE, PT1.5H = PT1H30M."""
    m = _DURATION.match(value or "")
    if not m or "." not in m.group(2):
        return value
    count, unit = float(m.group(2)), ("TM" if m.group(1) and m.group(3) == "M" else m.group(3))
    factor, smaller = _SMALLER.get(unit, (0, ""))
    rest = (count - int(count)) * factor
    if not factor or not rest.is_integer():
        return value
    if int(count) == 0:
        return duration_value(rest, smaller)
    if unit == "Y":
        return f"P{int(count)}Y{int(rest)}M"
    if unit == "H":
        return f"PT{int(count)}H{int(rest)}M"
    return value


# ---------------------------------------------------------------- against the narrative's reference time


def _months(anchor: Anchor, end: bool = False) -> int:
    """The anchor as a month count (its first month, or with `end` its last)."""
    year = anchor.year or 0
    if anchor.month is None:
        return year * 12 + (11 if end else 0)
    return year * 12 + anchor.month - 1


def far_apart(reference: Anchor, present: Anchor, months: int = 12) -> bool:
    """`reference` ends more than `months` before `present` begins (a narrative of the past)."""
    if reference.year is None or present.year is None:
        return False
    return _months(present) - _months(reference, end=True) > months


def nearest_year(month: int, reference: Anchor, tense: int, present: bool = False) -> int | None:
    """The year of a month named without one, read in a narrative: the occurrence nearest to the
    reference time, a step back costing twice a step ahead (a narrative moves on), unless the clause
    is in the past perfect, which looks back; in a present-tense clause simply the nearest one
    ("Im Mai beginnt der Streik", said in March)."""
    if reference.year is None:
        return None
    if reference.month is None:
        return reference.year
    ahead, back = (1, 1) if present else (1, 2) if tense != -2 else (2, 1)
    now = _months(reference)

    def cost(year: int) -> int:
        distance = year * 12 + month - 1 - now
        return distance * ahead if distance >= 0 else -distance * back
    return min((reference.year, reference.year + 1, reference.year - 1), key=cost)


def nearest_season_year(season: str, reference: Anchor, tense: int) -> int | None:
    """The year of a season named without one, read in a narrative (as `nearest_year`)."""
    first = SEASON_MONTHS[season][0]
    if reference.month is not None and season == "WI" and reference.month <= 2:
        return None if reference.year is None else reference.year - 1  # January belongs to last year's winter
    return nearest_year(min(first, 12), reference, tense)


def weekday_after(weekday: int, reference: Anchor, tense: int) -> dt.date | None:
    """A weekday in a narrative: the first such day from the reference day on (before it in the past perfect)."""
    day = reference.date
    if day is None:
        return None
    if tense == -2:
        return day - dt.timedelta(days=(day.isoweekday() - weekday) % 7)
    return day + dt.timedelta(days=(weekday - day.isoweekday()) % 7)


def two_digit_year(short: int, reference: Anchor) -> int:
    """A two-digit year ("1.9.39", "05.11.21"): the latest such year up to ten years after the reference year."""
    base = reference.year if reference.year is not None and reference.year > 0 else 2000
    year = (base + 10) // 100 * 100 + short
    return year if year <= base + 10 else year - 100


def with_time(date: str | None, clock: str | None) -> str | None:
    """A date with a time of day or a part of the day: 1941-06-22T04:45, 1941-06-22TMO."""
    if date is None or clock is None or len(date) != 10:
        return date
    return f"{date}T{clock}"
