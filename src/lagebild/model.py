"""The data model: plain dataclasses that flow one way through the pipeline.

A `Document` is created by a reader (`ingest/`), filled in place by the
per-document stages (`text/`, `extract/`) and then written to the store.

One span convention everywhere: half-open. Character offsets (`start`, `end`) index
into `Document.text` (`text[start:end]`); token spans are half-open index ranges into
`Sentence.tokens` (`tokens[start:end]`).
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from lagebild.profile import Profile

Span = tuple[int, int]  # half-open token index range


@dataclass
class Line:
    """One line of the raw text and the cleaner's verdict on it."""

    number: int  # 1-based line number in Document.raw_text (HTML: in raw_text with the dropped blocks in place)
    text: str
    keep: bool = True
    reason: str | None = None  # why it was removed: caption, credit, navigation, ...


@dataclass
class PageBlock:
    """A text block of an HTML page that the extractor left out of `Document.raw_text`."""

    text: str
    element: str  # what held it: nav, footer, aside, figcaption, "link list", or its own tag (p, h3, ...)
    before: int  # the 0-based index of the raw_text line it stood before on the page (len: after the last)


@dataclass
class Token:
    text: str
    start: int
    end: int
    kind: str = "regular"  # somajo token class: regular, number, ordinal, date, symbol, ...
    pos: str = ""  # STTS tag from HanTa (NE, NN, ADJA, VVFIN, ...)
    lemma: str = ""
    parts: tuple[str, ...] = ()  # a compound noun's parts by lemma ("Bausoldaten": Bau, Soldat); () if simple


@dataclass
class Phrase:
    """A noun phrase (token indices into `Sentence.tokens`)."""

    start: int  # first token, determiners included
    end: int  # half-open
    head: int  # the head noun (or name)
    determiners: tuple[int, ...] = ()
    modifiers: tuple[int, ...] = ()  # adjectives, noun modifiers ("spy" in "spy agency"), possessives
    numerals: tuple[int, ...] = ()
    compound: tuple[str, ...] = ()  # the head as compound parts by lemma: (Bau, Soldat); (Soldat,) if simple
    genitive: int | None = None  # index in `Syntax.phrases` of a genitive/"of" phrase attached after it
    place: Span | None = None  # a place attached after it ("der Generalstab in Seoul": "in Seoul")

    @property
    def core(self) -> int:
        """The first token after the determiners."""
        return self.determiners[-1] + 1 if self.determiners else self.start


@dataclass
class Clause:
    """A clause: its tokens (a main clause may enclose a relative clause) and what its verbs say."""

    tokens: tuple[int, ...]  # token indices, sorted
    kind: str = "main"  # main, subordinate, relative, parenthetical
    finite: int | None = None  # the finite verb
    verbs: tuple[int, ...] = ()
    modals: tuple[int, ...] = ()
    tense: str = ""  # present, past, perfect, future ("" without a finite verb)
    mood: str = ""  # indicative, subjunctive1 (Konjunktiv I), subjunctive2 (Konjunktiv II)
    negated: bool = False
    subject: Span | None = None  # the subject phrase or pronoun
    parent: int | None = None  # index of the clause it depends on or continues
    relation: str = ""  # how it joins its parent: coordinated, infinitive, embedded
    antecedent: Span | None = None  # a relative clause: the tokens before it, where its noun stands

    @property
    def start(self) -> int:
        return self.tokens[0]

    @property
    def end(self) -> int:
        return self.tokens[-1] + 1


@dataclass
class Syntax:
    """The structure of one sentence, computed once by `text.syntax` and read by every extractor."""

    phrases: list[Phrase] = field(default_factory=list)
    clauses: list[Clause] = field(default_factory=list)
    boundaries: tuple[int, ...] = ()  # punctuation tokens between clause segments (, ; : – ( ) quotes)
    breaks: tuple[int, ...] = ()  # semicolons: two sentences in one
    colons: tuple[int, ...] = ()  # colons: what follows has its own tense
    conjunct_breaks: tuple[int, ...] = ()  # where one coordinated main clause ends and the next begins
    asides: tuple[Span, ...] = ()  # relative clauses and brackets
    participials: tuple[Span, ...] = ()  # comma phrases opened by a participle (", most likely filled with")
    quotes: tuple[Span, ...] = ()  # direct quotation (token spans, the marks excluded)
    size: int = 0  # number of tokens

    def segment(self, i: int) -> Span:
        """The tokens between the clause punctuation around token i."""
        return _between(self.boundaries, i, self.size)

    def part(self, i: int) -> Span:
        """The part of the sentence between semicolons that holds token i."""
        return _between(self.breaks, i, self.size)

    def colon_part(self, i: int) -> Span:
        """The part between colons and semicolons that holds token i."""
        return _between(tuple(sorted(self.breaks + self.colons)), i, self.size)

    def colon_parts(self) -> list[Span]:
        """The parts of the sentence between colons and semicolons (each has its own tense)."""
        marks = sorted(self.breaks + self.colons)
        edges = [-1, *marks, self.size]
        return [(a + 1, b) for a, b in zip(edges, edges[1:], strict=False) if b > a + 1]

    def conjunct(self, i: int) -> Span:
        """The coordinated main clause that holds token i."""
        return _between(self.conjunct_breaks, i, self.size)

    def phrase_from(self, i: int) -> Phrase | None:
        """The noun phrase that starts at token i (its determiners or its first word)."""
        for p in self.phrases:
            if p.start <= i <= p.core and i < p.end:
                return p
        return None

    def phrase_ending(self, end: int) -> Phrase | None:
        """The noun phrase whose last token is end - 1."""
        return next((p for p in self.phrases if p.end == end), None)

    def phrase_at(self, i: int) -> Phrase | None:
        """The noun phrase that holds token i."""
        return next((p for p in self.phrases if p.start <= i < p.end), None)

    def clause_of(self, i: int) -> Clause | None:
        """The clause that holds token i."""
        return next((c for c in self.clauses if i in c.tokens), None)


def _between(marks: tuple[int, ...], i: int, size: int) -> Span:
    """The half-open span between the marks (or the sentence edges) around token i; a mark
    at i itself belongs to the span it stands in."""
    k = bisect_left(marks, i)
    first = marks[k - 1] + 1 if k > 0 else 0
    j = bisect_right(marks, i)
    last = marks[j] if j < len(marks) else size
    return first, last


@dataclass
class Sentence:
    index: int
    start: int
    end: int
    text: str
    tokens: list[Token] = field(default_factory=list)
    paragraph: int = 0  # index of the paragraph (non-blank line of the text) it stands in
    headline: bool = False  # it is (part of) the headline
    syntax: Syntax = field(default_factory=Syntax)


@dataclass
class Mention:
    text: str
    start: int
    end: int


@dataclass
class Entity:
    canonical: str
    type: str  # PER, ORG or LOC
    mentions: list[Mention] = field(default_factory=list)
    confidence: float = 1.0  # how sure the type (and that it is a name) is; below 0.5 a guess

    @property
    def aliases(self) -> list[str]:
        seen: dict[str, None] = {}
        for m in self.mentions:
            seen.setdefault(m.text, None)
        return list(seen)


@dataclass
class TimeExpr:
    text: str
    value: str | None  # ISO 8601 / TIMEX3 at the text's granularity: 2024, 2024-06, 2023-FA, P15D
    start: int
    end: int
    kind: str = "date"  # date (a point), duration or set
    type: str = "DATE"  # TIMEX3 type: DATE, TIME, DURATION or SET
    anchor: str | None = None  # the date it was resolved against (publication or a date named before)


@dataclass(frozen=True)
class Quantity:
    """A number in a sentence as the quantities stage reads it: value, bounds, unit and
    what it counts by the words around it. Later stages read it and never change it."""

    sentence: int  # index into Document.sentences
    value: float
    start: int  # char offsets of the quoted span (bound word .. measure), half-open
    end: int
    first: int  # token span of the quoted span in the sentence, half-open
    stop: int
    number: int  # token index of the (first) number token
    value_max: float | None = None
    approx: bool = False
    vague: bool = False
    bound: str = ""  # "approx" or "max" (bis zu / up to)
    unit: str = "other"
    measure: str = ""
    measure_lemma: str = ""
    head: int | None = None  # token index of the counted noun
    anaphoric: bool = False  # counted by a bare count noun ("their number", "the total")
    in_date: bool = False  # the number stands inside a date expression ("am 12. März 2024")

    @property
    def has_head(self) -> bool:
        return self.head is not None


@dataclass(frozen=True)
class Cue:
    """A place in a sentence that says who says so ("laut X", "X sagte")."""

    sentence: int
    token: int  # token index of the cue word
    source: str  # who, as written


@dataclass
class Attribution:
    """Who the statements of one sentence are attributed to (the attribution stage)."""

    sentence: int
    cues: tuple[Cue, ...] = ()
    own: str = ""  # the source of the sentence as a whole (a cue outside asides)
    passage: str = ""  # the source the sentence hands on: its own, or the one it continues
    inherits: bool = False  # it continues the report of the sentence before (indirect speech)
    reported: bool = False  # it is in indirect speech or a hearsay report itself
    back: str = ""  # the next sentence names this one's source ("Das teilte X mit.")


@dataclass
class Claim:
    """A quantitative claim: a number, what it counts, who says so, how firmly."""

    text: str  # the quoted span around the number
    value: float
    start: int
    end: int
    value_max: float | None = None
    approx: bool = False
    vague: bool = False
    unit: str = "other"  # person, item, container, shell, missile, percent, usd, eur, km, kg, t, day, year, other
    measure: str = ""  # what is counted, as written ("nordkoreanische Soldaten")
    measure_lemma: str = ""  # lemmatised measure head for grouping ("Soldat")
    source: str = ""  # who it is attributed to, as written; "" when asserted without attribution
    hedged: bool = False
    hedge: str = ""  # the cue word that makes it hedged ("soll", "Schätzungen")
    hedge_reason: str = ""  # why: reported, estimate, expectation, forecast, uncertain, interested party
    time: str | None = None  # ISO value of the time the claim refers to, if stated in its sentence
    sentence: int = 0  # index into Document.sentences
    id: str = ""  # stable id, set by the pipeline: "<doc id>:c<n>"
    # what its clause says about the count (for grouping across documents)
    qualifiers: tuple[str, ...] = ()  # killed, wounded, initial, additional; prospective (may still come)
    origin: str = ""  # where the counted things come from ("aus Indien" -> India)
    destination: str = ""  # where they go ("nach Russland" -> Russia)
    bound_side: str = ""  # "min" for a floor ("mehr als"), "max" for a ceiling ("bis zu")
    place: str = ""  # where the figure counts: canonical places joined by "+" ("Syria+Turkey"), "*" the whole area


@dataclass
class Event:
    kind: str  # visit, meeting, treaty, delivery, deployment, attack
    trigger: str
    start: int
    end: int
    sentence: int
    participants: list[str] = field(default_factory=list)
    place: str | None = None
    time: str | None = None


@dataclass
class Document:
    id: str
    source: str  # file path or URL it came from
    raw: str  # the raw input exactly as read (the HTML for .html inputs)
    raw_format: str  # txt, html, jsonl, md, pdf, docx, eml
    raw_text: str = ""  # the text whose lines `removed_lines` count (txt: the file; jsonl: its text field)
    raw_bytes: bytes | None = None  # the input file itself when it is binary (PDF, DOCX); `raw` is then its text
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    language: str | None = None
    published: str | None = None  # ISO date at the precision known: 2025-06-17, 2025-07, 2024
    meta: dict[str, Any] = field(default_factory=dict)
    dropped: list[PageBlock] = field(default_factory=list)  # HTML: the page's blocks outside raw_text (not stored)
    lines: list[Line] = field(default_factory=list)
    text: str = ""  # the cleaned body; every offset below indexes into it
    sentences: list[Sentence] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    times: list[TimeExpr] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)  # every number read as a quantity (not stored)
    attributions: list[Attribution] = field(default_factory=list)  # who says what, per sentence (not stored)
    claims: list[Claim] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    profile: Profile | None = None  # the analyst's story profile, for stages that use one (not stored)

    @property
    def removed_lines(self) -> list[int]:
        """1-based numbers of raw lines the cleaner dropped (text inputs only: an HTML page's
        `lines` are numbered in the page, with the blocks trafilatura dropped, not in a raw text)."""
        if self.raw_format == "html":
            return []
        return [ln.number for ln in self.lines if not ln.keep and ln.text.strip()]

    def sentence_at(self, offset: int) -> Sentence | None:
        for s in self.sentences:
            if s.start <= offset < s.end:
                return s
        return None
