"""Stage: who the statements of each sentence are attributed to (`doc.attributions`).

Each sentence gets its cues (`attribution_cues`), its own source (a cue outside relative
clauses and brackets, which cover only themselves) and the source of the passage it
belongs to: a sentence in indirect speech or a hearsay report (Konjunktiv I, "soll",
"demnach"; `reported_speech.txt`) continues the source of the sentence before it in the
same paragraph, unless it is about a later time than that report was made. A sentence
such as "Das teilte der Generalstab mit." names the source of the sentence before it
(`Attribution.back` of that sentence). `source_for` picks the source of one quantity.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from lagebild import lang
from lagebild.extract.attribution_base import lexicon as cue_lexicon
from lagebild.extract.attribution_cues import sentence_cues, verb_cues
from lagebild.model import Attribution, Cue, Document, Quantity, Sentence, Span, TimeExpr, Token
from lagebild.text.tokens import Phrases, is_nominal

_SEASON_MONTHS = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}


@dataclass(frozen=True)
class PassageLexicon:
    reportative: frozenset[str]
    reported: Phrases
    substitutes: frozenset[str]
    back_pronouns: frozenset[str]


@lru_cache(maxsize=8)
def lexicon(language: str | None) -> PassageLexicon:
    code = lang.code(language)
    return PassageLexicon(
        reportative=lang.lower_words(code, "reportative_modals"),
        reported=Phrases(tuple(w.lower().split()) for w in lang.entries(code, "reported_speech")),
        substitutes=lang.lower_words(code, "reported_speech_substitutes"),
        back_pronouns=lang.lower_words(code, "attribution_back_pronouns"),
    )


def continues_report(tokens: Sequence[Token], lex: PassageLexicon) -> bool:
    """The tokens are indirect speech or a hearsay report (Konjunktiv I, "soll", "demnach")."""
    return any(t.text.lower() in lex.reportative for t in tokens) or lex.reported.anywhere(tokens)


def reaches(cue: int, number: int, asides: Sequence[Span]) -> bool:
    """A cue reaches a number unless it sits in an aside that does not hold the number."""
    return not any(a <= cue < b and not a <= number < b for a, b in asides)


def date_times(doc: Document, sentence: Sentence) -> list[TimeExpr]:
    return [t for t in doc.times if t.kind == "date" and sentence.start <= t.start < sentence.end]


# --- time of a report ---------------------------------------------------------------------------

def _time_key(value: str) -> tuple[int, int | None] | None:
    if len(value) < 4 or not value[:4].isdigit():
        return None
    part = value[5:7]
    month = int(part) if part.isdigit() else _SEASON_MONTHS.get(part)
    return int(value[:4]), month


def _later(value: str | None, than: str | None) -> bool:
    """`value` lies after `than` ("2025" after "2024-FA"; "2024-06" after "2024-03")."""
    a, b = _time_key(value or ""), _time_key(than or "")
    if a is None or b is None:
        return False
    if a[0] != b[0]:
        return a[0] > b[0]
    return a[1] is not None and b[1] is not None and a[1] > b[1]


def _sentence_time(dates: list[TimeExpr]) -> str | None:
    dated = [t.value for t in dates if t.value and _time_key(t.value)]
    return max(dated, key=lambda v: [k or 0 for k in _time_key(v) or (0, 0)]) if dated else None


# --- the passage ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Passage:
    """What a sentence hands to the next one of its paragraph."""

    source: str = ""
    time: str | None = None  # the date of the sentence that named the source
    indirect: bool = False


def _own_source(cues: Sequence[Cue], asides: Sequence[Span]) -> str:
    """The source the sentence as a whole is attributed to: a cue inside a relative clause or
    brackets ("das nach offiziellen Angaben 20.000 Gäste aufnehmen kann") only covers that clause."""
    free = [c for c in cues if not any(a <= c.token < b for a, b in asides)]
    return free[0].source if free else ""


def _inherits(tokens: Sequence[Token], reported: bool, dates: list[TimeExpr], before: _Passage,
              lex: PassageLexicon) -> bool:
    """Indirect speech continues the report before it, unless it is about a later time than
    that report was made ("Im Herbst hatte X von 11.000 gesprochen. Anfang des Jahres sollen
    3.000 gefolgt sein": a report from the autumn cannot tell what came in the new year)."""
    substitute = before.indirect and any(t.text.lower() in lex.substitutes for t in tokens)
    if not (reported or substitute):
        return False
    return not any(_later(t.value, before.time) for t in dates)


def _back_reference(doc: Document, sentence: Sentence, lex: PassageLexicon) -> str:
    """"Das teilte der Generalstab mit.": the source of the previous sentence's figures."""
    tokens = sentence.tokens
    if not tokens or tokens[0].text.lower() not in lex.back_pronouns or tokens[0].pos not in ("PDS", "PPER", "ART"):
        return ""
    if len(tokens) > 1 and is_nominal(tokens[1]):
        return ""  # "Das Ministerium teilte mit ...": an article, not a pronoun
    cues = verb_cues(doc, sentence, cue_lexicon(doc.language))
    return cues[0].source if cues else ""


def attribute(doc: Document) -> Document:
    """Stage: fill `doc.attributions`, one per sentence."""
    lex, clex = lexicon(doc.language), cue_lexicon(doc.language)
    out: list[Attribution] = []
    before, prev = _Passage(), None
    for s in doc.sentences:
        if prev is not None and s.paragraph != prev.paragraph:
            before = _Passage()
        cues = sentence_cues(doc, s, clex)
        dates = date_times(doc, s)
        own = _own_source(cues, s.syntax.asides)
        reported = continues_report(s.tokens, lex)
        inherits = not own and _inherits(s.tokens, reported, dates, before, lex)
        passage = own or (before.source if inherits else "")
        out.append(Attribution(s.index, tuple(cues), own, passage, inherits, reported))
        before = _Passage(passage, _sentence_time(dates) if own else before.time, reported)
        prev = s
    for k in range(len(out) - 1):
        if doc.sentences[k].paragraph == doc.sentences[k + 1].paragraph:
            out[k].back = _back_reference(doc, doc.sentences[k + 1], lex)
    doc.attributions = out
    return doc


# --- the source of one quantity -----------------------------------------------------------------

def _nearest(q: Quantity, cues: Sequence[Cue], asides: Sequence[Span]) -> str:
    reach = [c for c in cues if reaches(c.token, q.number, asides)]
    if not reach:
        return ""
    return min(reach, key=lambda c: abs(c.token - q.number)).source


def source_for(q: Quantity, s: Sentence, att: Attribution, language: str | None) -> str:
    """The source of quantity `q`: the nearest cue that reaches it in its part of the sentence
    (between semicolons); a cue in another part only when this part is reported speech; else
    the passage's source."""
    asides = s.syntax.asides
    first, end = s.syntax.part(q.number)
    near = [c for c in att.cues if first <= c.token < end]
    source = _nearest(q, near, asides)
    if not source and not near and att.cues:
        return _nearest(q, att.cues, asides) if continues_report(s.tokens[first:end], lexicon(language)) else ""
    return source or att.passage
