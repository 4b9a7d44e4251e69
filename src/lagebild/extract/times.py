"""Stage: time expressions (dates, months, seasons, weekdays, relative days, durations),
normalised to ISO 8601 / TIMEX3 values against the article's date.

How it works: the patterns of `timex_lexicon` find candidate spans per sentence; each is
checked in its context (a month alone needs a cue such as "im"/"seit"; a year-like number
followed by the noun it counts is a quantity, not a year; "jeden Mittwoch" is a frequency),
widened over its preposition ("seit dem 17. Juni"), and the longest non-overlapping spans
are kept. Values come from `timex_resolve`, using the tense of the nearest verb in the same
clause (a modal of intention looks ahead; a weekday in a present-tense clause is the nearest
such day) and, for "am selben Tag", the date mentioned last. When the publication date is vaguer than the
dates the article itself names, the anchor is refined from those dates.
"""
from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from lagebild import lang
from lagebild.extract import timex_resolve as cal
from lagebild.extract.timex_lexicon import TimexLexicon, lexicon
from lagebild.model import Document, TimeExpr, Token
from lagebild.text.grammar import grammar
from lagebild.text.syntax import analyse
from lagebild.text.tokens import FINITE

# Rules whose match needs a cue word or modifier before it to count as a time expression.
_NEEDS_CUE = {"month", "season"}
# Rules that state a date outright; they can refine a vague anchor.
_EXPLICIT = {"numeric", "iso", "day_month", "month_day", "month_year"}
_DURATIONS = {"duration", "compound_duration", "duration_adjective"}
_CLOSING = frozenset('.,;:!?)"»«“”„–-]')
_WORD = re.compile(r"[\wÄÖÜäöüß'’]+|[^\s\w]")
_SENTENCE_END = re.compile(r"(?<=[a-zäöüß)\"»“][.!?])\s+|\n+")
_FULL_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_PARTICIPLE = re.compile(r"^(?:[a-zäöüß]*ge[a-zäöüß]{2,}(?:t|en)|[a-z]{2,}ed)$")


@dataclass
class Hit:
    """A candidate time expression in one sentence (offsets into the document text)."""

    rule: str
    start: int
    end: int
    groups: dict[str, str | None]
    text: str = ""
    tense: int = 0
    present: bool = False  # the nearest verb is in the present tense (not merely unmarked)
    meta: bool = False  # follows a metadata label ("date 2025-07"): used for the anchor, not reported


@dataclass(frozen=True)
class _Signal:
    """The tense a verb gives the time expressions near it."""

    offset: int
    tense: int
    present: bool = False  # a present-tense verb, as against an unmarked one (simple past, unknown form)


@dataclass
class _Span:
    """One sentence to search: its offset, text and (possibly untagged) tokens."""

    offset: int
    text: str
    tokens: Sequence[Token] = field(default_factory=list)
    parts: Sequence[tuple[int, int]] = ()  # token spans between colons and semicolons (own tense each)


# ---------------------------------------------------------------- candidates


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


def _is_year(span: _Span, start: int, end: int, lex: TimexLexicon) -> bool:
    """A bare year-like number is a year unless it counts the noun after it ("2000 Soldaten")
    or follows a quantifier ("rund 2000"); after "seit" it is one unless a time unit follows."""
    before = span.text[:start - span.offset]
    cue = lex.cue_before.search(before)
    if cue and lex.unit(cue.group(0).split()[-1]) == "Y":
        return True  # "im Jahr 2023"
    if lex.quantifier_before.search(before):
        return False
    nxt = _next_token(span.tokens, end)
    if _previous_word(span.text, start - span.offset).lower() in lex.backward_cues:
        return nxt is None or lex.unit(nxt.text) is None  # "seit 1974 diplomatische", not "seit 2000 Jahren"
    if nxt is None or nxt.text in _CLOSING:
        return True
    if nxt.text in lex.mass_nouns or nxt.text in lex.months or nxt.text in lex.weekdays:
        return True
    if not nxt.text[0].isalnum():
        return False  # "2000 €", "2000 %"
    if nxt.pos and "count_needs_plural" in lex.formats:
        return not _counts_plural(span.tokens, nxt)  # "2000 soldiers" but "the 2023 report"
    if nxt.pos:
        return nxt.pos not in ("NN", "ADJA")
    if "capitalised_nouns" in lex.formats:
        return not nxt.text[0].isupper()
    return not (nxt.text.islower() and nxt.text.endswith("s"))


def _widen(rule: str, text: str, start: int, lex: TimexLexicon) -> int:
    """Start of the span after taking in the preposition ("seit dem", "innerhalb von")."""
    if rule == "duration_adjective":
        return start  # "zu einem zweitägigen Besuch": the adjective alone
    cue = lex.duration_cue_before if rule in _DURATIONS else lex.cue_before
    m = cue.search(text[:start])
    return m.start() if m else start


def _accept(rule: str, m: re.Match[str], text: str, lex: TimexLexicon, has_cue: bool) -> bool:
    groups = m.groupdict()
    if _previous_word(text, m.start()).lower() in lex.frequency:
        return False
    if rule in _NEEDS_CUE and not (has_cue or groups.get("mod") or groups.get("year")):
        return False
    if rule in ("duration", "ago", "compound_duration"):
        after = text[m.end():].lstrip(" -").split(maxsplit=1)
        if after and after[0].strip(".,;:") in lex.age_words:
            return False  # an age: "40 Jahre alt", "a two-year-old"
    if rule == "duration" and groups["num"] in lex.articles and not has_cue:
        return False  # "ein Tag" alone is not counted; "innerhalb einer Woche" is
    return True


def _candidates(span: _Span, lex: TimexLexicon) -> Iterator[Hit]:
    text = span.text
    for rule, pattern in lex.patterns:
        for m in pattern.finditer(text):
            start = _widen(rule, text, m.start(), lex)
            if not _accept(rule, m, text, lex, start < m.start()):
                continue
            a, b = span.offset + m.start(), span.offset + m.end()
            if rule == "year" and not _is_year(span, a, b, lex):
                continue
            meta = _previous_word(text, m.start()) in lex.meta_labels
            groups = m.groupdict()
            if groups.get("day0"):  # "11. bis 13. Juli": two dates
                yield Hit(rule, span.offset + start, span.offset + m.end("day0") + 1,
                          {**groups, "day": groups["day0"]}, text[start:m.end("day0") + 1].rstrip(), meta=meta)
                start = m.start("day")
            yield Hit(rule, span.offset + start, b, groups, text[start:m.end()], meta=meta)


def _select(hits: list[Hit]) -> list[Hit]:
    """Longest spans first, dropping any that overlaps one already kept; result in text order."""
    kept: list[Hit] = []
    for hit in sorted(hits, key=lambda h: (-(h.end - h.start), h.start)):
        if all(hit.end <= k.start or hit.start >= k.end for k in kept):
            kept.append(hit)
    return sorted(kept, key=lambda h: h.start)


# ---------------------------------------------------------------- tense


def _is_participle(token: Token, lex: TimexLexicon) -> bool:
    if token.pos in ("VVPP", "VAPP", "VMPP"):
        return True
    if token.pos:  # a tagger may take an English participle for a past form ("has signed")
        word = token.text.lower()
        return ("participle_from_lemma" in lex.formats and token.pos.startswith("VV")
                and word != token.lemma.lower() and not word.endswith(("s", "ing")))
    return bool(_PARTICIPLE.match(token.text))


@lru_cache(maxsize=8)
def _vowel_letters(table: tuple[tuple[str, tuple[str, ...]], ...]) -> frozenset[str]:
    return frozenset(c for vowel, changes in table for c in vowel + "".join(changes))


def _changed_stems(stem: str, lex: TimexLexicon) -> list[str]:
    """`stem` with its last vowel changed as in the 2nd/3rd person singular ("treff" -> "triff")."""
    vowels = _vowel_letters(lex.present_vowels)
    out: list[str] = []
    for vowel, changes in lex.present_vowels:
        i = stem.rfind(vowel)
        if i < 0:
            continue
        before, rest = stem[:i], stem[i + len(vowel):]
        if vowels & set(rest) or before[-1:] in vowels:
            continue  # not the stem's last vowel ("lauf" has "au", not "a")
        out.extend(before + change + rest for change in changes)
    return out


def _present_form(token: Token, lex: TimexLexicon) -> bool:
    """A finite full verb in the present tense: a present ending on its lemma's stem
    ("eintrifft" of "eintreffen", "arrives" of "arrive"), not a past form ("traf", "landete", "arrived")."""
    word, lemma = token.text.lower(), token.lemma.lower()
    for ending, forms in lex.present_endings:
        if not lemma.endswith(ending) or len(lemma) <= len(ending):
            continue
        stem = lemma[:len(lemma) - len(ending)]
        if any(word == stem + form for form in forms):
            return True
        if any(word in (changed, changed + "t", changed + "st") for changed in _changed_stems(stem, lex)):
            return True
    return False


def _tense_signals(tokens: Sequence[Token], lex: TimexLexicon) -> list[_Signal]:
    """A signal for each finite verb whose form shows the tense of its clause."""
    participle = any(_is_participle(t, lex) for t in tokens)
    infinitive = any(t.pos in ("VVINF", "VAINF", "VMINF") or not t.pos for t in tokens)
    passive_future = any(t.pos == "VAINF" for t in tokens)  # "wird unterzeichnet werden"
    # a modal with a perfect infinitive reports the past ("soll gefolgt sein"); with any other verb form
    # ("will beraten", "soll unterzeichnet werden") it looks ahead
    perfect = participle and any(t.text in lex.perfect_infinitives and t.pos in ("VAINF", "") for t in tokens)
    signals = []
    marked = -9  # index of the last auxiliary from the tense lexicon
    for i, token in enumerate(tokens):
        kind = lex.tense.get(token.text) or lex.tense.get(token.text.lower())
        if kind:
            marked = i
        if kind == "past" or (kind == "perfect" and participle) or (kind == "modal" and perfect):
            signals.append(_Signal(token.start, -1))
        elif (kind == "modal_future" or (kind == "future" and infinitive and (passive_future or not participle))
              or (kind == "modal" and (infinitive or participle))):
            signals.append(_Signal(token.start, 1))
        elif kind:  # "ist", "hat", "wird unterzeichnet", "is held"
            signals.append(_Signal(token.start, 0, present=True))
        elif token.pos in FINITE and i - marked > 3:  # a verb right after an auxiliary ("will be") belongs to it
            signals.append(_Signal(token.start, 0, present=_present_form(token, lex)))
    return signals


def _clause_signals(span: _Span, lex: TimexLexicon) -> list[tuple[int, list[_Signal]]]:
    """(start offset, signals) of each part of a sentence between colons and semicolons (from
    the sentence structure): the verbs before a colon do not decide the tense after it."""
    tokens = span.tokens
    return [(tokens[a].start, _tense_signals(tokens[a:b], lex)) for a, b in span.parts]


def _signal_at(clauses: list[tuple[int, list[_Signal]]], offset: int) -> _Signal | None:
    """The nearest signal in the clause of `offset`, or in the whole sentence if that clause has none."""
    own = [signals for start, signals in clauses if start <= offset]
    pool = (own[-1] if own else []) or [s for _, signals in clauses for s in signals]
    return min(pool, key=lambda s: abs(s.offset - offset)) if pool else None


# ---------------------------------------------------------------- values


def _shift(hit: Hit, lex: TimexLexicon) -> int | None:
    mod = hit.groups.get("mod")
    return lex.modifiers.get(mod) if mod else None


def _explicit_year(raw: str | None) -> int | None:
    if not raw:
        return None
    year = int(raw)
    return year + 2000 if year < 100 else year


def _day_value(hit: Hit, lex: TimexLexicon, anchor: cal.Anchor) -> str | None:
    """numeric, iso, day_month, month_day: a full date, or a month for "2025-07"."""
    mon_raw = hit.groups["mon"] or ""
    month = lex.months.get(mon_raw) or (int(mon_raw) if mon_raw.isdigit() else 0)
    year = _explicit_year(hit.groups.get("year"))
    if hit.groups.get("day") is None:
        return cal.month_value(year, month)
    day = int(hit.groups["day"] or 0)
    if year is None:
        year = cal.year_of_day(month, day, anchor, hit.tense)
    return cal.date_value(cal.valid_date(year, month, day)) if year else None


def _month(hit: Hit, lex: TimexLexicon, anchor: cal.Anchor) -> str | None:
    month = lex.months[hit.groups["mon"] or ""]
    year = _explicit_year(hit.groups.get("year"))
    if year is None:
        year = cal.year_of_month(month, anchor, hit.tense, _shift(hit, lex))
    return cal.month_value(year, month)


def _season(hit: Hit, lex: TimexLexicon, anchor: cal.Anchor) -> str | None:
    season = lex.seasons[hit.groups["season"] or ""]
    year = _explicit_year(hit.groups.get("year"))
    if year is None:
        year = cal.season_year(season, anchor, hit.tense, _shift(hit, lex))
    return None if year is None else f"{year:04d}-{season}"


def _count(hit: Hit, lex: TimexLexicon) -> tuple[float, str] | None:
    count = lex.number(hit.groups["num"] or "")
    raw = (hit.groups["unit"] or "").lower()
    unit = lex.unit(hit.groups["unit"] or "") or lex.compound_units.get(raw) or lex.adjective_units.get(raw)
    return None if count is None or unit is None else (count, unit)


def _value(hit: Hit, lex: TimexLexicon, anchor: cal.Anchor, last: dict[str, str]) -> tuple[str | None, str]:
    """(value, kind) of one expression; `last` holds the last "day" and "date" mentioned before it."""
    rule = hit.rule
    if rule in ("numeric", "iso", "day_month", "month_day"):
        return _day_value(hit, lex, anchor), "date"
    if rule == "month_rel_year":
        year = None if anchor.year is None else anchor.year + lex.modifiers.get(hit.groups["ymod"] or "", 0)
        return cal.month_value(year, lex.months[hit.groups["mon"] or ""]), "date"
    if rule in ("month", "month_year", "month_compound"):
        return _month(hit, lex, anchor), "date"
    if rule == "season":
        return _season(hit, lex, anchor), "date"
    if rule == "year":
        return hit.groups["year"], "date"
    if rule == "decade":
        return hit.groups["decade"], "date"
    if rule == "weekday":
        weekday = lex.weekdays[hit.groups["wd"] or ""]
        if hit.groups.get("wmod"):  # "am Donnerstag vergangener Woche"
            week = lex.modifiers.get(hit.groups["wmod"] or "", 0)
            return cal.date_value(cal.weekday_in_week(weekday, anchor, week)), "date"
        day = cal.weekday_date(weekday, anchor, hit.tense, _shift(hit, lex), nearest=hit.present)
        return cal.date_value(day), "date"
    if rule == "relative_day":
        return cal.unit_value("D", anchor, lex.relative_days[hit.groups["rel"] or ""]), "date"
    if rule == "reference_day":
        base = cal.parse_anchor(last["day"]) if "day" in last else anchor
        return cal.unit_value("D", base, lex.reference_offset(hit.groups["ref"] or "")), "date"
    if rule in ("relative_unit", "unit_part"):  # "vergangene Woche", "Anfang des Jahres"
        unit = lang.table(lex.code, "time_week_units")[re.sub(r"\s+", " ", hit.groups["unit"] or "")]
        return cal.unit_value(unit, anchor, _shift(hit, lex) or 0, hit.tense), "date"
    if rule == "weekend":
        return cal.weekend_value(anchor, hit.tense, None), "date"
    counted = _count(hit, lex)
    if counted is None:
        return None, "date"
    count, unit = counted
    if rule == "ago" and count.is_integer():
        return cal.unit_value(unit, anchor, -int(count)), "date"
    if rule == "later" and count.is_integer():
        base = cal.parse_anchor(last.get("day") if unit in ("D", "W", "H") else last.get("date"))
        return cal.unit_value(unit, base, lex.later[hit.groups["later"] or ""] * int(count)), "date"
    if rule in ("ago", "later"):
        return None, "date"
    return cal.duration_value(count, unit), "duration"


def _resolve(hits: list[Hit], lex: TimexLexicon, anchor: cal.Anchor) -> list[str | None]:
    """Values in text order; "am selben Tag" takes the last full date resolved before it."""
    values: list[str | None] = []
    last: dict[str, str] = {}
    for hit in hits:
        value, kind = _value(hit, lex, anchor, last)
        values.append(value)
        if value and kind == "date" and not hit.meta and value[:4].isdigit():
            last["date"] = value
            if _FULL_DATE.match(value):
                last["day"] = value
    return values


def _refine(anchor: cal.Anchor, hits: list[Hit], values: list[str | None]) -> cal.Anchor:
    """A vaguer anchor made as precise as the latest date the article states outright
    (outside future-tense clauses): no date -> that date; a year -> its month; a month -> its day."""
    stated = sorted(v for h, v in zip(hits, values, strict=True) if v and h.rule in _EXPLICIT and h.tense <= 0)
    if anchor.year is None:
        return cal.parse_anchor(stated[-1]) if stated else anchor
    if anchor.day is not None:
        return anchor
    prefix = cal.iso_value(anchor) or ""
    inside = [cal.parse_anchor(v) for v in stated if v.startswith(prefix) and len(v) > len(prefix)]
    if not inside:
        return anchor
    latest = inside[-1]
    if anchor.month is None:
        return cal.Anchor(latest.year, latest.month)
    return latest


# ---------------------------------------------------------------- public API


def _analyse(spans: Sequence[_Span], published: str | None, language: str | None) -> list[TimeExpr]:
    lex = lexicon(lang.code(language))
    hits: list[Hit] = []
    for span in spans:
        clauses = _clause_signals(span, lex)
        found = _select(list(_candidates(span, lex)))
        for hit in found:
            signal = _signal_at(clauses, hit.start)
            cue = hit.text.split()[0].lower()
            hit.tense = signal.tense if signal else 0
            hit.present = bool(signal and signal.present) and cue not in lex.backward_cues
            if hit.tense == 0 and cue in lex.forward_cues:
                hit.tense = 1  # "ab dem 1. August" in a present-tense clause looks ahead
        hits.extend(found)
    anchor = cal.parse_anchor(published)
    values = _resolve(hits, lex, anchor)
    refined = _refine(anchor, hits, values)
    if refined != anchor:
        values = _resolve(hits, lex, refined)
    out = []
    for hit, value in zip(hits, values, strict=True):
        if hit.meta:
            continue
        kind = "duration" if hit.rule in _DURATIONS else "date"
        out.append(TimeExpr(text=hit.text, value=value, start=hit.start, end=hit.end, kind=kind))
    return out


def _plain_tokens(text: str, offset: int) -> list[Token]:
    return [Token(text=m.group(0), start=offset + m.start(), end=offset + m.end()) for m in _WORD.finditer(text)]


def _parts(tokens: Sequence[Token], language: str | None) -> list[tuple[int, int]]:
    return analyse(tokens, grammar(language)).colon_parts()


def _plain_spans(text: str, language: str | None) -> list[_Span]:
    spans, start = [], 0
    for m in [*_SENTENCE_END.finditer(text), None]:
        end = m.start() if m else len(text)
        if text[start:end].strip():
            tokens = _plain_tokens(text[start:end], start)
            spans.append(_Span(start, text[start:end], tokens, _parts(tokens, language)))
        start = m.end() if m else len(text)
    return spans


def find_times(text: str, published: str | None, language: str = "de") -> list[TimeExpr]:
    """Time expressions in `text` (untagged: tense from word forms only), resolved against
    `published` (ISO at any precision, or None). Offsets index into `text`."""
    if not isinstance(text, str):
        raise TypeError(f"find_times needs a str, got {type(text).__name__}")
    return _analyse(_plain_spans(text, language), published, language)


def extract_times(doc: Document) -> Document:
    """Stage: fill `doc.times` from the tagged sentences of `doc`, anchored on `doc.published`."""
    if doc.sentences:
        spans = [_Span(s.start, doc.text[s.start:s.end], s.tokens,
                       s.syntax.colon_parts() if s.syntax.size == len(s.tokens) else _parts(s.tokens, doc.language))
                 for s in doc.sentences]
    else:
        spans = _plain_spans(doc.text, doc.language)
    doc.times = _analyse(spans, doc.published, doc.language)
    return doc
