"""Ordering ISO time values of different granularity (year, season, month, week, day)."""
from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

from lagebild.model import Document

_SEASON_MONTH = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}  # first month; a season lasts three
_ISO = re.compile(r"^(\d{4})(?:-(\d{2}|SP|SU|FA|WI|W\d{2}(?:-WE)?))?(?:-(\d{2}))?$")


def granularity(value: str) -> str | None:
    """year, season, month, week or day; None for durations and unknown values."""
    m = _ISO.match(value or "")
    if not m:
        return None
    if m[3]:
        return "day"
    part = m[2]
    if part is None:
        return "year"
    if part in _SEASON_MONTH:
        return "season"
    if part.startswith("W"):
        return "week"
    return "month"


def sort_key(value: str) -> tuple[int, int, int, int]:
    """(year, month, day, precision): a month sorts as the month, before its days."""
    m = _ISO.match(value or "")
    if not m:
        return (9999, 12, 31, 9)
    year, part, day = int(m[1]), m[2], m[3]
    if part is None:
        return (year, 0, 0, 0)
    if part in _SEASON_MONTH:
        return (year, _SEASON_MONTH[part], 0, 1)
    if part.startswith("W"):
        d = date.fromisocalendar(year, min(int(part[1:3]), 52), 6 if part.endswith("WE") else 1)
        return (d.year, d.month, d.day, 3)
    return (year, int(part), int(day) if day else 0, 4 if day else 2)


def add_months(year: int, month: int, months: int) -> date:
    """The first day of the month `months` after year-month."""
    total = year * 12 + (month - 1) + months
    return date(total // 12, total % 12 + 1, 1)


def interval(value: str) -> tuple[date, date] | None:
    """The days an ISO value covers, [start, end): a month is the whole month, not its first day."""
    m = _ISO.match(value or "")
    if not m:
        return None
    year, part, day = int(m[1]), m[2], m[3]
    if part is None:
        return date(year, 1, 1), date(year + 1, 1, 1)
    if part in _SEASON_MONTH:
        first = _SEASON_MONTH[part]
        return date(year, first, 1), add_months(year, first, 3)
    if part.startswith("W"):
        monday = date.fromisocalendar(year, min(int(part[1:3]), 52), 1)
        start = monday + timedelta(days=5) if part.endswith("WE") else monday
        return start, start + timedelta(days=2 if part.endswith("WE") else 7)
    month = int(part)
    if day:
        start = date(year, month, int(day))
        return start, start + timedelta(days=1)
    return date(year, month, 1), add_months(year, month, 1)


def timeline(docs: Iterable[Document]) -> list[dict[str, Any]]:
    """Dated time expressions and events of all documents, ordered by time."""
    rows = []
    for doc in docs:
        for t in doc.times:
            if t.value and granularity(t.value):
                sentence = doc.sentence_at(t.start)
                rows.append({"value": t.value, "granularity": granularity(t.value), "text": t.text,
                             "doc_id": doc.id, "outlet": doc.outlet, "kind": "time",
                             "sentence": sentence.text if sentence else doc.text[max(0, t.start - 80):t.end + 80]})
        for e in doc.events:
            if e.time and granularity(e.time):
                rows.append({"value": e.time, "granularity": granularity(e.time), "text": e.trigger,
                             "doc_id": doc.id, "outlet": doc.outlet, "kind": e.kind,
                             "sentence": doc.sentences[e.sentence].text if e.sentence < len(doc.sentences) else ""})
    return sorted(rows, key=lambda r: (sort_key(r["value"]), r["doc_id"]))


def span(docs: Iterable[Document]) -> tuple[str | None, str | None]:
    """Earliest and latest publication date of the documents."""
    dates = sorted((d.published for d in docs if d.published), key=sort_key)
    return (dates[0], dates[-1]) if dates else (None, None)
