"""Stage: time expressions (dates, times of day, durations, sets), normalised to TIMEX3 values.

How it works, one module per step:
- `timex_patterns` / `timex_lexicon`: the rules of a language, built from `lang/<code>/time_*`;
- `timex_candidates`: the rules' matches in each sentence, checked in context, spans without
  their preposition (TIMEX3), the longest of overlapping ones kept;
- `timex_tense`: the tense of each expression's clause;
- `timex_reference`: what each expression is resolved against — the publication date, or the
  date the text named last (in a story of the past, and for "am selben Tag", "zwei Tage später");
- `timex_values` / `timex_resolve`: the value of each rule, and the calendar arithmetic.

Two annotation standards are offered. **news** (the default, what the gold sets of this project
annotate): dates to the day (a part of the day or a clock time gives the date; clock times alone
are left out), durations with a count; vague references ("jetzt", "bald", "seit Jahren") and
frequencies ("jeden Sommer") are left out. **timex** (TIMEX2/TIMEX3 as in TempEval and WikiWars):
also clock times and parts of the day (1941-06-22T04:45, 1941-06-22TMO), PRESENT_REF / PAST_REF /
FUTURE_REF, vague durations (PXY) and sets (XXXX-SU, P1D).
"""
from __future__ import annotations

import re
from collections.abc import Sequence

from lagebild import lang
from lagebild.extract import timex_resolve as cal
from lagebild.extract.timex_candidates import Hit, Span, candidates, select, share_years
from lagebild.extract.timex_lexicon import TimexLexicon, lexicon
from lagebild.extract.timex_reference import Passage, refine, resolve
from lagebild.extract.timex_tense import SentenceTense
from lagebild.extract.timex_values import DURATION, SET, TIME, Value
from lagebild.model import Document, Syntax, TimeExpr, Token
from lagebild.text.grammar import grammar
from lagebild.text.syntax import analyse

STANDARDS = ("news", "timex")
_WORD = re.compile(r"[\wÄÖÜäöüß'’]+|[^\s\w]")
# a sentence ends after a word of two letters or more and before a capital ("v. Chr. belagert" does not end)
_SENTENCE_END = re.compile(r"(?<=[a-zäöüß)\"»“][a-zäöüß)\"»“][.!?])\s+(?=[A-ZÄÖÜ0-9\"„«»(])|\n+")


def _tensed(span: Span, lex: TimexLexicon) -> list[Hit]:
    """The expressions of one sentence with the tense of their clause."""
    tense = SentenceTense(span.tokens, span.syntax, lex)
    found = share_years(select(list(candidates(span, lex))), span, lex)
    for hit in found:
        at = tense.at(hit.start)
        hit.tense = at.value
        hit.present = at.present and hit.cue not in lex.backward_cues
        when = lex.forward_cues.get(hit.cue)
        if hit.tense == 0 and (when == "unmarked" or (when == "present" and at.present)):
            hit.tense, hit.ahead = 1, True  # "ab dem 1. August" in a present-tense clause looks ahead
    return found


def _expression(hit: Hit, found: Value, standard: str) -> TimeExpr | None:
    """The reported expression, or None where the standard leaves it out."""
    if hit.meta:
        return None
    value = found.value
    if standard == "news":
        if found.vague or hit.rule == "clock":
            return None
        if found.type == TIME and value:
            value = value.split("T")[0]  # "Mittwochmorgen", "Morgen des 22. Juni" give the day
        value = cal.in_years(value)
    else:
        value = cal.whole_units(value)
    kind = {DURATION: "duration", SET: "set"}.get(found.type, "date")
    anchor = cal.iso_value(found.anchor) if found.anchor else None
    return TimeExpr(text=hit.text, value=value, start=hit.start, end=hit.end, kind=kind, type=found.type,
                    anchor=anchor)


def _analyse(spans: Sequence[Span], published: str | None, language: str | None, standard: str) -> list[TimeExpr]:
    if standard not in STANDARDS:
        raise ValueError(f"unknown time standard {standard!r}: use one of {', '.join(STANDARDS)}")
    lex = lexicon(lang.code(language))
    sentences = [Passage(_tensed(span, lex), span.heading, span.opens_paragraph) for span in spans]
    hits = [hit for passage in sentences for hit in passage.hits]
    anchor = cal.parse_anchor(published)
    values = resolve(sentences, lex, anchor)
    refined = refine(anchor, hits, values)
    if refined != anchor:
        values = resolve(sentences, lex, refined)
    out = (_expression(hit, found, standard) for hit, found in zip(hits, values, strict=True))
    return [expr for expr in out if expr is not None]


def _span(text: str, start: int, end: int, tokens: Sequence[Token], syntax: Syntax) -> Span:
    """One sentence of `text`, with its structure and whether it opens a paragraph or is a heading."""
    opens = start == 0 or text[:start].rstrip(" \t").endswith("\n")
    return Span(start, text[start:end], tokens, syntax, _is_heading(text, start, end), opens)


def _is_heading(text: str, start: int, end: int) -> bool:
    """The sentence is a short line of its own without a full stop (a title or section heading)."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line = text[line_start:line_end if line_end >= 0 else len(text)].strip()
    return bool(line) and text[start:end].strip() == line and len(line.split()) <= 10 and line[-1] not in ".!?:;,"


def _plain_spans(text: str, language: str | None) -> list[Span]:
    """Sentences and word tokens of an untagged text (tense then comes from word forms only)."""
    spans, start = [], 0
    for m in [*_SENTENCE_END.finditer(text), None]:
        end = m.start() if m else len(text)
        if text[start:end].strip():
            piece = text[start:end]
            tokens = [Token(text=w.group(0), start=start + w.start(), end=start + w.end())
                      for w in _WORD.finditer(piece)]
            spans.append(_span(text, start, end, tokens, analyse(tokens, grammar(language))))
        start = m.end() if m else len(text)
    return spans


def find_times(text: str, published: str | None, language: str = "de", *, standard: str = "news") -> list[TimeExpr]:
    """Time expressions in `text` (untagged: tense from word forms only), resolved against
    `published` (ISO at any precision, or None). Offsets index into `text`.

    Example: find_times("Am 2. Mai 2023 begann es, drei Tage später war es vorbei.", None)
    gives 2023-05-02 and 2023-05-05; `standard="timex"` also reports vague references and sets.
    """
    if not isinstance(text, str):
        raise TypeError(f"find_times needs a str, got {type(text).__name__}")
    return _analyse(_plain_spans(text, language), published, language, standard)


def extract_times(doc: Document, standard: str = "news") -> Document:
    """Stage: fill `doc.times` from the tagged sentences of `doc`, anchored on `doc.published`."""
    if doc.sentences:
        g = grammar(doc.language)
        spans = [_span(doc.text, s.start, s.end, s.tokens,
                       s.syntax if s.syntax.size == len(s.tokens) else analyse(s.tokens, g)) for s in doc.sentences]
    else:
        spans = _plain_spans(doc.text, doc.language)
    doc.times = _analyse(spans, doc.published, doc.language, standard)
    return doc
