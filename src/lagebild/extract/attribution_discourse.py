"""Attribution as discourse: how far a source reaches beyond the sentence that names it.

News writing names a source once and lets it hold over a passage. Read from the whole
document once (the attribution stage builds it before any claim is made), a `Discourse`
says, for each sentence without a source of its own, whose passage it continues:

- a paragraph opened by a framing attribution ("Nach Angaben von X ...", "Dem
  Ministerium zufolge ...", "According to X, ...", "Wie X berichtete, ...") holds for the
  sentences of the paragraph that add to that report ("Die Polizei hat zudem ...", "Weitere
  30 Helfer ..."; `attribution_additives.txt`), until one does not or another source starts;
- indirect speech (Konjunktiv I) at the start of a paragraph continues the report the
  paragraph before ended with (a subheading between them does not end it);
- a language without a reported-speech mood ("said" + a back-shifted clause) continues a
  report into the next sentence of the paragraph when that sentence is about what the report
  was about: its subject is a pronoun or a noun the report named ("AFAD said the quake struck
  ... The quake occurred at a depth of ...");
- a direct quotation that runs over several sentences belongs to the speaker named after it
  closes ("“... . ...,” she said."), and a quotation right after a quoted speaker's sentence
  continues that speaker;
- indirect speech with no source before it takes the source the next sentence names
  ("Es werde geschätzt, dass ... Über eine Million ..., wie X sagte.");
- a statement followed by a sentence that continues it with a pronoun and names its speaker
  after the content ("Nordkorea schickt 5000 Soldaten. Sie sollen ... helfen, teilte X mit.")
  takes that speaker (`back`).

A passage ends where another source starts or the author's own voice resumes (an
indicative sentence with no reporting frame outside a framed paragraph).
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from lagebild.extract.attribution_base import AttributionLexicon, frame_segment
from lagebild.model import Cue, Document, Sentence
from lagebild.text.tokens import QUOTES

_OPEN = frozenset({"„", "“", "»", '"'})
_SENTENCE_END = frozenset(".!?")


@dataclass(frozen=True)
class SentenceView:
    """What the discourse needs to know about one sentence."""

    own: str  # its own source
    cues: tuple[Cue, ...]
    reported: bool  # indirect speech or hearsay
    subjunctive: bool  # a clause in Konjunktiv I
    anonymous: bool = False  # reported without a reporter ("Aus Syrien wurden 3317 Tote gemeldet")


def framing(s: Sentence, cue: Cue, lex: AttributionLexicon) -> bool:
    """The cue frames what follows: a preposition of attribution ("laut", "nach Angaben",
    "zufolge", "according to") or a clause opened by "wie"/"as" ("Wie X berichtete, ...")."""
    word = s.tokens[cue.token].text.lower()
    if word in lex.preposition_words.by_first or any(word == p[-1] for p in lex.prepositions):
        return True
    first, _ = frame_segment(s, cue.token)
    return s.tokens[first].text.lower() in lex.particles


def subheading(doc: Document, s: Sentence, sentences: Sequence[Sentence]) -> bool:
    """A one-line paragraph without a full stop at its end ("Pjöngjang liefert Waffen")."""
    para = [t for t in sentences if t.paragraph == s.paragraph]
    line = doc.text[para[0].start:para[-1].end].strip()
    return len(para) == 1 and line[-1:] not in _SENTENCE_END and len(s.tokens) <= 15


def _opens_quote(s: Sentence) -> bool:
    """The sentence opens a quotation it does not close."""
    marks = [t.text for t in s.tokens if t.text in QUOTES]
    return bool(marks) and marks[-1] in _OPEN and (len(marks) % 2 == 1)


def _closes_quote(s: Sentence) -> int | None:
    """The token of a closing quotation mark the sentence starts without opening it."""
    marks = [(k, t.text) for k, t in enumerate(s.tokens) if t.text in QUOTES]
    if marks and len(marks) % 2 == 1 and marks[0][0] > 0:
        return marks[0][0]
    return None


def _speaker_after(s: Sentence, view: SentenceView, mark: int) -> str:
    """The source a cue names after token `mark` ("...,” she said.")."""
    after = [c for c in view.cues if c.token > mark]
    return after[0].source if after else ""


def quote_speakers(sentences: Sequence[Sentence], views: Sequence[SentenceView]) -> dict[int, str]:
    """Sentences inside a quotation that runs on to a later sentence naming its speaker, and
    all-quote sentences right after a quoted speaker's sentence (same paragraph)."""
    found: dict[int, str] = {}
    k = 0
    while k < len(sentences):
        if _opens_quote(sentences[k]) and not views[k].own:
            for j in range(k + 1, min(k + 6, len(sentences))):
                if sentences[j].paragraph != sentences[k].paragraph:
                    break
                mark = _closes_quote(sentences[j])
                if mark is not None:
                    speaker = _speaker_after(sentences[j], views[j], mark)
                    if speaker:
                        found.update({i: speaker for i in range(k, j)})
                    break
        k += 1
    for k in range(1, len(sentences)):
        s, prev = sentences[k], sentences[k - 1]
        if views[k].own or k in found or s.paragraph != prev.paragraph or not s.tokens:
            continue
        marks = [i for i, t in enumerate(prev.tokens) if t.text in QUOTES]
        if s.tokens[0].text in _OPEN and marks:
            speaker = _speaker_after(prev, views[k - 1], marks[-1])
            if speaker:
                found[k] = speaker
    return found


def continues_topic(s: Sentence, before: Sentence, lex: AttributionLexicon) -> bool:
    """The sentence goes on about what the report before it said: its subject is a
    third-person pronoun or a noun the report named, and it stays in the past tense."""
    main = next((c for c in s.syntax.clauses if c.kind == "main" and c.finite is not None), None)
    if main is None or main.subject is None or main.tense not in ("past", "perfect"):
        return False
    first, end = main.subject
    words = [t for t in s.tokens[first:end] if t.pos not in ("ART", "PDAT")]
    if not words:
        return False
    if len(words) == 1 and words[0].pos == "PPER" and words[0].text.lower() in lex.dummies | {"they", "sie", "er"}:
        return True
    head = s.tokens[end - 1].lemma.lower()
    return any(t.lemma.lower() == head and t.pos.startswith("NN") for t in before.tokens)


def cataphoric(k: int, sentences: Sequence[Sentence], views: Sequence[SentenceView]) -> str:
    """Indirect speech with no source before it takes the one the next sentence names."""
    if k + 1 >= len(sentences) or sentences[k + 1].paragraph != sentences[k].paragraph:
        return ""
    return views[k + 1].own if views[k].subjunctive else ""


def speaker_after_content(s: Sentence, view: SentenceView, lex: AttributionLexicon) -> str:
    """"Sie sollen ... helfen, teilte X mit.": a sentence opened by a personal pronoun whose
    speaker is named after what is said."""
    if not s.tokens or s.tokens[0].pos != "PPER" or s.tokens[0].text.lower() in lex.dummies or not view.own:
        return ""  # "Es gebe ...": a dummy subject refers back to nothing
    cue = view.cues[0]
    first, _ = frame_segment(s, cue.token)
    return view.own if first > 0 and s.tokens[first - 1].text == "," else ""
