"""Document metadata found in the text itself: language and publication date."""
from __future__ import annotations

import re
from datetime import datetime
from functools import lru_cache
from typing import Any

from lagebild import lang

_LINGUA = ("GERMAN", "ENGLISH", "FRENCH", "SPANISH", "ITALIAN", "DUTCH", "POLISH", "RUSSIAN", "UKRAINIAN", "KOREAN")


@lru_cache(maxsize=1)
def _detector() -> Any:
    from lingua import Language, LanguageDetectorBuilder

    return LanguageDetectorBuilder.from_languages(*(getattr(Language, n) for n in _LINGUA)).build()


def function_word_vote(text: str, share: float = 0.12, margin: float = 5.0) -> str | None:
    """The supported language whose function words (`lang/<code>/function_words.txt`)
    make up at least `share` of the words and outnumber every other's `margin` times."""
    words = re.findall(r"\w+", text.lower())
    if len(words) < 40:
        return None
    counts = sorted(((sum(w in lang.words(code, "function_words") for w in words), code) for code in lang.SUPPORTED),
                    reverse=True)
    (best, code), runner_up = counts[0], (counts[1][0] if len(counts) > 1 else 0)
    return code if best >= share * len(words) and best >= margin * max(runner_up, 1) else None


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language (restricted to a few languages), or None.
    A text plainly in a supported language is told by its function words; the rest by lingua."""
    sample = text[:4000]
    if len(sample.strip()) < 20:
        return None
    if plain := function_word_vote(sample):
        return plain
    found = _detector().detect_language_of(sample)
    return found.iso_code_639_1.name.lower() if found else None


_ISO = re.compile(r"\b(\d{4})-(\d{2})(?:-(\d{2}))?(?:[T ][\d:]+)?")
_NUMERIC = re.compile(r"(?<![\d.])(\d{1,2})\.(\d{1,2})\.(\d{4})(?!\d)")
_SCRAPER_DATE = re.compile(r"^\s*date[:\s]+(\d{4}-\d{2}(?:-\d{2})?)\b", re.IGNORECASE)


def _valid(y: int, m: int, d: int | None = None) -> bool:
    try:
        datetime(y, m, d or 1)
    except ValueError:
        return False
    return 1900 < y < 2100


def iso_from(value: str | None) -> str | None:
    """Normalise a metadata date string ("2025-07-14 08:30:00", "2025-06-18T09:12:00+02:00",
    "17.06.2025") to ISO at the precision it has."""
    if not value:
        return None
    value = str(value).strip()
    if m := _ISO.search(value):
        y, mo, d = int(m[1]), int(m[2]), m[3]
        if _valid(y, mo, int(d) if d else None):
            return f"{y:04d}-{mo:02d}" + (f"-{int(d):02d}" if d else "")
    if m := _NUMERIC.search(value):
        d, mo, y = int(m[1]), int(m[2]), int(m[3])
        if _valid(y, mo, d):
            return f"{y:04d}-{mo:02d}-{d:02d}"
    if re.fullmatch(r"\d{4}", value) and _valid(int(value), 1):
        return value
    return None


def _month_names(language: str) -> dict[str, int]:
    months = lang.table(language, "months")
    return {k.lower(): int(v) for k, v in months.items() if v.isdigit()}


def dateline(text: str, language: str | None = None, head_lines: int = 8) -> str | None:
    """The publication date written near the top of an article: a scraper's
    "date 2025-07" prefix, a timestamp line "17.06.2025, 15:03", or
    "17. Juni 2025" / "June 17, 2025" alone on a short line."""
    lines = [ln for ln in text.split("\n") if ln.strip()][:head_lines]
    for line in lines:
        if m := _SCRAPER_DATE.match(line):
            return iso_from(m[1])
    code = lang.code(language)
    months = _month_names(code)
    for line in lines:
        stripped = line.strip()
        if len(stripped) > 60:
            continue  # a body sentence, not a dateline
        if m := _NUMERIC.search(stripped):
            if iso := iso_from(m[0]):
                return iso
        words = re.findall(r"\w+", stripped.lower())
        nums = [w for w in words if w.isdecimal()]  # not isdigit: "²" is a digit int() cannot read
        month = next((months[w] for w in words if w in months), None)
        years = [int(n) for n in nums if len(n) == 4]
        days = [int(n) for n in nums if len(n) <= 2]
        if month and years and _valid(years[0], month, days[0] if days else None):
            return f"{years[0]:04d}-{month:02d}" + (f"-{days[0]:02d}" if days else "")
    return None
