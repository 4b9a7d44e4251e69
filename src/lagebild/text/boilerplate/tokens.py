"""Tokens and shapes shared by the line features: words, capitals, dates, sentence ends."""
from __future__ import annotations

import re

from lagebild.text.boilerplate.lexicon import Lexicon

_PREFIX = re.compile(r"^\s*(?:date|datum|published)\s*[:=]?\s*\d{4}(?:-\d{2}){0,2}(?:[T ][\d:]{4,8}Z?)?(?:\s+|$)",
                     re.IGNORECASE)
DATE_TIME = re.compile(
    r"\d{4}-\d{2}-\d{2}(?:T[\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?"  # ISO date
    r"|\d{1,2}\.\s?\d{1,2}\.\s?(?:\d{4}|\d{2})?"  # 17.06.2025, 17.06.
    r"|\d{1,2}/\d{1,2}/\d{2,4}"  # 6/17/2025
    r"|\d{1,2}:\d{2}(?::\d{2})?"  # 15:03
    r"|\d+(?:st|nd|rd|th)?\.?"  # 17., 2025, 3rd
)
YEAR = re.compile(r"\b(?:1[6-9]|20)\d{2}\b")
WORD = re.compile(r"[^\W\d_][\w'’.-]*")
DIGIT = re.compile(r"\d")
SENTENCE_END = re.compile(r"[.!?…]\s*$")
_EDGE = re.compile(r"^[\W\d_]+|[\W_]+$")
LIST_MARK = re.compile(r"^\s*(?:\d{1,2}[.)]|[-–—*•→▶►>]+)\s+")

def strip_prefix(text: str) -> str:
    """The line without a leading scraper metadata prefix such as "date 2025-07 "."""
    return _PREFIX.sub("", text, count=1)


def normalise(text: str) -> str:
    """Lower-cased line without list numbers, bullets and edge punctuation."""
    text = LIST_MARK.sub("", text.strip())
    return " ".join(_EDGE.sub("", text.casefold()).split())


def word_count(text: str) -> int:
    return len(text.split())


def capitalised(word: str) -> bool:
    """True for a word that starts with a capital letter ("Müller", "KIM", "Spokesman-Review")."""
    letter = next((c for c in word if c.isalpha()), "")
    return letter.isupper()


def ends_with_any(word: str, endings: tuple[str, ...]) -> bool:
    w = word.casefold().strip(".,;:()")
    return any(w.endswith(e) for e in endings)


def name_like(word: str, lex: Lexicon) -> bool:
    """A capitalised word that is not a function word ("Anna", "KIM", "Jong-un"; not "Der")."""
    bare = word.strip(",;:()[]")
    return bool(bare) and capitalised(bare) and bare.casefold() not in lex.stopwords


def has_date(text: str, lex: Lexicon) -> bool:
    """True when the line holds a year, a numeric date or a day with a month name."""
    if YEAR.search(text) or re.search(r"\d{1,2}[./]\d{1,2}[./]", text):
        return True
    words = {w.casefold().rstrip(".") for w in WORD.findall(text)}
    return bool(DIGIT.search(text)) and bool(words & lex.meta_words)
