"""The data model: plain dataclasses that flow one way through the pipeline.

A `Document` is created by a reader (`ingest/`), filled in place by the
per-document stages (`text/`, `extract/`) and then written to the store.
Every offset (`start`, `end`) indexes into `Document.text`, the cleaned body.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Line:
    """One line of the raw text and the cleaner's verdict on it."""

    number: int  # 1-based line number in Document.raw_text
    text: str
    keep: bool = True
    reason: str | None = None  # why it was removed: caption, credit, navigation, ...


@dataclass
class Token:
    text: str
    start: int
    end: int
    kind: str = "regular"  # somajo token class: regular, number, ordinal, date, symbol, ...
    pos: str = ""  # STTS tag from HanTa (NE, NN, ADJA, VVFIN, ...)
    lemma: str = ""


@dataclass
class Sentence:
    index: int
    start: int
    end: int
    text: str
    tokens: list[Token] = field(default_factory=list)


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

    @property
    def aliases(self) -> list[str]:
        seen: dict[str, None] = {}
        for m in self.mentions:
            seen.setdefault(m.text, None)
        return list(seen)


@dataclass
class TimeExpr:
    text: str
    value: str | None  # ISO 8601 at the text's granularity: 2024, 2024-06, 2023-FA, P15D
    start: int
    end: int
    kind: str = "date"  # date or duration


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
    time: str | None = None  # ISO value of the time the claim refers to, if stated in its sentence
    sentence: int = 0  # index into Document.sentences
    id: str = ""  # stable id, set by the pipeline: "<doc id>:c<n>"


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
    lines: list[Line] = field(default_factory=list)
    text: str = ""  # the cleaned body; every offset below indexes into it
    sentences: list[Sentence] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    times: list[TimeExpr] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)

    @property
    def removed_lines(self) -> list[int]:
        """1-based numbers of raw lines the cleaner dropped (text inputs only)."""
        if self.raw_format == "html":
            return []
        return [ln.number for ln in self.lines if not ln.keep and ln.text.strip()]

    def sentence_at(self, offset: int) -> Sentence | None:
        for s in self.sentences:
            if s.start <= offset < s.end:
                return s
        return None
