"""Stage: the structure of every sentence, computed once and read by every extractor.

For each sentence of `doc.sentences` it fills `Sentence.syntax` (noun phrases,
clauses, the punctuation and coordination that bound the reach of a cue word, asides,
direct quotations) and `Sentence.headline`. Noun phrases come from `text.phrases`,
clauses from `text.clauses`; what they need to know about the language from
`text.grammar` (data in `lang/<code>/`). No extractor splits clauses or chunks phrases
on its own.
"""
from __future__ import annotations

from collections.abc import Sequence

from lagebild.model import Document, Sentence, Span, Syntax, Token
from lagebild.text import clauses as cl
from lagebild.text.grammar import Grammar, grammar
from lagebild.text.phrases import noun_phrases
from lagebild.text.tokens import QUOTES

_OPENING = frozenset({"„", "“", "»", "«", '"'})
_CLOSING = {"„": "“”", "“": "”“", "»": "«", "«": "»", '"': '"'}
_SENTENCE_END = frozenset(".!?")


def analyse(tokens: Sequence[Token], g: Grammar) -> Syntax:
    """The structure of one tagged sentence."""
    phrases = noun_phrases(tokens, g)
    return Syntax(
        phrases=phrases, clauses=cl.analyse_clauses(tokens, phrases, g), boundaries=cl.boundaries(tokens),
        breaks=tuple(i for i, t in enumerate(tokens) if t.text == ";"),
        colons=tuple(i for i, t in enumerate(tokens) if t.text == ":"),
        conjunct_breaks=cl.conjunct_breaks(tokens), asides=cl.asides(tokens, g),
        participials=cl.participials(tokens), quotes=quotations(tokens), size=len(tokens),
    )


def quotations(tokens: Sequence[Token]) -> tuple[Span, ...]:
    """Token spans inside matching quotation marks (the marks excluded). An opening mark
    without its closing one in the sentence quotes up to the sentence end."""
    spans: list[Span] = []
    i = 0
    while i < len(tokens):
        mark = tokens[i].text
        if mark in _OPENING and i + 1 < len(tokens) and tokens[i + 1].text not in QUOTES:
            close = next((k for k in range(i + 1, len(tokens)) if tokens[k].text in _CLOSING[mark]), None)
            end = close if close is not None else len(tokens)
            spans.append((i + 1, end))
            i = end + 1
            continue
        i += 1
    return tuple(spans)


def _headlines(doc: Document) -> set[int]:
    """Sentences of the headline: the first paragraph, when it is the title or a line
    without a full stop at its end."""
    first = [s for s in doc.sentences if s.paragraph == 0]
    if not first or len(doc.sentences) == len(first):
        return set()
    line = doc.text[first[0].start:first[-1].end].strip()
    titled = bool(doc.title) and line == (doc.title or "").strip()
    if titled or line[-1:] not in _SENTENCE_END:
        return {s.index for s in first}
    return set()


def syntax(doc: Document) -> Document:
    """Stage: fill `Sentence.syntax` and `Sentence.headline` for every sentence of `doc`."""
    g = grammar(doc.language)
    headline = _headlines(doc)
    for sentence in doc.sentences:
        sentence.syntax = analyse(sentence.tokens, g)
        sentence.headline = sentence.index in headline
    return doc


def sentence_syntax(sentence: Sentence, language: str | None) -> Syntax:
    """The structure of one sentence outside the pipeline (tests, untagged tools)."""
    return analyse(sentence.tokens, grammar(language))
