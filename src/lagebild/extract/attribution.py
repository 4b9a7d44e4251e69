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
from dataclasses import dataclass, field
from functools import lru_cache

from lagebild import lang
from lagebild.extract.attribution_base import AttributionLexicon, frame_segment
from lagebild.extract.attribution_base import lexicon as cue_lexicon
from lagebild.extract.attribution_cues import sentence_cues, verb_cues
from lagebild.extract.attribution_discourse import (
    SentenceView,
    cataphoric,
    continues_topic,
    framing,
    quote_speakers,
    speaker_after_content,
    subheading,
)
from lagebild.model import Attribution, Cue, Document, Quantity, Sentence, Span, TimeExpr, Token
from lagebild.text.tokens import Phrases, is_nominal

_SEASON_MONTHS = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}


@dataclass(frozen=True)
class PassageLexicon:
    reportative: frozenset[str]
    reported: Phrases
    substitutes: frozenset[str]
    back_pronouns: frozenset[str]
    additives: Phrases  # anywhere in the sentence
    opening_additives: Phrases  # only where they open it


@lru_cache(maxsize=8)
def lexicon(language: str | None) -> PassageLexicon:
    code = lang.code(language)
    return PassageLexicon(
        reportative=lang.lower_words(code, "reportative_modals"),
        reported=Phrases(tuple(w.lower().split()) for w in lang.entries(code, "reported_speech")),
        substitutes=lang.lower_words(code, "reported_speech_substitutes"),
        back_pronouns=lang.lower_words(code, "attribution_back_pronouns"),
        additives=Phrases(tuple(w.lower().split()) for w in lang.entries(code, "attribution_additives")
                          if not w.startswith("^")),
        opening_additives=Phrases(tuple(w[1:].lower().split()) for w in lang.entries(code, "attribution_additives")
                                  if w.startswith("^")),
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


def _view(doc: Document, s: Sentence, lex: PassageLexicon, clex: AttributionLexicon) -> SentenceView:
    cues = tuple(sentence_cues(doc, s, clex))
    subjunctive = any(c.mood == "subjunctive1" for c in s.syntax.clauses) or lex.reported.anywhere(s.tokens)
    own = _own_source(cues, s.syntax.asides)
    return SentenceView(own, cues, continues_report(s.tokens, lex) or subjunctive, subjunctive,
                        not own and not subjunctive and _anonymous_report(s, clex))


def _anonymous_report(s: Sentence, clex: AttributionLexicon) -> bool:
    """A verb of saying or counting in the passive with no agent: someone unnamed reports."""
    return any(t.pos == "VVPP" and (t.lemma.lower() in clex.verbs or t.lemma.lower() in clex.tally_verbs)
               and _passive(s, v, clex) for v, t in enumerate(s.tokens))


def _passive(s: Sentence, v: int, clex: AttributionLexicon) -> bool:
    """The participle at v stands with a passive auxiliary in its clause ("wurden gemeldet",
    "sind gezählt worden", "were reported")."""
    first, end = frame_segment(s, v)
    return any(s.tokens[k].lemma.lower() in clex.passive and s.tokens[k].pos.startswith("VA")
               for k in range(first, end))


@dataclass
class _Flow:
    """What the discourse carries from sentence to sentence."""

    before: _Passage = field(default_factory=_Passage)
    frame: str = ""  # the source that opened the paragraph with a framing attribution
    carried: str = ""  # the source the last paragraph ended with (for indirect speech that goes on)


def _passage(doc: Document, k: int, views: list[SentenceView], flow: _Flow, quoted: dict[int, str],
             lex: PassageLexicon, clex: AttributionLexicon, mood: bool) -> tuple[str, bool]:
    """(the passage source of sentence k, whether it continues one)."""
    s, view = doc.sentences[k], views[k]
    if view.own or view.anonymous:
        return view.own, False
    dates = date_times(doc, s)
    if flow.before.source and _inherits(s.tokens, view.reported, dates, flow.before, lex):
        return flow.before.source, True
    first_of_paragraph = k == 0 or doc.sentences[k - 1].paragraph != s.paragraph
    if first_of_paragraph and view.subjunctive and flow.carried:
        return flow.carried, True
    if k in quoted:
        return quoted[k], True
    if flow.frame and (lex.additives.anywhere(s.tokens) or lex.opening_additives.at(s.tokens, 0)):
        return flow.frame, True
    if not mood and not first_of_paragraph and flow.before.source and views[k - 1].own \
            and continues_topic(s, doc.sentences[k - 1], clex):
        return flow.before.source, True
    ahead = cataphoric(k, doc.sentences, views) if not flow.before.source else ""
    return ahead, bool(ahead)


def attribute(doc: Document) -> Document:
    """Stage: fill `doc.attributions`, one per sentence, reading the document as a discourse
    (`attribution_discourse`)."""
    lex, clex = lexicon(doc.language), cue_lexicon(doc.language)
    mood = bool(lang.settings(lang.code(doc.language)).feature("reported_mood"))
    views = [_view(doc, s, lex, clex) for s in doc.sentences]
    quoted = quote_speakers(doc.sentences, views)
    out: list[Attribution] = []
    flow, prev = _Flow(), None
    for k, s in enumerate(doc.sentences):
        if prev is not None and s.paragraph != prev.paragraph:
            if not subheading(doc, prev, doc.sentences):
                flow.carried = flow.before.source
            flow.before, flow.frame = _Passage(), ""
        view = views[k]
        passage, inherits = _passage(doc, k, views, flow, quoted, lex, clex, mood)
        opens = prev is None or s.paragraph != prev.paragraph
        if view.anonymous:
            flow.frame = ""
        elif view.own:
            free = [c for c in view.cues if c.source == view.own]
            flow.frame = view.own if opens and free and framing(s, free[0], clex) else (
                flow.frame if view.own == flow.frame else "")
        if not view.own and passage != flow.frame:
            flow.frame = ""  # the author's own voice resumed
        out.append(Attribution(s.index, view.cues, view.own, passage, inherits, view.reported))
        dates = date_times(doc, s)
        flow.before = _Passage(passage, _sentence_time(dates) if view.own else flow.before.time, view.reported)
        prev = s
    for k in range(len(out) - 1):
        if doc.sentences[k].paragraph == doc.sentences[k + 1].paragraph:
            out[k].back = _back_reference(doc, doc.sentences[k + 1], lex) or (
                "" if out[k].passage else speaker_after_content(doc.sentences[k + 1], views[k + 1], clex))
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
