"""Candidate time expressions of one sentence: the rules' matches, checked in their context.

A month alone needs a preposition or lead word ("im Mai", "Ende Mai"); a year-like number
followed by the noun it counts is a quantity ("2000 Soldaten"); a month or a count of days
inside the name of an event is no date ("Oktoberrevolution", "Sechstagekrieg"). Spans follow
TIMEX3: the preposition before an expression is left out ("am 27. September 1940" gives
"27. September 1940") and kept as the hit's `cue`, which tells how it is meant ("seit", "bis").
Of overlapping candidates the longest is kept.
"""
from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from lagebild.extract.timex_lexicon import TimexLexicon
from lagebild.model import Syntax, Token

# Rules whose match needs a cue word or modifier before it to count as a time expression.
_NEEDS_CUE = {"month", "season"}
DURATIONS = {"duration", "compound_duration", "duration_adjective", "vague_duration", "vague_adjective",
             "vague_plural"}
# Rules whose match may start with a preposition that TIMEX leaves out ("am selben Tag", "am Abend").
_LEADING_PREPOSITION = {"reference_day", "day_part", "weekend", "weekday"}
_CLOSING = frozenset('.,;:!?)"»«“”„–—-]')
_WORD = re.compile(r"[\wÄÖÜäöüß'’-]+")


@dataclass
class Hit:
    """A candidate time expression in one sentence (offsets into the document text)."""

    rule: str
    start: int
    end: int
    groups: dict[str, str | None]
    text: str = ""
    cue: str = ""  # the preposition before the span, lower case ("seit", "am"); "" if none
    tense: int = 0
    present: bool = False  # the nearest verb is in the present tense (not merely unmarked)
    ahead: bool = False  # a cue that looks ahead ("ab dem 1. August") made an unmarked clause future
    extent: bool = False  # names where a period begins or ends ("seit dem Einmarsch im Februar 2022")
    meta: bool = False  # follows a metadata label ("date 2025-07"): used for the anchor, not reported


@dataclass
class Span:
    """One sentence to search: its offset, text and (possibly untagged) tokens."""

    offset: int
    text: str
    tokens: Sequence[Token] = field(default_factory=list)
    syntax: Syntax = field(default_factory=Syntax)  # the sentence's structure (clauses, colons)
    heading: bool = False  # a line of its own without a full stop: a title or section heading
    opens_paragraph: bool = False  # the first sentence of its line


def _previous_word(text: str, start: int) -> str:
    words = text[:start].rstrip(" :").split()
    return words[-1] if words else ""


def _next_token(tokens: Sequence[Token], end: int) -> Token | None:
    for token in tokens:
        if token.start >= end:
            return token
    return None


def _counts_plural(tokens: Sequence[Token], first: Token) -> bool:
    """The first noun from `first` on (past adjectives and names) is a plural one."""
    index = next(i for i, t in enumerate(tokens) if t is first)
    for token in tokens[index:index + 4]:
        if token.pos == "NN":
            return token.text.lower() != token.lemma.lower()
        if token.pos not in ("ADJA", "ADJD", "NE"):
            return False
    return False


def _is_year(span: Span, start: int, end: int, lex: TimexLexicon) -> bool:
    """A bare year-like number is a year unless it counts the noun after it ("2000 Soldaten")
    or follows a quantifier ("rund 2000"); after "seit" or "bis" it is one unless a time unit follows."""
    before = span.text[:start - span.offset]
    cue = lex.cues.before.search(before)
    if cue and cue.group("lead"):
        return True  # "im Jahr 2023", "Mitte 1917"
    if lex.cues.quantifier_before.search(before) or before.rstrip().endswith(("-", "–")):
        return False
    nxt = _next_token(span.tokens, end)
    if _previous_word(span.text, start - span.offset).lower() in lex.year_preps:
        return nxt is None or lex.unit(nxt.text) is None  # "seit 1974 diplomatische", not "seit 2000 Jahren"
    if nxt is None or nxt.text in _CLOSING or not before.split("\n")[-1].strip(" *•-–"):
        return True  # at the end of a clause, or first on its line ("* 1920 Bürgerkrieg")
    if nxt.text in lex.mass_nouns or nxt.text in lex.months or nxt.text in lex.weekdays:
        return True
    if not nxt.text[0].isalnum():
        return False  # "2000 €", "2000 %"
    return _year_before_word(span.tokens, nxt, span.text[start - span.offset:end - span.offset], lex)


def _after_year_word(text: str, start: int, lex: TimexLexicon) -> bool:
    """A number of one to three digits is a year only right after a year word ("im Jahr 218")."""
    cue = lex.cues.before.search(text[:start])
    lead = (cue.group("lead") or "").split() if cue else []
    return bool(lead) and lex.unit(lead[0]) == "Y"


def _year_before_word(tokens: Sequence[Token], nxt: Token, number: str, lex: TimexLexicon) -> bool:
    """A year-like number before a word: a count of the noun after it ("2000 Soldaten", "2024 Euro"); before
    an adjective a year if the noun is singular ("die 1918 einsetzende Pandemie") or the number is not round
    ("für 1920 angesetzten Wahlen", not "2000 getötete Soldaten"); in English a year unless the noun is
    plural ("the 2023 report", not "2000 soldiers")."""
    if nxt.pos and "count_needs_plural" in lex.formats:
        return not _counts_plural(tokens, nxt)  # "2000 soldiers" but "the 2023 report"
    if nxt.pos == "ADJA":
        return not _counts_plural(tokens, nxt) or not number.endswith("00")
    if nxt.pos:
        return nxt.pos != "NN"
    if "capitalised_nouns" in lex.formats:
        return not nxt.text[0].isupper()
    return not (nxt.text.islower() and nxt.text.endswith("s"))


def _cue(rule: str, text: str, start: int, lex: TimexLexicon) -> tuple[int, str]:
    """(start of the span, the preposition before it): a lead word or quantifier ("Ende", "über")
    joins the span, the preposition ("seit", "am") stays outside."""
    if rule == "duration_adjective":
        return start, ""  # "zu einem zweitägigen Besuch": the adjective alone
    pattern = lex.cues.duration_before if rule in DURATIONS else lex.cues.before
    m = pattern.search(text[:start])
    if not m or not m.group(0):
        return start, ""
    prep = " ".join((m.group("prep") or "").lower().split())
    return (m.start("lead") if m.group("lead") else start), prep


def _in_extent(span: Span, start: int, cue: str, lex: TimexLexicon) -> bool:
    """The expression names where a period begins or ends: after "seit"/"bis", or in the clause segment
    they open ("seit dem Einmarsch im Februar 2022", "since the war ended in 1953"; segments from the
    sentence structure)."""
    if cue in lex.extents:
        return True
    i = next((k for k, t in enumerate(span.tokens) if t.end > start), len(span.tokens))
    if span.syntax.size != len(span.tokens) or i >= len(span.tokens):
        return False
    first = span.syntax.segment(i)[0]
    return any(t.text.lower() in lex.extents for t in span.tokens[first:i])


def _strip_preposition(text: str, start: int, end: int, lex: TimexLexicon) -> tuple[int, str]:
    """A match that begins with a preposition ("am selben Tag"): the start after it and the preposition."""
    m = lex.cues.preposition_start.match(text, start, end)
    if not m or m.end() >= end:
        return start, ""
    return m.end(), " ".join(m.group("prep").lower().split())


def _names_event(m: re.Match[str], text: str, lex: TimexLexicon) -> bool:
    """The match is part of the name of an event ("Oktoberrevolution", "Sechstagekrieg", "October Revolution")."""
    head = (m.groupdict().get("head") or "").lower()
    if head and any(head.startswith(h) for h in lex.name_heads):
        return True
    after = _WORD.match(text[m.end():].lstrip(" -"))
    return bool(after and m.group(0)[:1].isupper() and after.group(0)[:1].isupper()
                and after.group(0).lower() in lex.name_heads)


def _accept(rule: str, m: re.Match[str], text: str, lex: TimexLexicon, has_cue: bool) -> bool:
    groups = m.groupdict()
    if rule not in ("set", "set_adverb") and _previous_word(text, m.start()).lower() in lex.frequency:
        return False
    if rule in _NEEDS_CUE and not (has_cue or groups.get("mod") or groups.get("year")):
        return False
    if rule in ("duration", "ago", "compound_duration"):
        words = text[m.end():].lstrip(" -").split(maxsplit=1)
        if words and words[0].strip(".,;:") in lex.age_words:
            return False  # an age: "40 Jahre alt", "a two-year-old"
    after = _WORD.match(text[m.end():].lstrip())
    linked = bool(after and after.group(0).lower() in lex.event_links)
    if rule == "duration" and groups["num"] in lex.articles and not (has_cue or linked):
        return False  # "ein Tag" alone is not counted; "innerhalb einer Woche", "einen Tag nach der Wahl" are
    if rule == "later" and after and after.group(0).lower() in lex.comparisons:
        return False  # "neun Monate früher als geplant" compares: a duration
    return not _names_event(m, text, lex)


def _split(rule: str, m: re.Match[str], span: Span, start: int, groups: dict[str, str | None]) -> Iterator[Hit]:
    """A range gives two expressions: "11. bis 13. Juli", "1939/40", "449/448 v. Chr."."""
    text = span.text
    if groups.get("day0"):
        yield Hit(rule, span.offset + start, span.offset + m.end("day0") + 1, {**groups, "day": groups["day0"]},
                  text[start:m.end("day0") + 1].rstrip())
        start = m.start("day")
        groups = {**groups, "dpart": None}
    elif groups.get("year0"):
        first = {**groups, "year": groups["year0"], "year0": None}
        if rule == "year_range":
            first["era"] = None
        yield Hit(rule, span.offset + start, span.offset + m.end("year0"), first, text[start:m.end("year0")])
        start = m.start("year")
    yield Hit(rule, span.offset + start, span.offset + m.end(), groups, text[start:m.end()])


def candidates(span: Span, lex: TimexLexicon) -> Iterator[Hit]:
    """Every accepted match of every rule in one sentence."""
    text = span.text
    low = text.lower()
    for rule, pattern, trigger in lex.patterns:
        if not any(word in low for word in trigger):
            continue
        for m in pattern.finditer(text):
            start, prep = _cue(rule, text, m.start(), lex)
            if not _accept(rule, m, text, lex, bool(prep) or start < m.start()):
                continue
            if rule == "year" and not _is_year(span, span.offset + m.start(), span.offset + m.end(), lex):
                continue
            if rule == "year_short" and not _after_year_word(text, m.start(), lex):
                continue
            if rule in _LEADING_PREPOSITION and not prep:
                start, prep = _strip_preposition(text, m.start(), m.end(), lex)
            meta = _previous_word(text, m.start()) in lex.meta_labels
            extent = _in_extent(span, span.offset + m.start(), prep, lex)
            for hit in _split(rule, m, span, start, m.groupdict()):
                hit.cue, hit.meta, hit.extent = prep, meta, extent
                yield hit


_SHARES_YEAR = {"month", "season", "day_month", "month_day"}
_DATED = {"day_month", "month_day", "numeric"}
_APPOSITION = re.compile(r"\s*[,(]\s*")


def share_years(hits: list[Hit], span: Span, lex: TimexLexicon) -> list[Hit]:
    """The first end of a range or pair takes the year of the second ("von August bis September 1904",
    "im Spätsommer und Herbst 1940", "10. Juli bis 31. Oktober 1940"); a weekday takes the date in
    apposition after it ("Montagnachmittag (6. Februar)")."""
    for first, second in zip(reversed(hits[:-1]), reversed(hits[1:]), strict=True):
        gap = span.text[first.end - span.offset:second.start - span.offset]
        if first.rule == "weekday" and second.rule in _DATED and _APPOSITION.fullmatch(gap):
            first.groups = {**first.groups, **{k: second.groups.get(k) for k in ("day", "mon", "year", "era")}}
        if first.rule == "clock" and second.rule in _DATED | {"weekday", "relative_day"} and len(gap.split()) <= 1:
            first.groups = {**first.groups, "then": "1"}  # "at 3:30 a.m. on Sunday": the day comes after
        year = second.groups.get("year")
        if first.rule not in _SHARES_YEAR or first.groups.get("year") or not year:
            continue
        if lex.cues.range_link.fullmatch(gap):
            first.groups = {**first.groups, "year": year, "era": second.groups.get("era")}
    return hits


def select(hits: list[Hit]) -> list[Hit]:
    """Longest spans first, dropping any that overlaps one already kept; result in text order."""
    kept: list[Hit] = []
    for hit in sorted(hits, key=lambda h: (-(h.end - h.start), h.start)):
        if all(hit.end <= k.start or hit.start >= k.end for k in kept):
            kept.append(hit)
    return sorted(kept, key=lambda h: h.start)
